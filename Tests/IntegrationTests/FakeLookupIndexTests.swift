import AWSClient
import Foundation
import Testing

@testable import EventStore
@testable import LookupEmulator
@testable import TrailviewDemo

/// Shared demo data for the fake's tests.
enum FakeFixture {
  /// 2026-11-26T13:33:20Z.
  static let now: Int64 = 1_795_700_000
  /// The seed-1 demo records.
  static let records: [[UInt8]] = DemoAccount.records(now: now, seed: 1)
  /// The index over them.
  static let index = LookupIndex(records: records)
  /// The management records, parsed independently with Foundation, in generator order (newest first).
  /// `nonisolated(unsafe)`: `[String: Any]` is not Sendable, but this is written once (lazily, by the runtime's
  /// thread-safe static initialization) and only read afterwards.
  nonisolated(unsafe) static let management: [[String: Any]] = records.compactMap {
    (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any]
  }.filter { $0["managementEvent"] as? Bool == true }

  /// The management events of one region (`awsRegion` read with Foundation), newest first: what the fake answers
  /// a request signed for that region.
  static func events(in region: String, of index: LookupIndex = index) -> [LookupEvent] {
    index.events.filter { event in
      let record = try? JSONSerialization.jsonObject(with: Data(event.cloudTrailEvent.utf8)) as? [String: Any]
      return record?["awsRegion"] as? String == region
    }
  }
}

@Suite struct FakeLookupIndexTests {
  let index = FakeFixture.index

  /// Every page of a query; nil when a page failed.
  func all(_ request: LookupEventsRequest, in index: LookupIndex = FakeFixture.index, category: String? = nil)
    -> [LookupEvent]?
  {
    var request = request
    var events: [LookupEvent] = []
    while true {
      guard case .success(let page) = index.answer(request, eventCategory: category) else { return nil }
      #expect(page.events.count <= request.maxResults)
      events += page.events
      guard let token = page.nextToken else { return events }
      request.nextToken = token
    }
  }

  func error(_ request: LookupEventsRequest, category: String? = nil) -> String? {
    if case .failure(let error) = index.answer(request, eventCategory: category) { return error.code }
    return nil
  }

