import AWSClient
import CloudTrailModel
import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import EventStore
@testable import LookupEmulator
@testable import TrailviewDemo

/// A live test that could not run.
struct LiveTestError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Runs the built `trailview` against an endpoint with only the given credentials in its environment.
enum LiveTrailview {
  static let binary = BuiltProducts.path("trailview")
  static let missingMessage = "trailview is not built next to the test bundle; run `swift build` first"
  static let key = "AKIDTRAILVIEWFAKE"
  static let secret = "trailview-fake-secret"

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    /// The NDJSON lines of stdout, parsed.
    var records: [[String: Any]] {
      stdout.split(separator: "\n").compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
      }
    }

    /// The `eventID`s printed, in order.
    var eventIDs: [String] { records.compactMap { $0["eventID"] as? String } }
  }

  /// `trailview ARGS --region REGION --endpoint-url ENDPOINT`, isolated from the user's AWS configuration.
  static func run(
    _ arguments: [String], endpoint: String, region: String = "us-east-1", key: String = key, secret: String = secret,
    environment: [String: String] = [:]
  ) async throws -> Output {
    guard let binary else { throw LiveTestError(message: missingMessage) }
    let home = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    env["HOME"] = home.path
    env["AWS_ACCESS_KEY_ID"] = key
    env["AWS_SECRET_ACCESS_KEY"] = secret
    env["AWS_CONFIG_FILE"] = home.appendingPathComponent("config").path
    env["AWS_SHARED_CREDENTIALS_FILE"] = home.appendingPathComponent("credentials").path
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.merge(environment) { $1 }
    let result = try await Subprocess.run(
      binary, arguments + ["--region", region, "--endpoint-url", endpoint], exactEnvironment: env)
    return Output(status: result.status, stdout: result.text, stderr: result.stderr, seconds: result.seconds)
  }

  /// A `--logs` data set of `count` management records (one file), plus its expected event IDs (newest first).
  /// `perSecond` > 1 puts that many events in each second, so that page boundaries fall inside a second.
  static func logs(count: Int, perSecond: Int = 0) throws -> (folder: URL, ids: [String]) {
    let folder = LogTree.temporaryFolder()
    let base = Int64(Date().timeIntervalSince1970) - 7200
    var records: [String] = []
    for i in 0..<count {
      let time = EventTime.formatISO(base + (perSecond > 1 ? Int64(i / perSecond) : Int64(i) * 7))
      records.append(
        LogTree.record(
          time: time, name: i % 3 == 0 ? "DescribeInstances" : "RunInstances", user: i % 2 == 0 ? "alice" : "bob",
          source: "ec2.amazonaws.com", readOnly: i % 3 == 0, eventID: String(format: "live-%05d", i)))
    }
    LogTree.write(LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "20261126T1000Z"), under: folder, gzip: true)
    let index = LookupIndex(records: records.map { Array($0.utf8) })
    return (folder, index.events.map(\.eventId))
  }

  /// Loads the whole window up to now through a `LookupSession` (no pacing) into a store and returns its snapshot.
  static func loadEverything(_ client: CloudTrailClient) -> EventSnapshot {
    let now = Int64(Date().timeIntervalSince1970)
    return StoreHarness.run { store in
      LookupSession(
        service: client, store: store, label: "fake", window: (start: nil, end: now), minIntervalMilliseconds: 0,
        lazy: false
      ).start(filter: EventFilter())
    }
  }

  /// A client for the fake with the accepted key, and `timeout`.
  static func client(_ server: FakeServer, timeout: Double = 30) -> CloudTrailClient {
    CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: server.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: key, secretAccessKey: secret)), timeout: timeout)
  }

  /// The fake's request log as (operation, status, code) triples.
  static func requests(_ log: String) -> [(operation: String, status: String, code: String)] {
    windows(log).map { ($0.operation, $0.status, $0.code) }
  }

  /// The fake's request log: `TIME OPERATION STATUS CODE KEY [START..END]`, the window of LookupEvents requests in
  /// seconds (nil for an open end).
  static func windows(_ log: String) -> [(operation: String, status: String, code: String, start: Int64?, end: Int64?)]
  {
    log.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: " ")
      guard parts.count == 5 || parts.count == 6, !line.hasPrefix("cloudtrail-fake:"), parts[0].first?.isNumber == true
      else { return nil }
      let window = parts.count == 6 ? parts[5].split(separator: ".", omittingEmptySubsequences: true) : []
      return (
        String(parts[1]), String(parts[2]), String(parts[3]), window.first.flatMap { Int64($0) },
        window.dropFirst().first.flatMap { Int64($0) }
      )
    }
  }
}

