import AWSClient
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import EventStore
@testable import TrailviewDemo

/// A `LookupEventsService` that records every request. It answers from the in-process demo account, except for
/// the requests it is told to fail, and (in hold mode) keeps completions until the test releases them.
final class RecordingLookupService: LookupEventsService, Sendable {
  typealias Completion = @Sendable (Result<LookupEventsResponse, LookupError>) -> Void

  struct State {
    var requests: [LookupEventsRequest] = []
    var held: [Int: Completion] = [:]
    var failures: [Int: LookupError] = [:]
    var hold = false
  }

  let demo: DemoService
  let state = Mutex(State())
  private let arrived = DispatchSemaphore(value: 0)

  init(hold: Bool = false, failures: [Int: LookupError] = [:]) {
    demo = DemoService(now: LookupSessionTests.now, pageDelayMilliseconds: 0)
    state.withLock {
      $0.hold = hold
      $0.failures = failures
    }
  }

  func lookupEvents(_ request: LookupEventsRequest, completion: @escaping Completion) {
    let (failure, hold) = state.withLock { s -> (LookupError?, Bool) in
      s.requests.append(request)
      let number = s.requests.count
      if s.hold { s.held[number] = completion }
      return (s.failures[number], s.hold)
    }
    arrived.signal()
    if hold { return }
    if let failure {
      DispatchQueue.global().async { completion(.failure(failure)) }
    } else {
      demo.lookupEvents(request, completion: completion)
    }
  }

  /// The requests so far, in order.
  var requests: [LookupEventsRequest] { state.withLock { $0.requests } }

  /// Waits (without sleeping) until at least `count` requests have arrived; false on timeout.
  func waitForRequests(_ count: Int, timeout: Double = 10) -> Bool {
    let deadline = DispatchTime.now() + timeout
    while requests.count < count {
      if arrived.wait(timeout: deadline) == .timedOut { return requests.count >= count }
    }
    return true
  }

  /// Completes held request number `number` (1-based) with the demo account's answer to it, on the caller's thread
  /// (the session hops to its own queue, so completions released in order are handled in order).
  func release(_ number: Int) {
    let (request, completion) = state.withLock { s in (s.requests[number - 1], s.held.removeValue(forKey: number)) }
    completion?(demo.answer(request))
  }
}

/// Watches a store's snapshots and waits for conditions on them with a deadline.
final class StoreWatcher: Sendable {
  /// What the sink writes: the latest snapshot, every activity line seen, and a signal per snapshot.
  final class Shared: Sendable {
    let latest = Mutex<EventSnapshot?>(nil)
    let activities = Mutex<[String]>([])
    let changed = DispatchSemaphore(value: 0)
  }

  let shared = Shared()
  let store: EventStore

  init() {
    let shared = self.shared
    store = EventStore(publishIntervalMilliseconds: 5) { update in
      guard case .snapshot(let snapshot) = update else { return }
      shared.latest.withLock { $0 = snapshot }
      if let activity = snapshot.progress.activity { shared.activities.withLock { $0.append(activity) } }
      shared.changed.signal()
    }
  }

  /// The latest snapshot.
  var latest: EventSnapshot? { shared.latest.withLock { $0 } }

  /// Every activity line published so far.
  var activities: [String] { shared.activities.withLock { $0 } }

  /// The first snapshot for which `condition` holds, or nil after `timeout` seconds.
  func wait(timeout: Double = 20, _ condition: (EventSnapshot) -> Bool) -> EventSnapshot? {
    let deadline = DispatchTime.now() + timeout
    while true {
      if let snapshot = latest, condition(snapshot) { return snapshot }
      if shared.changed.wait(timeout: deadline) == .timedOut {
        return latest.flatMap { condition($0) ? $0 : nil }
      }
    }
  }

  /// The event IDs of the visible rows.
  static func eventIDs(_ snapshot: EventSnapshot) -> [String] {
    (0..<snapshot.count).compactMap { i in
      let record = Data(snapshot.record(at: i))
      return ((try? JSONSerialization.jsonObject(with: record)) as? [String: Any])?["eventID"] as? String
    }
  }
}

@Suite struct LookupSessionTests {
  /// 2026-11-26T13:33:20Z, the demo's end.
  static let now: Int64 = 1_795_700_000
  static let demo = DemoService(now: now, pageDelayMilliseconds: 0)

  func session(
    _ service: any LookupEventsService, _ watcher: StoreWatcher, lazy: Bool = true,
    explain: @escaping @Sendable (LookupError) -> String = { "\($0.code): \($0.message)" }
  ) -> LookupSession {
    LookupSession(
      service: service, store: watcher.store, label: "test", window: (start: nil, end: Self.now),
      minIntervalMilliseconds: 0, lazy: lazy, explain: explain)
  }

  // MARK: (a) the server-side attribute

