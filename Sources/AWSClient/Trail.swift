/// A trail as `DescribeTrails` returns it.
public struct Trail: Sendable, Equatable {
  /// `Name`.
  public var name: String
  /// `S3BucketName`.
  public var s3BucketName: String?
  /// `S3KeyPrefix`.
  public var s3KeyPrefix: String?
  /// `SnsTopicName` (deprecated by AWS).
  public var snsTopicName: String?
  /// `SnsTopicARN`.
  public var snsTopicARN: String?
  /// `IncludeGlobalServiceEvents`.
  public var includeGlobalServiceEvents: Bool?
  /// `IsMultiRegionTrail`.
  public var isMultiRegionTrail: Bool?
  /// `HomeRegion`.
  public var homeRegion: String?
  /// `TrailARN`.
  public var trailARN: String?
  /// `LogFileValidationEnabled`.
  public var logFileValidationEnabled: Bool?
  /// `CloudWatchLogsLogGroupArn`.
  public var cloudWatchLogsLogGroupArn: String?
  /// `CloudWatchLogsRoleArn`.
  public var cloudWatchLogsRoleArn: String?
  /// `KmsKeyId`.
  public var kmsKeyId: String?
  /// `HasCustomEventSelectors`.
  public var hasCustomEventSelectors: Bool?
  /// `HasInsightSelectors`.
  public var hasInsightSelectors: Bool?
  /// `IsOrganizationTrail`.
  public var isOrganizationTrail: Bool?

  /// Creates a trail with a name; other fields start empty.
  public init(name: String) { self.name = name }

  /// Whether the trail lives in another region than `region` (a multi-region replica or organization trail).
  public func isShadow(in region: String) -> Bool { homeRegion.map { $0 != region } ?? false }
}

extension Trail {
  /// Reads a `Trail` object; nil without a `Name`.
  init?(json: JSONObject) {
    guard let name = json.string("Name") else { return nil }
    self.init(name: name)
    s3BucketName = json.string("S3BucketName")
    s3KeyPrefix = json.string("S3KeyPrefix")
    snsTopicName = json.string("SnsTopicName")
    snsTopicARN = json.string("SnsTopicARN")
    includeGlobalServiceEvents = json.bool("IncludeGlobalServiceEvents")
    isMultiRegionTrail = json.bool("IsMultiRegionTrail")
    homeRegion = json.string("HomeRegion")
    trailARN = json.string("TrailARN")
    logFileValidationEnabled = json.bool("LogFileValidationEnabled")
    cloudWatchLogsLogGroupArn = json.string("CloudWatchLogsLogGroupArn")
    cloudWatchLogsRoleArn = json.string("CloudWatchLogsRoleArn")
    kmsKeyId = json.string("KmsKeyId")
    hasCustomEventSelectors = json.bool("HasCustomEventSelectors")
    hasInsightSelectors = json.bool("HasInsightSelectors")
    isOrganizationTrail = json.bool("IsOrganizationTrail")
  }
}
