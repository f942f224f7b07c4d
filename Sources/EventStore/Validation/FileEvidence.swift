/// What validation said of the log files events came from, found by a file's key from `AWSLogs/` on (the same for a
/// bucket and for a local copy of it), with the whole report.
public struct FileEvidence: Sendable {
  private var byKey: [Substring: Evidence] = [:]
  /// The report the verdicts come from (nil before validation ran).
  public private(set) var report: DigestChain.Report?

  /// No validation.
  public init() {}

  /// The verdicts of `report`.
  public init(report: DigestChain.Report) {
    self.report = report
    for (place, verdict) in report.logs {
      if let key = Self.key(place) { byKey[key] = verdict }
    }
  }

  /// The verdict on the file `source` (a path, an `s3://` URL or `bucket/key`), when validation judged it.
  public func verdict(source: String) -> Evidence? {
    guard !byKey.isEmpty, let key = Self.key(source) else { return nil }
    return byKey[key]
  }

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
