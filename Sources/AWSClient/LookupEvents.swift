/// The attribute keys LookupEvents accepts (one per request).
public enum LookupAttributeKey: String, Sendable, Equatable, CaseIterable {
  /// `EventId`.
  case eventId = "EventId"
  /// `EventName`.
  case eventName = "EventName"
  /// `ReadOnly` ("true" or "false").
  case readOnly = "ReadOnly"
  /// `Username`.
  case username = "Username"
  /// `ResourceType`.
  case resourceType = "ResourceType"
  /// `ResourceName`.
  case resourceName = "ResourceName"
  /// `EventSource`.
  case eventSource = "EventSource"
  /// `AccessKeyId`.
  case accessKeyId = "AccessKeyId"
}

/// One LookupEvents lookup attribute.
public struct LookupAttribute: Sendable, Equatable {
  /// The key.
  public var key: LookupAttributeKey
  /// The value (1 to 2000 characters).
  public var value: String

  /// Creates an attribute.
  public init(key: LookupAttributeKey, value: String) {
    self.key = key
    self.value = value
  }
}

/// A LookupEvents request, as the API takes it.
public struct LookupEventsRequest: Sendable, Equatable {
  /// At most one attribute (the API's rule).
  public var lookupAttributes: [LookupAttribute]
  /// Inclusive start, seconds since 1970.
  public var startTime: Int64?
  /// Inclusive end, seconds since 1970 (fixed per query so that NextToken stays valid).
  public var endTime: Int64?
  /// 1...50.
  public var maxResults: Int
  /// The token from the previous page, if any.
  public var nextToken: String?
  /// `EventCategory`: `insight` for Insights events (which then only take EventId, EventName and EventSource
  /// attributes); nil for management events.
  public var eventCategory: String?

  /// Creates a request.
  public init(
    lookupAttributes: [LookupAttribute] = [], startTime: Int64? = nil, endTime: Int64? = nil,
    maxResults: Int = 50, nextToken: String? = nil
  ) {
    self.lookupAttributes = lookupAttributes
    self.startTime = startTime
    self.endTime = endTime
    self.maxResults = maxResults
    self.nextToken = nextToken
  }
}

/// A resource named by a LookupEvents event.
public struct LookupResource: Sendable, Equatable {
  /// `ResourceType`, for example `AWS::S3::Bucket`.
  public var type: String?
  /// `ResourceName`.
  public var name: String?

  /// Creates a resource.
  public init(type: String?, name: String?) {
    self.type = type
    self.name = name
  }
}

/// One event in a LookupEvents response.
public struct LookupEvent: Sendable, Equatable {
  /// `EventId`.
  public var eventId: String
  /// `EventName`.
  public var eventName: String
  /// `ReadOnly` as the API sends it ("true"/"false").
  public var readOnly: String?
  /// `AccessKeyId`.
  public var accessKeyId: String?
  /// `EventTime`, seconds since 1970.
  public var eventTime: Int64
  /// `EventSource`.
  public var eventSource: String
  /// `Username`.
  public var username: String?
  /// `Resources`.
  public var resources: [LookupResource]
  /// `CloudTrailEvent`: the full record as a JSON string.
  public var cloudTrailEvent: String

  /// Creates an event.
  public init(
    eventId: String, eventName: String, readOnly: String?, accessKeyId: String?, eventTime: Int64,
    eventSource: String, username: String?, resources: [LookupResource], cloudTrailEvent: String
  ) {
    self.eventId = eventId
    self.eventName = eventName
    self.readOnly = readOnly
    self.accessKeyId = accessKeyId
    self.eventTime = eventTime
    self.eventSource = eventSource
    self.username = username
    self.resources = resources
    self.cloudTrailEvent = cloudTrailEvent
  }
}

/// A LookupEvents response page.
public struct LookupEventsResponse: Sendable, Equatable {
  /// Events, newest first.
  public var events: [LookupEvent]
  /// The token for the next page; nil when this was the last.
  public var nextToken: String?

  /// Creates a response.
  public init(events: [LookupEvent], nextToken: String?) {
    self.events = events
    self.nextToken = nextToken
  }
}

/// An error answered by a LookupEvents service, with the API's error code.
public struct LookupError: Error, Sendable, Equatable {
  /// The error code, for example `ThrottlingException` or `InvalidNextTokenException`.
  public var code: String
  /// The message.
  public var message: String

  /// Creates an error.
  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }
}

/// Something that answers LookupEvents requests page by page: the demo account now, the live API later.
public protocol LookupEventsService: Sendable {
  /// Answers one request; `completion` is called once, on any queue.
  func lookupEvents(
    _ request: LookupEventsRequest, completion: @escaping @Sendable (Result<LookupEventsResponse, LookupError>) -> Void)
}
