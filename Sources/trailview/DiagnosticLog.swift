import CloudTrailModel
import EventStore
import Foundation
import Synchronization

/// The `-v` / `-vv` log: stderr, or the `--log` file. Every line goes through the sanitizer; callers pass only
/// what is safe to show (never secrets, session tokens, signatures or request headers).
final class DiagnosticLog: Sendable {
  /// 0 quiet, 1 source, credentials' origin, notes and a summary, 2 every API request too.
  let level: Int
  /// True when the log writes to stderr (so print mode need not repeat its notes there).
  let toStderr: Bool
  private let output: Mutex<FileHandle?>

  /// A log at `level` writing to stderr (print mode) or to `path`; the dashboard cannot use stderr.
  init(level: Int, path: String?, screenInUse: Bool) throws {
    let effective = path != nil ? max(level, 1) : level
    self.level = effective
    self.toStderr = path == nil && effective > 0
    guard effective > 0 else {
      output = Mutex(nil)
      return
    }
    if let path {
      guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
        let handle = FileHandle(forWritingAtPath: path)
      else { throw StartupError(message: "cannot write the log file \(DisplayText.sanitize(path))") }
      output = Mutex(handle)
    } else if screenInUse {
      throw StartupError(message: "-v with the dashboard needs --log FILE (the screen is in use); or use --print")
    } else {
      output = Mutex(FileHandle.standardError)
    }
  }

  /// Writes `text` when the log is at `minimum` or more.
  func say(_ minimum: Int, _ text: String) {
    guard level >= minimum else { return }
    let stamp = Date().formatted(.iso8601)
    let line = "trailview: \(stamp) \(DisplayText.sanitize(text))\n"
    output.withLock { try? $0?.write(contentsOf: Data(line.utf8)) }  // never trap on EPIPE or a full disk
  }

  /// "2,926 events loaded from 59 pages, 12 shown; 1 problem; 3 duplicates dropped" (print mode: "12 events loaded
  /// from 59 files, 12 shown; 2,914 more read and left out by the filter").
  static func summary(_ snapshot: EventSnapshot) -> String {
    let progress = snapshot.progress
    var text = "\(snapshot.total) events loaded from \(progress.done) \(progress.unit), \(snapshot.count) shown"
    if !progress.problems.isEmpty { text += "; \(progress.problems.count) problems" }
    if progress.leftOut > 0 { text += "; \(progress.leftOut) more read and left out by the filter" }
    if progress.duplicates > 0 { text += "; \(progress.duplicates) duplicates dropped" }
    return text
  }
}
