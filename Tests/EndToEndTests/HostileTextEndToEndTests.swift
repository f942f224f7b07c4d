import Foundation
import TestSupport
import Testing

/// Attacker-controlled text in every field: nothing reaches the terminal raw.
@Suite(.serialized, .enabled(if: TmuxSession.isTmuxAvailable && BuiltProducts.path("trailview") != nil))
struct HostileTextEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  /// Payloads as JSON string contents (escaped as they would be in a delivered log file).
  static let payloads: [String] = [
    "\\u001b[2J\\u001b[Hcleared",  // CSI clear screen and cursor home
    "\\u001b]0;pwned-title\\u0007",  // OSC 0 window title
    "\\u001b]2;pwned-title2\\u001b\\\\",  // OSC 2 with ST
    "\\u001b]8;;https://evil.example/\\u001b\\\\click\\u001b]8;;\\u001b\\\\",  // OSC 8 hyperlink
    "\\u001b]52;c;cHduZWQ=\\u0007",  // OSC 52 clipboard write
    "\\u001bPqdcs\\u001b\\\\",  // DCS
    "\\u009b2J8bit",  // 8-bit CSI
    "bell\\u0007back\\b\\bspace\\roverwrite",  // BEL, backspace, CR
    "admin\\u202etxt.exe",  // bidi override
    "arn:aws:iam::123456789012:user/ad\\u200bmin",  // zero-width spoofing
  ]

  static func tree() -> URL {
    let root = LogTree.temporaryFolder()
    var records: [String] = []
    for (i, payload) in payloads.enumerated() {
      records.append(
        LogTree.record(
          time: String(format: "2024-05-01T10:%02d:00Z", i), name: "Evil\(payload)", user: "u\(payload)",
          source: "s3.amazonaws.com", region: "us-east-1", ip: "ip\(payload)", errorCode: "E\(payload)",
          eventID: "h\(i)", extra: "\"userAgent2\":\"\(payload)\""))
    }
    LogTree.write(LogTree.recordsFile(records), to: "hostile.json", under: root)
    return root
  }

  @Test func screenStaysIntactAndShowsTokens() throws {
    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(Self.tree().path)'", width: 160, height: 48,
      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.setOption("set-clipboard", "on")
    let titleBefore = try tmux.paneTitle()
    let screen = try tmux.waitFor(text: "Loaded 1 file")
    // Walk through every event so that each one is drawn in the detail pane too.
    for _ in Self.payloads.indices { try tmux.sendKeys(.down) }
    try tmux.sendKeys(.enter, .pageDown, .pageDown)
    let after = try tmux.waitFor(text: "Enter/Esc: back")
    for lines in [screen, after] {
      #expect(lines.count == 48)
      #expect(lines.first?.contains("trailview") == true)
      #expect(lines.last?.contains("Loaded 1 file") == true)
      #expect(!lines.contains { $0.contains("\u{1b}") || $0.contains("\u{9b}") || $0.contains("\u{202e}") })
    }
    let rows = screen.filter { $0.tableRow.hasPrefix("2024-05-01") }
    #expect(rows.count == Self.payloads.count)
    #expect(screen.contains { $0.contains("\\x1b") })
    #expect(try tmux.paneTitle() == titleBefore)
    #expect(try tmux.bufferNames().isEmpty)
  }

  @Test func printTableAndCSVCarryNoControlBytes() throws {
    for format in ["table", "csv"] {
      let out = try Subprocess.run(Self.binary, ["--print", "--format", format, Self.tree().path])
      #expect(out.status == 0)
      let bad = out.stdout.filter { $0 == 0x1b || $0 == 0x07 || $0 == 0x08 || ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D) }
      #expect(bad.isEmpty, "\(format) output carries raw control bytes")
      #expect(!out.text.contains("\u{9b}") && !out.text.contains("\u{202e}") && !out.text.contains("\u{200b}"))
      #expect(out.text.contains("\\x1b"))
    }
  }

  @Test func jsonOutputKeepsRecordsExactAndValid() throws {
    let out = try Subprocess.run(Self.binary, ["--print", Self.tree().path])
    let lines = out.text.split(separator: "\n")
    #expect(lines.count == Self.payloads.count)
    for line in lines {
      let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect((object["eventName"] as? String)?.hasPrefix("Evil") == true)
    }
    #expect(!out.stdout.contains(0x1b))
  }
}
