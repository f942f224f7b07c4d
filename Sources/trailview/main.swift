import ArgumentParser
import CloudTrailModel
import EventStore
import Foundation
import TrailviewApp

/// `trailview`: a terminal UI for AWS CloudTrail event history.
struct Trailview: ParsableCommand {
  /// This release's version (`--version` adds the commit the binary was built from).
  static let version = "0.14.0"

  static let configuration = CommandConfiguration(
    commandName: "trailview",
    abstract: "Browse AWS CloudTrail events in the terminal: log files, folders, or the built-in demo account.",
    discussion: """
      Examples:
        trailview --demo
        trailview ~/evidence/AWSLogs
        trailview --print --user deploy-bot --since 2d --format table ./logs
      """,
    version: "trailview \(version) (commit \(BuildInfo.commit))")

  @OptionGroup var options: Options

  mutating func run() throws {
    if options.keysMarkdown {
      print(AppKeys.markdownTable)
      return
    }
    let environment = ProcessInfo.processInfo.environment
    let loaded = TrailviewConfig.load(environment: environment)
    let settings = options.apply(loaded, environment: environment)
    if options.printConfig {
      print(ConfigReport.text(settings), terminator: "")
      if let problem = loaded.problem { StandardError.write("trailview: config: \(DisplayText.sanitize(problem))\n") }
      return
    }
    if let problem = loaded.problem, options.printMode {
      StandardError.write("trailview: config: \(DisplayText.sanitize(problem))\n")
    }
    let now = Int64(Date().timeIntervalSince1970)
    let filter = try options.filter(now: now)
    if options.demo && !options.paths.isEmpty {
      throw ValidationError("give log paths or --demo, not both")
    }
    let log = try DiagnosticLog(
      level: options.verbose, path: options.logFile, screenInUse: !options.printMode && !options.printTrails)
    let start = try SourceStarter(options: options, filter: filter, now: now, log: log)
    if options.printTrails {
      guard options.printMode, !start.lives.isEmpty else {
        throw ValidationError("--trails works with --print against the live API")
      }
      throw ExitCode(TrailsPrint.run(clients: start.lives, format: options.format ?? .table))
    }
    if options.printMode, options.paths.contains("lake://") {
      guard options.paths == ["lake://"], let lake = start.lake else {
        throw ValidationError("lake:// lists the event data stores: give it alone")
      }
      throw ExitCode(LakeStoresPrint.run(client: lake, format: options.format ?? .table))
    }
    if options.printMode && options.follow {
      let seconds = options.followEvery ?? Options.defaultFollowSeconds
      PrintFollow.run(
        filter: filter, every: seconds, options: options, log: log,
        start: { start.start($0, approval: PrintApproval.ask) })
    }
    if options.printMode {
      let status = PrintMode.run(
        options: options, filter: filter, configColumns: loaded.config.columns, log: log,
        start: { start.start($0, approval: PrintApproval.ask) })
      throw ExitCode(status)
    }
    try Dashboard.run(filter: filter, starter: start, config: loaded)
  }
}

/// Parses and runs; usage errors exit 1 as the README documents (ArgumentParser's own status for them is 64).
func runTrailview() -> Never {
  do {
    var command = try Trailview.parseAsRoot()
    try command.run()
    Trailview.exit()
  } catch {
    guard Trailview.exitCode(for: error) == .validationFailure else { Trailview.exit(withError: error) }
    StandardError.write(Trailview.fullMessage(for: error) + "\n")
    exit(1)
  }
}

runTrailview()
