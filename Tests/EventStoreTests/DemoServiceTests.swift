import AWSClient
import Foundation
import Testing

@testable import EventStore
@testable import LookupEmulator
@testable import TrailviewDemo

@Suite struct DemoServiceTests {
  static let service = DemoService(now: DemoFixture.now, seed: 1, pageDelayMilliseconds: 0)

  /// One request, awaited without sleeping.
  func lookup(_ request: LookupEventsRequest, on service: DemoService = Self.service) async -> Result<
    LookupEventsResponse, LookupError
  > {
    await withCheckedContinuation { continuation in
      service.lookupEvents(request) { continuation.resume(returning: $0) }
    }
  }

  /// Every page of a query, following NextToken; nil if any page failed.
  func all(_ request: LookupEventsRequest) async -> [LookupEvent]? {
    var request = request
    var events: [LookupEvent] = []
    while true {
      guard case .success(let page) = await lookup(request) else { return nil }
      #expect(page.events.count <= request.maxResults)
      events += page.events
      guard let token = page.nextToken else { return events }
      #expect(page.events.count == request.maxResults)
      request.nextToken = token
    }
  }

  /// The management records, in file order.
  nonisolated(unsafe) static let managementRecords = DemoFixture.parsed.filter {
    $0["managementEvent"] as? Bool == true
  }

