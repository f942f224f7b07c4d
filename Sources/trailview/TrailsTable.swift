import CloudTrailModel
import TerminalUI

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
    var widths = titles.map { DisplayWidth.of($0) }
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], min(maxWidths[i], DisplayWidth.of(cell))) }
    }
    for row in [titles] + rows {
      var parts: [String] = []
      for (cell, width) in zip(row, widths) {
        let clipped = clip(cell, to: width)
        parts.append(clipped + String(repeating: " ", count: max(0, width - DisplayWidth.of(clipped))))
      }
      out.write(parts.joined(separator: "  ").trimmingTrailingSpaces() + "\n")
    }
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

  /// `text` cut to `width` columns, ending in "…" when it was longer.
  static func clip(_ text: String, to width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let w = DisplayWidth.of(character)
      if used + w > width - 1 { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }
}
