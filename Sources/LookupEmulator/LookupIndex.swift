import AWSClient
import CloudTrailModel

/// Answers LookupEvents over a fixed set of raw CloudTrail records, the way CloudTrail Event History does.
///
/// Management events only (records with `managementEvent: false` or `eventCategory: "Data"` are left out; Insights
/// events are kept apart and answered only for `EventCategory` `insight`), newest first (ties keep input order),
/// inclusive `StartTime`/`EndTime`, at most one lookup attribute, `MaxResults` 1...50, and an opaque `NextToken` bound
/// to the query's attributes, time range and category (`MaxResults` may change between pages). Records are
/// deduplicated by `eventID`; records without an `eventID` or a readable `eventTime` are skipped.
///
/// `Username` is ``Identity/displayName(_:in:)``; `Resources` come from the record's `resources[]` (`type`, `ARN`), and
/// the `ResourceName` attribute matches the full ARN or its last component (`backup-admin` for
/// `arn:aws:iam::123456789012:user/backup-admin`).
public final class LookupIndex: Sendable {
  /// Management events, newest first.
  public let events: [LookupEvent]
  /// Insights events, newest first.
  public let insightEvents: [LookupEvent]
  /// How many records were left out: data events, duplicates, records without an ID or time, unreadable JSON.
  public let skippedCount: Int

  /// Builds the index from records, each one JSON object (UTF-8), in any order.
  public init(records: [[UInt8]]) {
    var management: [(LookupEvent, Int)] = []
    var insights: [(LookupEvent, Int)] = []
    var seen = Set<String>()
    var skipped = 0
    for (ordinal, record) in records.enumerated() {
      guard let entry = LookupIndex.entry(record), seen.insert(entry.event.eventId).inserted else {
        skipped += 1
        continue
      }
      switch entry.kind {
      case .management: management.append((entry.event, ordinal))
      case .insight: insights.append((entry.event, ordinal))
      case .data: skipped += 1
      }
    }
    func newestFirst(_ a: (LookupEvent, Int), _ b: (LookupEvent, Int)) -> Bool {
      a.0.eventTime != b.0.eventTime ? a.0.eventTime > b.0.eventTime : a.1 < b.1
    }
    self.events = management.sorted(by: newestFirst).map(\.0)
    self.insightEvents = insights.sorted(by: newestFirst).map(\.0)
    self.skippedCount = skipped
  }

  /// An index over events that are already LookupEvents-shaped, each list newest first (the demo account's).
  public init(events: [LookupEvent], insightEvents: [LookupEvent] = []) {
    self.events = events
    self.insightEvents = insightEvents
    self.skippedCount = 0
  }

  /// The newest management event named `eventName` (for example `StopLogging`), optionally for one resource name.
  public func latest(named eventName: String, resourceName: String? = nil) -> LookupEvent? {
    events.first { event in
      event.eventName == eventName
        && (resourceName.map { LookupIndex.matches(event, LookupAttribute(key: .resourceName, value: $0)) } ?? true)
    }
  }

  /// Answers one request. `eventCategory` is the request's `EventCategory` (`insight` or nil; the request's own
  /// when not given).
  public func answer(_ request: LookupEventsRequest, eventCategory: String? = nil) -> Result<
    LookupEventsResponse, LookupError
  > {
    let eventCategory = eventCategory ?? request.eventCategory
    if let error = LookupIndex.validate(request, eventCategory: eventCategory) { return .failure(error) }
    let list = eventCategory == "insight" ? insightEvents : events
    let attribute = request.lookupAttributes.first
    let fingerprint = LookupIndex.fingerprint(request, eventCategory: eventCategory)
    var position = 0
    if let token = request.nextToken {
      guard let decoded = LookupPageToken.decode(token), decoded.fingerprint == fingerprint,
        decoded.position <= list.count
      else {
        return .failure(
          LookupError(
            code: "InvalidNextTokenException", message: "Invalid NextToken, or used with different parameters."))
      }
      position = decoded.position
    }
    var page: [LookupEvent] = []
    var index = position
    while index < list.count {
      let event = list[index]
      if let end = request.endTime, event.eventTime > end {
        index += 1
        continue
      }
      if let start = request.startTime, event.eventTime < start { break }
      if attribute.map({ LookupIndex.matches(event, $0) }) ?? true {
        if page.count == request.maxResults {
          let token = LookupPageToken.encode(position: index, fingerprint: fingerprint)
          return .success(LookupEventsResponse(events: page, nextToken: token))
        }
        page.append(event)
      }
      index += 1
    }
    return .success(LookupEventsResponse(events: page, nextToken: nil))
  }

  /// The API's request checks, in the API's order; nil when the request is acceptable.
  static func validate(_ request: LookupEventsRequest, eventCategory: String?) -> LookupError? {
    if let category = eventCategory, category != "insight" {
      return LookupError(
        code: "InvalidEventCategoryException", message: "Event category \(category) is not valid. Use insight.")
    }
    guard (1...50).contains(request.maxResults) else {
      return LookupError(
        code: "InvalidMaxResultsException",
        message: "Value \(request.maxResults) for MaxResults is invalid. It must be between 1 and 50.")
    }
    guard request.lookupAttributes.count <= 1 else {
      return LookupError(
        code: "InvalidLookupAttributesException", message: "You can only specify one lookup attribute per request.")
    }
    if let attribute = request.lookupAttributes.first {
      if attribute.value.isEmpty || attribute.value.count > 2000 {
        return LookupError(
          code: "InvalidLookupAttributesException",
          message: "The value of lookup attribute \(attribute.key.rawValue) must be 1 to 2000 characters long.")
      }
      if attribute.key == .readOnly && attribute.value != "true" && attribute.value != "false" {
        return LookupError(
          code: "InvalidLookupAttributesException", message: "The ReadOnly lookup attribute must be true or false.")
      }
      if eventCategory == "insight" && ![.eventId, .eventName, .eventSource].contains(attribute.key) {
        return LookupError(
          code: "InvalidLookupAttributesException",
          message: "Insights lookups support only the EventId, EventName and EventSource attributes.")
      }
    }
    if let start = request.startTime, let end = request.endTime, start > end {
      return LookupError(code: "InvalidTimeRangeException", message: "Start time must not be after end time.")
    }
    return nil
  }

  /// The page token fingerprint: the demo service's (attributes and time range) plus the event category.
  static func fingerprint(_ request: LookupEventsRequest, eventCategory: String?) -> UInt64 {
    LookupPageToken.fingerprint(request) ^ (eventCategory == "insight" ? 0x1A5E_C7ED_0000_0001 : 0)
  }

  /// Whether `event` matches one lookup attribute (exact and case-sensitive, like the API).
  public static func matches(_ event: LookupEvent, _ attribute: LookupAttribute) -> Bool {
    let v = attribute.value
    switch attribute.key {
    case .eventId: return event.eventId == v
    case .eventName: return event.eventName == v
    case .readOnly: return event.readOnly == v
    case .username: return event.username == v
    case .eventSource: return event.eventSource == v
    case .accessKeyId: return event.accessKeyId == v
    case .resourceType: return event.resources.contains { $0.type == v }
    case .resourceName:
      return event.resources.contains { $0.name == v || $0.name.map(LookupIndex.shortName) == v }
    }
  }

  /// The last component of an ARN's resource part: after the last `/`, else after the last `:`.
  static func shortName(_ arn: String) -> String {
    if let slash = arn.lastIndex(of: "/") { return String(arn[arn.index(after: slash)...]) }
    if let colon = arn.lastIndex(of: ":") { return String(arn[arn.index(after: colon)...]) }
    return arn
  }
}
