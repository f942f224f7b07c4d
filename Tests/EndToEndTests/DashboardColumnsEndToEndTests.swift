import Foundation
import TestSupport
import Testing

/// The dashboard's columns: `--columns`, the chooser, and the config file it saves, read at the next start.
@Suite(.serialized, .enabled(if: TmuxSession.isTmuxAvailable && BuiltProducts.path("trailview") != nil))
struct DashboardColumnsEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  @Test func chooserSavesColumnsTheNextStartUses() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let config = root.appendingPathComponent("config")
    LogTree.write(
      LogTree.recordsFile([LogTree.record(time: "2024-05-01T10:00:00Z", name: "ListUsers", eventID: "1")]),
      to: "logs/r.json", under: root)
    var environment = DashboardEndToEndTests.environment
    environment["XDG_CONFIG_HOME"] = config.path
    let logs = root.appendingPathComponent("logs").path

    // --columns chooses the table's columns for this run.
    let flagged = try TmuxSession(
      command: "\(Self.binary) --columns time,eventName,userAgent '\(logs)'", width: 120, height: 30,
      environment: environment)
    defer { flagged.kill() }
    var screen = try flagged.waitFor(text: "Loaded 1 file")
    #expect(screen.contains { $0.tableRow.hasPrefix("Time ") && $0.contains("Event") && $0.contains("User agent") })
    #expect(!screen.contains { $0.tableRow.hasPrefix("Time ") && $0.contains("Source IP") })
    flagged.kill()

    // The chooser: hide the first column (Time) and keep the choice; it is saved.
    let tmux = try TmuxSession(command: "\(Self.binary) '\(logs)'", width: 120, height: 30, environment: environment)
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded 1 file")
    try tmux.sendKeys("C")
    try tmux.waitFor(text: "Space show/hide")
    try tmux.sendKeys(" ", .enter)
    try tmux.waitFor(text: "columns saved to")
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
    let saved = try String(contentsOf: config.appendingPathComponent("trailview/config.toml"), encoding: .utf8)
    #expect(
      saved.split(separator: "\n").contains(
        #"columns = ["readOnly", "eventName", "user", "eventSource", "sourceIP", "region", "errorCode"]"#))

    // The next start reads it: no Time column.
    let next = try TmuxSession(command: "\(Self.binary) '\(logs)'", width: 120, height: 30, environment: environment)
    defer { next.kill() }
    screen = try next.waitFor(text: "Loaded 1 file")
    #expect(screen.contains { $0.tableRow.hasPrefix("RW ") && $0.contains("Event") })
  }
}
