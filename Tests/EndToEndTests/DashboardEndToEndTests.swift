import EventStore
import Foundation
import TestSupport
import Testing

/// The real binary in tmux: keys in, screen text out.
@Suite(.serialized, .enabled(if: TmuxSession.isTmuxAvailable && BuiltProducts.path("trailview") != nil))
struct DashboardEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"
  static let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"]

  /// Two delivered files, one of them gzipped in an organization-trail path, plus a broken file.
  static func makeTree() -> URL {
    let root = LogTree.temporaryFolder()
    var early: [String] = []
    for i in 0..<30 {
      early.append(
        LogTree.record(
          time: String(format: "2024-05-01T09:%02d:00Z", i), name: i % 2 == 0 ? "DescribeInstances" : "RunInstances",
          user: i % 3 == 0 ? "bob" : "alice", source: "ec2.amazonaws.com", readOnly: i % 2 == 0, eventID: "e\(i)"))
    }
    let late = [
      LogTree.record(
        time: "2024-05-01T10:00:00Z", name: "CreateUser", user: "mallory", ip: "203.0.113.66", eventID: "m1",
        requestParameters: "{\"userName\":\"backup-admin\"}"),
      LogTree.record(
        time: "2024-05-01T10:05:00Z", name: "StopLogging", user: "mallory", source: "cloudtrail.amazonaws.com",
        ip: "203.0.113.66", eventID: "m2", requestParameters: "{\"name\":\"management-events\"}"),
    ]
    LogTree.write(LogTree.recordsFile(early), to: LogTree.s3Key(stamp: "20240501T0935Z"), under: root, gzip: true)
    LogTree.write(LogTree.recordsFile(late), to: LogTree.s3Key(stamp: "20240501T1010Z", org: "o-abc123"), under: root)
    LogTree.write("{\"Records\":[{", to: "broken.json", under: root)
    return root
  }

  @Test func filterByUserOpenEventAndQuit() throws {
    let root = Self.makeTree()
    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'", width: 120, height: 40,
      environment: Self.environment)
    defer { tmux.kill() }
    let loaded = try tmux.waitFor(text: "Loaded 3 files")
    #expect(loaded.contains { $0.contains("32 / 32 events") })
    #expect(loaded.contains { $0.contains("1 problem") })
    #expect(loaded.contains { $0.contains("STOPPED") && $0.contains("management-events") })
    try tmux.sendKeys("u", "mal")
    try tmux.waitFor(text: "user: mal")
    try tmux.sendKeys(.enter)
    let filtered = try tmux.waitUntil(description: "two rows for mallory") { screen in
      screen.contains { $0.contains("2 / 32 events") }
        && screen.filter { $0.tableRow.hasPrefix("2024-05-01") }.count == 2
    }
    #expect(filtered.contains { $0.contains("user=mallory") })
    let rows = filtered.filter { $0.tableRow.hasPrefix("2024-05-01") }
    #expect(rows.allSatisfy { $0.contains("mallory") && $0.contains("203.0.113.66") })
    #expect(rows.first?.contains("StopLogging") == true)
    try tmux.sendKeys(.down, .enter)
    let detail = try tmux.waitFor(text: "\"userName\": \"backup-admin\"")
    #expect(detail.contains { $0.contains("mallory CreateUser on iam") })
    try tmux.sendKeys("q")
    try tmux.waitUntil(description: "exit") { _ in (try? tmux.exitStatus()) != nil }
    #expect(try tmux.exitStatus() == 0)
  }

  @Test func resizingRelaysTheScreen() throws {
    let root = Self.makeTree()
    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'", width: 140, height: 40,
      environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded 3 files")
    #expect(try tmux.capture().contains { $0.tableRow.hasPrefix("2024-05-01 10:05:00") })
    try tmux.resize(width: 80, height: 24)
    let small = try tmux.waitUntil(description: "short times at 80 columns") { screen in
      screen.contains { $0.tableRow.hasPrefix("05-01 10:05:00") }
    }
    #expect(small.allSatisfy { $0.count <= 80 })
    try tmux.resize(width: 20, height: 5)
    try tmux.waitFor(text: "too small")
    try tmux.resize(width: 100, height: 30)
    try tmux.waitFor(text: "32 / 32 events")
  }

  /// Forty window sizes fired back to back: tiny (down to one column or one row, and the 20x5 "too small" screen),
  /// large, and in between; the storm ends at 110x33.
  static let stormSizes: [(width: Int, height: Int)] =
    (0..<39).map { i in
      switch i % 5 {
      case 0: (20, 5)
      case 1: (220 + i, 60 + i % 7)
      case 2: (40 + i * 3, 10 + i % 17)
      case 3: (1 + i % 7, 1 + i % 3)
      default: (80 + i, 24 + i % 11)
      }
    } + [(110, 33)]

  @Test func resizeStormSettlesOnACorrectScreen() throws {
    let root = Self.makeTree()
    let (width, height) = (110, 33)
    // What a fresh start at the final size shows: the stormed screen must match it cell for cell, styles included
    // (trailing blanks are trimmed: a blank that was cleared and one written as a space look the same).
    let reference = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'", width: width, height: height, environment: Self.environment)
    defer { reference.kill() }
    try reference.waitFor(text: "Loaded 3 files")
    let expected = try reference.capture(escapes: true)

    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'; echo status=$?; stty -a | grep -o ' -\\?icanon'; tput cols",
      width: 140, height: 40, environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Events (UTC)")
    for size in Self.stormSizes { try tmux.resize(width: size.width, height: size.height) }
    try tmux.waitUntil(
      description: "the screen of a fresh start at \(width)x\(height)", timeout: .seconds(30), escapes: true
    ) { $0 == expected }

    let screen = try tmux.capture()
    #expect(screen.count == height)
    #expect(!screen.contains { $0.contains("too small") })
    #expect(screen.allSatisfy { $0.count <= width })
    #expect(screen[0].hasPrefix(" trailview") && screen[0].hasSuffix("32 / 32 events"))
    #expect(screen[0].count == width - 1, "the event count is right-aligned at the new width")
    #expect(screen[1].hasPrefix(" Events (UTC)"))
    #expect(screen[2].tableRow.hasPrefix("Time ") && screen[2].hasSuffix("Error"))
    #expect(
      screen[3].tableRow.hasPrefix("05-01 10:05:00") && screen[3].contains("StopLogging"), "short times under 120")
    #expect(screen[height - 1].hasPrefix(" Loaded 3 files") && screen[height - 1].hasSuffix("q quit"))
    // Title and status bars are filled (written, not merely cleared) up to the new right edge.
    let filled = try tmux.capture(trailingSpaces: true)
    for bar in [" Events", " Trails", " Detail", " Loaded"] {
      let line = try #require(filled.first { $0.hasPrefix(bar) })
      #expect(line.count == width, "\(bar) bar")
    }

    // The app still answers keys: the same key moves both screens the same way.
    try reference.sendKeys(.down)
    try reference.waitFor(text: "mallory CreateUser on iam")
    let moved = try reference.capture(escapes: true)
    try tmux.sendKeys(.down)
    try tmux.waitUntil(description: "the second event selected", escapes: true) { $0 == moved }

    // After quitting, the shell runs `stty` (canonical mode must be back) and `tput cols` (the settled width).
    try tmux.sendKeys("q")
    let shell = try tmux.waitUntil(description: "tput cols") { $0.contains("\(width)") }
    #expect(shell.contains { $0.contains("status=0") })
    #expect(shell.contains { $0.contains(" icanon") } && !shell.contains { $0.contains("-icanon") })
    #expect(!shell.contains { $0.contains("Events (UTC)") })
  }

  @Test func nonUTF8LocaleFallsBackToASCIILines() throws {
    let root = Self.makeTree()
    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'", width: 120, height: 36,
      environment: ["TERM": "xterm-256color", "LANG": "C", "LC_ALL": "C", "TZ": "UTC"])
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded 3 files")
    try tmux.sendKeys("?")
    let help = try tmux.waitFor(text: "Keys")
    #expect(help.contains { $0.contains("+-") })
    #expect(!help.contains { $0.contains("─") || $0.contains("┌") })
  }

  @Test func unusableTerminalSuggestsPrintMode() throws {
    let tmux = try TmuxSession(
      command: "TERM=dumb \(Self.binary) --demo; echo status=$?", width: 100, height: 10,
      environment: ["LANG": "C.UTF-8"])
    defer { tmux.kill() }
    let screen = try tmux.waitFor(text: "status=1")
    #expect(screen.joined(separator: " ").contains("--print"))
  }

  @Test func problemsListNamesTheBrokenFile() throws {
    let root = Self.makeTree()
    let tmux = try TmuxSession(
      command: "\(Self.binary) '\(root.path)'", width: 120, height: 36,
      environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded 3 files")
    try tmux.sendKeys("p")
    // A frame can be caught while it is drawn: wait for the list's line, not only its title.
    let screen = try tmux.waitUntil(description: "the problem named with its file") { screen in
      screen.contains { $0.contains("Problems (1)") }
        && screen.contains { $0.contains("broken.json") && $0.contains("invalid JSON") }
    }
    #expect(screen.contains { $0.contains("Problems (1)") })
  }

  @Test(arguments: ["TERM", "HUP", "INT"])
  func signalsRestoreTheTerminal(signal: String) throws {
    let root = Self.makeTree()
    let marker = root.appendingPathComponent("pid").path
    let tmux = try TmuxSession(
      command:
        "sh -c 'echo $$ > \(marker); exec \(Self.binary) \(root.path)'; stty -a | grep -o ' -\\?icanon'; tput cols",
      width: 100, height: 30, environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded 3 files")
    let pid = try String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    let kill = Process()
    kill.executableURL = URL(fileURLWithPath: "/bin/kill")
    kill.arguments = ["-\(signal)", pid]
    try kill.run()
    kill.waitUntilExit()
    // After trailview exits the shell runs stty: canonical mode must be back on (" icanon", not " -icanon").
    let screen = try tmux.waitFor(text: "icanon")
    #expect(screen.contains { $0.contains(" icanon") })
    #expect(!screen.contains { $0.contains("-icanon") })
    #expect(!screen.contains { $0.contains("Events (UTC)") })
  }

  @Test func demoFillsWhileLoadingAndShowsTheIncident() throws {
    let tmux = try TmuxSession(
      command: "\(Self.binary) --demo --demo-page-ms 5", width: 160, height: 48, environment: Self.environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded", timeout: .seconds(30))
    try tmux.sendKeys("e", "StopLogging", .enter)
    let screen = try tmux.waitUntil(description: "only StopLogging rows") { screen in
      let rows = screen.filter { $0.tableRow.hasPrefix("20") && $0.contains(" W ") }
      return !rows.isEmpty && rows.allSatisfy { $0.contains("StopLogging") }
    }
    #expect(screen.contains { $0.contains("eventName=StopLogging") })
    #expect(screen.contains { $0.contains("StopLogging") && $0.contains("203.0.113.66") })
  }
}
