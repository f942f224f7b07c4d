import AWSClient
import Foundation
import LookupEmulator
import Synchronization

/// Settings for the fake's behaviour.
struct FakeConfig: Sendable {
  var noAuth = false
  var keys: [String: String] = [:]
  var deniedKeys: Set<String> = []
  var deniedRegions: Set<String> = []
  /// LookupEvents requests to throttle at first, per region.
  var throttledRegions: [String: Int] = [:]
  var rate = 2
  var failEvery = 0
  var resetEvery = 0
  var truncateEvery = 0
  var garbageEvery = 0
  var wrongContentTypeEvery = 0
  var badTokenEvery = 0
  var hangEvery = 0
  var hangMilliseconds = 60_000
  var throttleBurst = 0
  var delayMilliseconds = 0
  var skewSeconds: Int64 = 0
  var expireAfter = 0
  var quiet = false
  var signatureFile: String?
  /// The account GetCallerIdentity names.
  var account = "123456789012"
}

/// Answers CloudTrail requests: faults, authentication, throttling, then the operation.
final class FakeService: Sendable {
  static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."

  let config: FakeConfig
  /// The regions served and each one's events.
  let regions: FakeRegions
  let trails: FakeTrails
  /// `ListPublicKeys`'s keys (`--public-keys`).
  let publicKeys: FakePublicKeys
  /// Events added while running (`--arrive-every-ms`).
  let arrivals: FakeArrivals?
  /// Pre-encoded `Event` objects by event ID.
  let encoded: [String: String]
  let state = Mutex(State())
  /// Serializes appends to `--record-signatures` (file I/O stays off the `state` lock).
  let signatureLock = Mutex(())

  /// Counters shared by all connections.
  struct State {
    /// Requests seen so far.
    var requests = 0
    /// Recent LookupEvents admission times per Region (seconds, monotonic).
    var lookups: [String: [Double]] = [:]
    /// LookupEvents requests seen per region (for `--throttle-region`).
    var regionLookups: [String: Int] = [:]
    /// Requests seen per session token.
    var tokenUses: [String: Int] = [:]
  }

  init(
    config: FakeConfig, index: LookupIndex, regions: FakeRegions, trails: FakeTrails, arrivals: FakeArrivals? = nil,
    publicKeys: FakePublicKeys = FakePublicKeys()
  ) {
    self.config = config
    self.publicKeys = publicKeys
    self.arrivals = arrivals
    self.regions = regions
    self.trails = trails
    self.encoded = LookupJSON.cache(index)
  }

