import Foundation

/// Region validation and endpoint rules (from CloudTrail's `endpoint-rule-set-1.json` and the partitions it uses).
public enum AWSEndpoints {
  /// Checks the shape of a region name (`us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`, ...).
  public static func isValidRegion(_ region: String) -> Bool {
    let parts = region.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[0].count == 2, let last = parts.last, !last.isEmpty, last.count <= 2,
      last.allSatisfy(\.isNumber)
    else { return false }
    return parts.dropLast().allSatisfy { part in !part.isEmpty && part.allSatisfy { $0 >= "a" && $0 <= "z" } }
  }

  /// Returns `region` when it is well formed; otherwise an `UnknownRegion` error.
  public static func validateRegion(_ region: String) throws(AWSError) -> String {
    guard isValidRegion(region) else {
      throw AWSError(code: "UnknownRegion", message: "unknown region \"\(region)\"")
    }
    return region
  }

  /// The first region that is set: `explicit` (`--region`) > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's
  /// `region`; validated. Throws `NoRegion` when none is set.
  public static func resolveRegion(explicit: String?, environment: [String: String], profileRegion: String?)
    throws(AWSError) -> String
  {
    let candidates = [explicit, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], profileRegion]
    guard let region = candidates.lazy.compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) else {
      throw AWSError(
        code: "NoRegion",
        message: "no region set (looked at --region, AWS_REGION, AWS_DEFAULT_REGION and the profile's region)")
    }
    return try validateRegion(region)
  }

  /// The DNS suffix of the partition a region belongs to.
  public static func dnsSuffix(region: String) -> String {
    if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
    if region.hasPrefix("us-isob-") { return "sc2s.sgov.gov" }
    if region.hasPrefix("us-isof-") { return "csp.hci.ic.gov" }
    if region.hasPrefix("us-iso-") { return "c2s.ic.gov" }
    if region.hasPrefix("eu-isoe-") { return "cloud.adc-e.uk" }
    if region.hasPrefix("eusc-") { return "amazonaws.eu" }
    return "amazonaws.com"
  }

  /// `https://SERVICE.REGION.SUFFIX` for a service in a region (GovCloud included, as the rule set spells it).
  public static func regionalEndpoint(service: String, region: String) -> URL {
    URL(string: "https://\(service).\(region).\(dnsSuffix(region: region))")!
  }

  /// The CloudTrail endpoint: `explicit` (`--endpoint-url`) > `AWS_ENDPOINT_URL_CLOUDTRAIL` > `AWS_ENDPOINT_URL` >
  /// the profile's `endpoint_url` > the regional default. The second value says whether it was overridden.
  public static func resolveCloudTrailEndpoint(
    explicit: String?, environment: [String: String], profileEndpoint: String?, region: String
  ) throws(AWSError) -> (url: URL, custom: Bool) {
    let candidates = [
      explicit, environment["AWS_ENDPOINT_URL_CLOUDTRAIL"], environment["AWS_ENDPOINT_URL"], profileEndpoint,
    ]
    guard let text = candidates.lazy.compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) else {
      return (regionalEndpoint(service: "cloudtrail", region: region), false)
    }
    return (try parseEndpoint(text), true)
  }

  /// The S3 endpoint when one is set (then requests are path-style): `explicit` (`--endpoint-url`) >
  /// `AWS_ENDPOINT_URL_S3` > `AWS_ENDPOINT_URL` > the profile's `endpoint_url`; nil for AWS itself.
  public static func resolveS3Endpoint(
    explicit: String?, environment: [String: String], profileEndpoint: String?
  ) throws(AWSError) -> URL? {
    try resolveServiceEndpoint("S3", explicit: explicit, environment: environment, profileEndpoint: profileEndpoint)
  }

  /// The CloudWatch Logs endpoint for `cwl://` groups: `explicit` (`--endpoint-url`) >
  /// `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` > `AWS_ENDPOINT_URL` > the profile's `endpoint_url`; nil for AWS itself.
  public static func resolveLogsEndpoint(
    explicit: String?, environment: [String: String], profileEndpoint: String?
  ) throws(AWSError) -> URL? {
    try resolveServiceEndpoint(
      "CLOUDWATCH_LOGS", explicit: explicit, environment: environment, profileEndpoint: profileEndpoint)
  }

  /// The Athena endpoint for `athena://` tables: `explicit` (`--endpoint-url`) > `AWS_ENDPOINT_URL_ATHENA` >
  /// `AWS_ENDPOINT_URL` > the profile's `endpoint_url`; nil for AWS itself.
  public static func resolveAthenaEndpoint(
    explicit: String?, environment: [String: String], profileEndpoint: String?
  ) throws(AWSError) -> URL? {
    try resolveServiceEndpoint("ATHENA", explicit: explicit, environment: environment, profileEndpoint: profileEndpoint)
  }

  /// `explicit` > `AWS_ENDPOINT_URL_<KEY>` > `AWS_ENDPOINT_URL` > `profileEndpoint`, the first that is not blank;
  /// nil when none is set.
  private static func resolveServiceEndpoint(
    _ key: String, explicit: String?, environment: [String: String], profileEndpoint: String?
  ) throws(AWSError) -> URL? {
    let candidates = [
      explicit, environment["AWS_ENDPOINT_URL_\(key)"], environment["AWS_ENDPOINT_URL"], profileEndpoint,
    ]
    guard let text = candidates.lazy.compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) else {
      return nil
    }
    return try parseEndpoint(text)
  }

  /// The STS endpoint: `AWS_ENDPOINT_URL_STS` > `AWS_ENDPOINT_URL` > regional `sts.REGION...` > `sts.amazonaws.com`.
  static func stsEndpoint(region: String?, environment: [String: String]) throws(AWSError) -> URL {
    for key in ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"] {
      if let text = environment[key]?.trimmingWhitespace(), !text.isEmpty { return try parseEndpoint(text) }
    }
    guard let region, isValidRegion(region) else { return URL(string: "https://sts.amazonaws.com")! }
    return regionalEndpoint(service: "sts", region: region)
  }

  /// Parses an `http(s)://host[:port][/path]` endpoint; throws `InvalidEndpoint` otherwise.
  static func parseEndpoint(_ text: String) throws(AWSError) -> URL {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
      let host = url.host, !host.isEmpty
    else { throw AWSError(code: "InvalidEndpoint", message: "invalid endpoint URL \"\(text)\"") }
    return url
  }

  /// The region field of an ARN (`arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME`); nil for non-ARNs.
  public static func region(fromARN arn: String) -> String? {
    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "arn", !parts[3].isEmpty else { return nil }
    return String(parts[3])
  }
}