  @Test func pagingReturnsEveryManagementEventOnceNewestFirst() throws {
    let events = try #require(all(LookupEventsRequest()))
    let expected = FakeFixture.management.map { $0["eventID"] as? String ?? "" }
    #expect(events.count == expected.count)
    #expect(events.count == DemoService(now: FakeFixture.now, pageDelayMilliseconds: 0).managementEventCount)
    #expect(Set(events.map(\.eventId)) == Set(expected))
    #expect(Set(events.map(\.eventId)).count == events.count)
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.eventTime >= $1.eventTime })
    #expect(!events.contains { $0.eventName == "GetObject" || $0.eventName == "PutItem" })
    // Left out: data events; the Insights events are answered apart (EventCategory insight).
    #expect(index.insightEvents.count == 2)
    #expect(index.skippedCount + index.insightEvents.count == FakeFixture.records.count - expected.count)
    let small = try #require(all(LookupEventsRequest(maxResults: 7)))
    #expect(small.map(\.eventId) == events.map(\.eventId))
  }

  @Test func eventsCarryTheRecordFields() throws {
    let byId = Dictionary(uniqueKeysWithValues: index.events.map { ($0.eventId, $0) })
    for record in FakeFixture.management.prefix(300) {
      let event = try #require(byId[record["eventID"] as? String ?? ""])
      let parsed = try #require(
        try JSONSerialization.jsonObject(with: Data(event.cloudTrailEvent.utf8)) as? [String: Any])
      #expect(parsed["eventID"] as? String == event.eventId)
      #expect(record["eventName"] as? String == event.eventName)
      #expect(record["eventSource"] as? String == event.eventSource)
      #expect((record["readOnly"] as? Bool).map { $0 ? "true" : "false" } == event.readOnly)
      let identity = record["userIdentity"] as? [String: Any] ?? [:]
      #expect(identity["accessKeyId"] as? String == event.accessKeyId)
      if identity["type"] as? String == "IAMUser" { #expect(identity["userName"] as? String == event.username) }
      let resources = record["resources"] as? [[String: Any]] ?? []
      #expect(resources.map { $0["ARN"] as? String } == event.resources.map(\.name))
    }
  }

  @Test(arguments: [
    LookupAttribute(key: .eventName, value: "StopLogging"),
    LookupAttribute(key: .username, value: "deploy-bot"),
    LookupAttribute(key: .username, value: "alice@example.com"),
    LookupAttribute(key: .readOnly, value: "false"),
    LookupAttribute(key: .eventSource, value: "iam.amazonaws.com"),
    LookupAttribute(key: .accessKeyId, value: DemoAccount.leakedAccessKeyId),
    LookupAttribute(key: .resourceType, value: "AWS::IAM::User"),
    LookupAttribute(key: .resourceName, value: "backup-admin"),
  ])
  func attributesMatchExactly(attribute: LookupAttribute) throws {
    let events = try #require(all(LookupEventsRequest(lookupAttributes: [attribute], maxResults: 20)))
    #expect(!events.isEmpty)
    #expect(events.allSatisfy { LookupIndex.matches($0, attribute) })
    #expect(events.count == index.events.filter { LookupIndex.matches($0, attribute) }.count)
  }

  @Test func independentAttributeCounts() throws {
    func count(_ key: LookupAttributeKey, _ value: String) throws -> Int {
      try #require(all(LookupEventsRequest(lookupAttributes: [LookupAttribute(key: key, value: value)]))).count
    }
    let records = FakeFixture.management
    let logins = records.filter { $0["eventName"] as? String == "ConsoleLogin" }
    #expect(try count(.eventName, "ConsoleLogin") == logins.count)
    let leaked = records.filter {
      ($0["userIdentity"] as? [String: Any])?["accessKeyId"] as? String == DemoAccount.leakedAccessKeyId
    }
    #expect(try count(.accessKeyId, DemoAccount.leakedAccessKeyId) == leaked.count)
    let id = try #require(records[123]["eventID"] as? String)
    #expect(try count(.eventId, id) == 1)
  }

  @Test func timeWindowIsInclusive() throws {
    let middle = index.events[index.events.count / 2]
    let t = middle.eventTime
    let exact = try #require(all(LookupEventsRequest(startTime: t, endTime: t)))
    #expect(exact.count == index.events.filter { $0.eventTime == t }.count)
    #expect(exact.contains { $0.eventId == middle.eventId })
    let hour = try #require(all(LookupEventsRequest(startTime: t - 3600, endTime: t)))
    #expect(hour.count == index.events.filter { $0.eventTime >= t - 3600 && $0.eventTime <= t }.count)
    #expect(hour.allSatisfy { $0.eventTime >= t - 3600 && $0.eventTime <= t })
  }

  @Test func tokensAreBoundToTheQuery() throws {
    let request = LookupEventsRequest(maxResults: 5)
    guard case .success(let first) = index.answer(request) else { throw CancellationError() }
    let token = try #require(first.nextToken)
    var other = LookupEventsRequest(lookupAttributes: [LookupAttribute(key: .readOnly, value: "true")], maxResults: 5)
    other.nextToken = token
    #expect(error(other) == "InvalidNextTokenException")
    var moved = LookupEventsRequest(endTime: FakeFixture.now, maxResults: 5)
    moved.nextToken = token
    #expect(error(moved) == "InvalidNextTokenException")
    #expect(error(LookupEventsRequest(nextToken: "garbage")) == "InvalidNextTokenException")
    var resized = request
    resized.nextToken = token
    resized.maxResults = 9
    guard case .success(let second) = index.answer(resized) else { throw CancellationError() }
    #expect(second.events.map(\.eventId) == Array(index.events[5..<14]).map(\.eventId))
    #expect(error(LookupEventsRequest(nextToken: token), category: "insight") == "InvalidNextTokenException")
  }

  @Test func invalidRequests() {
    #expect(error(LookupEventsRequest(maxResults: 0)) == "InvalidMaxResultsException")
    #expect(error(LookupEventsRequest(maxResults: 51)) == "InvalidMaxResultsException")
    #expect(error(LookupEventsRequest(startTime: 10, endTime: 9)) == "InvalidTimeRangeException")
    let two = [LookupAttribute(key: .eventName, value: "A"), LookupAttribute(key: .eventName, value: "B")]
    #expect(error(LookupEventsRequest(lookupAttributes: two)) == "InvalidLookupAttributesException")
    let badReadOnly = [LookupAttribute(key: .readOnly, value: "yes")]
    #expect(error(LookupEventsRequest(lookupAttributes: badReadOnly)) == "InvalidLookupAttributesException")
    #expect(error(LookupEventsRequest(), category: "data") == "InvalidEventCategoryException")
    let user = [LookupAttribute(key: .username, value: "alice")]
    #expect(
      error(LookupEventsRequest(lookupAttributes: user), category: "insight") == "InvalidLookupAttributesException")
  }

  @Test func dataInsightsDuplicatesAndTimelessRecordsAreKeptApart() throws {
    func record(_ id: String, _ extra: String) -> [UInt8] {
      Array(
        """
        {"eventTime":"2026-01-01T00:00:0\(id)Z","eventName":"E\(id)","eventSource":"s.amazonaws.com","eventID":"\(id)",
        "userIdentity":{"type":"IAMUser","userName":"u"}\(extra)}
        """.utf8)
    }
    let small = LookupIndex(records: [
      record("1", ""), record("2", #","managementEvent":false,"eventCategory":"Data""#),
      record("3", #","eventType":"AwsCloudTrailInsight","eventCategory":"Insight""#), record("1", ""),
      Array(#"{"eventName":"NoTime","eventSource":"x"}"#.utf8),
    ])
    #expect(small.events.map(\.eventId) == ["1"])
    #expect(small.events.first?.username == "u")
    #expect(small.insightEvents.map(\.eventId) == ["3"])
    #expect(small.skippedCount == 3)
    #expect(try #require(all(LookupEventsRequest(), in: small, category: "insight")).map(\.eventId) == ["3"])
  }
}
