import AWSClient

/// The paging rules for LookupEvents, as a pure state machine: every event returns the action to perform.
///
/// Fixed EndTime per query (so NextToken stays valid), requests spaced to a rate limit, stop on a missing or repeated
/// NextToken, backoff with jitter on throttling and server errors. A NextToken the service no longer accepts
/// (`InvalidNextTokenException`) restarts the query without a token, ending at the oldest second already received;
/// ``unseen(_:)`` then drops the events of that second that were already delivered. Tested without threads or clocks.
public struct PagingMachine: Sendable {
  /// What the owner should do next.
  public enum Action: Sendable, Equatable {
    /// Send `request` after waiting `delayMilliseconds`.
    case send(LookupEventsRequest, delayMilliseconds: Int)
    /// The query is complete.
    case finish
    /// Give up with a message.
    case fail(String)
  }

  /// The first request of the query (its EndTime must be fixed).
  public let template: LookupEventsRequest
  /// Minimum time between two requests (500 ms is AWS's 2 per second).
  public let minIntervalMilliseconds: Int
  /// Retries of one request before giving up.
  public let maxAttempts: Int
  private var lastSentAt: Int?
  private var tokensSeen = Set<String>()
  /// The query being paged: `template`, or after a NextToken failure the same query ending earlier.
  private var base: LookupEventsRequest
  private var current: LookupEventsRequest
  private var attempts = 0
  /// The oldest second received so far and the IDs of the events received at that second.
  private var boundary: (time: Int64, ids: Set<String>)?
  /// Queries restarted after a NextToken failure.
  public private(set) var restarts = 0
  private var stalledRestarts = 0
  private var lastRestartAt: Int64?
  /// Pages received so far.
  public private(set) var pages = 0

  /// Creates a machine for one query.
  public init(template: LookupEventsRequest, minIntervalMilliseconds: Int = 500, maxAttempts: Int = 8) {
    self.template = template
    self.minIntervalMilliseconds = minIntervalMilliseconds
    self.maxAttempts = maxAttempts
    self.current = template
    self.base = template
  }

  /// Starts the query at time `now` (milliseconds on any monotonic clock).
  public mutating func start(now: Int) -> Action {
    sendCurrent(now: now, extraDelay: 0)
  }

  /// A page arrived.
  public mutating func received(_ response: LookupEventsResponse, now: Int) -> Action {
    pages += 1
    attempts = 0
    for event in response.events {
      if boundary == nil || event.eventTime < boundary!.time {
        boundary = (event.eventTime, [event.eventId])
      } else if event.eventTime == boundary!.time {
        boundary!.ids.insert(event.eventId)
      }
    }
    guard let token = response.nextToken, !token.isEmpty else { return .finish }
    guard tokensSeen.insert(token).inserted else { return .finish }
    current = base
    current.nextToken = token
    return sendCurrent(now: now, extraDelay: 0)
  }

  /// A request failed; `jitter` in 0..<1 spreads retries.
  public mutating func failed(_ error: LookupError, now: Int, jitter: Double) -> Action {
    if error.code == "InvalidNextTokenException", current.nextToken != nil {
      // Restarts that do not move the boundary are no progress: give up after maxAttempts of them.
      stalledRestarts = boundary?.time == lastRestartAt ? stalledRestarts + 1 : 1
      lastRestartAt = boundary?.time
      guard stalledRestarts < maxAttempts else {
        return .fail("\(error.code) after \(stalledRestarts) restarts at the same time: \(error.message)")
      }
      restarts += 1
      if let boundary { base.endTime = boundary.time }
      current = base
      return sendCurrent(now: now, extraDelay: 0)
    }
    guard Self.isRetryable(error.code) else { return .fail("\(error.code): \(error.message)") }
    attempts += 1
    guard attempts < maxAttempts else { return .fail("\(error.code) after \(attempts) attempts: \(error.message)") }
    let base = min(20_000, 500 << min(attempts, 6))
    let delay = base / 2 + Int(Double(base / 2) * jitter)
    return sendCurrent(now: now, extraDelay: delay)
  }

  /// The page without the events already received before a restart (those of the boundary second); call before
  /// ``received(_:now:)``.
  public func unseen(_ response: LookupEventsResponse) -> LookupEventsResponse {
    guard restarts > 0, let boundary else { return response }
    var page = response
    page.events.removeAll { $0.eventTime == boundary.time && boundary.ids.contains($0.eventId) }
    return page
  }

  /// Throttling, server and network errors are retried; the rest are final (an expired token too: the client has
  /// already retried it with refreshed credentials when the chain had any).
  public static func isRetryable(_ code: String) -> Bool {
    throttlingCodes.contains(code)
      || [
        "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "InternalServerError", "NetworkError",
        "RequestTimeout", "MalformedResponse",
      ]
      .contains(code) || code.hasPrefix("HTTP5")
  }

  /// The error codes that mean "slow down".
  public static let throttlingCodes: Set<String> = [
    "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
  ]

  private mutating func sendCurrent(now: Int, extraDelay: Int) -> Action {
    var delay = extraDelay
    if let last = lastSentAt { delay = max(delay, last + minIntervalMilliseconds - now) }
    delay = max(0, delay)
    lastSentAt = now + delay
    return .send(current, delayMilliseconds: delay)
  }
}
