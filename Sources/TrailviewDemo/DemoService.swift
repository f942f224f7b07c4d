import AWSClient
import Dispatch
import LookupEmulator

/// An in-process LookupEvents service over the demo account, answering page by page with a realistic delay.
///
/// It behaves like CloudTrail Event History: management events only (the S3 and DynamoDB data events that
/// ``DemoAccount/records(now:seed:)`` includes, as log files would, are left out), newest first, inclusive
/// `StartTime`/`EndTime`, at most one lookup attribute, `MaxResults` 1...50, and an opaque `NextToken` bound to the
/// query's attributes and time range (`MaxResults` may change between pages). `Username` is the IAM user name,
/// the assumed-role session name, `root`, or the invoking service for service principals.
///
/// Errors use the API's codes: `InvalidLookupAttributesException`, `InvalidMaxResultsException`,
/// `InvalidTimeRangeException`, `InvalidNextTokenException`.
public final class DemoService: LookupEventsService {
  /// Delay before each answer, in milliseconds.
  public let pageDelayMilliseconds: Int
  /// The management events, answered like Event History.
  let index: LookupIndex
  private let queue = DispatchQueue(label: "trailview.demo-service")

  /// Creates the service for a demo account ending at `now`.
  public init(now: Int64, seed: UInt64 = 1, pageDelayMilliseconds: Int = 120) {
    self.pageDelayMilliseconds = pageDelayMilliseconds
    let all = DemoAccount.events(now: now, seed: seed)
    self.index = LookupIndex(
      events: all.filter { $0.management && !$0.insight }.map(DemoService.lookupEvent),
      insightEvents: all.filter(\.insight).map(DemoService.lookupEvent))
  }

  /// The management events, newest first.
  var events: [LookupEvent] { index.events }

  /// How many events Event History holds for the demo account (management events only).
  public var managementEventCount: Int { events.count }

  /// Answers one LookupEvents request, asynchronously on a private serial queue after ``pageDelayMilliseconds``.
  public func lookupEvents(
    _ request: LookupEventsRequest, completion: @escaping @Sendable (Result<LookupEventsResponse, LookupError>) -> Void
  ) {
    let work: @Sendable () -> Void = { [self] in completion(self.answer(request)) }
    if pageDelayMilliseconds > 0 {
      queue.asyncAfter(deadline: .now() + .milliseconds(pageDelayMilliseconds), execute: work)
    } else {
      queue.async(execute: work)
    }
  }

  /// The answer to `request`, computed synchronously.
  func answer(_ request: LookupEventsRequest) -> Result<LookupEventsResponse, LookupError> {
    index.answer(request)
  }

  /// The LookupEvents view of a generated event.
  static func lookupEvent(_ e: DemoEvent) -> LookupEvent {
    LookupEvent(
      eventId: e.eventID, eventName: e.eventName, readOnly: e.insight ? nil : (e.readOnly ? "true" : "false"),
      accessKeyId: e.accessKeyId,
      eventTime: e.time, eventSource: e.eventSource, username: e.username,
      resources: e.resources.map { LookupResource(type: $0.type, name: $0.name) },
      cloudTrailEvent: String(decoding: e.json, as: UTF8.self))
  }
}
