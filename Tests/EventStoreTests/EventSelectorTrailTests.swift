import EventStore
import Foundation
import TestSupport
import Testing

/// Event selectors that stop logging management events silence a trail as surely as StopLogging.
@Suite struct EventSelectorTrailTests {
  static func call(_ time: String, _ name: String, _ parameters: String, id: String) -> String {
    LogTree.record(
      time: time, name: name, source: "cloudtrail.amazonaws.com", eventID: id, requestParameters: parameters)
  }

  static func trails(_ records: [String]) -> [TrailState] {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(records), to: "r.json", under: root)
    return StoreHarness.load([root.path]).trails
  }

  @Test(
    arguments: [
      (
        #"{"trailName":"t","eventSelectors":[{"readWriteType":"All","includeManagementEvents":false}]}"#,
        "management events off"
      ),
      (#"{"trailName":"t","eventSelectors":[]}"#, "management events off"),
      (#"{"trailName":"t","eventSelectors":[{"readWriteType":"ReadOnly"}]}"#, "writes not logged"),
      (#"{"trailName":"t","eventSelectors":[{"readWriteType":"WriteOnly","includeManagementEvents":true}]}"#, nil),
      (#"{"trailName":"t","eventSelectors":[{"includeManagementEvents":true,"dataResources":[]}]}"#, nil),
      (
        #"{"trailName":"t","advancedEventSelectors":[{"fieldSelectors":[{"field":"eventCategory","equals":["Data"]}]}]}"#,
        "management events off"
      ),
      (
        #"{"trailName":"arn:aws:cloudtrail:us-east-1:123456789012:trail/t","advancedEventSelectors":[{"name":"m","fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]}]}"#,
        nil
      ),
      (
        #"{"trailName":"t","advancedEventSelectors":[{"fieldSelectors":[{"field":"eventCategory","equals":["Management"]},{"field":"readOnly","equals":["true"]}]}]}"#,
        "writes not logged"
      ),
    ] as [(String, String?)])
  func selectorsTellWhatIsLeft(parameters: String, warning: String?) throws {
    let trails = Self.trails([Self.call("2024-05-01T10:00:00Z", "PutEventSelectors", parameters, id: "p")])
    let trail = try #require(trails.first)
    #expect(trail.name == "t")
    #expect(trail.selectorWarning == warning)
  }

  @Test func theNewestSelectorCallWinsWhateverTheOrder() throws {
    let off = #"{"trailName":"t","eventSelectors":[{"includeManagementEvents":false}]}"#
    let on = #"{"trailName":"t","eventSelectors":[{"includeManagementEvents":true}]}"#
    // The files' order puts the newer call first; StartLogging in between changes the logging switch only.
    let trails = Self.trails([
      Self.call("2024-05-01T12:00:00Z", "PutEventSelectors", off, id: "new"),
      Self.call("2024-05-01T11:00:00Z", "StartLogging", #"{"name":"t"}"#, id: "start"),
      Self.call("2024-05-01T10:00:00Z", "PutEventSelectors", on, id: "old"),
    ])
    let trail = try #require(trails.first)
    #expect(trail.selectorWarning == "management events off")
    #expect(trail.isLogging == true)
  }
}
