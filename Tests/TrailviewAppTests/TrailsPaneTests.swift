import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

@Suite struct TrailsPaneTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  /// The awsdocs sample has a failed UpdateTrail for `myTrail2` (state "?"): its name must not be overwritten by
  /// the region (it once showed `myTus-east-2`).
  @Test(.enabled(if: FixturesSamples.available, "needs ../shared/samples"))
  func unknownStateKeepsTheWholeName() throws {
    let file = try #require(FixturesSamples.files().first { $0.path.contains("awsdocs-example-events") })
    let snapshot = StoreHarness.load([file.path])
    for (width, height) in [(80, 24), (160, 48)] {
      var state = AppState(width: width, height: height, sourceLabel: "awsdocs")
      _ = update(&state, .store(.snapshot(snapshot)))
      let layout = Layout(width: width, height: height)
      let lines = render(state, env: env).lines
      let pane = lines[(layout.trails.y + 1)..<(layout.trails.y + layout.trails.height)].map {
        String($0.dropFirst(layout.trails.x).prefix(layout.trails.width))
      }
      let row = try #require(pane.first { $0.contains("myTrail2") }, "\(pane)")
      #expect(row.contains("?"), "\(row)")
      #expect(!row.contains("myTus"), "\(row)")
    }
  }

  /// With the trails pane focused, ↓ scrolls its list, not the events.
  @Test func focusedPaneScrollsItsList() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let records = (0..<6).map { i in
      LogTree.record(
        time: "2024-05-01T10:0\(i):00Z", name: i % 2 == 0 ? "StopLogging" : "StartLogging", eventID: "t\(i)",
        requestParameters: "{\"name\":\"trail-\(i)\"}")
    }
    LogTree.write(LogTree.recordsFile(records), to: "t.json", under: root)
    var state = AppState(width: 80, height: 24, sourceLabel: "t")
    _ = update(&state, .store(.snapshot(StoreHarness.load([root.path]))))
    #expect(state.snapshot.trails.count == 6)
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.tab))
    #expect(state.focus == .trails)
    let layout = Layout(width: 80, height: 24)
    func firstTrailRow() -> String { render(state, env: env).lines[layout.trails.y + 1] }
    let before = firstTrailRow()
    _ = update(&state, .key(.down))
    #expect(state.trailsScroll == 1)
    #expect(firstTrailRow() != before)
    #expect(state.selected == 0)
    _ = update(&state, .key(.char("G")))
    #expect(state.trailsScroll == 5)
    // A trail seen only in events has no known bucket: Enter says so and reads nothing.
    let effects = update(&state, .key(.enter))
    #expect(!effects.contains { if case .openBucket = $0 { true } else { false } })
    #expect(state.message?.contains("is not known") == true)
    #expect(state.focus == .trails)
  }
}

/// A trail seen only in the data takes its bucket from the newest successful CreateTrail or UpdateTrail that names
/// one; Enter in the trails pane then reads that bucket and prefix in place.
@Suite struct TrailBucketFromEventsTests {
  @Test func enterReadsTheBucketTheCallsNamed() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let records = [
      LogTree.record(
        time: "2024-05-01T10:00:00Z", name: "CreateTrail", source: "cloudtrail.amazonaws.com", eventID: "a",
        requestParameters: #"{"name":"audit","s3BucketName":"first-bucket","s3KeyPrefix":"logs"}"#),
      LogTree.record(
        time: "2024-05-01T11:00:00Z", name: "UpdateTrail", source: "cloudtrail.amazonaws.com", eventID: "b",
        requestParameters: #"{"name":"audit","s3BucketName":"moved-bucket"}"#),
      LogTree.record(
        time: "2024-05-01T12:00:00Z", name: "UpdateTrail", source: "cloudtrail.amazonaws.com",
        errorCode: "AccessDenied",
        eventID: "c", requestParameters: #"{"name":"audit","s3BucketName":"attacker-bucket"}"#),
    ]
    LogTree.write(LogTree.recordsFile(records), to: "t.json", under: root)
    var state = AppState(width: 100, height: 30, sourceLabel: "t")
    _ = update(&state, .store(.snapshot(StoreHarness.load([root.path]))))
    let trail = try #require(state.snapshot.trails.first { $0.name == "audit" })
    #expect(trail.bucket == "moved-bucket" && trail.keyPrefix == "logs")
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.tab))
    #expect(update(&state, .key(.enter)) == [.openBucket(bucket: "moved-bucket", prefix: "logs")])
  }
}

/// A trail whose selectors drop management events is shown as muted, among the alarming ones.
@Suite struct MutedTrailTests {
  @Test func mutedTrailsStandOut() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let records = [
      LogTree.record(
        time: "2024-05-01T10:00:00Z", name: "StartLogging", source: "cloudtrail.amazonaws.com", eventID: "a",
        requestParameters: #"{"name":"aaa-ok"}"#),
      LogTree.record(
        time: "2024-05-01T10:01:00Z", name: "PutEventSelectors", source: "cloudtrail.amazonaws.com", eventID: "b",
        requestParameters: #"{"trailName":"zzz-muted","eventSelectors":[{"includeManagementEvents":false}]}"#),
    ]
    LogTree.write(LogTree.recordsFile(records), to: "t.json", under: root)
    var state = AppState(width: 160, height: 48, sourceLabel: "t")
    _ = update(&state, .store(.snapshot(StoreHarness.load([root.path]))))
    let layout = Layout(state)
    let pane = render(state, env: RenderEnvironment()).lines[(layout.trails.y + 1)...].map {
      String($0.dropFirst(layout.trails.x))
    }
    // The muted trail comes first although its name sorts last.
    #expect(pane[0].hasPrefix(" MUTED   zzz-muted"), "\(pane[0])")
    #expect(pane[1].contains("event selectors: management events off"), "\(pane[1])")
  }
}
