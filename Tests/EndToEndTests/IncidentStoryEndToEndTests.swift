import Foundation
import TestSupport
import Testing

/// The demo incident told with pivots only, never typing a value: from the trail that was stopped to the
/// StopLogging call, its access key's events, a summary by event name, two marked events compared, the key's events
/// exported and read back with jq, and one event copied to the clipboard.
@Suite(
  .serialized,
  .enabled(
    if: TmuxSession.isTmuxAvailable && BuiltProducts.path("trailview") != nil && JQ.path != nil,
    "needs tmux, the release binary and jq"))
struct IncidentStoryEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"
  static let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"]
  static let jq: String? = ["/usr/bin/jq", "/usr/local/bin/jq"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The first screen line (below the table's column titles) whose text contains `text`, as a row offset.
  func tableRow(_ screen: [String], containing text: String) throws -> Int {
    try row(screen, containing: text)
      ?? { throw TmuxError.timedOut(waitingFor: "a row with \(text)", screen: screen) }()
  }

  /// Like ``tableRow(_:containing:)``, nil when no row has the text.
  func row(_ screen: [String], containing text: String) -> Int? {
    guard let header = screen.firstIndex(where: { $0.tableRow.hasPrefix("Time ") }) else { return nil }
    let end = screen[(header + 1)...].firstIndex { $0.hasPrefix(" Detail") || $0.hasPrefix(" Trails") } ?? screen.count
    guard let row = screen[(header + 1)..<end].firstIndex(where: { $0.contains(text) }) else { return nil }
    return row - header - 1
  }

  /// "6 / 3,004 events" in the header, as numbers.
  static func counts(_ header: String) -> (shown: Int, total: Int)? {
    guard let range = header.range(of: #"[0-9,]+ / [0-9,]+ events"#, options: .regularExpression) else { return nil }
    let numbers = header[range].split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
    return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
  }

  @Test func theIncidentWithPivotsOnly() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let tmux = try TmuxSession(
      command: "cd '\(folder.path)' && \(Self.binary) --demo --demo-page-ms 5", width: 200, height: 50,
      environment: Self.environment)
    defer { tmux.kill() }
    try tmux.setOption("set-clipboard", "on")
    try tmux.waitUntil(description: "the demo loaded", timeout: .seconds(60)) { screen in
      screen.contains { $0.contains("Loaded") && !$0.contains("Loading") }
    }

    // 1. The stopped trail, in the trails pane: f shows the calls that named it.
    try tmux.sendKeys(.tab, .tab)
    try tmux.waitFor(text: "f: its calls")
    try tmux.sendKeys("f")
    var screen = try tmux.waitFor(text: "requestParameters.name=management-events")
    // 2. Back to the table, onto the StopLogging row.
    try tmux.sendKeys(.tab)
    screen = try tmux.waitUntil(description: "the trail's calls") { screen in
      guard let counts = Self.counts(screen[0]) else { return false }
      return row(screen, containing: "StopLogging") != nil && counts.shown < counts.total
    }
    for _ in 0..<(try tableRow(screen, containing: "StopLogging")) { try tmux.sendKeys("j") }
    // 3. Clear the filter: the StopLogging event stays selected.
    try tmux.sendKeys("c")
    screen = try tmux.waitUntil(description: "every event, StopLogging still selected") { screen in
      screen.contains { $0.contains("backup-admin StopLogging on cloudtrail") }
        && !screen.contains { $0.contains("requestParameters.name=") }
    }
    // 4. In the detail pane, onto the accessKeyId line: f filters to the key.
    try tmux.sendKeys(.enter)
    screen = try tmux.waitFor(text: "Enter/Esc: back")
    // The detail's first line (under its title and summary lines) is the cursor line: the rules the event matched,
    // then the JSON.
    let first = try #require(screen.firstIndex { $0.hasPrefix(" Detail") }) + 2
    let keyLine = try #require(screen.firstIndex { $0.contains("\"accessKeyId\": \"AKIA") })
    for _ in 0..<(keyLine - first) { try tmux.sendKeys("j") }
    try tmux.sendKeys("f")
    // The breadcrumb shows at once; wait for the store's answer (fewer events shown than loaded).
    screen = try tmux.waitUntil(description: "the key's events") { screen in
      guard screen[0].contains("accessKeyId=AKIA"), let counts = Self.counts(screen[0]) else { return false }
      return counts.shown < counts.total
    }
    let header = screen[0]
    let key = try #require(
      header.split(separator: " ").first { $0.hasPrefix("accessKeyId=") }.map { String($0.dropFirst(12)) })
    let count = try #require(Self.counts(header)).shown
    #expect(count >= 3, "the backdoor key made StopLogging, DeleteTrail and more")
    try tmux.sendKeys(.enter)  // back to the table (the cursor is on the Event column)

    // 5. Summary by event name over the key's events.
    try tmux.sendKeys("s")
    screen = try tmux.waitFor(text: "Summary of eventName · \(count) event")
    #expect(screen.contains { $0.contains("StopLogging") && $0.contains(" 1 ") })
    #expect(screen.contains { $0.contains("DeleteTrail") && $0.contains(" 1 ") })
    try tmux.sendKeys(.escape)

    // 6. Mark two events and compare them.
    try tmux.sendKeys("g", "m", "j", "m")
    try tmux.waitFor(text: "2 marked")
    try tmux.sendKeys("=")
    screen = try tmux.waitFor(text: "Compare:")
    #expect(screen.contains { $0.contains("differences") })
    #expect(screen.contains { $0.contains("eventTime") } && screen.contains { $0.contains("eventID") })
    try tmux.sendKeys(.escape)

    // 7. Copy the selected event to the clipboard (OSC 52, honoured by tmux with set-clipboard on).
    try tmux.sendKeys("y")
    try tmux.waitFor(text: "copied the event's JSON")
    let copied = try tmux.showBuffer()
    let object = try JSONSerialization.jsonObject(with: Data(copied.utf8)) as? [String: Any]
    #expect((object?["userIdentity"] as? [String: Any])?["accessKeyId"] as? String == key)

    // 8. Export the key's events to the default file and read it back with jq.
    try tmux.sendKeys("x")
    try tmux.waitFor(text: "Enter writes")
    try tmux.sendKeys(.enter)
    try tmux.waitFor(text: "wrote \(count) events", timeout: .seconds(30))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ndjson") }
    let file = try #require(files.first, "no export in \(folder.path)")
    #expect(files.count == 1 && file.hasPrefix("trailview-export-"))
    let path = folder.appendingPathComponent(file).path
    let keys = try Subprocess.run(JQ.path!, ["-r", ".userIdentity.accessKeyId", path])
    #expect(Set(keys.text.split(separator: "\n")) == [Substring(key)])
    let lines = try Subprocess.run(JQ.path!, ["-s", "length", path])
    #expect(lines.text.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count)")
    let names = try Subprocess.run(JQ.path!, ["-r", ".eventName", path])
    #expect(names.text.contains("StopLogging") && names.text.contains("DeleteTrail"))

    try tmux.sendKeys(.escape, "q")
    #expect(try tmux.waitForExit() == 0)
  }
}

/// Where jq is, when installed (the story reads its export back with it).
enum JQ {
  static let path: String? = ["/usr/bin/jq", "/usr/local/bin/jq"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