/// The live CloudTrail path (CLI, client, paging, pacing, faults) against the real `cloudtrail-fake` binary.
@Suite(
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct LiveFakeTests {
  static let readOperations: Set<String> = [
    "LookupEvents", "DescribeTrails", "GetTrailStatus", "ListTrails", "GetCallerIdentity",
  ]

  /// Every demo management event of the region asked for, once (the demo has events in four regions).
  @Test(arguments: ["us-east-1", "eu-west-1"])
  func printFetchesEveryDemoManagementEventOfTheRegionOnce(region: String) async throws {
    // A minute behind the wall clock, so trailview's window (ending at its own now) covers all of it.
    let now = Int64(Date().timeIntervalSince1970) - 60
    let server = try FakeServer(["--demo", "--now", String(now), "--rate", "1000"])
    defer { server.stop() }
    let index = LookupIndex(records: DemoAccount.records(now: now, seed: 1))
    let expected = FakeFixture.events(in: region, of: index).map(\.eventId)
    #expect(expected.count > 500 && expected.count < index.events.count)
    let output = try await LiveTrailview.run(["--print"], endpoint: server.endpoint, region: region)
    #expect(output.status == 0, "\(output.stderr)")
    let ids = output.eventIDs
    #expect(ids.count == expected.count)
    #expect(Set(ids).count == ids.count)
    #expect(Set(ids) == Set(expected))
    let lookups = LiveTrailview.requests(server.log).filter { $0.operation == "LookupEvents" }
    #expect(lookups.count == (expected.count + 49) / 50)
    #expect(lookups.allSatisfy { $0.status == "200" })
  }

  @Test func defaultRatePacingAvoidsThrottling() async throws {
    // 12 pages at the fake's default 2 per second: with requests exactly 500 ms apart, latency jitter got 4 or 5
    // of them throttled.
    let (folder, expected) = try LiveTrailview.logs(count: 600)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path])
    defer { server.stop() }
    let output = try await LiveTrailview.run(["--print"], endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.eventIDs.sorted() == expected.sorted())
    let lookups = LiveTrailview.requests(server.log).filter { $0.operation == "LookupEvents" }
    #expect(lookups.filter { $0.code == "ThrottlingException" }.count <= 1)
    #expect(lookups.filter { $0.status == "200" }.count == 12)
  }

  /// Every fault the fake injects, each with the code its request log shows: 12 pages of events, 4 to a second so
  /// that pages end inside a second (what a NextToken restart must not duplicate). Throttle bursts start after 10
  /// requests; the clock skew is rejected once, then corrected.
  @Test(arguments: [
    (["--fail-every", "3"], "InternalFailure"), (["--throttle-burst", "2"], "ThrottlingException"),
    (["--reset-every", "4"], "ConnectionReset"), (["--truncate-every", "4"], "TruncatedBody"),
    (["--garbage-every", "4"], "GarbageBody"), (["--wrong-content-type-every", "4"], "WrongContentType"),
    (["--bad-token-every", "3"], "InvalidNextTokenException"), (["--skew", "900"], "InvalidSignatureException"),
    (["--skew=-900"], "InvalidSignatureException"),
  ])
  func faultsStillFetchEveryEventOnce(fault: [String], code: String) async throws {
    let (folder, expected) = try LiveTrailview.logs(count: 600, perSecond: 4)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path, "--rate", "1000"] + fault)
    defer { server.stop() }
    let output = try await LiveTrailview.run(["--print"], endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    let ids = output.eventIDs
    #expect(ids.count == expected.count)
    #expect(Set(ids) == Set(expected))
    let log = LiveTrailview.requests(server.log)
    #expect(log.contains { $0.code == code }, "the fault flag \(fault) never fired")
    if fault.contains(where: { $0.hasPrefix("--skew") }) {
      #expect(log.filter { $0.code == code }.count == 1, "the clock was corrected once, for all later requests")
      let side = fault.contains("900") ? "behind" : "ahead of"
      #expect(output.stderr.contains("note: the local clock is about 15 min \(side) AWS"), "\(output.stderr)")
    }
  }

  @Test func expiredSessionTokenIsReportedClearly() async throws {
    let (folder, _) = try LiveTrailview.logs(count: 300)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path, "--rate", "1000", "--expire-after", "3"])
    defer { server.stop() }
    let output = try await LiveTrailview.run(
      ["--print", "--no-cache"], endpoint: server.endpoint, environment: ["AWS_SESSION_TOKEN": "session-token-one"])
    // Static environment credentials cannot be refreshed: the first 3 pages arrive, then trailview stops at once
    // with the explanation (no retries with the same expired token).
    #expect(output.status == 2, "\(output.stderr)")
    #expect(output.eventIDs.count == 150)
    #expect(output.stderr.contains("session credentials have expired"), "\(output.stderr)")
    #expect(!output.stderr.contains("session-token-one") && !output.stdout.contains("session-token-one"))
    #expect(!output.stderr.contains(LiveTrailview.secret))
    let expired = LiveTrailview.requests(server.log).filter { $0.code == "ExpiredTokenException" }
    #expect(expired.count == 1)
  }

  @Test func refreshableSessionCredentialsRecoverFromExpiry() throws {
    let (folder, expected) = try LiveTrailview.logs(count: 300)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path, "--rate", "1000", "--expire-after", "3"])
    defer { server.stop() }
    let resolved = Mutex(0)
    let provider = CredentialsProvider { () throws(AWSError) -> AWSCredentials in
      let n = resolved.withLock { count -> Int in
        count += 1
        return count
      }
      return AWSCredentials(
        accessKeyId: LiveTrailview.key, secretAccessKey: LiveTrailview.secret, sessionToken: "session-\(n)")
    }
    let client = CloudTrailClient(region: "us-east-1", endpoint: URL(string: server.endpoint)!, credentials: provider)
    let snapshot = LiveTrailview.loadEverything(client)
    #expect(snapshot.progress.problems.isEmpty, "\(snapshot.progress.problems)")
    #expect(snapshot.total == expected.count)
    #expect(resolved.withLock { $0 } == 2)
    #expect(LiveTrailview.requests(server.log).filter { $0.code == "ExpiredTokenException" }.count == 1)
  }

  @Test func rejectedNextTokensResumeWithoutFetchingAnEventTwice() throws {
    // Pages end inside a second; every third request's NextToken is refused. The store counts records that arrive
    // twice, so this sees re-fetched events that the output (deduplicated) would hide.
    let (folder, expected) = try LiveTrailview.logs(count: 600, perSecond: 4)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--logs", folder.path, "--rate", "1000", "--bad-token-every", "3"])
    defer { server.stop() }
    let client = LiveTrailview.client(server)
    let snapshot = LiveTrailview.loadEverything(client)
    #expect(snapshot.progress.problems.isEmpty, "\(snapshot.progress.problems)")
    #expect(snapshot.total == expected.count)
    #expect(snapshot.progress.duplicates == 0)
    #expect(LiveTrailview.requests(server.log).filter { $0.code == "InvalidNextTokenException" }.count >= 3)
  }

  @Test func timedOutRequestsAreRetriedAndEveryEventArrivesOnce() throws {
    // Every 4th request hangs for 20 s; the client gives up after 1 s and retries.
    let (folder, expected) = try LiveTrailview.logs(count: 300, perSecond: 4)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(
      ["--logs", folder.path, "--rate", "1000", "--hang-every", "4", "--hang-ms", "20000"])
    defer { server.stop() }
    let client = LiveTrailview.client(server, timeout: 1)
    let records = Mutex<[RequestRecord]>([])
    client.setRequestLog { record in records.withLock { $0.append(record) } }
    let snapshot = LiveTrailview.loadEverything(client)
    #expect(snapshot.progress.problems.isEmpty, "\(snapshot.progress.problems)")
    #expect(snapshot.total == expected.count)
    #expect(snapshot.progress.duplicates == 0)
    #expect(LiveTrailview.requests(server.log).contains { $0.code == "Hang" })
    // The client gave up on the hanging request (rather than waiting for its answer) and asked again.
    let failed = records.withLock { $0 }.filter { $0.errorCode == "NetworkError" && $0.status == nil }
    #expect(!failed.isEmpty)
  }

  @Test func printTrailsListsTheFakesTrailsWithLoggingState() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000"])
    defer { server.stop() }
    let output = try await LiveTrailview.run(["--print", "--trails", "--format", "ndjson"], endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    let trails = output.records
    let byName = Dictionary(trails.map { ($0["Name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    #expect(trails.count == 3)
    #expect(Set(byName.keys) == ["main-trail", "eu-audit", DemoAccount.incidentTrailName])
    #expect(byName["main-trail"]?["IsLogging"] as? Bool == true)
    #expect(byName["main-trail"]?["HomeRegion"] as? String == "us-east-1")
    #expect(byName["eu-audit"]?["IsLogging"] as? Bool == false)
    #expect(byName["eu-audit"]?["HomeRegion"] as? String == "eu-west-1")
    #expect(byName[DemoAccount.incidentTrailName]?["IsLogging"] as? Bool == false)
    #expect(byName[DemoAccount.incidentTrailName]?["StopLoggingTime"] is String)
  }

  /// A fake serving us-east-1 only refuses other regions as AWS's regional endpoints do; trailview says why.
  @Test func aRegionTheEndpointDoesNotServeIsExplained() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000", "--region", "us-east-1"])
    defer { server.stop() }
    let events = try await LiveTrailview.run(["--print"], endpoint: server.endpoint, region: "eu-west-1")
    #expect(events.status == 1, "\(events.stderr)")
    #expect(events.eventIDs.isEmpty)
    #expect(events.stderr.contains("does not serve the region the request was signed for"), "\(events.stderr)")
    // The trails: eu-audit lives in eu-west-1, whose status this endpoint will not give.
    let trails = try await LiveTrailview.run(["--print", "--trails", "--format", "ndjson"], endpoint: server.endpoint)
    #expect(trails.status == 2, "\(trails.stderr)")
    #expect(
      trails.stderr.contains("GetTrailStatus eu-audit: The endpoint does not serve the region"), "\(trails.stderr)")
    let byName = Dictionary(trails.records.map { ($0["Name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["main-trail"]?["IsLogging"] as? Bool == true)
    #expect(byName["eu-audit"] != nil && byName["eu-audit"]?["IsLogging"] == nil)
    #expect(LiveTrailview.requests(server.log).contains { $0.code == "InvalidSignatureException" })
  }

  @Test func wrongSecretExitsOneNamingTheSignatureAndLeaksNothing() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000"])
    defer { server.stop() }
    let wrongSecret = "wrong-secret-7f3a9c"
    for arguments in [["--print"], ["--print", "--trails"]] {
      let output = try await LiveTrailview.run(arguments, endpoint: server.endpoint, secret: wrongSecret)
      #expect(output.status == 1, "\(arguments): \(output.stderr)")
      #expect(output.stderr.contains("signature"), "\(output.stderr)")
      for text in [output.stdout, output.stderr] {
        #expect(!text.contains(wrongSecret) && !text.contains(LiveTrailview.secret))
      }
      #expect(output.eventIDs.isEmpty)
    }
    server.stop()
    #expect(server.log.contains("InvalidSignatureException"))
    #expect(!server.log.contains(wrongSecret) && !server.log.contains(LiveTrailview.secret))
  }

  /// Every request of a dashboard-less session, in-process and through the CLI, is a read.
  @Test func onlyReadOperationsAreSent() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000"])
    defer { server.stop() }
    let sent = Mutex<[String]>([])
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: server.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: LiveTrailview.key, secretAccessKey: LiveTrailview.secret)),
      operationLog: { operation in sent.withLock { $0.append(operation) } })
    let trails = SnapshotCollector()
    let trailStore = EventStore(publishIntervalMilliseconds: 5) { trails.take($0) }
    let loaded = DispatchSemaphore(value: 0)
    TrailsLoader.load(client: client, into: trailStore) { trailStore.flush { loaded.signal() } }
    #expect(loaded.wait(timeout: .now() + 20) == .success)
    #expect(trails.latest?.trails.count == 3)

    let now = Int64(Date().timeIntervalSince1970)
    let snapshot = StoreHarness.run { store in
      let session = LookupSession(
        service: client, store: store, label: "LookupEvents", window: (start: now - 86_400, end: now),
        minIntervalMilliseconds: 0, lazy: true)
      session.start(filter: EventFilter(user: "deploy-bot"))
      session.loadAll()
    }
    #expect(snapshot.total > 0)
    #expect(snapshot.progress.problems.isEmpty)

    let events = try await LiveTrailview.run(["--print", "--since", "6h"], endpoint: server.endpoint)
    #expect(events.status == 0, "\(events.stderr)")
    let trailsOut = try await LiveTrailview.run(["--print", "--trails"], endpoint: server.endpoint)
    #expect(trailsOut.status == 0, "\(trailsOut.stderr)")

    let operations = sent.withLock { $0 }
    #expect(Set(operations).isSubset(of: Self.readOperations), "\(Set(operations))")
    #expect(Set(operations) == ["LookupEvents", "DescribeTrails", "GetTrailStatus", "ListTrails"])
    server.stop()
    let logged = LiveTrailview.requests(server.log)
    #expect(!logged.isEmpty)
    #expect(Set(logged.map(\.operation)).isSubset(of: Self.readOperations), "\(Set(logged.map(\.operation)))")
    #expect(logged.allSatisfy { $0.status == "200" })
    #expect(logged.count >= operations.count + 2)
  }
}
