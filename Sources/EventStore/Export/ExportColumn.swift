import CloudTrailModel
import Detections

/// A column of table and CSV output: a field of the event, or what the detection rules found in it.
public enum ExportColumn: Sendable, Equatable {
  /// A field.
  case field(Field)
  /// The most serious level among the rules the event matched (empty when none).
  case level
  /// The titles of the rules the event matched, most serious first, separated by "; ".
  case rules
  /// What validation said of the log file the event came from (empty when it did not judge it).
  case evidence

  /// The column named `name`: a field name, `level`, `rules` or `evidence`.
  public init?(name: String) {
    switch name.lowercased() {
    case "level": self = .level
    case "rules": self = .rules
    case "evidence": self = .evidence
    default:
      guard let field = Field(name: name) else { return nil }
      self = .field(field)
    }
  }

  /// The CSV header: the field's (``CSVCell/header(_:)``), or `level`, `rules` and `evidence`.
  public var csvHeader: String {
    switch self {
    case .field(let field): return CSVCell.header(field)
    case .level: return "level"
    case .rules: return "rules"
    case .evidence: return "evidence"
    }
  }

  /// The column's text for row `row` of `snapshot` (not sanitized: every output path sanitizes).
  public func text(_ snapshot: EventSnapshot, row: UInt32) -> String {
    switch self {
    case .field(let field): return snapshot.text(field, row: row)
    case .level: return snapshot.matchedRules(row: row).first?.level.rawValue ?? ""
    case .rules: return snapshot.matchedRules(row: row).map(\.title).joined(separator: "; ")
    case .evidence: return snapshot.evidence(row: row)?.word ?? ""
    }
  }
}

extension EventSnapshot {
  /// The rules event `row` matched, most serious first (then by title).
  public func matchedRules(row: UInt32) -> [SigmaRule] {
    guard let detector, let indices = findings[row] else { return [] }
    return indices.map { detector.rules[Int($0)] }.sorted { ($0.level, $1.title) > ($1.level, $0.title) }
  }
}
