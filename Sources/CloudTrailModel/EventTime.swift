/// Parsing and formatting of CloudTrail event times.
public enum EventTime {
  /// Parses an ISO 8601 UTC time such as `2024-05-01T12:34:56Z` into seconds since 1970.
  public static func parse(_ bytes: ArraySlice<UInt8>) -> Int64? {
    nil
  }

  /// Formats seconds since 1970 as `YYYY-MM-DD HH:MM:SS`, shifted by `offsetSeconds` (0 for UTC).
  public static func format(_ seconds: Int64, offsetSeconds: Int = 0) -> String {
    "\(seconds)"
  }
}
