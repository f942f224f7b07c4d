import AWSClient
import CloudTrailModel
import EventStore
import Foundation
import TrailviewApp

/// `--print --validate`: a report of a trail's evidence (local copies, `s3://` buckets) in the AWS CLI's style, a line per file (`Digest
/// file`, `Log file`, `Gap`), then the counts. Exit status 3 when a file is modified, missing or invalid; 2 when files
/// could not be read; 0 otherwise (files that are only not covered or not checked are said, not failed).
enum ValidationOutput {
  static func run(_ options: Options, filter: EventFilter, log: DiagnosticLog) -> Int32 {
    var keys: [String: [UInt8]] = [:]
    var problems: [LoadProblem] = []
    if let file = options.publicKeysFile {
      switch LocalEvidence.publicKeys(file: file) {
      case .success(let found): keys = found
      case .failure(let problem): problems.append(problem)
      }
    }
    var digests: [DigestChain.Input] = []
    var logs: [String: [UInt8]] = [:]
    let local = options.paths.filter { S3Source.parse($0) == nil }
    if !local.isEmpty {
      let evidence = LocalEvidence.read(local)
      (digests, logs) = (evidence.digests, evidence.logs)
      problems += evidence.problems
    }
    let buckets = options.paths.compactMap(S3Source.parse)
    if !buckets.isEmpty {
      let client: S3Client
      do {
        client = try SourceStarter.s3Client(options, log: log)
      } catch {
        StandardError.write("trailview: \(error)\n")
        return 1
      }
      let window = (filter.startTime, filter.endTime ?? Int64(Date().timeIntervalSince1970))
      for (bucket, prefix) in buckets {
        let evidence = S3Evidence.read(client: client, bucket: bucket, prefix: prefix, window: window)
        digests += evidence.digests
        logs.merge(evidence.logs) { a, _ in a }
        problems += evidence.problems
      }
    }
    if options.publicKeysFile == nil && !buckets.isEmpty {
      do {
        let fetched = try ValidationKeys.fetch(for: digests, options: options, log: log)
        keys = fetched.keys
        problems += fetched.problems
      } catch {
        StandardError.write("trailview: \(error)\n")
        return 1
      }
    }
    let report = DigestChain.validate(digests: digests, logs: logs, publicKeys: keys)
    let out = OutputWriter()
    var invalid = false
    for (kind, verdicts) in [("Digest file", report.digests), ("Log file", report.logs)] {
      for place in verdicts.keys.sorted() {
        let (text, bad) = describe(verdicts[place]!)
        invalid = invalid || bad
        out.write(Array("\(kind)\t\(DisplayText.sanitize(place))\t\(DisplayText.sanitize(text))\n".utf8))
      }
    }
    for gap in report.gaps {
      out.write(
        Array("Gap\t\(DisplayText.sanitize(gap.from)) to \(DisplayText.sanitize(gap.to))\tno digest chain\n".utf8))
    }
    func count(_ verdicts: [String: Evidence]) -> String {
      let valid = verdicts.values.filter { $0 == .valid }.count
      let unchecked = verdicts.values.filter { if case .notChecked = $0 { true } else { false } }.count
      return "\(valid)/\(verdicts.count) valid" + (unchecked > 0 ? ", \(unchecked) not checked" : "")
    }
    out.write(Array("Results: digest files \(count(report.digests)); log files \(count(report.logs))\n".utf8))
    out.flush()
    for problem in problems {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    if report.digests.isEmpty && report.logs.isEmpty {
      StandardError.write("trailview: no digest or log files under AWSLogs/ found\n")
      return 1
    }
    return invalid ? 3 : problems.isEmpty ? 0 : 2
  }

  /// The verdict as the report says it, and whether it makes the evidence invalid.
  static func describe(_ verdict: Evidence) -> (String, Bool) {
    switch verdict {
    case .valid: return ("valid", false)
    case .modified(let why): return ("INVALID: modified (\(why))", true)
    case .missing: return ("INVALID: missing", true)
    case .invalid(let why): return ("INVALID: \(why)", true)
    case .notCovered: return ("not covered by any digest", false)
    case .notChecked(let why): return ("not checked: \(why)", false)
    }
  }
}
