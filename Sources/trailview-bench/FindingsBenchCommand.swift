import ArgumentParser
import Detections
import EventStore
import Foundation
import TerminalUI
import TrailviewApp

/// `findings`: loads a tree with the detection rules on and measures the findings screen and the filter to a rule's
/// events, as the dashboard runs them; writes the numbers to docs/PERFORMANCE.md.
struct FindingsBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "findings", abstract: "Measure the findings screen (!) and the filter to a rule's events.")

  @Option(help: "A generated tree (its AWSLogs folder is loaded).")
  var tree: String

  @Option(help: "A folder of more Sigma rules (besides the built-in pack).")
  var rules: String?

  @Option(help: "Rounds per measurement.")
  var rounds = 20

  @Option(help: "Report file to update (the part between the findings markers is replaced).")
  var report = "docs/PERFORMANCE.md"

  func run() throws {
    var set = BuiltinRules.load()
    if let rules { set.rules += RuleSet.load([rules]).rules }
    set.resolveCorrelations()
    let collector = SnapshotCollector()
    let store = EventStore(detector: Detector(set.rules)) { collector.take($0) }
    LogFileSource.load([tree + "/AWSLogs"], into: store)
    let loaded = collector.waitFinished()!
    var state = AppState(width: 200, height: 60, sourceLabel: tree)
    _ = update(&state, .store(.snapshot(loaded)))
    var open: [Double] = []
    for _ in 0..<rounds {
      open.append(Workbench.time { _ = update(&state, .key(.char("!"))) })
      _ = update(&state, .key(.escape))
    }
    // The rule with the most events: the largest filter.
    let hits = loaded.ruleHits()
    let largest = hits.max { $0.rows.count < $1.rows.count }!
    var filter: [Double] = []
    for _ in 0..<rounds {
      var rule = EventFilter()
      rule.rule = largest.rule
      filter.append(Workbench.roundTrip(store, collector, rule))
      _ = collector.refilter(store, EventFilter())
    }
    let flagged = Set(hits.flatMap(\.rows)).count
    let text = [
      "Measured \(ISO8601DateFormatter().string(from: Date())) over \(loaded.total) events, \(set.rules.count) rules "
        + "(\(hits.count) with hits, \(flagged) events flagged); \(External.capture("nproc")) cores.",
      "",
      "| operation | median | p95 | required |",
      "|---|---|---|---|",
      "| findings screen opens (`!`: rule hits counted and grouped) | \(ms(Workbench.median(open))) "
        + "| \(ms(Workbench.p95(open))) | < 50 ms |",
      "| filter to the largest rule's \(largest.rows.count) events (Enter) | \(ms(Workbench.median(filter))) "
        + "| \(ms(Workbench.p95(filter))) | < 5 ms |",
    ].joined(separator: "\n")
    print(text)
    try Report.update(
      file: report, with: text, begin: "<!-- findings:begin (written by trailview-bench findings) -->",
      end: "<!-- findings:end -->")
  }

  private func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }
}
