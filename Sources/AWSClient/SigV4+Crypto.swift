import Crypto

extension SigV4 {
  /// Lower-case hex of a byte.
  static func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
  }

  /// Lower-case hex of bytes.
  static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    bytes.map(hexByte).joined()
  }

  /// SHA-256 of `bytes` as lower-case hex.
  static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

  /// The string to sign for a canonical request.
  static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
    "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hexSHA256(Array(canonicalRequest.utf8)))"
  }

  /// `DATE/REGION/SERVICE/aws4_request`.
  static func scope(day: String, region: String, service: String) -> String {
    "\(day)/\(region)/\(service)/aws4_request"
  }

  /// The hex signature: HMAC chain `AWS4`+secret → day → region → service → `aws4_request`, then the string to sign.
  static func signature(stringToSign: String, secret: String, day: String, region: String, service: String) -> String {
    var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
    for part in [day, region, service, "aws4_request"] {
      key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
    }
    return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
  }

  /// `YYYYMMDDTHHMMSSZ` for seconds since 1970 (UTC, proleptic Gregorian).
  static func amzDate(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secs = seconds - days * 86_400
    let (y, m, d) = civil(days)
    func pad(_ v: Int64, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return pad(y, 4) + pad(m, 2) + pad(d, 2) + "T" + pad(secs / 3600, 2) + pad(secs % 3600 / 60, 2)
      + pad(secs % 60, 2) + "Z"
  }

  /// Parses `YYYYMMDDTHHMMSSZ` back into seconds since 1970.
  static func parseAmzDate(_ text: String) -> Int64? {
    let c = Array(text.utf8)
    guard c.count == 16, c[8] == UInt8(ascii: "T"), c[15] == UInt8(ascii: "Z") else { return nil }
    func num(_ r: Range<Int>) -> Int64? {
      var v: Int64 = 0
      for b in c[r] {
        guard b >= 48, b <= 57 else { return nil }
        v = v * 10 + Int64(b - 48)
      }
      return v
    }
    guard let y = num(0..<4), let m = num(4..<6), let d = num(6..<8), let hh = num(9..<11), let mm = num(11..<13),
      let ss = num(13..<15), (1...12).contains(m), (1...31).contains(d), hh < 24, mm < 60, ss < 61
    else { return nil }
    return daysFromCivil(y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss
  }

  /// Howard Hinnant's days-to-civil.
  static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
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

  /// Howard Hinnant's civil-to-days.
  static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
