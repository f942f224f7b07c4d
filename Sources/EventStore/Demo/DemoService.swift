import Dispatch

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
  /// The management events, newest first.
  let events: [LookupEvent]
  private let queue = DispatchQueue(label: "trailview.demo-service")

  /// Creates the service for a demo account ending at `now`.
  public init(now: Int64, seed: UInt64 = 1, pageDelayMilliseconds: Int = 120) {
    self.pageDelayMilliseconds = pageDelayMilliseconds
    self.events = DemoAccount.events(now: now, seed: seed).filter(\.management).map(DemoService.lookupEvent)
  }

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
    guard (1...50).contains(request.maxResults) else {
      return .failure(
        LookupError(
          code: "InvalidMaxResultsException",
          message: "Value \(request.maxResults) for MaxResults is invalid. It must be between 1 and 50."))
    }
    guard request.lookupAttributes.count <= 1 else {
      return .failure(
        LookupError(
          code: "InvalidLookupAttributesException", message: "You can only specify one lookup attribute per request."))
    }
    let attribute = request.lookupAttributes.first
    if let attribute {
      if attribute.value.isEmpty || attribute.value.count > 2000 {
        return .failure(
          LookupError(
            code: "InvalidLookupAttributesException",
            message: "The value of lookup attribute \(attribute.key.rawValue) must be 1 to 2000 characters long."))
      }
      if attribute.key == .readOnly && attribute.value != "true" && attribute.value != "false" {
        return .failure(
          LookupError(
            code: "InvalidLookupAttributesException", message: "The ReadOnly lookup attribute must be true or false."))
      }
    }
    if let start = request.startTime, let end = request.endTime, start > end {
      return .failure(LookupError(code: "InvalidTimeRangeException", message: "Start time must not be after end time."))
    }
    let fingerprint = DemoPageToken.fingerprint(request)
    var position = 0
    if let token = request.nextToken {
      guard let decoded = DemoPageToken.decode(token), decoded.fingerprint == fingerprint,
        decoded.position <= events.count
      else {
        return .failure(
          LookupError(
            code: "InvalidNextTokenException", message: "Invalid NextToken, or used with different parameters."))
      }
      position = decoded.position
    }
    var page: [LookupEvent] = []
    var index = position
    while index < events.count {
      let event = events[index]
      if let end = request.endTime, event.eventTime > end {
        index += 1
        continue
      }
      if let start = request.startTime, event.eventTime < start { break }
      if attribute.map({ DemoService.matches(event, $0) }) ?? true {
        if page.count == request.maxResults {
          return .success(
            LookupEventsResponse(
              events: page, nextToken: DemoPageToken.encode(position: index, fingerprint: fingerprint)))
        }
        page.append(event)
      }
      index += 1
    }
    return .success(LookupEventsResponse(events: page, nextToken: nil))
  }

  /// Whether `event` matches one lookup attribute (exact, case-sensitive, like the API).
  static func matches(_ event: LookupEvent, _ attribute: LookupAttribute) -> Bool {
    let v = attribute.value
    switch attribute.key {
    case .eventId: return event.eventId == v
    case .eventName: return event.eventName == v
    case .readOnly: return event.readOnly == v
    case .username: return event.username == v
    case .eventSource: return event.eventSource == v
    case .accessKeyId: return event.accessKeyId == v
    case .resourceName: return event.resources.contains { $0.name == v }
    case .resourceType: return event.resources.contains { $0.type == v }
    }
  }

  /// The LookupEvents view of a generated event.
  static func lookupEvent(_ e: DemoEvent) -> LookupEvent {
    LookupEvent(
      eventId: e.eventID, eventName: e.eventName, readOnly: e.readOnly ? "true" : "false", accessKeyId: e.accessKeyId,
      eventTime: e.time, eventSource: e.eventSource, username: e.username,
      resources: e.resources.map { LookupResource(type: $0.type, name: $0.name) },
      cloudTrailEvent: String(decoding: e.json, as: UTF8.self))
  }
}
