import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One object listed by ListObjectsV2.
public struct S3Object: Sendable, Equatable {
  /// The key.
  public var key: String
  /// The size in bytes.
  public var size: Int64

  /// An object.
  public init(key: String, size: Int64) { (self.key, self.size) = (key, size) }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Equatable {
  /// The objects, in key order.
  public var objects: [S3Object] = []
  /// The common prefixes, with a delimiter.
  public var prefixes: [String] = []
  /// The token for the next page, when the listing is truncated.
  public var nextToken: String?
}

/// An object's bytes and its user metadata (`x-amz-meta-*` headers, without the prefix).
public struct S3ObjectData: Sendable, Equatable {
  /// The bytes as stored.
  public var bytes: [UInt8]
  /// The user metadata (`signature`, `signature-algorithm` on CloudTrail digests).
  public var metadata: [String: String]
}

/// Amazon S3 over REST, signed with SigV4: ListObjectsV2 and GetObject only. With a custom endpoint requests are
/// path-style (`ENDPOINT/BUCKET/KEY`), else virtual-hosted (`BUCKET.s3.REGION.amazonaws.com/KEY`). A bucket in
/// another region is followed: its region is read from the answer (`x-amz-bucket-region`) and remembered.
public final class S3Client: Sendable {
  /// The region requests are signed for until a bucket says otherwise.
  public let region: String
  private let endpoint: URL?
  private let provider: CredentialsProvider
  private let transport: HTTPTransport
  private let timeout: Double
  private let clock: @Sendable () -> Int64
  private let operationLog: (@Sendable (String) -> Void)?
  private let clockOffset: ClockOffset
  private let bucketRegions = Mutex<[String: String]>([:])

  /// SHA-256 of an empty body, the payload hash of every request sent.
  static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  /// Creates a client. `operationLog` hears `ListObjectsV2` or `GetObject` for every request sent.
  public init(
    region: String, endpoint: URL? = nil, credentials: CredentialsProvider,
    transport: HTTPTransport = URLSessionTransport(), timeout: Double = 60,
    clock: @escaping @Sendable () -> Int64 = AWSClock.now, clockOffset: ClockOffset = ClockOffset(),
    operationLog: (@Sendable (String) -> Void)? = nil
  ) {
    self.region = region
    self.endpoint = endpoint
    self.provider = credentials
    self.transport = transport
    self.timeout = timeout
    self.clock = clock
    self.clockOffset = clockOffset
    self.operationLog = operationLog
  }

  /// One page of the keys under `prefix` (after `startAfter`, or from `continuationToken`), at most `maxKeys`.
  public func listObjects(
    bucket: String, prefix: String, delimiter: String? = nil, startAfter: String? = nil,
    continuationToken: String? = nil, maxKeys: Int? = nil,
    completion: @escaping @Sendable (Result<S3ListPage, AWSError>) -> Void
  ) {
    var query = [("list-type", "2"), ("prefix", prefix)]
    if let delimiter { query.append(("delimiter", delimiter)) }
    if let startAfter { query.append(("start-after", startAfter)) }
    if let continuationToken { query.append(("continuation-token", continuationToken)) }
    if let maxKeys { query.append(("max-keys", String(maxKeys))) }
    send("ListObjectsV2", bucket: bucket, key: "", query: query) { result in
      completion(
        result.flatMap { response in
          S3ListParser.parse(response.body).map { .success($0) }
            ?? .failure(
              AWSError(
                code: "MalformedResponse", message: "the listing of s3://\(bucket)/\(prefix) is not a ListBucketResult",
                operation: "ListObjectsV2"))
        })
    }
  }

  /// The object's bytes and metadata.
  public func getObject(
    bucket: String, key: String, completion: @escaping @Sendable (Result<S3ObjectData, AWSError>) -> Void
  ) {
    send("GetObject", bucket: bucket, key: key, query: []) { result in
      completion(
        result.map { response in
          var metadata: [String: String] = [:]
          for (name, value) in response.headers where name.hasPrefix("x-amz-meta-") {
            metadata[String(name.dropFirst("x-amz-meta-".count))] = value
          }
          return S3ObjectData(bytes: response.body, metadata: metadata)
        })
    }
  }

  /// The region a bucket's requests are signed for.
  func region(of bucket: String) -> String { bucketRegions.withLock { $0[bucket] } ?? region }

