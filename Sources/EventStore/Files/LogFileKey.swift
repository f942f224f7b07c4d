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

  /// Parses a file path.
  public init(path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    let name = parts.last ?? ""
    account = nil
    organization = nil
    region = nil
    deliveryTime = nil
    isDigest = parts.contains("CloudTrail-Digest") || name.contains("_CloudTrail-Digest_")
    if let logs = parts.lastIndex(of: "AWSLogs") {
      var i = logs + 1
      if i < parts.count, parts[i].hasPrefix("o-") {
        organization = parts[i]
        i += 1
      }
      if i < parts.count, parts[i].allSatisfy(\.isNumber) { account = parts[i] }
      if i + 2 < parts.count, parts[i + 1].hasPrefix("CloudTrail") { region = parts[i + 2] }
    }
    let fields = name.split(separator: "_").map(String.init)
    if fields.count >= 4, fields[1] == "CloudTrail" {
      if account == nil, fields[0].allSatisfy(\.isNumber) { account = fields[0] }
      if region == nil { region = fields[2] }
      deliveryTime = Self.parseStamp(fields[3])
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
