import AWSClient
import CloudTrailModel
import EventStore

/// `--print --trails` in each `--format`: JSON and NDJSON objects and CSV columns named as in DescribeTrails and
/// GetTrailStatus (times as ISO 8601 UTC), or an aligned table for a person.
enum TrailsOutput {
  /// A field's value.
  enum Value {
    case text(String)
    case flag(Bool)
    case time(Int64)
  }

  /// Writes `trails` (already sorted) in `format`.
  static func write(_ trails: [TrailReport], format: PrintFormat, to out: OutputWriter) {
    switch format {
    case .ndjson:
      for trail in trails { out.write(json(trail) + [0x0A]) }
    case .json:
      out.write("{\"trailList\":[")
      for (i, trail) in trails.enumerated() {
        out.write(i == 0 ? "\n" : ",\n")
        out.write(json(trail))
      }
      out.write(trails.isEmpty ? "]}\n" : "\n]}\n")
    case .csv:
      out.write(columns.map(CSVCell.cell).joined(separator: ",") + "\r\n")
      for trail in trails {
        let values = Dictionary(fields(trail), uniquingKeysWith: { a, _ in a })
        out.write(columns.map { CSVCell.cell(values[$0].map(csvText) ?? "") }.joined(separator: ",") + "\r\n")
      }
    case .table:
      TrailsTable.write(trails, to: out)
    }
  }

  /// Every field, in the API's order: DescribeTrails' `Trail`, then GetTrailStatus' answer.
  static let columns = [
    "Name", "S3BucketName", "S3KeyPrefix", "SnsTopicName", "SnsTopicARN", "IncludeGlobalServiceEvents",
    "IsMultiRegionTrail", "HomeRegion", "TrailARN", "LogFileValidationEnabled", "CloudWatchLogsLogGroupArn",
    "CloudWatchLogsRoleArn", "KmsKeyId", "HasCustomEventSelectors", "HasInsightSelectors", "IsOrganizationTrail",
    "IsLogging", "LatestDeliveryError", "LatestNotificationError", "LatestDeliveryTime", "LatestNotificationTime",
    "StartLoggingTime", "StopLoggingTime", "LatestCloudWatchLogsDeliveryError", "LatestCloudWatchLogsDeliveryTime",
    "LatestDigestDeliveryTime", "LatestDigestDeliveryError",
  ]

  /// The fields a trail has, in ``columns`` order (absent ones left out, as the API leaves them out).
  static func fields(_ report: TrailReport) -> [(String, Value)] {
    let t = report.trail
    var list: [(String, Value?)] = [
      ("Name", .text(t.name)), ("S3BucketName", t.s3BucketName.map(Value.text)),
      ("S3KeyPrefix", t.s3KeyPrefix.map(Value.text)), ("SnsTopicName", t.snsTopicName.map(Value.text)),
      ("SnsTopicARN", t.snsTopicARN.map(Value.text)),
      ("IncludeGlobalServiceEvents", t.includeGlobalServiceEvents.map(Value.flag)),
      ("IsMultiRegionTrail", t.isMultiRegionTrail.map(Value.flag)), ("HomeRegion", t.homeRegion.map(Value.text)),
      ("TrailARN", t.trailARN.map(Value.text)),
      ("LogFileValidationEnabled", t.logFileValidationEnabled.map(Value.flag)),
      ("CloudWatchLogsLogGroupArn", t.cloudWatchLogsLogGroupArn.map(Value.text)),
      ("CloudWatchLogsRoleArn", t.cloudWatchLogsRoleArn.map(Value.text)), ("KmsKeyId", t.kmsKeyId.map(Value.text)),
      ("HasCustomEventSelectors", t.hasCustomEventSelectors.map(Value.flag)),
      ("HasInsightSelectors", t.hasInsightSelectors.map(Value.flag)),
      ("IsOrganizationTrail", t.isOrganizationTrail.map(Value.flag)),
    ]
    if let s = report.status {
      list += [
        ("IsLogging", .flag(s.isLogging)), ("LatestDeliveryError", s.latestDeliveryError.map(Value.text)),
        ("LatestNotificationError", s.latestNotificationError.map(Value.text)),
        ("LatestDeliveryTime", s.latestDeliveryTime.map(Value.time)),
        ("LatestNotificationTime", s.latestNotificationTime.map(Value.time)),
        ("StartLoggingTime", s.startLoggingTime.map(Value.time)),
        ("StopLoggingTime", s.stopLoggingTime.map(Value.time)),
        ("LatestCloudWatchLogsDeliveryError", s.latestCloudWatchLogsDeliveryError.map(Value.text)),
        ("LatestCloudWatchLogsDeliveryTime", s.latestCloudWatchLogsDeliveryTime.map(Value.time)),
        ("LatestDigestDeliveryTime", s.latestDigestDeliveryTime.map(Value.time)),
        ("LatestDigestDeliveryError", s.latestDigestDeliveryError.map(Value.text)),
      ]
    }
    return list.compactMap { name, value in value.map { (name, $0) } }
  }

  /// One trail as a compact JSON object; every character a terminal could act on is a `\uXXXX` escape.
  static func json(_ report: TrailReport) -> [UInt8] {
    var text = "{"
    for (i, (name, value)) in fields(report).enumerated() {
      text += (i == 0 ? "\"" : ",\"") + name + "\":"
      switch value {
      case .text(let s): text += JSONOutput.quoted(s)
      case .flag(let b): text += b ? "true" : "false"
      case .time(let t): text += JSONOutput.quoted(EventTime.formatISO(t))
      }
    }
    text += "}"
    return JSONOutput.line(text)
  }

  /// A value as a CSV cell's text (``CSVCell/cell(_:)`` sanitizes and guards it).
  static func csvText(_ value: Value) -> String {
    switch value {
    case .text(let s): return s
    case .flag(let b): return b ? "true" : "false"
    case .time(let t): return EventTime.formatISO(t)
    }
  }
}
