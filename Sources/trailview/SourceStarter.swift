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
  /// The live API's clients, one per region, when neither paths nor --demo were given.
  let lives: [CloudTrailClient]
  /// The first region's client (`--print --trails` asks it).
  var live: CloudTrailClient? { lives.first }
  /// The `-v` log.
  let log: DiagnosticLog
  /// What the user should know about how the sources were chosen (shown once loading starts).
  private(set) var notices: [String] = []
  /// The cache's root folder, when the live API's cache is used.
  private(set) var cacheRoot: String?
  /// The account the credentials belong to, when the cache is used.
  private(set) var accountID: String?
  /// The S3 client, when a path is an `s3://` URL.
  private(set) var s3: S3Client?
  /// The CloudWatch Logs client, when a path is a `cwl://` log group.
  private(set) var logs: CloudTrailClient?
  /// The Athena client, when a path is an `athena://` table.
  private(set) var athena: CloudTrailClient?
  /// The CloudTrail Lake client, when a path is a `lake://` event data store.
  private(set) var lake: CloudTrailClient?

  init(options: Options, filter: EventFilter, now: Int64, log: DiagnosticLog) throws {
    self.options = options
    self.filter = filter
    self.now = now
    self.log = log
    if options.demo || !options.paths.isEmpty {
      lives = []
      log.say(1, "source: \(options.demo ? "the built-in demo account" : options.paths.joined(separator: ", "))")
      if !options.demo && options.paths.contains(where: { S3Source.parse($0) != nil }) {
        s3 = try Self.s3Client(options, log: log)
      }
      if !options.demo && options.paths.contains(where: { LogGroupSource.parse($0) != nil }) {
        logs = try Self.logsClient(options, log: log)
      }
      if !options.demo && options.paths.contains(where: { AthenaEngine.parse($0) != nil }) {
        athena = try Self.athenaClient(options, log: log)
      }
      if !options.demo, let store = options.paths.compactMap(LakeEngine.parse).first {
        lake = try Self.lakeClient(options, store: store, log: log)
      }
      return
    }
    do throws(AWSError) {
      let named = options.regionList.filter { $0 != "all" }
      let wantsAll = named.count < options.regionList.count
      var settings: AWSSettings
      do throws(AWSError) {
        settings = try AWSSettings.resolve(
          profile: options.profile, region: named.first, endpointURL: options.endpointURL)
      } catch  where wantsAll && error.code == "NoRegion" {
        // `--region all` needs no home region; DescribeRegions is asked in us-east-1.
        settings = try AWSSettings.resolve(
          profile: options.profile, region: "us-east-1", endpointURL: options.endpointURL)
      }
      var chain = CredentialChain(
        environment: ProcessInfo.processInfo.environment,
        homeDirectory: AWSHome.path, profileName: options.profile,
        region: settings.region)
      let offset = ClockOffset()  // one clock correction for AssumeRole and CloudTrail
      chain.clockOffset = offset
      let provider = CredentialsProvider(chain: chain)
      let credentials = try provider.credentials()
      // One client per region, sharing the credentials and the clock correction.
      let first = CloudTrailClient(settings: settings, credentials: provider, clockOffset: offset)
      first.setRequestLog { [log] record in log.say(2, record.line) }
      var regions = named.isEmpty ? [settings.region] : named
      if wantsAll {
        let endpoint = try AWSEndpoints.ec2Endpoint(
          environment: ProcessInfo.processInfo.environment, cloudTrail: settings)
        let found = RegionDiscovery.regions(client: first, endpoint: endpoint)
        regions = found.regions + named.filter { !found.regions.contains($0) }
        notices = found.notice.map { [$0] } ?? []
        log.say(1, "regions: \(regions.joined(separator: ", "))\(found.notice.map { " (\($0))" } ?? "")")
      }
      var clients = [first]
      for region in regions.dropFirst() {
        let other = try AWSSettings.resolve(profile: options.profile, region: region, endpointURL: options.endpointURL)
        clients.append(CloudTrailClient(settings: other, credentials: provider, clockOffset: offset))
      }
      for client in clients {
        log.say(1, "source: CloudTrail \(client.region) at \(client.endpoint.absoluteString)")
        client.setRequestLog { [log] record in log.say(2, record.line) }
      }
      log.say(1, "credentials: access key \(credentials.accessKeyId) from \(credentials.source)")
      lives = clients
      if !options.noCache {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = try AWSEndpoints.stsEndpoint(environment: environment, cloudTrail: settings)
        switch CacheLocation.account(client: first, endpoint: endpoint) {
        case .success(let account):
          let root = CacheLocation.root(explicit: options.cacheDir, environment: environment)
          cacheRoot = root
          accountID = account
          log.say(1, "cache: \(root) (account \(account))")
        case .failure(let error):
          notices.append("the cache is not used: STS GetCallerIdentity failed (\(error.explanation))")
        }
      }
    } catch {
      log.say(1, "startup failed: \(error.description)")
      throw StartupError(message: error.explanation)
    }
  }

  /// What the header calls the source.
  var label: String {
    if let live {
      let regions = lives.count > 3 ? "in \(lives.count) regions" : lives.map(\.region).joined(separator: ", ")
      return "CloudTrail \(regions)" + (live.customEndpoint ? " at \(live.endpoint.absoluteString)" : "")
    }
    if options.demo { return "demo account" }
    return options.paths.count == 1 ? options.paths[0] : "\(options.paths.count) paths"
  }

  /// Starts loading into `store`; returns the sources, for the run loop to pass requests on. `approval` is asked
  /// before a source runs a query AWS charges for (`--yes` approves without asking).
  @discardableResult
  func start(_ store: EventStore, approval: @escaping QueryApproval = Self.declineAll) -> [any EventSource] {
    for notice in notices { store.addNotice(notice) }
    if !lives.isEmpty {
      // One session per region, each paced under its own limit; the store merges them newest first.
      let sessions = lives.map { client -> LookupSession in
        client.setNoticeHandler { [log] notice in
          log.say(1, "note: \(notice)")
          store.addNotice(notice)
        }
        let session = LookupSession(
          service: client, store: store, label: "CloudTrail \(client.region)",
          window: (filter.startTime, filter.endTime ?? now),
          // 2 per second is LookupEvents' limit; spacing requests exactly 500 ms apart gets throttled whenever
          // network latency varies, so keep a 10% margin.
          minIntervalMilliseconds: 550, lazy: !options.printMode,
          explain: { [several = lives.count > 1] in
            Self.explain(
              AWSError(code: $0.code, message: $0.message, operation: "LookupEvents"),
              region: several ? client.region : nil)
          },
          cacheFolder: cacheFolder(client.region))
        session.start(filter: filter)
        return session
      }
      if !options.printMode { TrailsLoader.load(clients: lives, into: store) }
      return sessions
    }
    guard options.demo else {
      let maxFileBytes = max(1, options.maxFileMB) << 20
      var sources: [any EventSource] = []
      let local = options.paths.filter {
        S3Source.parse($0) == nil && LogGroupSource.parse($0) == nil && AthenaEngine.parse($0) == nil
          && LakeEngine.parse($0) == nil
      }
      if !local.isEmpty { sources.append(LogFileSource.load(local, into: store, maxFileBytes: maxFileBytes)) }
      for path in options.paths {
        guard let (bucket, prefix) = S3Source.parse(path), let s3 else { continue }
        let source = S3Source(
          bucket: bucket, prefix: prefix, client: s3, window: (filter.startTime, filter.endTime ?? now), into: store,
          maxFileBytes: maxFileBytes)
        source.start(filter: filter)
        sources.append(source)
      }
      for path in options.paths {
        guard let group = LogGroupSource.parse(path), let logs else { continue }
        let source = LogGroupSource(group: group, client: logs, window: (filter.startTime, filter.endTime), into: store)
        source.start(filter: filter)
        sources.append(source)
      }
      for path in options.paths {
        guard let (database, table) = AthenaEngine.parse(path), let athena else { continue }
        let window = queryWindow
        if filter.startTime == nil {
          store.addNotice("\(path): the last 24 hours (--since or --start-time for another window)")
        }
        let place = AthenaPlace(
          database: database, workgroup: options.athenaWorkgroup, outputLocation: options.athenaOutput)
        let approve = options.yes ? Self.approveAll : approval
        let engine = AthenaEngine(database: database, table: table, place: place, client: athena)
        let source = QuerySource(engine: engine, window: window, into: store, approval: approve)
        source.start(filter: filter)
        sources.append(source)
      }
      for path in options.paths {
        guard let id = LakeEngine.parse(path), !id.isEmpty, let lake else { continue }
        if filter.startTime == nil {
          store.addNotice("\(path): the last 24 hours (--since or --start-time for another window)")
        }
        let source = QuerySource(
          engine: LakeEngine(store: id, client: lake), window: queryWindow, into: store,
          approval: options.yes ? Self.approveAll : approval)
        source.start(filter: filter)
        sources.append(source)
      }
      return sources
    }
    let pageDelay = options.demoPageMilliseconds ?? (options.printMode ? 0 : 120)
    let service = DemoService(now: now, pageDelayMilliseconds: pageDelay)
    let session = LookupSession(
      service: service, store: store, label: "demo account", window: (filter.startTime, filter.endTime ?? now),
      minIntervalMilliseconds: options.printMode ? 0 : min(200, pageDelay * 2), lazy: false)
    session.start(filter: filter)
    return [session]
  }

  /// The explanation of a LookupEvents failure; with several regions, an unrecognised key in one region most
  /// likely means the region is not enabled for the account.
  static func explain(_ error: AWSError, region: String?) -> String {
    guard let region, ["UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired"].contains(error.code)
    else { return error.explanation }
    return "\(region) does not accept the credentials: the region is most likely not enabled for the account (an "
      + "opt-in region), or the key is not valid there (\(error.code))."
  }

  /// Declines every query (nobody to ask).
  static let declineAll: QueryApproval = { _, reply in reply(false) }

  /// Approves every query without asking (`--yes`).
  static let approveAll: QueryApproval = { _, reply in reply(true) }

  /// The window an Athena or Lake query covers: the filter's, the last 24 hours when it has no start (a query over every
  /// partition could scan years of logs).
  var queryWindow: (start: Int64, end: Int64) {
    let end = filter.endTime ?? now
    return (filter.startTime ?? end - 86_400, end)
  }

  /// The cache folder of `region`, when the cache is used.
  func cacheFolder(_ region: String) -> String? {
    guard let root = cacheRoot, let accountID else { return nil }
    return CacheLocation.folder(root: root, account: accountID, region: region)
  }

  /// Reloads the trails pane (live only).
  func refreshTrails(_ store: EventStore) {
    if !lives.isEmpty { TrailsLoader.load(clients: lives, into: store) }
  }
}

/// A problem that stops trailview before it starts; printed as `Error: message`, exit status 1.
struct StartupError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
