/// The formats events can be exported in.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// One original record per line, re-encoded safely (``CloudTrailModel/JSONPretty/compact(_:)``).
  case ndjson
  /// `{"Records":[...]}` as CloudTrail delivers it (trailview reads it back).
  case json
  /// The chosen columns, cells sanitized and guarded against spreadsheet formulas.
  case csv

  /// The file name extension.
  public var fileExtension: String {
    switch self {
    case .ndjson: return "ndjson"
    case .json: return "json"
    case .csv: return "csv"
    }
  }

  /// The next format in the export screen's cycle.
  public var next: ExportFormat {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}
