import AWSClient
import ArgumentParser
import EventStore
import Foundation
import TrailviewDemo

/// Starts the chosen source (log files, the demo account, or the live API) feeding a store.
struct SourceStarter {
  let options: Options
  let filter: EventFilter
  let now: Int64
  /// The live API client, when neither paths nor --demo were given.
  let live: CloudTrailClient?
  /// The `-v` log.
  let log: DiagnosticLog

  init(options: Options, filter: EventFilter, now: Int64, log: DiagnosticLog) throws {
    self.options = options
    self.filter = filter
    self.now = now
    self.log = log
    if options.demo || !options.paths.isEmpty {
      live = nil
      log.say(1, "source: \(options.demo ? "the built-in demo account" : options.paths.joined(separator: ", "))")
      return
    }
    do throws(AWSError) {
      let settings = try AWSSettings.resolve(
        profile: options.profile, region: options.region, endpointURL: options.endpointURL)
      var chain = CredentialChain(
        environment: ProcessInfo.processInfo.environment,
        homeDirectory: AWSHome.path, profileName: options.profile,
        region: settings.region)
      let offset = ClockOffset()  // one clock correction for AssumeRole and CloudTrail
      chain.clockOffset = offset
      let provider = CredentialsProvider(chain: chain)
      let credentials = try provider.credentials()
      let client = CloudTrailClient(settings: settings, credentials: provider, clockOffset: offset)
      log.say(1, "source: CloudTrail \(client.region) at \(client.endpoint.absoluteString)")
      log.say(1, "credentials: access key \(credentials.accessKeyId) from \(credentials.source)")
      client.setRequestLog { [log] record in log.say(2, record.line) }
      live = client
    } catch {
      log.say(1, "startup failed: \(error.description)")
      throw StartupError(message: error.explanation)
    }
  }

  /// What the header calls the source.
  var label: String {
    if let live {
      return "CloudTrail \(live.region)" + (live.customEndpoint ? " at \(live.endpoint.absoluteString)" : "")
    }
    if options.demo { return "demo account" }
    return options.paths.count == 1 ? options.paths[0] : "\(options.paths.count) paths"
  }

  /// Starts loading into `store`; returns the sources, for the run loop to pass requests on.
  @discardableResult
  func start(_ store: EventStore) -> [any EventSource] {
    if let live {
      live.setNoticeHandler { [log] notice in
        log.say(1, "note: \(notice)")
        store.addNotice(notice)
      }
      let session = LookupSession(
        service: live, store: store, label: "CloudTrail \(live.region)",
        window: (filter.startTime, filter.endTime ?? now),
        // 2 per second is LookupEvents' limit; spacing requests exactly 500 ms apart gets throttled whenever
        // network latency varies, so keep a 10% margin.
        minIntervalMilliseconds: 550, lazy: !options.printMode,
        explain: { AWSError(code: $0.code, message: $0.message, operation: "LookupEvents").explanation })
      session.start(filter: filter)
      if !options.printMode { TrailsLoader.load(client: live, into: store) }
      return [session]
    }
    guard options.demo else {
      return [LogFileSource.load(options.paths, into: store, maxFileBytes: max(1, options.maxFileMB) << 20)]
    }
    let pageDelay = options.demoPageMilliseconds ?? (options.printMode ? 0 : 120)
    let service = DemoService(now: now, pageDelayMilliseconds: pageDelay)
    let session = LookupSession(
      service: service, store: store, label: "demo account", window: (filter.startTime, filter.endTime ?? now),
      minIntervalMilliseconds: options.printMode ? 0 : min(200, pageDelay * 2), lazy: false)
    session.start(filter: filter)
    return [session]
  }

  /// Reloads the trails pane (live only).
  func refreshTrails(_ store: EventStore) {
    if let live { TrailsLoader.load(client: live, into: store) }
  }
}

/// A problem that stops trailview before it starts; printed as `Error: message`, exit status 1.
struct StartupError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
