import CloudTrailModel

/// Calendar arithmetic for the demo account (UTC only, proleptic Gregorian), without Foundation.
enum DemoTime {
  /// Seconds in a day.
  static let day: Int64 = 86_400

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
    EventTime.formatISO(seconds)
  }

  /// The style IAM uses inside `responseElements`, e.g. `Nov 25, 2026, 3:04:05 AM`.
  static func iamStyle(_ seconds: Int64) -> String {
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let d = days(seconds)
    let (y, m, dd) = EventTime.civilFromDays(d)
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
