import ArgumentParser
import Foundation

/// `workbench`: measures the investigation features over a loaded tree and writes the numbers to docs/PERFORMANCE.md.
struct WorkbenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workbench",
    abstract: "Measure predicates, summary counts, the timeline, export and keys over a loaded tree.")

  @Option(help: "A generated tree (its AWSLogs folder is loaded).")
  var tree: String

  @Option(help: "Rounds per measurement.")
  var rounds = 10

  @Option(help: "Report file to update (the part between the workbench markers is replaced).")
  var report = "docs/PERFORMANCE.md"

  @Option(help: "A note printed with the numbers.")
  var note: String?

  func run() throws {
    print("workbench on \(tree)")
    let load = External.capture("cut -d' ' -f1-3 /proc/loadavg")
    let result = Workbench.measure(tree: tree + "/AWSLogs", rounds: rounds)
    var out: [String] = []
    let date = ISO8601DateFormatter().string(from: Date())
    out.append(
      "Measured \(date) over \(result.events) loaded events (\(External.capture("nproc")) cores; "
        + "load average before: \(load)).\(note.map { " " + $0 } ?? "")")
    out.append("")
    out.append("| operation | median | p95 | required |")
    out.append("|---|---|---|---|")
    for row in result.rows {
      out.append(
        "| \(row.label) | \(String(format: "%.2f ms", row.median)) | \(String(format: "%.2f ms", row.p95)) | \(row.goal) |"
      )
    }
    out.append(
      "| export every event to NDJSON (\(result.bytes >> 20) MiB) | \(String(format: "%.0f MB/s", result.exportMBps)) | — "
        + "| ≥ 200 MB/s |")
    let text = out.joined(separator: "\n")
    print(text)
    try Report.update(
      file: report, with: text, begin: "<!-- workbench:begin (written by trailview-bench workbench) -->",
      end: "<!-- workbench:end -->")
  }
}
