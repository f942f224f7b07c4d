import AWSClient

/// The opaque `NextToken` of `LookupIndex` (the demo and `cloudtrail-fake`): the next position plus a fingerprint of the query that produced it.
enum LookupPageToken {
  private static let prefix = "dmo1"

  /// A 64-bit FNV-1a hash of the query's attributes and time range (not `MaxResults` or the token).
  static func fingerprint(_ request: LookupEventsRequest) -> UInt64 {
    var text = request.lookupAttributes.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: "\u{1}")
    text += "|\(request.startTime.map(String.init) ?? "-")|\(request.endTime.map(String.init) ?? "-")"
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// The token for resuming at `position` (an index into the service's event list).
  static func encode(position: Int, fingerprint: UInt64) -> String {
    prefix + hex(UInt64(position), digits: 8)
      + hex(fingerprint ^ 0x5DEE_CE66_D1CE_5EED, digits: 16)
  }

  /// The position and fingerprint inside `token`, or nil if it is not one of ours.
  static func decode(_ token: String) -> (position: Int, fingerprint: UInt64)? {
    let chars = Array(token.utf8)
    guard chars.count == prefix.utf8.count + 24, token.hasPrefix(prefix) else { return nil }
    let body = chars[prefix.utf8.count...]
    guard let position = UInt64(String(decoding: body.prefix(8), as: UTF8.self), radix: 16),
      let print = UInt64(String(decoding: body.suffix(16), as: UTF8.self), radix: 16),
      position <= UInt64(Int32.max)
    else { return nil }
    return (Int(position), print ^ 0x5DEE_CE66_D1CE_5EED)
  }

  /// `value` as lowercase hex, zero-padded to `digits`.
  private static func hex(_ value: UInt64, digits: Int) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - s.count)) + s
  }
}
