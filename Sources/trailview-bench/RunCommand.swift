import ArgumentParser
import Foundation

/// `run`: measures trailview, zcat, igzip and jq side by side on generated trees and writes docs/PERFORMANCE.md.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Measure trailview against zcat and jq on generated trees; write the report.")

  @Option(help: "A generated tree (repeatable): load+filter, zcat, jq and peak memory are measured on each.")
  var tree: [String] = []

  @Option(name: .customLong("in-process"), help: "Tree for the in-process numbers (filters, first rows, frames).")
  var inProcess: String?

  @Option(help: "The trailview binary.")
  var trailview = ".build/release/trailview"

  @Option(help: "Runs per external measurement (the median is kept).")
  var `repeat` = 3

  @Option(name: .customLong("filter-rounds"), help: "Rounds over the filter list for filter latency.")
  var filterRounds = 10

  @Option(help: "Frames rendered for the frame time.")
  var frames = 1000

  @Flag(name: .customLong("skip-jq"), help: "Do not run jq.")
  var skipJQ = false

  @Option(help: "Report file to update (the part between the bench markers is replaced).")
  var report = "docs/PERFORMANCE.md"

  @Option(help: "A note printed with the numbers (for example about other load on the machine).")
  var note: String?

  func run() throws {
    var rows: [TreeResult] = []
    for root in tree {
      let stats = try TreeStats.read(root: root)
      let logs = External.quote(root + "/AWSLogs")
      let find = "find \(logs) -name '*.json.gz' -print0"
      print("tree \(root): \(stats.events) events, \(stats.files) files")
      // Warm the page cache so that every tool reads from memory.
      _ = External.capture("\(find) | xargs -0 cat > /dev/null")
      let tv = try External.measure(
        "\(External.quote(trailview)) --print --event-name StopLogging \(logs)", repeat: `repeat`)
      print("  trailview \(tv.wall) s, \(tv.cores) cores, \(tv.maxRSSKiB) KiB, \(tv.lines) rows")
      let zcat = try External.measure("\(find) | xargs -0 zcat", repeat: `repeat`, keepOutput: false)
      print("  zcat \(zcat.wall) s, \(zcat.cores) cores")
      // ISA-L's igzip (Debian `isal`): the fastest inflater there is, the speed limit.
      var igzip: Timed?
      if External.capture("command -v igzip").isEmpty {
        print("  igzip: not installed (apt-get install isal); its column stays empty")
      } else {
        igzip = try External.measure("\(find) | xargs -0 igzip -dc", repeat: `repeat`, keepOutput: false)
        print("  igzip \(igzip!.wall) s, \(igzip!.cores) cores")
      }
      var jq: Timed?
      if !skipJQ {
        let program = External.quote(".Records[] | select(.eventName==\"StopLogging\")")
        jq = try External.measure("\(find) | xargs -0 zcat | jq -c \(program)", repeat: max(1, `repeat` / 2))
        print("  jq \(jq!.wall) s, \(jq!.cores) cores, \(jq!.lines) rows")
        if jq!.lines != tv.lines { print("  WARNING: jq found \(jq!.lines) rows, trailview \(tv.lines)") }
      }
      rows.append(TreeResult(stats: stats, trailview: tv, zcat: zcat, igzip: igzip, jq: jq))
    }
    var inside: InProcessResult?
    var insideStats: TreeStats?
    if let root = inProcess {
      insideStats = try TreeStats.read(root: root)
      print("in-process on \(root)")
      inside = InProcess.measure(tree: root + "/AWSLogs", filterRounds: filterRounds, frames: frames)
      print("  \(inside!)")
    }
    let text = Report.markdown(trees: rows, inside: inside, insideStats: insideStats, note: note)
    print(text)
    try Report.update(file: report, with: text)
  }
}

/// The external numbers for one tree.
struct TreeResult: Sendable {
  var stats: TreeStats
  var trailview: Timed
  var zcat: Timed
  var igzip: Timed?
  var jq: Timed?
}
