import ArgumentParser
import Foundation

/// `generate`: writes a deterministic CloudTrail log tree in the S3 layout.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate", abstract: "Write a deterministic CloudTrail log tree (S3 layout, .json.gz files).")

  @Option(help: "Number of events.")
  var events: Int = 200_000

  @Option(help: "Seed: the same seed and count give identical files.")
  var seed: UInt64 = 1

  @Option(help: "Output folder (created; must not be inside the repository).")
  var out: String

  @Option(help: "Parallel writers.")
  var workers: Int = ProcessInfo.processInfo.activeProcessorCount

  func run() throws {
    guard events > 0 else { throw ValidationError("--events must be positive") }
    let clock = ContinuousClock()
    let started = clock.now
    let stats = try TreeGenerator(events: events, seed: seed, root: out, workers: max(1, workers)).write()
    let seconds = (clock.now - started).seconds
    print(
      "wrote \(stats.events) events in \(stats.files) files: \(stats.jsonBytes) bytes JSON, "
        + "\(stats.gzipBytes) bytes gzip, in \(String(format: "%.1f", seconds)) s")
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }

  /// The duration in milliseconds.
  var milliseconds: Double { seconds * 1000 }
}
