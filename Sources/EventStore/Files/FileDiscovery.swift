import Foundation

/// A file found under the user's paths, with what its name says.
public struct DiscoveredFile: Sendable, Equatable {
  /// The path as it will be shown in messages.
  public var path: String
  /// The key layout facts.
  public var key: LogFileKey
  /// Modification time, for ordering files whose names carry no time.
  public var modified: Int64
}

/// A path that could not be used, with the reason.
public struct LoadProblem: Error, Sendable, Equatable {
  /// The file, folder, or request.
  public var source: String
  /// Why.
  public var reason: String

  /// Creates a problem.
  public init(source: String, reason: String) {
    self.source = source
    self.reason = reason
  }
}

/// Walks the user's files and folders and lists the CloudTrail log files to read, newest first.
public enum FileDiscovery {
  /// File name endings read when walking folders (files named explicitly are always read).
  static let extensions = [".json", ".json.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"]

  /// Lists files under `paths` (recursively, without following symbolic-link loops), skipping digests.
  ///
  /// Only regular files are listed. A FIFO, device or socket given as a path, or met in a folder under a log file's
  /// name (directly or through a symbolic link), is reported as a problem and never opened.
  ///
  /// - Returns: the files, newest delivery first, and the problems met while walking.
  public static func discover(_ paths: [String]) -> (files: [DiscoveredFile], problems: [LoadProblem]) {
    var files: [DiscoveredFile] = []
    var problems: [LoadProblem] = []
    var visited = Set<String>()
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else {
        problems.append(LoadProblem(source: path, reason: String(cString: strerror(errno))))
        continue
      }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        let before = files.count
        walk(path, into: &files, problems: &problems, visited: &visited, depth: 0)
        if files.count == before {
          problems.append(LoadProblem(source: path, reason: "no CloudTrail log files (.json, .json.gz, .jsonl) here"))
        }
      } else if (info.st_mode & S_IFMT) == S_IFREG {
        files.append(DiscoveredFile(path: path, key: LogFileKey(path: path), modified: Int64(info.st_mtim.tv_sec)))
      } else {
        problems.append(LoadProblem(source: path, reason: "not a regular file or folder: \(kindName(info.st_mode))"))
      }
    }
    files.removeAll { $0.key.isDigest }
    files.sort(by: newerFirst)
    return (files, problems)
  }

  /// Newest delivery first; files without a time in their name by modification time; then by path.
  static func newerFirst(_ a: DiscoveredFile, _ b: DiscoveredFile) -> Bool {
    let ta = a.key.deliveryTime ?? a.modified
    let tb = b.key.deliveryTime ?? b.modified
    if ta != tb { return ta > tb }
    return a.path < b.path
  }

  private static func walk(
    _ folder: String, into files: inout [DiscoveredFile], problems: inout [LoadProblem],
    visited: inout Set<String>, depth: Int
  ) {
    guard depth < 64 else {
      problems.append(LoadProblem(source: folder, reason: "folders nested too deep; not read"))
      return
    }
    guard let real = realpath(folder, nil) else { return }
    let canonical = String(cString: real)
    free(real)
    guard visited.insert(canonical).inserted else { return }
    guard let dir = opendir(folder) else {
      problems.append(LoadProblem(source: folder, reason: String(cString: strerror(errno))))
      return
    }
    defer { closedir(dir) }
    var entries: [(name: String, type: UInt8)] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name == "." || name == ".." || name == "CloudTrail-Digest" { continue }
      entries.append((name, entry.pointee.d_type))
    }
    for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      // The directory entry's type saves a stat per file; links and unknown types are resolved with stat.
      var kind = type == UInt8(DT_DIR) ? S_IFDIR : (type == UInt8(DT_REG) ? S_IFREG : 0)
      var modified: Int64?
      if kind == 0 {
        var info = stat()
        guard stat(path, &info) == 0 else {
          problems.append(LoadProblem(source: path, reason: String(cString: strerror(errno))))
          continue
        }
        kind = info.st_mode & S_IFMT
        modified = Int64(info.st_mtim.tv_sec)
      }
      switch kind {
      case S_IFDIR:
        walk(path, into: &files, problems: &problems, visited: &visited, depth: depth + 1)
      case S_IFREG:
        guard looksLikeLog(name) else { continue }
        let key = LogFileKey(path: path)
        if key.deliveryTime == nil && modified == nil {
          var info = stat()
          modified = stat(path, &info) == 0 ? Int64(info.st_mtim.tv_sec) : 0
        }
        files.append(DiscoveredFile(path: path, key: key, modified: modified ?? 0))
      default:
        // A FIFO, device or socket (often a link to one) named like a log file is named, never opened: reading a
        // FIFO blocks and /dev/zero never ends.
        guard looksLikeLog(name) else { continue }
        problems.append(LoadProblem(source: path, reason: "not a regular file: \(kindName(kind))"))
      }
    }
  }

  /// True when `name` ends like a log file (``extensions``, any case).
  private static func looksLikeLog(_ name: String) -> Bool {
    let lower = name.lowercased()
    return extensions.contains { lower.hasSuffix($0) }
  }

  /// What a non-regular file is, from its `st_mode`.
  static func kindName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "an unknown file type"
    }
  }
}