  /// The URL of `key` in `bucket` (empty key: the bucket) with the query.
  func url(bucket: String, key: String, query: [(String, String)], region: String) -> URL? {
    let path =
      key.isEmpty
      ? ""
      : "/"
        + key.split(separator: "/", omittingEmptySubsequences: false)
        .map { SigV4.uriEncode(String($0)) }.joined(separator: "/")
    let queryText = query.map { SigV4.uriEncode($0.0) + "=" + SigV4.uriEncode($0.1) }.joined(separator: "&")
    var text: String
    if let endpoint {
      let base =
        endpoint.absoluteString.hasSuffix("/") ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
      text = base + "/" + SigV4.uriEncode(bucket) + (path.isEmpty ? "/" : path)
    } else {
      text = "https://\(bucket).s3.\(region).amazonaws.com" + (path.isEmpty ? "/" : path)
    }
    if !queryText.isEmpty { text += "?" + queryText }
    return URL(string: text)
  }

  /// Signs and sends one GET; follows a bucket's region once.
  private func send(
    _ operation: String, bucket: String, key: String, query: [(String, String)], redirected: Bool = false,
    completion: @escaping @Sendable (Result<HTTPResponse, AWSError>) -> Void
  ) {
    DispatchQueue.global().async { [self] in
      let signingRegion = region(of: bucket)
      guard let url = url(bucket: bucket, key: key, query: query, region: signingRegion) else {
        return completion(
          .failure(AWSError(code: "InvalidEndpoint", message: "no URL for s3://\(bucket)/\(key)", operation: operation))
        )
      }
      let credentials: AWSCredentials
      do throws(AWSError) {
        credentials = try provider.credentials()
      } catch {
        return completion(.failure(error))
      }
      var request = HTTPRequestParts(
        method: "GET", path: url.path(percentEncoded: true).isEmpty ? "/" : url.path(percentEncoded: true),
        query: url.query(percentEncoded: true) ?? "",
        headers: [
          (name: "Host", value: CloudTrailClient.hostHeader(url)),
          (name: "x-amz-content-sha256", value: Self.emptyHash),
        ], body: [])
      SigV4.sign(
        &request, credentials: credentials, region: signingRegion, service: "s3", date: clock() + clockOffset.seconds)
      operationLog?(operation)
      transport.send(request, to: url, timeout: timeout) { [self] result in
        if case .success(let response) = result, !(200..<300).contains(response.status), !redirected,
          let other = response.header("x-amz-bucket-region"), other != signingRegion
        {
          // The bucket lives elsewhere (301 PermanentRedirect, or 400 for a wrong signing region): sign for its region.
          bucketRegions.withLock { $0[bucket] = other }
          return send(operation, bucket: bucket, key: key, query: query, redirected: true, completion: completion)
        }
        switch AWSResponse.interpret(result, operation: operation) {
        case .failure(var error):
          error.message = "s3://\(bucket)/\(key): " + error.message
          completion(.failure(error))
        case .success:
          completion(result.mapError { AWSResponse.networkError($0, operation: operation) })
        }
      }
    }
  }
}

/// Reads a ListObjectsV2 answer (`ListBucketResult`): keys and sizes, common prefixes, the continuation token.
enum S3ListParser {
  static func parse(_ body: [UInt8]) -> S3ListPage? {
    let delegate = Delegate()
    let parser = XMLParser(data: Data(body))
    parser.delegate = delegate
    guard parser.parse(), delegate.sawResult else { return nil }
    var page = delegate.page
    if delegate.truncated != "true" { page.nextToken = nil }
    return page
  }

  private final class Delegate: NSObject, XMLParserDelegate {
    var page = S3ListPage()
    var sawResult = false
    var truncated = ""
    private var path: [String] = []
    private var text = ""
    private var key = ""
    private var size: Int64 = 0

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if path.isEmpty && name == "ListBucketResult" { sawResult = true }
      path.append(name)
      text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      let parent = path.count >= 2 ? path[path.count - 2] : ""
      switch (parent, name) {
      case ("Contents", "Key"): key = text
      case ("Contents", "Size"): size = Int64(text) ?? 0
      case ("ListBucketResult", "Contents"): page.objects.append(S3Object(key: key, size: size))
      case ("CommonPrefixes", "Prefix"): page.prefixes.append(text)
      case ("ListBucketResult", "NextContinuationToken"): page.nextToken = text
      case ("ListBucketResult", "IsTruncated"): truncated = text
      default: break
      }
      path.removeLast()
      text = ""
    }
  }
}
