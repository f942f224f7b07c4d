import AWSClient
import CloudTrailModel
import Foundation
import Testing

@testable import EventStore

/// A new time window starts a new LookupEvents query; an open window ends at the session's clock.
@Suite struct LookupWindowTests {
  @Test func aNewWindowStartsANewQueryEndingNow() throws {
    let service = RecordingLookupService()
    let watcher = StoreWatcher()
    let now = LookupSessionTests.now
    let session = LookupSession(
      service: service, store: watcher.store, label: "test", window: (start: now - 86_400, end: now),
      minIntervalMilliseconds: 0, lazy: true, clock: { now })
    session.start(filter: EventFilter(startTime: now - 86_400))
    #expect(service.waitForRequests(1))
    #expect(watcher.wait { $0.progress.finished && $0.total > 0 } != nil)
    // The same window again: no new request.
    session.start(filter: EventFilter(startTime: now - 86_400))
    // An hour instead: a new query with that StartTime and the clock as its EndTime.
    session.start(filter: EventFilter(startTime: now - 3600))
    #expect(service.waitForRequests(2))
    let second = service.requests[1]
    #expect(second.startTime == now - 3600 && second.endTime == now && second.nextToken == nil)
    // A closed window uses its own end.
    session.start(filter: EventFilter(startTime: now - 7200, endTime: now - 3600))
    #expect(service.waitForRequests(3))
    #expect(service.requests[2].startTime == now - 7200 && service.requests[2].endTime == now - 3600)
    #expect(service.requests.count == 3)
  }
}
