import Foundation

/// Writes to stderr without trapping when its reader has gone (EPIPE, since SIGPIPE is ignored) or the disk is full.
enum StandardError {
  /// Writes `text` as is (callers sanitize what came from data).
  static func write(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
  }
}
