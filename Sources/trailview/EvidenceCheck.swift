import AWSClient
import EventStore
import Foundation

/// `--validate`: a trail's evidence checked against what the load read: the digests under the paths (local copies,
/// `s3://` buckets, for the window's days), CloudTrail's public keys (`--public-keys`, else ListPublicKeys for
/// buckets), and the SHA-256 of each log file the sources took as they read it.
enum EvidenceCheck {
  /// The report, what could not be read or asked, and the verdicts by source for marking events.
  struct Outcome {
    var report: DigestChain.Report
    var problems: [LoadProblem]
    var evidence: FileEvidence
  }

  /// Reads the digests and keys and validates the files hashed in `hashes` (by source).
  static func run(_ options: Options, filter: EventFilter, hashes: [String: String], log: DiagnosticLog) throws
    -> Outcome
  {
    var keys: [String: [UInt8]] = [:]
    var problems: [LoadProblem] = []
    if let file = options.publicKeysFile {
      switch LocalEvidence.publicKeys(file: file) {
      case .success(let found): keys = found
      case .failure(let problem): problems.append(problem)
      }
    }
    let local = LocalEvidence.digests(options.paths.filter { S3Source.parse($0) == nil })
    var digests = local.digests
    problems += local.problems
    let buckets = options.paths.compactMap(S3Source.parse)
    if !buckets.isEmpty {
      let client = try SourceStarter.s3Client(options, log: log)
      let window = (filter.startTime, filter.endTime ?? Int64(Date().timeIntervalSince1970))
      for (bucket, prefix) in buckets {
        let found = S3Evidence.digests(client: client, bucket: bucket, prefix: prefix, window: window)
        digests += found.digests
        problems += found.problems
      }
      if options.publicKeysFile == nil {
        let fetched = try ValidationKeys.fetch(for: digests, options: options, log: log)
        keys = fetched.keys
        problems += fetched.problems
      }
    }
    let places = DigestChain.logPlaces(hashes.keys, digests: digests)
    var logs: [String: String] = [:]
    for (source, place) in places { logs[place] = hashes[source] }
    let report = DigestChain.validate(digests: digests, logs: logs, publicKeys: keys)
    return Outcome(report: report, problems: problems, evidence: FileEvidence(report: report, places: places))
  }

  /// The report's counts in one line, like the AWS CLI's summary: "digest files 5/6 valid, 1 missing; log files
  /// 4/6 valid, 1 modified, 1 not covered".
  static func summary(_ report: DigestChain.Report) -> String {
    func count(_ verdicts: [String: Evidence]) -> String {
      var parts = ["\(verdicts.values.filter { $0 == .valid }.count)/\(verdicts.count) valid"]
      var others: [String: Int] = [:]
      for verdict in verdicts.values where verdict != .valid { others[verdict.word.lowercased(), default: 0] += 1 }
      parts += others.keys.sorted().map { "\(others[$0]!) \($0)" }
      return parts.joined(separator: ", ")
    }
    return "digest files \(count(report.digests)); log files \(count(report.logs))"
      + (report.gaps.isEmpty ? "" : "; \(report.gaps.count) gap\(report.gaps.count == 1 ? "" : "s") in the chain")
  }

  /// Whether any file is modified, missing or invalid (what makes `--print --validate` exit 3).
  static func isTampered(_ report: DigestChain.Report) -> Bool {
    (report.digests.values.contains { $0.isTampering }) || (report.logs.values.contains { $0.isTampering })
  }
}

extension Evidence {
  /// Modified, missing or invalid: evidence was altered (not covered and not checked are said, not failed).
  var isTampering: Bool {
    switch self {
    case .modified, .missing, .invalid: return true
    case .valid, .notCovered, .notChecked: return false
    }
  }
}
