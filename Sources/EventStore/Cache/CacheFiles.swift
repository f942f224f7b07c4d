import Foundation

/// The cache's file operations: private folders and files (0700, 0600), appends, and replacements that a reader
/// sees whole or not at all.
enum CacheFiles {
  /// Creates `folder` and the folders above it that are missing, each with mode 0700.
  static func makeFolders(_ folder: String) throws {
    var path = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      path += "/" + part
      if mkdir(path, 0o700) != 0 && errno != EEXIST {
        throw CacheError(message: "\(path): cannot create the folder: \(String(cString: strerror(errno)))")
      }
    }
  }

  /// The file's bytes; nil when there is no file; the reason when it cannot be read.
  static func read(_ path: String) -> Result<[UInt8]?, CacheError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      return errno == ENOENT
        ? .success(nil) : .failure(CacheError(message: "cannot read: \(String(cString: strerror(errno)))"))
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { return .failure(CacheError(message: "cannot read: \(String(cString: strerror(errno)))")) }
      if n == 0 { return .success(bytes) }
      bytes += chunk[..<n]
    }
  }

  /// Appends `bytes` to the file, creating it with mode 0600.
  static func append(_ bytes: [UInt8], to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return writeAll(fd, bytes)
  }

  /// Replaces the file with `bytes`: written beside it with mode 0600, then renamed over it.
  static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
    let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    let written = writeAll(fd, bytes)
    close(fd)
    guard written, rename(temporary, path) == 0 else {
      unlink(temporary)
      return false
    }
    return true
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
}

/// A cache file or folder that cannot be used.
public struct CacheError: Error, CustomStringConvertible {
  /// What went wrong, with the path.
  public var message: String
  /// The message.
  public var description: String { message }
}
