import CloudTrailModel

/// `--print --trails --format table`: one trail per row, sanitized cells in columns aligned by display width (long
/// cells cut with "…"), times in UTC.
enum TrailsTable {
  static let titles = [
    "NAME", "HOME REGION", "MULTI-REGION", "ORGANIZATION", "LOGGING", "STOPPED AT (UTC)", "LATEST DELIVERY (UTC)",
    "VALIDATION", "S3 BUCKET", "DELIVERY ERROR",
  ]
  /// The widest each column may grow.
  static let maxWidths = [64, 16, 12, 12, 7, 19, 21, 10, 63, 80]

  static func write(_ trails: [TrailReport], to out: OutputWriter) {
    let rows = trails.map(cells).map { $0.map { DisplayText.sanitize($0) } }
    var table = AlignedTable(titles: titles, caps: maxWidths, separator: "  ")
    for row in rows { table.measure(row) }
    for row in [titles] + rows { out.write(table.line(row)) }
  }

  /// The row for one trail (unsanitized).
  static func cells(_ report: TrailReport) -> [String] {
    let trail = report.trail
    let status = report.status
    func time(_ t: Int64?) -> String { t.map { EventTime.format($0) } ?? "-" }
    func flag(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "-" }
    return [
      trail.name, trail.homeRegion ?? "-", flag(trail.isMultiRegionTrail), flag(trail.isOrganizationTrail),
      status.map { $0.isLogging ? "on" : "OFF" } ?? "-",
      status?.isLogging == false ? time(status?.stopLoggingTime) : "-", time(status?.latestDeliveryTime),
      flag(trail.logFileValidationEnabled), trail.s3BucketName ?? "-", status?.latestDeliveryError ?? "-",
    ]
  }
}
