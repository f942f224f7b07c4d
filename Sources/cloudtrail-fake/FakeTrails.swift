import AWSClient
import Foundation
import LookupEmulator

/// One trail: its `Trail` fields and its `GetTrailStatus` fields, typed by the service model.
struct FakeTrail: Sendable {
  /// `Name`.
  var name: String
  /// `HomeRegion`.
  var homeRegion: String
  /// `TrailARN`.
  var arn: String
  /// `IsMultiRegionTrail`.
  var isMultiRegion: Bool
  /// Other `Trail` members, in output order.
  var fields: [(String, JSONOut)]
  /// `GetTrailStatusResponse` members.
  var status: [(String, JSONOut)]

  static let booleanFields: Set<String> = [
    "IncludeGlobalServiceEvents", "IsMultiRegionTrail", "LogFileValidationEnabled", "HasCustomEventSelectors",
    "HasInsightSelectors", "IsOrganizationTrail",
  ]
  static let stringFields: Set<String> = [
    "S3BucketName", "S3KeyPrefix", "SnsTopicName", "SnsTopicARN", "CloudWatchLogsLogGroupArn",
    "CloudWatchLogsRoleArn", "KmsKeyId",
  ]
  static let statusDates: Set<String> = [
    "LatestDeliveryTime", "LatestNotificationTime", "StartLoggingTime", "StopLoggingTime",
    "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime",
  ]
  static let statusStrings: Set<String> = [
    "LatestDeliveryError", "LatestNotificationError", "LatestCloudWatchLogsDeliveryError", "LatestDigestDeliveryError",
  ]

  /// A trail from a `--trails` file object; unknown keys are ignored, dates are epoch seconds.
  init(object: [String: Any], account: String) throws {
    guard let name = object["Name"] as? String, !name.isEmpty else {
      throw FakeError.usage("every trail in --trails needs a Name")
    }
    self.name = name
    self.homeRegion = object["HomeRegion"] as? String ?? "us-east-1"
    self.arn = object["TrailARN"] as? String ?? "arn:aws:cloudtrail:\(homeRegion):\(account):trail/\(name)"
    self.isMultiRegion = object["IsMultiRegionTrail"] as? Bool ?? false
    fields = []
    status = []
    for key in object.keys.sorted() {
      let value = object[key]!
      if FakeTrail.booleanFields.contains(key), let b = value as? Bool, key != "IsMultiRegionTrail" {
        fields.append((key, .bool(b)))
      } else if FakeTrail.stringFields.contains(key), let s = value as? String {
        fields.append((key, .string(s)))
      } else if key == "IsLogging", let b = value as? Bool {
        status.append((key, .bool(b)))
      } else if FakeTrail.statusDates.contains(key), let d = value as? Double {
        status.append((key, .int(Int64(d))))
      } else if FakeTrail.statusStrings.contains(key), let s = value as? String {
        status.append((key, .string(s)))
      }
    }
    if !status.contains(where: { $0.0 == "IsLogging" }) { status.insert(("IsLogging", .bool(true)), at: 0) }
  }

  /// A default trail.
  init(
    name: String, region: String, account: String, multiRegion: Bool, logging: Bool, started: Int64, stopped: Int64?,
    now: Int64
  ) {
    self.name = name
    self.homeRegion = region
    self.arn = "arn:aws:cloudtrail:\(region):\(account):trail/\(name)"
    self.isMultiRegion = multiRegion
    fields = [
      ("S3BucketName", .string("aws-cloudtrail-logs-\(account)-\(name)")),
      ("IncludeGlobalServiceEvents", .bool(multiRegion)), ("LogFileValidationEnabled", .bool(true)),
      ("HasCustomEventSelectors", .bool(false)), ("HasInsightSelectors", .bool(false)),
      ("IsOrganizationTrail", .bool(false)),
    ]
    let lastDelivery = logging ? now - 180 : (stopped ?? now) + 240
    status = [
      ("IsLogging", .bool(logging)), ("LatestDeliveryTime", .int(lastDelivery)),
      ("LatestDigestDeliveryTime", .int(lastDelivery - lastDelivery % 3600)), ("StartLoggingTime", .int(started)),
    ]
    if let stopped { status.append(("StopLoggingTime", .int(stopped))) }
  }

