import Foundation

/// Files only their owner may read: folders made 0700, files 0600, appends, and replacements that a reader sees
/// whole or not at all. Used by the cache and by the config file.
public enum PrivateFiles {
  /// Creates `folder` and the folders above it that are missing, each with mode 0700; throws "PATH: cannot create
  /// the folder: REASON".
  public static func makeFolders(_ folder: String) throws(CacheError) {
    var path = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      path += "/" + part
      if mkdir(path, 0o700) != 0 && errno != EEXIST { throw failure(path, "cannot create the folder") }
    }
  }

  /// The file's bytes (at most `limit`); nil when there is no file; the reason when it cannot be read.
  public static func read(_ path: String, limit: Int = Int.max) -> Result<[UInt8]?, CacheError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return errno == ENOENT ? .success(nil) : .failure(failure(path, "cannot read")) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { return .failure(failure(path, "cannot read")) }
      if n == 0 { return .success(bytes) }
      guard bytes.count + n <= limit else {
        return .failure(CacheError(message: "\(path): larger than \(limit) bytes"))
      }
      bytes += chunk[..<n]
    }
  }

  /// Appends `bytes` to the file, creating it with mode 0600.
  @discardableResult
  public static func append(_ bytes: [UInt8], to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return writeAll(fd, bytes)
  }

  /// Replaces the file with `bytes`: written beside it with mode 0600 (synced to disk when `sync`), then renamed
  /// over it; nothing is left beside it when that fails. Throws "PATH: cannot write: REASON".
  public static func replace(_ path: String, with bytes: [UInt8], sync: Bool = false) throws(CacheError) {
    let slash = path.lastIndex(of: "/")
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let temporary = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw failure(temporary, "cannot create") }
    var failed: Int32 = 0
    if !writeAll(fd, bytes) || (sync && fsync(fd) != 0) { failed = errno }
    if close(fd) != 0 && failed == 0 { failed = errno }
    if failed == 0 && rename(temporary, path) != 0 { failed = errno }
    guard failed == 0 else {
      unlink(temporary)
      throw CacheError(message: "\(path): cannot write: \(String(cString: strerror(failed)))")
    }
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      offset += n
    }
    return true
  }

  /// "PATH: WHAT: the system's reason".
  private static func failure(_ path: String, _ what: String) -> CacheError {
    CacheError(message: "\(path): \(what): \(String(cString: strerror(errno)))")
  }
}

/// A private file or folder that cannot be used: the path and the reason.
public struct CacheError: Error, CustomStringConvertible {
  /// What went wrong, with the path.
  public var message: String
  /// The message.
  public var description: String { message }
}
