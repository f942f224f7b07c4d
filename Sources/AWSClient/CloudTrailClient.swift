import Dispatch
import Foundation

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
  /// and, when the chain then yields different ones, the request is sent once more with them.
  func call(
    _ operation: String, body: [UInt8], region callRegion: String? = nil, retryOnExpiry: Bool = true,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
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
      SigV4.sign(&request, credentials: credentials, region: signingRegion, service: "cloudtrail", date: clock())
      operationLog?(operation)
      transport.send(request, to: url, timeout: timeout) { [self] result in
        let answer = AWSResponse.interpret(result, operation: operation)
        if retryOnExpiry, case .failure(let error) = answer, Self.expiredCodes.contains(error.code) {
          provider.invalidate()
          if let fresh = try? provider.credentials(),
            fresh.sessionToken != credentials.sessionToken || fresh.accessKeyId != credentials.accessKeyId
          {
            call(operation, body: body, region: callRegion, retryOnExpiry: false, completion: completion)
            return
          }
        }
        completion(answer)
      }
    }
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
