import CloudTrailModel

/// What the S3 key layout of a CloudTrail log file says about it.
///
/// `[PREFIX/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz`
public struct LogFileKey: Sendable, Equatable {
  /// The account that delivered the file, when the path says.
  public var account: String?
  /// The organization ID (`o-...`) for organization trails.
  public var organization: String?
  /// The region, when the path or file name says.
  public var region: String?
  /// Delivery time from the file name (`YYYYMMDDTHHmmZ`) as seconds since 1970.
  public var deliveryTime: Int64?
  /// True for digest files (`CloudTrail-Digest/` or `_CloudTrail-Digest_` in the name).
  public var isDigest: Bool

  /// Parses a file path (on its bytes: this runs for every file of a tree before the first rows show).
  public init(path: String) {
    let bytes = Array(path.utf8)
    var parts: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x2F {
      if i > start { parts.append(start..<i) }
      start = i + 1
    }
    if bytes.count > start { parts.append(start..<bytes.count) }
    func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
    func equals(_ r: Range<Int>, _ word: String) -> Bool { bytes[r].elementsEqual(word.utf8) }
    func digits(_ r: Range<Int>) -> Bool { !r.isEmpty && bytes[r].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    let name = parts.last ?? 0..<0
    account = nil
    organization = nil
    region = nil
    deliveryTime = nil
    isDigest = parts.contains { equals($0, "CloudTrail-Digest") } || text(name).contains("_CloudTrail-Digest_")
    if let logs = parts.lastIndex(where: { equals($0, "AWSLogs") }) {
      var i = logs + 1
      if i < parts.count, bytes[parts[i]].starts(with: "o-".utf8) {
        organization = text(parts[i])
        i += 1
      }
      if i < parts.count, digits(parts[i]) { account = text(parts[i]) }
      if i + 2 < parts.count, bytes[parts[i + 1]].starts(with: "CloudTrail".utf8) { region = text(parts[i + 2]) }
    }
    var fields: [Range<Int>] = []
    var fieldStart = name.lowerBound
    for i in name where bytes[i] == 0x5F {
      fields.append(fieldStart..<i)
      fieldStart = i + 1
    }
    fields.append(fieldStart..<name.upperBound)
    if fields.count >= 4, equals(fields[1], "CloudTrail") {
      if account == nil, digits(fields[0]) { account = text(fields[0]) }
      if region == nil { region = text(fields[2]) }
      deliveryTime = Self.parseStamp(text(fields[3]))
    }
  }

  /// Parses `YYYYMMDDTHHmmZ`.
  static func parseStamp(_ stamp: String) -> Int64? {
    let b = Array(stamp.utf8)
    guard b.count == 14, b[8] == UInt8(ascii: "T"), b[13] == UInt8(ascii: "Z") else { return nil }
    func num(_ r: Range<Int>) -> Int64? {
      var v: Int64 = 0
      for i in r {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int64(b[i] - 48)
      }
      return v
    }
    guard let y = num(0..<4), let mo = num(4..<6), let d = num(6..<8), let h = num(9..<11), let mi = num(11..<13),
      (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60
    else { return nil }
    return EventTime.daysFromCivil(year: Int(y), month: Int(mo), day: Int(d)) * 86400 + h * 3600 + mi * 60
  }
}
