import ArgumentParser

/// `trailview-bench`: generates CloudTrail log trees and measures trailview against zcat and jq on them.
struct TrailviewBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trailview-bench",
    abstract: "Generate CloudTrail log trees and measure trailview on them (timings go to docs/PERFORMANCE.md).",
    subcommands: [
      GenerateCommand.self, RunCommand.self, VerifyCommand.self, WorkbenchCommand.self, FindingsBenchCommand.self,
      DetectBenchCommand.self, QueryBenchCommand.self, StagesCommand.self,
    ])
}

TrailviewBench.main()
