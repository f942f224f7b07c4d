/// Times and durations as people type them, for `--since`, `--start-time`, `--end-time` and the time-window screen.
public enum TimeText {
  /// `90m`, `12h`, `7d`, `30s`, `2w` (a whole number and a unit) → seconds; nil otherwise.
  public static func duration(_ text: String) -> Int64? {
    let text = text.filter { $0 != " " }
    guard let unit = text.last, let value = Int64(text.dropLast()), value >= 0, value < 1 << 40 else { return nil }
    switch unit {
    case "s": return value
    case "m": return value * 60
    case "h": return value * 3600
    case "d": return value * 86400
    case "w": return value * 7 * 86400
    default: return nil
    }
  }

  /// An absolute time: ISO 8601 with or without seconds, with `Z`, an offset or no zone (UTC), `T` or a space
  /// between date and time, or a date alone (midnight UTC).
  public static func absolute(_ text: String) -> Int64? {
    var candidates = [text]
    let hasZone = text.hasSuffix("Z") || text.dropFirst(10).contains("+") || text.dropFirst(10).contains("-")
    if text.count == 10 { candidates.append(text + "T00:00:00Z") }
    if text.count == 16 { candidates.append(text + ":00") }  // minutes, no zone
    if !hasZone && text.count == 19 { candidates.append(text + "Z") }
    if hasZone, text.count >= 17, let zone = zoneStart(text), zone == 16 {
      // Minutes with a zone: 2025-03-06T02:29Z, 2025-03-06T02:29+01:00.
      candidates.append(String(text.prefix(16)) + ":00" + String(text.dropFirst(16)))
    }
    for candidate in candidates {
      if let t = EventTime.parse(ArraySlice(candidate.utf8)) { return t }
    }
    return nil
  }

  /// Where the zone starts after a date and time of minutes (`Z`, `+`, `-` at offset 16).
  private static func zoneStart(_ text: String) -> Int? {
    let chars = Array(text)
    guard chars.count > 16, ["Z", "+", "-"].contains(chars[16]) else { return nil }
    return 16
  }

  /// A point in time: `now`, a duration ago (`2h`, `-2h`), or an absolute time.
  public static func instant(_ text: String, now: Int64) -> Int64? {
    let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    if trimmed.lowercased() == "now" { return now }
    let relative = trimmed.hasPrefix("-") ? String(trimmed.dropFirst()) : trimmed
    if let ago = duration(relative) { return now - ago }
    return absolute(trimmed)
  }

  /// A window typed as `START .. END` or `START` alone (open end): each side is an ``instant(_:now:)``. Fails with a
  /// message that says what is wrong.
  public static func window(_ text: String, now: Int64) -> Result<(start: Int64?, end: Int64?), WindowError> {
    var parts: [String] = [text]
    if let dots = text.firstRange(of: "..") {
      parts = [String(text[..<dots.lowerBound]), String(text[dots.upperBound...])]
      if parts[1].contains("..") { parts.append("") }
    }
    guard parts.count <= 2, let first = parts.first, !first.allSatisfy({ $0 == " " }) else {
      return .failure(WindowError(message: "type START or START .. END, such as 2h, 2025-03-06T02:29 .. now"))
    }
    guard let start = instant(first, now: now) else {
      return .failure(
        WindowError(message: "cannot read the start \"\(first)\": use 2h, 90m, 7d, now or 2025-03-06T02:29"))
    }
    var end: Int64?
    if parts.count == 2, !parts[1].allSatisfy({ $0 == " " }) {
      guard let e = instant(parts[1], now: now) else {
        return .failure(
          WindowError(message: "cannot read the end \"\(parts[1])\": use 2h, 90m, now or 2025-03-06T02:29"))
      }
      end = e
    }
    if let end, start > end {
      return .failure(
        WindowError(
          message: "the start (\(EventTime.formatISO(start))) is after the end (\(EventTime.formatISO(end)))"))
    }
    return .success((start, end))
  }

  /// Why a window could not be read.
  public struct WindowError: Error, Equatable, Sendable {
    /// What to tell the user.
    public var message: String
  }
}
