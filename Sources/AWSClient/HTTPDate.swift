/// The IMF-fixdate form of HTTP `Date` headers (`Thu, 26 Nov 2026 14:01:30 GMT`, RFC 9110), which AWS sends with
/// every answer and which tells how far the local clock is from AWS's.
public enum HTTPDate {
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

  /// Seconds since 1970 of an IMF-fixdate with a year from 1970 to 9999; nil for anything else (the header comes
  /// from the network, so nothing wider is accepted).
  public static func parse(_ text: String) -> Int64? {
    let parts = text.trimmingWhitespace().split(separator: " ")
    guard parts.count == 6, parts[5] == "GMT" || parts[5] == "UTC", parts[3].count == 4 else { return nil }
    guard let day = Int64(parts[1]), (1...31).contains(day),
      let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int64(parts[3]), (1970...9999).contains(year)
    else { return nil }
    let clock = parts[4].split(separator: ":")
    guard clock.count == 3, let h = Int64(clock[0]), let m = Int64(clock[1]), let s = Int64(clock[2]),
      h < 24, m < 60, s < 61
    else { return nil }
    return SigV4.daysFromCivil(year, Int64(monthIndex + 1), day) * 86_400 + h * 3600 + m * 60 + s
  }

  /// The IMF-fixdate of `seconds` since 1970.
  public static func format(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    let (y, m, d) = SigV4.civil(days)
    let weekday = weekdays[Int(((days % 7) + 7) % 7)]
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return
      "\(weekday), \(two(d)) \(months[Int(m - 1)]) \(y) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
  }
}
