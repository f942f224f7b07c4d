import ArgumentParser
import CloudTrailModel
import Dispatch
import EventStore
import Foundation

/// `stages`: where a load's time goes, one stage at a time on one thread, over a tree's files held in memory: inflate,
/// scan, and the whole load into a store (one reader), so that each change to one stage can be measured on its own.
struct StagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stages", abstract: "Time inflate, scan and a one-reader load of a tree, stage by stage (best of N).")

  @Option(help: "A generated tree (its AWSLogs folder is read).")
  var tree: String

  @Option(help: "Rounds per stage (the best is kept).")
  var rounds = 5

  func run() throws {
    let root = tree + "/AWSLogs"
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    let gzips = files.sorted().filter { $0.hasSuffix(".json.gz") }.compactMap {
      FileManager.default.contents(atPath: root + "/" + $0).map { Array($0) }
    }
    let plain = gzips.map { Gzip.inflate($0, cap: 1 << 30).bytes }
    let bytes = plain.reduce(0) { $0 + $1.count }
    print("\(gzips.count) files, \(bytes) bytes of JSON")
    let inflate = best {
      var total = 0
      for gzip in gzips { total += Gzip.inflate(gzip, cap: 1 << 30).bytes.count }
      precondition(total == bytes)
    }
    var records = 0
    let scan = best {
      records = 0
      for file in plain { records += RecordScanner.scan(file).records.count }
    }
    let load = best {
      let snapshot = EventStore.run(publishIntervalMilliseconds: 1000) { store in
        LogFileSource.load([root], into: store, workers: 1)
      }
      precondition(snapshot?.total == records, "the store holds \(snapshot?.total ?? 0) of \(records) records")
    }
    func line(_ name: String, _ seconds: Double) {
      let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
      print(padded + String(format: "%8.1f ms  %7.1f MB/s of JSON", seconds * 1000, Double(bytes) / seconds / 1e6))
    }
    line("inflate (ISA-L)", inflate)
    line("scan (\(records) records)", scan)
    line("load, one reader (all)", load)
    line("load less inflate and scan", load - inflate - scan)
  }

  /// The shortest of `rounds` runs of `body`, in seconds.
  private func best(_ body: () -> Void) -> Double {
    var shortest = Double.infinity
    for _ in 0..<rounds {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      shortest = min(shortest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return shortest
  }
}
