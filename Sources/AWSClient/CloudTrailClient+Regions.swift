import Foundation

/// One region EC2 DescribeRegions lists.
public struct RegionInfo: Sendable, Equatable {
  /// The region's name (`eu-west-1`).
  public var name: String
  /// `opt-in-not-required`, `opted-in` or `not-opted-in` (empty when the answer does not say).
  public var optInStatus: String

  /// Creates a region entry.
  public init(name: String, optInStatus: String) {
    self.name = name
    self.optInStatus = optInStatus
  }

  /// Whether the account can use the region (not an opt-in region left disabled).
  public var isEnabled: Bool { optInStatus != "not-opted-in" }
}

extension CloudTrailClient {
  /// Seconds DescribeRegions and GetCallerIdentity wait for an answer: they are asked before anything shows, and
  /// trailview goes on without them (the partition's regions; no cache).
  static let startupTimeout: Double = 8

  /// One query-protocol action (`Action=...&Version=...`, form-encoded) signed for `service` in this client's region,
  /// waiting ``startupTimeout`` at most.
  func query(
    _ action: String, version: String, service: String, endpoint: URL,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    send(
      action, service: service, url: endpoint, signingRegion: region,
      headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
      body: Array("Action=\(action)&Version=\(version)".utf8), timeout: Self.startupTimeout, completion: completion)
  }

  /// EC2 DescribeRegions (read-only; the query protocol, signed for `ec2`) at `endpoint`, in this client's region:
  /// the regions enabled for the account. Regions whose names are not region-shaped are left out.
  public func describeRegions(
    endpoint: URL, completion: @escaping @Sendable (Result<[RegionInfo], AWSError>) -> Void
  ) {
    query("DescribeRegions", version: "2016-11-15", service: "ec2", endpoint: endpoint) { result in
      completion(
        result.flatMap { body in
          guard let regions = Self.regions(fromXML: String(decoding: body, as: UTF8.self)) else {
            return .failure(AWSResponse.malformed(operation: "DescribeRegions", status: 200))
          }
          return .success(regions)
        })
    }
  }

  /// The `<item>`s of a DescribeRegions answer (`regionInfo`); nil when the text is not one.
  static func regions(fromXML xml: String) -> [RegionInfo]? {
    guard xml.contains("DescribeRegionsResponse") else { return nil }
    var found: [RegionInfo] = []
    var rest = xml[...]
    while let open = rest.range(of: "<item>"),
      let close = rest.range(of: "</item>", range: open.upperBound..<rest.endIndex)
    {
      let item = String(rest[open.upperBound..<close.lowerBound])
      if let name = AWSResponse.xmlElement("regionName", in: item), AWSEndpoints.isValidRegion(name) {
        found.append(RegionInfo(name: name, optInStatus: AWSResponse.xmlElement("optInStatus", in: item) ?? ""))
      }
      rest = rest[close.upperBound...]
    }
    return found
  }
}

extension CloudTrailClient {
  /// STS GetCallerIdentity (read-only; the query protocol, signed for `sts`) at `endpoint`: the account the
  /// credentials belong to.
  public func callerAccount(endpoint: URL, completion: @escaping @Sendable (Result<String, AWSError>) -> Void) {
    query("GetCallerIdentity", version: "2011-06-15", service: "sts", endpoint: endpoint) { result in
      completion(
        result.flatMap { body in
          let xml = String(decoding: body, as: UTF8.self)
          guard xml.contains("GetCallerIdentityResponse"), let account = AWSResponse.xmlElement("Account", in: xml),
            account.count == 12, account.allSatisfy(\.isNumber)
          else { return .failure(AWSResponse.malformed(operation: "GetCallerIdentity", status: 200)) }
          return .success(account)
        })
    }
  }
}