  /// One request's answer.
  func handle(_ request: HTTPRequestParts) -> Outcome {
    let n = state.withLock { s -> Int in
      s.requests += 1
      return s.requests
    }
    if config.delayMilliseconds > 0 { usleep(UInt32(min(config.delayMilliseconds, 600_000)) * 1000) }
    let operation = FakeService.operation(of: request)
    let scope = FakeService.credentialScope(request.header("authorization"))
    recordSignature(request.header("authorization"))
    let key = scope?.key
    let window = operation == "LookupEvents" ? FakeService.window(request.body) : nil
    func finish(_ response: HTTPResponse, code: String?) -> Outcome {
      logLine(operation: operation, status: response.status, code: code, key: key, window: window)
      return .respond(dated(response))
    }
    if hits(config.hangEvery, n) {
      logLine(operation: operation, status: 0, code: "Hang", key: key)
      usleep(UInt32(min(config.hangMilliseconds, 600_000)) * 1000)
    }
    if hits(config.resetEvery, n) {
      logLine(operation: operation, status: 0, code: "ConnectionReset", key: key)
      return .reset
    }
    if hits(config.failEvery, n) {
      return finish(FakeService.error(status: 500, code: "InternalFailure", message: nil), code: "InternalFailure")
    }
    if config.throttleBurst > 0 && (n - 1) % (10 + config.throttleBurst) >= 10 {
      return finish(
        FakeService.error(status: 400, code: "ThrottlingException", message: "Rate exceeded"),
        code: "ThrottlingException")
    }
    let (response, code) = answer(
      request, operation: operation, region: scope?.region ?? regions.home,
      rejectToken: hits(config.badTokenEvery, n))
    if hits(config.truncateEvery, n) && response.status == 200 {
      logLine(operation: operation, status: 200, code: "TruncatedBody", key: key)
      return .truncate(dated(response))
    }
    if hits(config.garbageEvery, n) {
      var garbage = response
      garbage.status = 200
      garbage.body = Array("{\"Events\":[{\"EventId\":\"x\",,\u{0}not json".utf8)
      return finish(garbage, code: "GarbageBody")
    }
    if hits(config.wrongContentTypeEvery, n) {
      let html = "<html><body><h1>Sign in to the network</h1></body></html>"
      return finish(
        HTTPResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(html.utf8)),
        code: "WrongContentType")
    }
    return finish(response, code: code)
  }

  private func hits(_ every: Int, _ n: Int) -> Bool { every > 0 && n % every == 0 }

  /// The answer with a `Date` header from the fake's clock (off by `--skew`), as AWS dates every answer.
  private func dated(_ response: HTTPResponse) -> HTTPResponse {
    var response = response
    response.headers.append(("Date", HTTPDate.format(Int64(Date().timeIntervalSince1970) + config.skewSeconds)))
    return response
  }

  /// Routing, authentication, throttling and the operation; the error code when it failed.
  func answer(_ request: HTTPRequestParts, operation: String, region: String, rejectToken: Bool = false) -> (
    HTTPResponse, String?
  ) {
    func fail(_ status: Int, _ code: String, _ message: String?) -> (HTTPResponse, String?) {
      (FakeService.error(status: status, code: code, message: message), code)
    }
    guard request.path == "/" else { return fail(404, "UnknownOperationException", nil) }
    guard request.method == "POST" else { return fail(405, "UnknownOperationException", nil) }
    if operation == "DescribeRegions" { return describeRegions(request, region: region) }
    if operation == "GetCallerIdentity" { return callerIdentity(request, region: region) }
    let contentType = request.header("content-type") ?? ""
    guard contentType.hasPrefix("application/x-amz-json-1.1"), operation != "-" else {
      return fail(400, "UnknownOperationException", nil)
    }
    // The endpoint's regions first: a regional AWS endpoint refuses another region's scope, signed well or not.
    if regions.refuses(region) {
      return fail(400, "InvalidSignatureException", "Credential should be scoped to a valid region. ")
    }
    if regions.disabled.contains(region) {
      // An opt-in region the account has not enabled does not know the account's keys.
      return fail(400, "UnrecognizedClientException", "The security token included in the request is invalid.")
    }
    if let denial = authenticate(request) { return fail(denial.status, denial.code, denial.message) }
    if config.deniedRegions.contains(region) {
      return fail(
        400, "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/fake is not authorized to perform: cloudtrail:\(operation) in \(region) "
          + "with an explicit deny in a service control policy")
    }
    if operation == "LookupEvents", let limit = config.throttledRegions[region] {
      let seen = state.withLock { s -> Int in
        s.regionLookups[region, default: 0] += 1
        return s.regionLookups[region]!
      }
      if seen <= limit { return fail(400, "ThrottlingException", "Rate exceeded") }
    }
    guard ["LookupEvents", "DescribeTrails", "GetTrailStatus", "ListTrails", "ListPublicKeys"].contains(operation)
    else {
      return fail(400, "UnknownOperationException", nil)
    }
    let parsed = request.body.isEmpty ? [:] : (try? JSONSerialization.jsonObject(with: Data(request.body)))
    guard let body = parsed as? [String: Any] else {
      return fail(400, "SerializationException", "The request body is not a JSON object.")
    }
    let result: Result<String, LookupError>
    switch operation {
    case "LookupEvents":
      if !admitLookup(region: region) { return fail(400, "ThrottlingException", "Rate exceeded") }
      if rejectToken && body["NextToken"] != nil {
        return fail(400, "InvalidNextTokenException", "Invalid NextToken, or used with different parameters.")
      }
      result = LookupJSON.decode(body).flatMap { request, category in
        let index = regions.index(for: region)
        return (arrivals?.index(index, region: region) ?? index).answer(request, eventCategory: category).map {
          LookupJSON.encode($0, cache: encoded)
        }
      }
    case "DescribeTrails": result = trails.describe(body, region: region).map(\.text)
    case "GetTrailStatus": result = trails.status(body, region: region).map(\.text)
    case "ListPublicKeys": result = publicKeys.list(body, now: Int64(Date().timeIntervalSince1970)).map(\.text)
    default: result = trails.list(body).map(\.text)
    }
    switch result {
    case .success(let text):
      return (HTTPResponse(status: 200, headers: FakeService.jsonHeaders(), body: Array(text.utf8)), nil)
    case .failure(let error):
      return fail(400, error.code, error.message)
    }
  }

  /// A LookupEvents request's time range for the log, `START..END` in seconds since 1970 (`-` for an open end).
  static func window(_ body: [UInt8]) -> String {
    let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    func seconds(_ key: String) -> String {
      (object[key] as? NSNumber).map { String(Int64($0.doubleValue)) } ?? "-"
    }
    return "\(seconds("StartTime"))..\(seconds("EndTime"))"
  }

  /// Whether a LookupEvents request in `region` fits the rate (a sliding window of one second).
  func admitLookup(region: String) -> Bool {
    let now = ProcessInfo.processInfo.systemUptime
    return state.withLock { s in
      var recent = (s.lookups[region] ?? []).filter { now - $0 < 1 }
      defer { s.lookups[region] = recent }
      guard recent.count < config.rate else { return false }
      recent.append(now)
      return true
    }
  }

  /// Headers of every JSON answer.
  static func jsonHeaders() -> [(String, String)] {
    [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", UUID().uuidString.lowercased())]
  }

  /// An error answer: `{"__type": code, "message": message}`.
  static func error(status: Int, code: String, message: String?) -> HTTPResponse {
    var members: [(String, JSONOut)] = [("__type", .string(code))]
    if let message { members.append(("message", .string(message))) }
    return HTTPResponse(
      status: status, headers: jsonHeaders() + [("x-amzn-ErrorType", code)],
      body: Array(JSONOut.object(members).text.utf8))
  }

  /// The access key ID and Region in an `Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/...` header.
  static func credentialScope(_ authorization: String?) -> (key: String, region: String?)? {
    guard let authorization, let range = authorization.range(of: "Credential=") else { return nil }
    let rest = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
    let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
    guard let key = parts.first, !key.isEmpty else { return nil }
    return (String(key), parts.count > 2 ? String(parts[2]) : nil)
  }

  /// Appends the `Signature=` value of an Authorization header to `--record-signatures`.
  func recordSignature(_ authorization: String?) {
    guard let path = config.signatureFile, let authorization, let range = authorization.range(of: "Signature=")
    else { return }
    let signature = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
    signatureLock.withLock { _ in
      guard let handle = FileHandle(forWritingAtPath: path) ?? createAndOpen(path) else { return }
      handle.seekToEndOfFile()
      handle.write(Data((signature + "\n").utf8))
      handle.closeFile()
    }
  }

  private func createAndOpen(_ path: String) -> FileHandle? {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    return FileHandle(forWritingAtPath: path)
  }

  /// Writes one log line to stderr: time, operation, status, error code, access key ID (never secrets).
  func logLine(operation: String, status: Int, code: String?, key: String?, window: String? = nil) {
    guard !config.quiet else { return }
    let time = Date().formatted(.iso8601)
    let line = "\(time) \(operation) \(status) \(code ?? "-") \(key ?? "-")\(window.map { " " + $0 } ?? "")\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
  }
}
