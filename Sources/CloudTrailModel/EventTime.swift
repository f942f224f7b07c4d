/// Parsing and formatting of CloudTrail event times.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS` followed by optional fractional seconds (`.` and 1+ digits, truncated) and a zone,
/// `Z` or `+HH:MM`/`-HH:MM`. A space may stand for `T` and a missing zone means UTC (seen in exported and
/// synthetic logs such as `2025-01-21 17:49:47.000000000`). Years 0001–9999; fields are range-checked (day against
/// month and leap year; second 00–59). Anything else is rejected.
public enum EventTime {
  /// Parses an ISO 8601 UTC time such as `2024-05-01T12:34:56Z` into seconds since 1970.
  public static func parse(_ bytes: ArraySlice<UInt8>) -> Int64? {
    bytes.withUnsafeBufferPointer { b in
      b.baseAddress.flatMap { parse($0, count: b.count) }
    }
  }

  /// Parses `count` bytes at `p`; see ``parse(_:)``.
  static func parse(_ p: UnsafePointer<UInt8>, count: Int) -> Int64? {
    guard count >= 19 else { return nil }
    guard p[4] == 0x2D, p[7] == 0x2D, p[10] == 0x54 || p[10] == 0x20, p[13] == 0x3A, p[16] == 0x3A else { return nil }
    guard let year = digits(p, 0, 4), let month = digits(p, 5, 2), let day = digits(p, 8, 2),
      let hour = digits(p, 11, 2), let minute = digits(p, 14, 2), let second = digits(p, 17, 2)
    else { return nil }
    guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
      minute < 60, second < 60
    else { return nil }
    var j = 19
    if j < count && p[j] == 0x2E {
      j += 1
      let fractionStart = j
      while j < count && p[j] &- 0x30 < 10 { j += 1 }
      guard j > fractionStart else { return nil }
    }
    var offset = 0
    if j == count {
      // No zone: UTC.
    } else if p[j] == 0x5A {
      j += 1
    } else if p[j] == 0x2B || p[j] == 0x2D {
      guard j + 6 == count, p[j + 3] == 0x3A, let oh = digits(p, j + 1, 2), let om = digits(p, j + 4, 2), oh < 24,
        om < 60
      else { return nil }
      offset = (oh * 3600 + om * 60) * (p[j] == 0x2B ? 1 : -1)
      j += 6
    } else {
      return nil
    }
    guard j == count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return days * 86400 + Int64(hour * 3600 + minute * 60 + second - offset)
  }

  private static func digits(_ p: UnsafePointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
    var v = 0
    for k in at..<(at + n) {
      let d = p[k] &- 0x30
      guard d < 10 else { return nil }
      v = v * 10 + Int(d)
    }
    return v
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The date for days since 1970-01-01 (Howard Hinnant's civil_from_days).
  public static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = Int(doy - (153 * mp + 2) / 5 + 1)
    let month = Int(mp < 10 ? mp + 3 : mp - 9)
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Formats seconds since 1970 as `YYYY-MM-DD HH:MM:SS`, shifted by `offsetSeconds` (0 for UTC).
  public static func format(_ seconds: Int64, offsetSeconds: Int = 0) -> String {
    render(seconds &+ Int64(offsetSeconds), separator: " ", suffix: "")
  }

  /// Formats seconds since 1970 as ISO 8601 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
  public static func formatISO(_ seconds: Int64) -> String {
    render(seconds, separator: "T", suffix: "Z")
  }

  private static func render(_ t: Int64, separator: String, suffix: String) -> String {
    let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
    let rest = Int(t - days * 86400)
    let (y, m, d) = civilFromDays(days)
    let year = y >= 0 && y < 10000 ? pad(Int(y), 4) : String(y)
    return year + "-" + pad(m, 2) + "-" + pad(d, 2) + separator + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2)
      + ":" + pad(rest % 60, 2) + suffix
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
