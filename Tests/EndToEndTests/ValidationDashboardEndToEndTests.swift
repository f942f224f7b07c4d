import Foundation
import TestSupport
import Testing

/// `trailview --validate` in the real terminal: a local copy of a trail's bucket with four signed hourly digests, one
/// log file changed by one byte after delivery. Once loaded, the changed file's event is marked ✗ and no other is;
/// its detail says MODIFIED; the problems list names the file; the status line counts the verdicts.
@Suite(
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed; terminal tests skipped"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: DigestOracle.available, "python3 with awscli and rsa is not installed; skipped"))
struct ValidationDashboardEndToEndTests {
  @Test func eventsFromAChangedLogFileAreMarked() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let logs = try DigestOracle.writeCopy(hours: 4, in: folder)
    // Change user-2's name in its file after the digest was signed: same length, one byte.
    let altered = logs[2].text.replacingOccurrences(of: "user-2", with: "user-X")
    #expect(altered != logs[2].text)
    LogTree.write(altered, to: String(logs[2].url.path.dropFirst(folder.path.count + 1)), under: folder, gzip: true)
    let binary = BuiltProducts.path("trailview")!
    let command =
      "\(binary) --validate \(folder.appendingPathComponent("copy").path) --public-keys "
      + folder.appendingPathComponent("keys.json").path
    let session = try TmuxSession(
      command: command, width: 200, height: 30,
      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"])
    defer { session.kill() }
    let screen = try session.waitFor(text: "validation: digest files")
    let rows = screen.filter { $0.contains(" W  ListBuckets") }
    #expect(rows.count == 4, "\(screen.joined(separator: "\n"))")
    #expect(rows.filter { $0.hasPrefix(" ✗") }.count == 1)
    #expect(rows.first { $0.hasPrefix(" ✗") }?.contains("user-X") == true)
    #expect(screen.contains { $0.contains("log files 3/4 valid, 1 modified") })
    try session.sendKeys(.text("j"))
    let detail = try session.waitFor(text: "EVIDENCE  MODIFIED")
    #expect(detail.contains { $0.contains("its SHA-256 is not the one its digest holds") })
    try session.sendKeys(.text("p"))
    let problems = try session.waitFor(text: "Problems")
    #expect(problems.contains { $0.contains("CloudTrail_us-east-1_20261201T0230Z") && $0.contains("log file INVALID") })
  }
}