  /// The `Trail` shape; `shadow` is unused in the output but kept for symmetry with the API's view.
  var trailJSON: JSONOut {
    .object(
      [("Name", .string(name))] + fields.filter { $0.0 == "S3BucketName" || $0.0 == "S3KeyPrefix" }
        + [
          ("HomeRegion", .string(homeRegion)), ("TrailARN", .string(arn)), ("IsMultiRegionTrail", .bool(isMultiRegion)),
        ] + fields.filter { $0.0 != "S3BucketName" && $0.0 != "S3KeyPrefix" })
  }
}

/// The account's trails and the three read-only trail operations.
struct FakeTrails: Sendable {
  /// All trails, in every Region.
  var trails: [FakeTrail]
  /// `ListTrails` page size.
  var pageSize: Int

  /// Trails visible from `region`: those homed there, then (with shadows) multi-Region trails homed elsewhere.
  func visible(in region: String, shadows: Bool) -> [FakeTrail] {
    trails.filter { $0.homeRegion == region }
      + (shadows ? trails.filter { $0.homeRegion != region && $0.isMultiRegion } : [])
  }

  /// `DescribeTrails`.
  func describe(_ body: [String: Any], region: String) -> Result<JSONOut, LookupError> {
    let shadows = body["includeShadowTrails"] as? Bool ?? true
    let names = body["trailNameList"] as? [String] ?? []
    let candidates = visible(in: region, shadows: shadows)
    // Names match trails homed in this Region; ARNs match any trail of the account.
    let chosen =
      names.isEmpty
      ? candidates
      : trails.filter { trail in
        names.contains { $0 == trail.arn || ($0 == trail.name && trail.homeRegion == region) }
      }
    return .success(.object([("trailList", .array(chosen.map(\.trailJSON)))]))
  }

  /// `GetTrailStatus`: by name (trails homed in `region`) or by ARN (also multi-Region trails seen from `region`).
  func status(_ body: [String: Any], region: String) -> Result<JSONOut, LookupError> {
    guard let name = body["Name"] as? String, !name.isEmpty else {
      return .failure(LookupError(code: "InvalidTrailNameException", message: "Trail name must not be empty."))
    }
    if name.hasPrefix("arn:") && name.split(separator: ":", omittingEmptySubsequences: false).count < 6 {
      return .failure(LookupError(code: "CloudTrailARNInvalidException", message: "ARN \(name) is not valid."))
    }
    let found = visible(in: region, shadows: true).first {
      $0.arn == name || ($0.name == name && $0.homeRegion == region)
    }
    guard let trail = found else {
      let arn =
        name.hasPrefix("arn:") ? name : "arn:aws:cloudtrail:\(region):\(trails.first.map(account) ?? ""):trail/\(name)"
      return .failure(LookupError(code: "TrailNotFoundException", message: "Unknown trail: \(arn) for the user"))
    }
    return .success(.object(trail.status))
  }

  /// `ListTrails`: every trail in every Region, `pageSize` at a time.
  func list(_ body: [String: Any]) -> Result<JSONOut, LookupError> {
    var start = 0
    if let token = body["NextToken"] as? String {
      guard token.hasPrefix("lt1."), let n = Int(token.dropFirst(4)), (0...trails.count).contains(n) else {
        return .failure(LookupError(code: "InvalidTokenException", message: "Invalid NextToken."))
      }
      start = n
    }
    let end = min(trails.count, start + pageSize)
    let page = trails[start..<end].map { t -> JSONOut in
      .object([("TrailARN", .string(t.arn)), ("Name", .string(t.name)), ("HomeRegion", .string(t.homeRegion))])
    }
    var members: [(String, JSONOut)] = [("Trails", .array(page))]
    if end < trails.count { members.append(("NextToken", .string("lt1.\(end)"))) }
    return .success(.object(members))
  }

  private func account(_ trail: FakeTrail) -> String {
    let parts = trail.arn.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count > 4 ? String(parts[4]) : ""
  }
}
