/// Parses the timestamps AWS credential sources write.
enum AWSTimestamp {
  /// Parses `2024-05-01T10:20:30Z`, with optional fractional seconds and a `Z`, `UTC` or `±HH:MM` zone (no zone
  /// means UTC); also plain epoch seconds. Nil when unreadable.
  static func parse(_ text: String) -> Int64? {
    let trimmed = text.trimmingWhitespace()
    if let seconds = Int64(trimmed) { return seconds }
    let bytes = Array(trimmed.utf8)
    guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32 || bytes[10] == 116,
      bytes[13] == 58, bytes[16] == 58
    else { return nil }
    func num(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for b in bytes[range] {
        guard (48...57).contains(b) else { return nil }
        value = value * 10 + Int64(b - 48)
      }
      return value
    }
    guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16),
      let s = num(17..<19), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var i = 19
    if i < bytes.count, bytes[i] == 46 {
      i += 1
      while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
    }
    var offset: Int64 = 0
    let zone = String(decoding: bytes[i...], as: UTF8.self)
    switch zone {
    case "", "Z", "z", "UTC", "+00:00", "+0000": break
    default:
      let z = Array(zone.utf8)
      guard z.count == 6 || z.count == 5, z[0] == 43 || z[0] == 45 else { return nil }
      let digits = z.filter { (48...57).contains($0) }.map { Int64($0 - 48) }
      guard digits.count == 4 else { return nil }
      offset = (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60
      if z[0] == 43 { offset = -offset }
    }
    return SigV4.daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s + offset
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