  @Test func pagingReturnsEveryManagementEventOnceNewestFirst() async throws {
    let events = try #require(await all(LookupEventsRequest()))
    #expect(events.count == Self.service.managementEventCount)
    #expect(events.map(\.eventId) == Self.managementRecords.map { $0["eventID"] as? String ?? "" })
    #expect(Set(events.map(\.eventId)).count == events.count)
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.eventTime >= $1.eventTime })
    #expect(!events.contains { $0.eventName == "GetObject" || $0.eventName == "PutItem" })
    for event in events.prefix(200) {
      let record = DemoFixture.parse(Array(event.cloudTrailEvent.utf8))
      #expect(record["eventID"] as? String == event.eventId)
      #expect(record["eventName"] as? String == event.eventName)
      #expect(record["eventSource"] as? String == event.eventSource)
      #expect(DemoFixture.time(record) == event.eventTime)
      #expect((record["readOnly"] as? Bool).map { $0 ? "true" : "false" } == event.readOnly)
    }
  }

  @Test func smallPagesMayChangeSizeBetweenPages() async throws {
    var request = LookupEventsRequest(maxResults: 7)
    guard case .success(let first) = await lookup(request) else { throw CancellationError() }
    let token = try #require(first.nextToken)
    request.nextToken = token
    request.maxResults = 13
    guard case .success(let second) = await lookup(request) else { throw CancellationError() }
    #expect(second.events.count == 13)
    let expected = Self.managementRecords.prefix(20).map { $0["eventID"] as? String ?? "" }
    #expect((first.events + second.events).map(\.eventId) == expected)
  }

  @Test(arguments: [
    LookupAttribute(key: .eventName, value: "StopLogging"),
    LookupAttribute(key: .eventName, value: "ConsoleLogin"),
    LookupAttribute(key: .username, value: "deploy-bot"),
    LookupAttribute(key: .username, value: "alice@example.com"),
    LookupAttribute(key: .username, value: "root"),
    LookupAttribute(key: .readOnly, value: "false"),
    LookupAttribute(key: .eventSource, value: "iam.amazonaws.com"),
    LookupAttribute(key: .accessKeyId, value: DemoAccount.leakedAccessKeyId),
    LookupAttribute(key: .resourceType, value: "AWS::IAM::User"),
    LookupAttribute(key: .resourceName, value: "backup-admin"),
  ])
  func attributeFiltersMatchOnly(attribute: LookupAttribute) async throws {
    let events = try #require(await all(LookupEventsRequest(lookupAttributes: [attribute], maxResults: 50)))
    #expect(!events.isEmpty)
    #expect(events.allSatisfy { LookupIndex.matches($0, attribute) })
    let expected = Self.service.events.filter { LookupIndex.matches($0, attribute) }
    #expect(events.map(\.eventId) == expected.map(\.eventId))
  }

  @Test func incidentIsEasyToFind() async throws {
    let stop = try #require(
      await all(LookupEventsRequest(lookupAttributes: [.init(key: .eventName, value: "StopLogging")])))
    #expect(stop.count == 1)
    #expect(stop.first?.username == "backup-admin")
    #expect(stop.first?.cloudTrailEvent.contains("\"sourceIPAddress\":\"203.0.113.66\"") == true)
    #expect(stop.first?.cloudTrailEvent.contains("\"requestParameters\":{\"name\":\"management-events\"}") == true)
    let byKey = try #require(
      await all(LookupEventsRequest(lookupAttributes: [.init(key: .accessKeyId, value: DemoAccount.leakedAccessKeyId)]))
    )
    #expect(byKey.contains { $0.eventName == "CreateUser" })
    #expect(!byKey.contains { $0.eventName == "GetObject" })
    let id = try #require(stop.first?.eventId)
    let byId = try #require(await all(LookupEventsRequest(lookupAttributes: [.init(key: .eventId, value: id)])))
    #expect(byId.map(\.eventId) == [id])
  }

  @Test func timeWindowIsInclusive() async throws {
    let events = Self.service.events
    let t = events[events.count / 2].eventTime
    let exact = try #require(await all(LookupEventsRequest(startTime: t, endTime: t, maxResults: 3)))
    #expect(!exact.isEmpty)
    #expect(exact.map(\.eventId) == events.filter { $0.eventTime == t }.map(\.eventId))
    let hour = try #require(await all(LookupEventsRequest(startTime: t - 3600, endTime: t)))
    #expect(hour.map(\.eventId) == events.filter { $0.eventTime >= t - 3600 && $0.eventTime <= t }.map(\.eventId))
    let beforeWeek = try #require(await all(LookupEventsRequest(endTime: DemoFixture.now - 8 * 86_400)))
    #expect(beforeWeek.isEmpty)
  }

  @Test func invalidRequestsFailWithAPICodes() async throws {
    func code(_ request: LookupEventsRequest) async -> String? {
      if case .failure(let error) = await lookup(request) { return error.code }
      return nil
    }
    let two = [LookupAttribute(key: .eventName, value: "A"), LookupAttribute(key: .username, value: "b")]
    #expect(await code(LookupEventsRequest(lookupAttributes: two)) == "InvalidLookupAttributesException")
    #expect(
      await code(LookupEventsRequest(lookupAttributes: [.init(key: .readOnly, value: "yes")]))
        == "InvalidLookupAttributesException")
    #expect(await code(LookupEventsRequest(maxResults: 0)) == "InvalidMaxResultsException")
    #expect(await code(LookupEventsRequest(maxResults: 51)) == "InvalidMaxResultsException")
    #expect(await code(LookupEventsRequest(startTime: 10, endTime: 5)) == "InvalidTimeRangeException")
    #expect(await code(LookupEventsRequest(nextToken: "garbage")) == "InvalidNextTokenException")
    let filtered = LookupEventsRequest(lookupAttributes: [.init(key: .readOnly, value: "true")], maxResults: 5)
    guard case .success(let page) = await lookup(filtered) else { throw CancellationError() }
    let token = try #require(page.nextToken)
    var changed = filtered
    changed.nextToken = token
    changed.lookupAttributes = [.init(key: .readOnly, value: "false")]
    #expect(await code(changed) == "InvalidNextTokenException")
    changed.lookupAttributes = filtered.lookupAttributes
    changed.endTime = DemoFixture.now
    #expect(await code(changed) == "InvalidNextTokenException")
    changed.endTime = nil
    #expect(await code(changed) == nil)
  }

  @Test func answersAfterADelay() async {
    let slow = DemoService(now: DemoFixture.now, seed: 1, pageDelayMilliseconds: 5)
    let result = await lookup(LookupEventsRequest(maxResults: 2), on: slow)
    guard case .success(let page) = result else {
      Issue.record("expected success")
      return
    }
    #expect(page.events.count == 2 && page.nextToken != nil)
  }
}
