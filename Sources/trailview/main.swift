import ArgumentParser
import EventStore
import Foundation
import TrailviewApp

/// `trailview`: a terminal UI for AWS CloudTrail event history.
struct Trailview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trailview",
    abstract: "Browse AWS CloudTrail events in the terminal: log files, folders, or the built-in demo account.",
    discussion: """
      Examples:
        trailview --demo
        trailview ~/evidence/AWSLogs
        trailview --print --user deploy-bot --since 2d --format table ./logs
      """)

  @OptionGroup var options: Options

  mutating func run() throws {
    if options.keysMarkdown {
      print(AppKeys.markdownTable)
      return
    }
    let now = Int64(Date().timeIntervalSince1970)
    let filter = try options.filter(now: now)
    if options.demo && !options.paths.isEmpty {
      throw ValidationError("give log paths or --demo, not both")
    }
    guard options.demo || !options.paths.isEmpty else {
      throw ValidationError(
        "give CloudTrail log files or folders, or --demo (the live CloudTrail API is not supported yet)")
    }
    let start = SourceStarter(options: options, filter: filter, now: now)
    if options.printMode {
      let status = PrintMode.run(options: options, filter: filter, start: start.start)
      throw ExitCode(status)
    }
    try Dashboard.run(filter: filter, sourceLabel: start.label, start: start.start)
  }
}

/// Starts the chosen source feeding a store.
struct SourceStarter {
  let options: Options
  let filter: EventFilter
  let now: Int64

  var label: String {
    if options.demo { return "demo account" }
    return options.paths.count == 1 ? options.paths[0] : "\(options.paths.count) paths"
  }

  /// Starts loading into `store`; returns the LookupEvents session for paged sources (nil for files).
  @discardableResult
  func start(_ store: EventStore) -> LookupSession? {
    guard options.demo else {
      LogFileSource.load(options.paths, into: store, maxFileBytes: max(1, options.maxFileMB) << 20)
      return nil
    }
    let pageDelay = options.demoPageMilliseconds ?? (options.printMode ? 0 : 120)
    let service = DemoService(now: now, pageDelayMilliseconds: pageDelay)
    let session = LookupSession(
      service: service, store: store, label: "demo account", window: (filter.startTime, filter.endTime ?? now),
      minIntervalMilliseconds: options.printMode ? 0 : min(200, pageDelay * 2), lazy: false)
    session.start(filter: filter)
    return session
  }
}

Trailview.main()
