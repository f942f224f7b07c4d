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
  /// Seconds added to the local clock when signing, learnt from a clock-skew rejection's `Date` header.
  private let skew = Mutex<Int64>(0)
  private let noticeHandler = Mutex<(@Sendable (String) -> Void)?>(nil)
  private let requestLog = Mutex<(@Sendable (RequestRecord) -> Void)?>(nil)

  /// Creates a client. `operationLog` is called with the operation name (`LookupEvents`, ...) for every request
  /// sent.
  public init(
    region: String, endpoint: URL? = nil, credentials: CredentialsProvider,
    transport: HTTPTransport = URLSessionTransport(), timeout: Double = 30,
    clock: @escaping @Sendable () -> Int64 = AWSClock.now, operationLog: (@Sendable (String) -> Void)? = nil
  ) {
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
  /// response body of a 2xx answer, or the error. On an expired session token the cached credentials are dropped
  /// and, when the chain then yields different ones, the request is sent once more with them. When AWS rejects the
  /// signature's time, the client adopts the server's clock (from the answer's `Date` header) for this and every
  /// later request, says so through the notice handler, and sends the request once more.
  func call(
    _ operation: String, body: [UInt8], region callRegion: String? = nil, retryOnExpiry: Bool = true,
    retryOnSkew: Bool = true, completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    let signingRegion = callRegion ?? region
    let url =
      customEndpoint || signingRegion == region
      ? endpoint : AWSEndpoints.regionalEndpoint(service: "cloudtrail", region: signingRegion)
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
        headers: [
          (name: "Host", value: Self.hostHeader(url)),
          (name: "Content-Type", value: "application/x-amz-json-1.1"),
          (name: "X-Amz-Target", value: Self.targetPrefix + operation),
        ], body: body)
      let offset = skew.withLock { $0 }
      SigV4.sign(
        &request, credentials: credentials, region: signingRegion, service: "cloudtrail", date: clock() + offset)
      operationLog?(operation)
      let sentAt = DispatchTime.now().uptimeNanoseconds
      transport.send(request, to: url, timeout: timeout) { [self] result in
        let answer = AWSResponse.interpret(result, operation: operation)
        record(operation, region: signingRegion, result: result, answer: answer, since: sentAt)
        guard case .failure(let error) = answer else { return completion(answer) }
        if retryOnSkew, error.isClockSkew, adoptServerClock(error.serverDate, signedWith: offset) {
          call(
            operation, body: body, region: callRegion, retryOnExpiry: retryOnExpiry, retryOnSkew: false,
            completion: completion)
          return
        }
        if retryOnExpiry, Self.expiredCodes.contains(error.code) {
          provider.invalidate()
          if let fresh = try? provider.credentials(),
            fresh.sessionToken != credentials.sessionToken || fresh.accessKeyId != credentials.accessKeyId
          {
            call(
              operation, body: body, region: callRegion, retryOnExpiry: false, retryOnSkew: retryOnSkew,
              completion: completion)
            return
          }
        }
        completion(answer)
      }
    }
  }

  /// Seconds currently added to the local clock when signing (0 until AWS rejects a request's time).
  public var clockOffset: Int64 { skew.withLock { $0 } }

  /// Sets who hears about things the user should know that are not failures (the clock correction).
  public func setNoticeHandler(_ handler: @escaping @Sendable (String) -> Void) {
    noticeHandler.withLock { $0 = handler }
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

  /// Takes the server's clock from a skew rejection; false when the `Date` header is missing or unreadable, or
  /// says nothing new (another request already adopted it).
  private func adoptServerClock(_ serverDate: String?, signedWith offset: Int64) -> Bool {
    guard let serverDate, let serverTime = HTTPDate.parse(serverDate) else { return false }
    let measured = serverTime - clock()
    // (retry, changed): another request may have adopted the server's clock meanwhile; then just retry with it.
    let (retry, changed) = skew.withLock { current -> (Bool, Bool) in
      if current != offset { return (true, false) }
      guard abs(measured - current) >= 60 else { return (false, false) }
      current = measured
      return (true, true)
    }
    if changed { noticeHandler.withLock { $0 }?(Self.skewNotice(measured)) }
    return retry
  }

  /// "the local clock is 15 min 3 s behind AWS; requests are signed with AWS's time".
  static func skewNotice(_ offset: Int64) -> String {
    let size = abs(offset)
    let amount = size >= 60 ? "\(size / 60) min \(size % 60) s" : "\(size) s"
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