  @Test func serverAttributePrefersUsernameThenEventNameThenReadOnly() {
    typealias S = LookupSession
    let all = EventFilter(user: "alice", eventName: "StopLogging", readWrite: .writesOnly)
    #expect(S.serverAttribute(for: all) == LookupAttribute(key: .username, value: "alice"))
    let noUser = EventFilter(eventName: "StopLogging", readWrite: .readsOnly)
    #expect(S.serverAttribute(for: noUser) == LookupAttribute(key: .eventName, value: "StopLogging"))
    #expect(
      S.serverAttribute(for: EventFilter(readWrite: .readsOnly)) == LookupAttribute(key: .readOnly, value: "true"))
    #expect(
      S.serverAttribute(for: EventFilter(readWrite: .writesOnly)) == LookupAttribute(key: .readOnly, value: "false"))
    #expect(S.serverAttribute(for: EventFilter()) == nil)
    // Search text and time bounds never go to the server as an attribute.
    #expect(S.serverAttribute(for: EventFilter(search: "203.0.113.66", startTime: 1, endTime: 2)) == nil)
    // A wildcard user falls through to the event name, a wildcard name to ReadOnly, and both to nothing.
    #expect(
      S.serverAttribute(for: EventFilter(user: "ali*", eventName: "StopLogging"))
        == LookupAttribute(key: .eventName, value: "StopLogging"))
    #expect(
      S.serverAttribute(for: EventFilter(user: "a?ice", eventName: "Stop*", readWrite: .writesOnly))
        == LookupAttribute(key: .readOnly, value: "false"))
    #expect(S.serverAttribute(for: EventFilter(user: "*", eventName: "?")) == nil)
  }

  @Test(arguments: ["alice", "al*ce", "al?ce", "*", "?", "backup-admin", "x*"])
  func serverAttributeNeverCarriesAWildcard(user: String) {
    for name in ["StopLogging", "Stop*", "?topLogging", "Get*Status"] {
      for readWrite in ReadWriteFilter.allCases {
        let attribute = LookupSession.serverAttribute(
          for: EventFilter(user: user, eventName: name, readWrite: readWrite))
        #expect(attribute.map { !$0.value.contains("*") && !$0.value.contains("?") } ?? true)
      }
    }
  }

  // MARK: (b) lazy paging and (d) a fixed EndTime

  @Test func lazyModeFetchesOnePagePerRequestThenEverything() throws {
    let service = RecordingLookupService()
    let watcher = StoreWatcher()
    let session = session(service, watcher)
    session.start(filter: EventFilter())
    let first = try #require(watcher.wait { $0.progress.finished && $0.total > 0 })
    #expect(first.total == 50)
    #expect(first.progress.moreAvailable)
    #expect(service.requests.count == 1)
    #expect(service.requests.first?.nextToken == nil)

    session.needMore()
    let second = try #require(watcher.wait { $0.progress.finished && $0.total == 100 })
    #expect(second.progress.moreAvailable)
    #expect(service.requests.count == 2)
    session.needMore()
    _ = try #require(watcher.wait { $0.progress.finished && $0.total == 150 })
    #expect(service.requests.count == 3)

    session.loadAll()
    let all = try #require(watcher.wait { $0.progress.finished && !$0.progress.moreAvailable })
    #expect(all.total == Self.demo.managementEventCount)
    #expect(all.progress.duplicates == 0)
    #expect(all.progress.problems.isEmpty)
    #expect(Set(StoreWatcher.eventIDs(all)).count == all.total)
    let requests = service.requests
    #expect(requests.count == (Self.demo.managementEventCount + 49) / 50)
    #expect(requests.dropFirst().allSatisfy { $0.nextToken != nil })
    #expect(Set(requests.compactMap(\.nextToken)).count == requests.count - 1)
    // (d) One query, one window: every request has the same EndTime, StartTime, attributes and page size.
    #expect(requests.allSatisfy { $0.endTime == Self.now && $0.startTime == nil && $0.maxResults == 50 })
    #expect(requests.allSatisfy { $0.lookupAttributes.isEmpty })
    // needMore after the end asks nothing.
    session.needMore()
    let flushed = DispatchSemaphore(value: 0)
    watcher.store.flush { flushed.signal() }
    flushed.wait()
    #expect(service.requests.count == requests.count)
  }

  @Test func eagerModeLoadsTheWholeWindowWithOneEndTime() throws {
    let watcher = StoreWatcher()
    let service = RecordingLookupService()
    let session = session(service, watcher, lazy: false)
    session.start(filter: EventFilter(readWrite: .writesOnly))
    let all = try #require(watcher.wait { $0.progress.finished && !$0.progress.moreAvailable })
    let writes = Self.demo.events.filter { $0.readOnly == "false" }
    #expect(all.total == writes.count)
    #expect(Set(StoreWatcher.eventIDs(all)) == Set(writes.map(\.eventId)))
    let requests = service.requests
    #expect(requests.count > 1)
    #expect(Set(requests.map(\.endTime)) == [Self.now])
    #expect(requests.allSatisfy { $0.lookupAttributes == [LookupAttribute(key: .readOnly, value: "false")] })
  }

  // MARK: (c) a filter change restarts the query; late pages are dropped

  @Test func filterChangeStartsANewQueryAndDropsLatePagesOfTheOldOne() throws {
    let service = RecordingLookupService(hold: true)
    let watcher = StoreWatcher()
    let session = session(service, watcher)
    session.start(filter: EventFilter(user: "deploy-bot"))
    #expect(service.waitForRequests(1))
    // Same server attribute, different local filters: no new query.
    session.start(filter: EventFilter(user: "deploy-bot", search: "x"))
    session.start(filter: EventFilter(eventName: "StopLogging"))
    #expect(service.waitForRequests(2))
    let requests = service.requests
    #expect(requests[0].lookupAttributes == [LookupAttribute(key: .username, value: "deploy-bot")])
    #expect(requests[1].lookupAttributes == [LookupAttribute(key: .eventName, value: "StopLogging")])
    #expect(requests[1].nextToken == nil)
    #expect(requests[1].endTime == requests[0].endTime)

    // The old query's page arrives after the restart, then the new one's.
    service.release(1)
    service.release(2)
    let snapshot = try #require(watcher.wait { $0.progress.finished && $0.total > 0 })
    let stops = Self.demo.events.filter { $0.eventName == "StopLogging" }
    #expect(!stops.isEmpty)
    #expect(snapshot.total == stops.count)
    #expect(Set(StoreWatcher.eventIDs(snapshot)) == Set(stops.map(\.eventId)))
    let deployBot = Set(Self.demo.events.filter { $0.username == "deploy-bot" }.map(\.eventId))
    #expect(!deployBot.isEmpty)
    #expect(deployBot.isDisjoint(with: StoreWatcher.eventIDs(snapshot)))
    #expect(service.requests.count == 2)
  }

  @Test func latePageOfAReplacedQueryDoesNotContinueIt() throws {
    let service = RecordingLookupService(hold: true)
    let watcher = StoreWatcher()
    let session = session(service, watcher, lazy: false)
    session.start(filter: EventFilter(readWrite: .readsOnly))
    #expect(service.waitForRequests(1))
    session.start(filter: EventFilter(user: "backup-admin"))
    #expect(service.waitForRequests(2))
    // The new query finishes first; the old page (which has a NextToken) arrives afterwards.
    service.release(2)
    let done = try #require(watcher.wait { $0.progress.finished && !$0.progress.moreAvailable })
    service.release(1)
    // A barrier: the session handles the late page before this restart, and the store sees whatever that did
    // before the flush below.
    session.start(filter: EventFilter(eventName: "StopLogging"))
    #expect(service.waitForRequests(3))
    let flushed = DispatchSemaphore(value: 0)
    watcher.store.flush { flushed.signal() }
    flushed.wait()
    let after = try #require(watcher.latest)
    #expect(after.total == done.total)
    let requests = service.requests
    #expect(requests.count == 3)
    #expect(requests[1].lookupAttributes == [LookupAttribute(key: .username, value: "backup-admin")])
    #expect(requests[1].nextToken == nil)
    #expect(requests[2].lookupAttributes == [LookupAttribute(key: .eventName, value: "StopLogging")])
    #expect(requests[2].nextToken == nil)
  }

  // MARK: (e) errors

  @Test func throttlingIsRetriedAndEveryRowArrivesOnce() throws {
    let throttled = LookupError(code: "ThrottlingException", message: "Rate exceeded")
    let service = RecordingLookupService(failures: [2: throttled, 5: throttled])
    let watcher = StoreWatcher()
    let session = session(service, watcher, lazy: false)
    session.start(filter: EventFilter())
    let all = try #require(watcher.wait(timeout: 30) { $0.progress.finished && !$0.progress.moreAvailable })
    #expect(all.total == Self.demo.managementEventCount)
    #expect(all.progress.duplicates == 0)
    #expect(all.progress.problems.isEmpty)
    #expect(Set(StoreWatcher.eventIDs(all)).count == all.total)
    let requests = service.requests
    #expect(requests.count == (Self.demo.managementEventCount + 49) / 50 + 2)
    // A retry repeats the failed request exactly.
    #expect(requests[2] == requests[1])
    #expect(requests[5] == requests[4])
    #expect(watcher.activities.contains { $0.hasPrefix("throttled by AWS (ThrottlingException), retrying in") })
  }

  @Test func aFinalErrorEndsWithAnExplainedProblem() throws {
    let denied = LookupError(code: "AccessDeniedException", message: "not authorized")
    let service = RecordingLookupService(failures: [2: denied])
    let watcher = StoreWatcher()
    let session = session(service, watcher, lazy: false) {
      AWSError(code: $0.code, message: $0.message, operation: "LookupEvents").explanation
    }
    session.start(filter: EventFilter())
    let ended = try #require(watcher.wait { $0.progress.finished && !$0.progress.problems.isEmpty })
    #expect(!ended.progress.moreAvailable)
    #expect(ended.total == 50)
    let problem = try #require(ended.progress.problems.first)
    #expect(problem.source == "LookupEvents (test)")
    #expect(problem.reason.contains("cloudtrail:LookupEvents"))
    #expect(problem.reason.hasPrefix("Access denied"))
    #expect(service.requests.count == 2)
  }
}
