import CloudTrailModel
import EventStore
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// The timeline strip: counts per bucket with failures and writes told apart, and its keys.
@Suite struct TimelineTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  /// The fixture's events by minute of the day (AppFixture: event i at 10:00 + 2i min for i < 30, 11:00 + 2(i-30)
  /// min after, failed when i % 6 == 0, a read for Describe/Get names; StopLogging at 12:00, a write).
  static func fixtureEvents() -> [(minute: Int, failed: Bool, read: Bool)] {
    let names = ["DescribeInstances", "CreateUser", "GetObject", "AssumeRole", "PutBucketPolicy"]
    var events = (0..<40).map { i in
      (minute: 600 + (i / 30) * 60 + (i * 2) % 60, failed: i % 6 == 0, read: [0, 2].contains(i % names.count))
    }
    events.append((720, false, false))
    return events
  }

  /// One letter per cell of a strip row: E failures, W writes, R reads only, space for none.
  func kinds(_ grid: CellGrid, row: Int, from x: Int, count: Int) -> String {
    String(
      (x..<(x + count)).map { col -> Character in
        let cell = grid[col, row]
        if cell.text == " " { return " " }
        if cell.style.fg == env.theme.error.fg { return "E" }
        if cell.style.fg == env.theme.write.fg { return "W" }
        return "R"
      })
  }

  @Test func stripTellsFailuresAndWritesApartAt80x24And160x48() {
    for (width, height) in [(80, 24), (160, 48)] {
      let f = LiveFixture(width: width, height: height)
      f.press(.char("H"))
      let layout = Layout(f.state)
      let grid = render(f.state, env: env)
      assertSnapshot(grid.lines, named: "timeline-\(width)x\(height)")
      // 10:00 to 12:00 over 78 (158) marks: 2-minute buckets at 80 columns, 46-second ones at 160.
      let bucket = width == 80 ? 120 : 46
      let count = 7200 / bucket + 1
      var expected = ""
      for b in 0..<count {
        let inside = Self.fixtureEvents().filter { ($0.minute - 600) * 60 / bucket == b }
        expected +=
          inside.isEmpty ? " " : inside.contains { $0.failed } ? "E" : inside.contains { !$0.read } ? "W" : "R"
      }
      #expect(kinds(grid, row: layout.timeline.y, from: 1, count: count) == expected, "\(width)x\(height)")
      let axis = grid.lines[layout.timeline.y + 1]
      let label = bucket % 60 == 0 ? "\(bucket / 60) min per mark" : "\(bucket) s per mark"
      #expect(axis.contains("05-01 10:00:00") && axis.contains(label), "\(axis)")
      // The selected (newest) event's bucket is the last one.
      #expect(grid[1 + count - 1, layout.timeline.y + 1].text == "▲")
    }
  }

  @Test func keysJumpBetweenBucketsAndZoom() throws {
    let f = LiveFixture(width: 80, height: 24)
    f.press(.char("H"))
    // Every 2-minute bucket holds one event: the newest of the busiest is 12:00.
    f.press(.char("b"))
    #expect(f.state.snapshot.text(.time, at: f.state.selected) == "2024-05-01T12:00:00Z")
    f.press(.char("["))  // the previous bucket with events: 11:18
    #expect(f.state.snapshot.text(.time, at: f.state.selected) == "2024-05-01T11:18:00Z")
    f.press(.char("]"))
    #expect(f.state.snapshot.text(.time, at: f.state.selected) == "2024-05-01T12:00:00Z")
    // Anchor at 11:18, go back to 11:14, zoom: the window is 11:14:00 to 11:19:59.
    f.press(.char("["), .char("v"), .char("["), .char("["))
    #expect(f.state.snapshot.text(.time, at: f.state.selected) == "2024-05-01T11:14:00Z")
    f.press(.char("z"))
    let start = try #require(TimeText.absolute("2024-05-01T11:14"))
    #expect(f.state.filter.window.start == start && f.state.filter.window.end == start + 6 * 60 - 1)
    #expect(f.state.snapshot.count == 3)  // 11:14, 11:16, 11:18
  }
}
