import Foundation

extension AWSEndpoints {
  /// The regions of `region`'s partition as botocore's `partitions.json` lists them (2026), for `--region all` when
  /// DescribeRegions cannot be asked. Opt-in regions are included: those not enabled answer with an error that is
  /// named.
  public static func partitionRegions(of region: String) -> [String] {
    switch dnsSuffix(region: region) {
    case "amazonaws.com.cn": return ["cn-north-1", "cn-northwest-1"]
    case "amazonaws.eu": return ["eusc-de-east-1"]
    case "c2s.ic.gov": return ["us-iso-east-1", "us-iso-west-1"]
    case "sc2s.sgov.gov": return ["us-isob-east-1", "us-isob-west-1"]
    case "cloud.adc-e.uk": return ["eu-isoe-west-1"]
    case "csp.hci.ic.gov": return ["us-isof-east-1", "us-isof-south-1"]
    default:
      if region.hasPrefix("us-gov-") { return ["us-gov-east-1", "us-gov-west-1"] }
      return commercialRegions
    }
  }

  /// The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ...).
  public static func partition(of region: String) -> String {
    switch dnsSuffix(region: region) {
    case "amazonaws.com.cn": return "aws-cn"
    case "amazonaws.eu": return "aws-eusc"
    case "c2s.ic.gov": return "aws-iso"
    case "sc2s.sgov.gov": return "aws-iso-b"
    case "cloud.adc-e.uk": return "aws-iso-e"
    case "csp.hci.ic.gov": return "aws-iso-f"
    default: return region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
    }
  }

  /// The `aws` partition's regions.
  static let commercialRegions = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
    "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
  ]

  /// The STS endpoint GetCallerIdentity goes to: `AWS_ENDPOINT_URL_STS` > `AWS_ENDPOINT_URL` > the profile's
  /// `endpoint_url` > CloudTrail's custom endpoint > the regional default.
  public static func stsEndpoint(environment: [String: String], cloudTrail: AWSSettings) throws(AWSError) -> URL {
    let candidates = [
      environment["AWS_ENDPOINT_URL_STS"], environment["AWS_ENDPOINT_URL"], cloudTrail.profileEndpointURL,
    ]
    if let text = candidates.lazy.compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) {
      return try parseEndpoint(text)
    }
    return cloudTrail.customEndpoint ? cloudTrail.endpoint : regionalEndpoint(service: "sts", region: cloudTrail.region)
  }

  /// The EC2 endpoint DescribeRegions goes to: `AWS_ENDPOINT_URL_EC2` > `AWS_ENDPOINT_URL` > the profile's
  /// `endpoint_url` > CloudTrail's custom endpoint (emulators serve every service on one port) > the regional
  /// default.
  public static func ec2Endpoint(environment: [String: String], cloudTrail: AWSSettings) throws(AWSError) -> URL {
    let candidates = [
      environment["AWS_ENDPOINT_URL_EC2"], environment["AWS_ENDPOINT_URL"], cloudTrail.profileEndpointURL,
    ]
    if let text = candidates.lazy.compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) {
      return try parseEndpoint(text)
    }
    return cloudTrail.customEndpoint ? cloudTrail.endpoint : regionalEndpoint(service: "ec2", region: cloudTrail.region)
  }
}
