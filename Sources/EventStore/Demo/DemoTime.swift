/// Calendar arithmetic for the demo account (UTC only, proleptic Gregorian), without Foundation.
enum DemoTime {
  /// Seconds in a day.
  static let day: Int64 = 86_400

  /// The civil date for a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
  static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Floor division of seconds into days.
  static func days(_ seconds: Int64) -> Int64 {
    seconds >= 0 ? seconds / day : -((-seconds + day - 1) / day)
  }

  /// Day of week, 0 = Sunday.
  static func weekday(_ seconds: Int64) -> Int {
    let d = days(seconds)
    return Int(((d % 7) + 11) % 7)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`.
  static func iso(_ seconds: Int64) -> String {
    let d = days(seconds)
    let (y, m, dd) = civil(days: d)
    let s = seconds - d * day
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(dd, 2) + "T" + pad(s / 3600, 2) + ":" + pad(s % 3600 / 60, 2) + ":"
      + pad(s % 60, 2) + "Z"
  }

  /// The style IAM uses inside `responseElements`, e.g. `Nov 25, 2026, 3:04:05 AM`.
  static func iamStyle(_ seconds: Int64) -> String {
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let d = days(seconds)
    let (y, m, dd) = civil(days: d)
    let s = seconds - d * day
    let hour = s / 3600
    let h12 = hour % 12 == 0 ? 12 : hour % 12
    return names[Int(m - 1)] + " \(dd), \(y), \(h12):" + pad(s % 3600 / 60, 2) + ":" + pad(s % 60, 2)
      + (hour < 12 ? " AM" : " PM")
  }

  private static func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
