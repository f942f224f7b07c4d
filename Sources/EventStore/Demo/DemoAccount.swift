/// The built-in demo account: a deterministic week of CloudTrail activity with an incident inside it.
public enum DemoAccount {
  /// The demo records as JSON objects (UTF-8), newest first, ending at `now` (seconds since 1970).
  public static func records(now: Int64, seed: UInt64 = 1) -> [[UInt8]] {
    []
  }
}
