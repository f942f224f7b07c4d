import AWSClient
import CloudTrailModel
import EventStore
import Foundation
import TrailviewApp

/// `--print --validate`: loads the paths (the sources hash each log file as they read it), checks the evidence, and
/// writes a report in the AWS CLI's style, a line per file (`Digest file`, `Log file`, `Gap`), the counts, then the
/// events that came from log files that are not valid (the table, with their file's verdict). Exit status 3 when a
/// file is modified, missing or invalid; 2 when files could not be read; 0 otherwise (files only not covered or not
/// checked are said, not failed).
enum ValidationOutput {
  static func run(
    _ options: Options, filter: EventFilter, configColumns: [Field]?, log: DiagnosticLog,
    start: (EventStore) -> [any EventSource]
  ) -> Int32 {
    var hashes: FileHashes?
    let loaded = EventStore.run(filter: filter, publishIntervalMilliseconds: 200, hashingFiles: true) { store in
      hashes = store.fileHashes
      for source in start(store) { source.loadAll() }
    }
    guard let loaded, let hashes else { return 1 }
    let outcome: EvidenceCheck.Outcome
    do {
      outcome = try EvidenceCheck.run(options, filter: filter, hashes: hashes.all, log: log)
    } catch {
      StandardError.write("trailview: \(error)\n")
      return 1
    }
    let report = outcome.report
    let out = OutputWriter()
    for (kind, verdicts) in [("Digest file", report.digests), ("Log file", report.logs)] {
      for place in verdicts.keys.sorted() {
        let text = describe(verdicts[place]!)
        out.write(Array("\(kind)\t\(DisplayText.sanitize(place))\t\(DisplayText.sanitize(text))\n".utf8))
      }
    }
    for gap in report.gaps {
      out.write(
        Array("Gap\t\(DisplayText.sanitize(gap.from)) to \(DisplayText.sanitize(gap.to))\tno digest chain\n".utf8))
    }
    out.write(Array("Results: \(DisplayText.sanitize(EvidenceCheck.summary(report)))\n".utf8))
    let snapshot = loaded.with(evidence: outcome.evidence)
    let untrusted = snapshot.visible.indices.filter {
      snapshot.evidence(row: snapshot.visible[$0]).map { !$0.isTrusted } ?? false
    }
    if !untrusted.isEmpty {
      out.write(
        Array("\n\(untrusted.count) event\(untrusted.count == 1 ? "" : "s") from log files that are not valid:\n".utf8))
      let columns = PrintMode.columns(options, configColumns: configColumns).filter { $0 != .evidence }
      PrintMode.write(snapshot, indices: untrusted, format: .table, columns: [.evidence] + columns, to: out)
    }
    out.flush()
    let problems = loaded.progress.problems + outcome.problems
    for problem in problems {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    if report.digests.isEmpty && report.logs.isEmpty {
      StandardError.write("trailview: no digest or log files under AWSLogs/ found\n")
      return 1
    }
    return EvidenceCheck.isTampered(report) ? 3 : problems.isEmpty ? 0 : 2
  }

  /// The verdict as the report says it.
  static func describe(_ verdict: Evidence) -> String {
    switch verdict {
    case .valid: return "valid"
    case .modified(let why): return "INVALID: modified (\(why))"
    case .missing: return "INVALID: missing"
    case .invalid(let why): return "INVALID: \(why)"
    case .notCovered: return "not covered by any digest"
    case .notChecked(let why): return "not checked: \(why)"
    }
  }
}
