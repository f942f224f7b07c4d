import Foundation
import Testing

/// Compares text lines with a snapshot stored beside the test file in `__Snapshots__/NAME.txt`.
///
/// With `RECORD_SNAPSHOTS=1` in the environment the snapshot is (re)written instead, and the test is recorded as
/// an issue so that a recording run can never pass silently.
public func assertSnapshot(
  _ lines: [String], named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
  let file = folder.appendingPathComponent("\(name).txt")
  let text =
    lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    .joined(separator: "\n") + "\n"
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? text.write(to: file, atomically: true, encoding: .utf8)
    Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
    Issue.record("missing snapshot \(file.path); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  if expected != text {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = text.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    Issue.record(
      """
      snapshot \(name) differs at line \(firstDiff + 1)
      expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")
      actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
      --- actual ---
      \(text)
      """, sourceLocation: sourceLocation)
  }
}
