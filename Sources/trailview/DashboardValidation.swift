import Dispatch
import EventStore

/// `--validate` in the dashboard: each time the sources finish a load, the evidence is checked in the background
/// against the hashes they took, and the store marks the events with the verdicts, lists what was altered among the
/// problems, and says the counts as a notice. Checks run one at a time, in order.
final class DashboardValidation {
  private let options: Options
  private let log: DiagnosticLog
  private let store: EventStore
  private let queue = DispatchQueue(label: "trailview.validation")
  private var wasFinished = false

  init(options: Options, store: EventStore, log: DiagnosticLog) {
    (self.options, self.store, self.log) = (options, store, log)
  }

  /// Looks at a new snapshot (on the main loop); starts a check when a load has just finished.
  func observe(_ snapshot: EventSnapshot) {
    let finished = snapshot.progress.finished
    defer { wasFinished = finished }
    guard finished, !wasFinished, let hashes = store.fileHashes else { return }
    let (options, log, store, filter) = (options, log, store, snapshot.filter)
    queue.async {
      do {
        let outcome = try EvidenceCheck.run(options, filter: filter, hashes: hashes.all, log: log)
        store.setEvidence(
          outcome.evidence, problems: outcome.problems + Self.alterations(outcome.report),
          notice: "validation: " + EvidenceCheck.summary(outcome.report))
      } catch {
        store.setEvidence(
          FileEvidence(), problems: [LoadProblem(source: "validation", reason: "\(error)")], notice: nil)
      }
    }
  }

  /// Each altered file and each gap in the chain, as the problems list shows them.
  static func alterations(_ report: DigestChain.Report) -> [LoadProblem] {
    var found: [LoadProblem] = []
    for (kind, verdicts) in [("digest", report.digests), ("log file", report.logs)] {
      for place in verdicts.keys.sorted() where verdicts[place]!.isTampering {
        found.append(LoadProblem(source: place, reason: "\(kind) \(ValidationOutput.describe(verdicts[place]!))"))
      }
    }
    for gap in report.gaps {
      found.append(
        LoadProblem(
          source: "digest chain", reason: "no digests from \(gap.from) to \(gap.to) (logging or validation was off)"))
    }
    return found
  }
}
