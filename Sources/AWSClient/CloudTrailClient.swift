import Dispatch
import Foundation
import Synchronization

/// The CloudTrail API over awsJson1.1 (`POST /`, `X-Amz-Target`), signed with SigV4. Read operations only.
/// Every call resolves credentials (cached by the provider) off the caller's thread, signs, sends, and calls its
/// completion exactly once on any queue.
public final class CloudTrailClient: LookupEventsService, Sendable {
  /// The region requests are signed for (and whose endpoint is used by default).
  public let region: String
  /// The endpoint for `region`.
  public let endpoint: URL
  /// Whether `endpoint` was overridden (`--endpoint-url` and friends); then every region's calls go there.
  public let customEndpoint: Bool
  private let provider: CredentialsProvider
  private let transport: HTTPTransport
  private let timeout: Double
  private let clock: @Sendable () -> Int64
  private let operationLog: (@Sendable (String) -> Void)?
  /// Seconds added to the local clock when signing (shared with the credential chain's AssumeRole).
  public let clockOffset: ClockOffset
  private let requestLog = Mutex<(@Sendable (RequestRecord) -> Void)?>(nil)

  /// Creates a client. `operationLog` is called with the operation name (`LookupEvents`, ...) for every request
  /// sent.
  public init(
    region: String, endpoint: URL? = nil, credentials: CredentialsProvider,
    transport: HTTPTransport = URLSessionTransport(), timeout: Double = 30,
    clock: @escaping @Sendable () -> Int64 = AWSClock.now, clockOffset: ClockOffset = ClockOffset(),
    operationLog: (@Sendable (String) -> Void)? = nil
  ) {
    self.clockOffset = clockOffset
    self.region = region
    self.endpoint = endpoint ?? AWSEndpoints.regionalEndpoint(service: "cloudtrail", region: region)
    self.customEndpoint = endpoint != nil
    self.provider = credentials
    self.transport = transport
    self.timeout = timeout
    self.clock = clock
    self.operationLog = operationLog
  }

  /// The `X-Amz-Target` prefix of CloudTrail operations.
  static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."

  /// Sends one operation with a JSON body to `region`'s endpoint (or the custom endpoint) and hands back the
  /// response body of a 2xx answer, or the error (see ``send(_:service:url:signingRegion:headers:body:retryOnExpiry:retryOnSkew:completion:)``).
  func call(
    _ operation: String, body: [UInt8], region callRegion: String? = nil,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    let signingRegion = callRegion ?? region
    let url =
      customEndpoint || signingRegion == region
      ? endpoint : AWSEndpoints.regionalEndpoint(service: "cloudtrail", region: signingRegion)
    send(
      operation, service: "cloudtrail", url: url, signingRegion: signingRegion,
      headers: [
        (name: "Content-Type", value: "application/x-amz-json-1.1"),
        (name: "X-Amz-Target", value: Self.targetPrefix + operation),
      ], body: body, completion: completion)
  }

  /// Signs and sends one `POST` to `url` for `service` in `signingRegion` and hands back the body of a 2xx answer,
  /// or the error. On an expired session token the cached credentials are dropped and, when the chain then yields
  /// different ones, the request is sent once more with them. When AWS rejects the signature's time, the client
  /// adopts the server's clock (from the answer's `Date` header) for this and every later request, says so through
  /// the notice handler, and sends the request once more.
  ///
  /// `timeout` overrides the client's for this request (start-up questions such as DescribeRegions wait less).
  func send(
    _ operation: String, service: String, url: URL, signingRegion: String, headers: [(name: String, value: String)],
    body: [UInt8], timeout requestTimeout: Double? = nil, retryOnExpiry: Bool = true, retryOnSkew: Bool = true,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    DispatchQueue.global().async { [self] in
      let credentials: AWSCredentials
      do throws(AWSError) {
        credentials = try provider.credentials()
      } catch {
        completion(.failure(error))
        return
      }
      var request = HTTPRequestParts(
        method: "POST", path: url.path.isEmpty ? "/" : url.path,
        headers: [(name: "Host", value: Self.hostHeader(url))] + headers, body: body)
      let offset = clockOffset.seconds
      SigV4.sign(
        &request, credentials: credentials, region: signingRegion, service: service, date: clock() + offset)
      operationLog?(operation)
      let sentAt = DispatchTime.now().uptimeNanoseconds
      transport.send(request, to: url, timeout: requestTimeout ?? timeout) { [self] result in
        let answer = AWSResponse.interpret(result, operation: operation)
        record(operation, region: signingRegion, result: result, answer: answer, since: sentAt)
        guard case .failure(let error) = answer else { return completion(answer) }
        func again(expiry: Bool, skew: Bool) {
          send(
            operation, service: service, url: url, signingRegion: signingRegion, headers: headers, body: body,
            timeout: requestTimeout, retryOnExpiry: expiry, retryOnSkew: skew, completion: completion)
        }
        if retryOnSkew, error.isClockSkew,
          clockOffset.adopt(serverDate: error.serverDate, localNow: clock(), signedWith: offset)
        {
          return again(expiry: retryOnExpiry, skew: false)
        }
        if retryOnExpiry, Self.expiredCodes.contains(error.code) {
          provider.invalidate()
          if let fresh = try? provider.credentials(),
            fresh.sessionToken != credentials.sessionToken || fresh.accessKeyId != credentials.accessKeyId
          {
            return again(expiry: false, skew: retryOnSkew)
          }
        }
        completion(answer)
      }
    }
  }

  /// Sets who hears about things the user should know that are not failures (the clock correction, whichever
  /// signer made it).
  public func setNoticeHandler(_ handler: @escaping @Sendable (String) -> Void) {
    clockOffset.setChangeHandler { handler(Self.skewNotice($0)) }
  }

  /// Sets who hears about every exchange (operation, region, status, error code, time, request ID).
  public func setRequestLog(_ handler: @escaping @Sendable (RequestRecord) -> Void) {
    requestLog.withLock { $0 = handler }
  }

  private func record(
    _ operation: String, region: String, result: Result<HTTPResponse, Error>, answer: Result<[UInt8], AWSError>,
    since start: UInt64
  ) {
    guard let handler = requestLog.withLock({ $0 }) else { return }
    let response = try? result.get()
    let code: String? =
      if case .failure(let error) = answer { error.code } else { nil }
    handler(
      RequestRecord(
        operation: operation, region: region, status: response?.status, errorCode: code,
        milliseconds: Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000),
        requestId: response?.header("x-amzn-RequestId")))
  }

  /// "the local clock is about 15 min behind AWS; requests are signed with AWS's time" (the measure is good to a
  /// second or two: both clocks are read in whole seconds, a round trip apart).
  static func skewNotice(_ offset: Int64) -> String {
    let size = abs(offset)
    let minutes = (size + 30) / 60
    let amount =
      size < 90 ? "\(size) s" : minutes < 120 ? "about \(minutes) min" : "about \(Double(minutes / 6) / 10) h"
    return "the local clock is \(amount) \(offset > 0 ? "behind" : "ahead of") AWS; requests are signed with AWS's time"
  }

  /// Error codes that mean the session token has expired.
  static let expiredCodes: Set<String> = ["ExpiredTokenException", "ExpiredToken"]

  /// `host` or `host:port` as the Host header must read.
  static func hostHeader(_ url: URL) -> String {
    let host = url.host ?? ""
    guard let port = url.port else { return host }
    let scheme = url.scheme?.lowercased()
    if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
    return "\(host):\(port)"
  }
}
