import AWSClient
import ArgumentParser
import EventStore
import Foundation
import LookupEmulator
import TrailviewDemo

/// `cloudtrail-fake`: a loopback CloudTrail endpoint speaking the real wire format.
struct FakeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cloudtrail-fake",
    abstract: """
      Serve a loopback CloudTrail endpoint (LookupEvents, DescribeTrails, GetTrailStatus, ListTrails; EC2 \
      DescribeRegions).
      """,
    discussion: "Prints `listening on http://127.0.0.1:PORT` on stdout when ready; logs one line per request to stderr."
  )

  @Option(help: "TCP port on 127.0.0.1 (0 picks a free port).") var port = 0
  @Option(parsing: .upToNextOption, help: "CloudTrail log files or folders to serve.") var logs: [String] = []
  @Flag(help: "Serve the built-in demo account.") var demo = false
  @Option(help: "The demo's end time, seconds since 1970 (default: now).") var now: Int64?
  @Option(help: "The demo's seed.") var seed: UInt64 = 1
  @Option(help: "A JSON array of trails (Trail fields plus GetTrailStatus fields).") var trails: String?
  @Option(help: "ListPublicKeys's keys: a JSON file shaped like `aws cloudtrail list-public-keys` output.")
  var publicKeys: String?
  @Option(help: "Trails per ListTrails page.") var trailsPageSize = 50
  @Option(help: "Account ID for default trail ARNs.") var account = "123456789012"
  @Option(
    help: """
      A region this endpoint serves (repeatable). A request is for the region its signature's credential scope \
      names: LookupEvents answers that region's events (awsRegion), the trail calls its trails. A scope naming a \
      region not served is refused with InvalidSignatureException ("Credential should be scoped to a valid \
      region."), as a regional AWS endpoint refuses it, --no-auth or not. Without --region every region is served. \
      Unsigned requests and records without awsRegion belong to the first --region (else us-east-1).
      """)
  var region: [String] = []
  @Option(
    help: """
      An opt-in region the account has not enabled (repeatable): DescribeRegions leaves it out (AllRegions=true \
      lists it as not-opted-in) and calls signed for it answer UnrecognizedClientException.
      """)
  var disabledRegion: [String] = []
  @Option(
    help: """
      Every N milliseconds, new events arrive: copies of the data's events (in turn) with new IDs and the current \
      time, each in its template's region (0: none).
      """)
  var arriveEveryMs = 0
  @Option(help: "How many events arrive each --arrive-every-ms.") var arriveCount = 1
  @Option(help: "An accepted key as ID:SECRET (repeatable).") var accessKey: [String] = []
  @Flag(help: "Do not check signatures.") var noAuth = false
  @Option(help: "Answer AccessDeniedException for this access key ID (repeatable).") var denyKey: [String] = []
  @Option(help: "Answer AccessDeniedException to every call signed for this region (repeatable).")
  var denyRegion: [String] = []
  @Option(help: "REGION=N: answer ThrottlingException to the first N LookupEvents requests in REGION (repeatable).")
  var throttleRegion: [String] = []
  @Option(help: "LookupEvents requests per second per Region before ThrottlingException.") var rate = 2
  @Option(help: "Every Nth request answers 500 InternalFailure.") var failEvery = 0
  @Option(help: "Added latency per request, in milliseconds.") var delayMs = 0
  @Option(help: "After every 10 requests, throttle the next N.") var throttleBurst = 0
  @Option(help: "Every Nth request: close the connection without answering.") var resetEvery = 0
  @Option(help: "Every Nth request: send half of the body, then close.") var truncateEvery = 0
  @Option(help: "Every Nth request: answer 200 with invalid JSON.") var garbageEvery = 0
  @Option(help: "Every Nth request: answer 200 text/html.") var wrongContentTypeEvery = 0
  @Option(help: "Every Nth request: wait --hang-ms before answering (longer than the client's timeout).")
  var hangEvery = 0
  @Option(help: "How long a --hang-every request waits, in milliseconds.") var hangMs = 60_000
  @Option(help: "Every Nth request: a LookupEvents request with a NextToken answers InvalidNextTokenException.")
  var badTokenEvery = 0
  @Option(help: "Check signatures as if the server clock were off by this many seconds.") var skew: Int64 = 0
  @Option(help: "After N requests with one session token, answer ExpiredTokenException for it.") var expireAfter = 0
  @Flag(help: "Do not log requests to stderr.") var quiet = false
  @Option(help: "Append every request's SigV4 signature to this file (for tests that look for leaks).")
  var recordSignatures: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
    guard rate >= 1 else { throw ValidationError("--rate must be at least 1") }
    guard hangMs >= 0, delayMs >= 0 else { throw ValidationError("--hang-ms and --delay-ms must not be negative") }
    guard arriveEveryMs >= 0, arriveCount >= 1 else {
      throw ValidationError("--arrive-every-ms must not be negative and --arrive-count must be at least 1")
    }
    guard trailsPageSize >= 1 else { throw ValidationError("--trails-page-size must be at least 1") }
    for name in region + disabledRegion where !AWSEndpoints.isValidRegion(name) {
      throw ValidationError("--region \(name) is not a region name (such as us-east-1)")
    }
    for entry in throttleRegion {
      let parts = entry.split(separator: "=")
      guard parts.count == 2, AWSEndpoints.isValidRegion(String(parts[0])), Int(parts[1]).map({ $0 > 0 }) == true else {
        throw ValidationError("--throttle-region takes REGION=N, such as us-west-2=3")
      }
    }
    for entry in accessKey where !entry.contains(":") {
      throw ValidationError("--access-key takes ID:SECRET")
    }
  }

  func run() throws {
    let clock = now ?? Int64(Date().timeIntervalSince1970)
    var records: [[UInt8]] = []
    if demo { records += DemoAccount.records(now: clock, seed: seed) }
    if !logs.isEmpty {
      let (found, problems) = LogFileSource.readRecords(logs)
      for problem in problems.prefix(20) { warn("\(problem.source): \(problem.reason)") }
      records += found
    }
    let index = LookupIndex(records: records)
    let regions = FakeRegions(served: region, disabled: disabledRegion, index: index)
    if !quiet { warn("serving \(regions.summary); \(index.skippedCount) records skipped") }
    let trailList = try loadTrails(index: index, now: clock)
    let arrivals = arriveEveryMs > 0 ? FakeArrivals(regions: regions, perTick: arriveCount) : nil
    let service = FakeService(
      config: makeConfig(), index: index, regions: regions,
      trails: FakeTrails(trails: trailList, pageSize: trailsPageSize), arrivals: arrivals,
      publicKeys: try publicKeys.map { try FakePublicKeys(file: $0) } ?? FakePublicKeys())
    let server = try HTTPServer.bind(port: port)
    FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(server.port)\n".utf8))
    arrivals?.start(every: arriveEveryMs)
    server.run(service)
  }

  func makeConfig() -> FakeConfig {
    var config = FakeConfig()
    config.noAuth = noAuth
    let pairs = accessKey.isEmpty ? ["AKIDTRAILVIEWFAKE:trailview-fake-secret"] : accessKey
    for pair in pairs {
      let colon = pair.firstIndex(of: ":")!
      config.keys[String(pair[..<colon])] = String(pair[pair.index(after: colon)...])
    }
    config.deniedKeys = Set(denyKey)
    config.deniedRegions = Set(denyRegion)
    for entry in throttleRegion {
      let parts = entry.split(separator: "=")
      config.throttledRegions[String(parts[0])] = Int(parts[1]) ?? 0
    }
    config.rate = rate
    config.failEvery = failEvery
    config.resetEvery = resetEvery
    config.truncateEvery = truncateEvery
    config.garbageEvery = garbageEvery
    config.wrongContentTypeEvery = wrongContentTypeEvery
    config.badTokenEvery = badTokenEvery
    config.hangEvery = hangEvery
    config.hangMilliseconds = hangMs
    config.throttleBurst = throttleBurst
    config.delayMilliseconds = delayMs
    config.skewSeconds = skew
    config.expireAfter = expireAfter
    config.quiet = quiet
    config.signatureFile = recordSignatures
    config.account = account
    return config
  }

  /// Trails from `--trails`, else two defaults plus, with data that stops a trail, that trail.
  func loadTrails(index: LookupIndex, now: Int64) throws -> [FakeTrail] {
    if let trails {
      let data = try Data(contentsOf: URL(fileURLWithPath: trails))
      guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
        throw FakeError.usage("\(trails): expected a JSON array of trail objects")
      }
      return try list.map { try FakeTrail(object: $0, account: account) }
    }
    let day: Int64 = 86_400
    var list = [
      FakeTrail(
        name: "main-trail", region: "us-east-1", account: account, multiRegion: true, logging: true,
        started: now - 400 * day, stopped: nil, now: now),
      FakeTrail(
        name: "eu-audit", region: "eu-west-1", account: account, multiRegion: false, logging: false,
        started: now - 200 * day, stopped: now - 30 * day, now: now),
    ]
    if let stop = index.latest(named: "StopLogging") {
      let trailArn = stop.resources.first { $0.type == "AWS::CloudTrail::Trail" }?.name
      let name = trailArn.map { String($0.split(separator: "/").last ?? "") } ?? DemoAccount.incidentTrailName
      let created = index.latest(named: "CreateTrail", resourceName: name)?.eventTime ?? now - 7 * day
      list.append(
        FakeTrail(
          name: name, region: FakeRegions.region(of: stop) ?? "us-east-1", account: account, multiRegion: false,
          logging: false, started: created,
          stopped: stop.eventTime, now: now))
    }
    return list
  }

  func warn(_ message: String) {
    FileHandle.standardError.write(Data("cloudtrail-fake: \(message)\n".utf8))
  }
}
