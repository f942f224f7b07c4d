/// What validation said of the log files events came from, by source (the path or `s3://` URL the file was read
/// from), with the whole report.
public struct FileEvidence: Sendable {
  private var bySource: [String: Evidence] = [:]
  /// The report the verdicts come from (nil before validation ran).
  public private(set) var report: DigestChain.Report?

  /// No validation.
  public init() {}

  /// The verdicts of `report` for the files read from `places`' sources (source to `bucket/key`, as
  /// ``DigestChain/logPlaces(_:digests:)`` gives them).
  public init(report: DigestChain.Report, places: [String: String]) {
    self.report = report
    for (source, place) in places {
      if let verdict = report.logs[place] { bySource[source] = verdict }
    }
  }

  /// The verdict on the file read from `source`, when validation judged it.
  public func verdict(source: String) -> Evidence? { bySource.isEmpty ? nil : bySource[source] }

  /// `source` from `AWSLogs/` on.
  static func key(_ source: String) -> Substring? {
    source.range(of: "AWSLogs/").map { source[$0.lowerBound...] }
  }
}

extension Evidence {
  /// Whether the file is what the trail delivered: valid, or its digest could not be checked (said elsewhere).
  public var isTrusted: Bool {
    switch self {
    case .valid, .notChecked: return true
    case .modified, .missing, .notCovered, .invalid: return false
    }
  }

  /// A word for the file's verdict in a table column: "valid", "MODIFIED", "NOT COVERED", "NOT CHECKED", ...
  public var word: String {
    switch self {
    case .valid: return "valid"
    case .modified: return "MODIFIED"
    case .missing: return "MISSING"
    case .notCovered: return "NOT COVERED"
    case .notChecked: return "not checked"
    case .invalid: return "INVALID"
    }
  }
}
