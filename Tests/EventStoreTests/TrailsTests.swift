import EventStore
import TestSupport
import Testing

@Suite struct TrailsTests {
  @Test func trailStateFollowsNewestSuccessfulCall() throws {
    let root = LogTree.temporaryFolder()
    let arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
    let records = [
      LogTree.record(time: "2024-05-01T08:00:00Z", name: "CreateTrail", requestParameters: "{\"name\":\"main\"}"),
      LogTree.record(time: "2024-05-01T08:01:00Z", name: "StartLogging", requestParameters: "{\"name\":\"\(arn)\"}"),
      LogTree.record(
        time: "2024-05-03T02:00:00Z", name: "StopLogging", user: "mallory", requestParameters: "{\"name\":\"main\"}"),
      LogTree.record(
        time: "2024-05-03T02:05:00Z", name: "DeleteTrail", user: "mallory", errorCode: "AccessDenied",
        requestParameters: "{\"name\":\"main\"}"),
      LogTree.record(time: "2024-05-01T09:00:00Z", name: "StartLogging", requestParameters: "{\"name\":\"other\"}"),
    ]
    // Newest file first: the StopLogging arrives before the older StartLogging.
    LogTree.write(LogTree.recordsFile(Array(records[2...])), to: "b.json", under: root)
    LogTree.write(LogTree.recordsFile(Array(records[..<2])), to: "a.json", under: root)
    let snapshot = StoreHarness.load([root.path])
    let main = try #require(snapshot.trails.first { $0.name == "main" })
    #expect(main.isLogging == false)
    #expect(main.lastEventName == "StopLogging")
    #expect(main.changedBy == "mallory")
    #expect(!main.deleted)
    let other = try #require(snapshot.trails.first { $0.name == "other" })
    #expect(other.isLogging == true)
  }
}
