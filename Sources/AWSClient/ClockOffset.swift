import Synchronization

/// How far AWS's clock is from the local one, learnt from a clock-skew rejection's `Date` header and shared by every
/// signer of a session (the CloudTrail client and STS AssumeRole), so that one correction serves them all.
public final class ClockOffset: Sendable {
  private struct State {
    var seconds: Int64 = 0
    var changed = false
    var handler: (@Sendable (Int64) -> Void)?
  }

  private let state = Mutex(State())

  /// Starts at 0 (the local clock is trusted until AWS says otherwise).
  public init() {}

  /// Seconds to add to the local clock when signing.
  public var seconds: Int64 { state.withLock { $0.seconds } }

  /// Sets who hears about a correction (with the new offset); told at once when one already happened.
  public func setChangeHandler(_ handler: @escaping @Sendable (Int64) -> Void) {
    let past = state.withLock { s -> Int64? in
      s.handler = handler
      return s.changed ? s.seconds : nil
    }
    if let past { handler(past) }
  }

  /// After AWS rejected the time of a request signed with offset `signedWith`, adopts the clock in `serverDate`
  /// (an IMF-fixdate); true when the request should be sent once more: the offset changed by a minute or more, or
  /// another request already corrected it. False when the header is missing, unreadable or absurd (over 400 years).
  func adopt(serverDate: String?, localNow: Int64, signedWith: Int64) -> Bool {
    guard let serverDate, let serverTime = HTTPDate.parse(serverDate) else { return false }
    let (measured, overflow) = serverTime.subtractingReportingOverflow(localNow)
    guard !overflow, abs(measured) < 400 * 365 * 86_400 else { return false }
    let (retry, notify) = state.withLock { s -> (Bool, (@Sendable (Int64) -> Void)?) in
      if s.seconds != signedWith { return (true, nil) }
      guard abs(measured - s.seconds) >= 60 else { return (false, nil) }
      s.seconds = measured
      s.changed = true
      return (true, s.handler)
    }
    notify?(measured)
    return retry
  }
}
