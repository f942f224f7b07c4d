import Foundation
import Testing

@testable import AWSClient

/// The S3 client's answers that moto does not give: an error body names the object and the reason, a bucket in
/// another region is followed once (and remembered), and a listing that is not one is named.
@Suite struct S3ClientTests {
  static let credentials = CredentialsProvider.fixed(AWSCredentials(accessKeyId: "AKIDS3TEST", secretAccessKey: "s"))

  static func listing(_ keys: [String], next: String? = nil) -> [UInt8] {
    let contents = keys.map { "<Contents><Key>\($0)</Key><Size>12</Size></Contents>" }.joined()
    let token = next.map { "<NextContinuationToken>\($0)</NextContinuationToken>" } ?? ""
    return Array(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>\
      <IsTruncated>\(next != nil)</IsTruncated>\(contents)\(token)</ListBucketResult>
      """.utf8)
  }

  @Test func anErrorNamesTheObjectAndTheReason() async {
    let transport = FakeTransport { _, _ in
      .success(
        HTTPResponse(
          status: 403,
          body: Array("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".utf8)))
    }
    let client = S3Client(region: "us-east-1", credentials: Self.credentials, transport: transport)
    let result = await awaitCompletion {
      client.getObject(bucket: "trail-logs", key: "AWSLogs/x.json.gz", completion: $0)
    }
    guard case .failure(let error) = result else {
      Issue.record("a 403 succeeded")
      return
    }
    #expect(error.code == "AccessDenied" && error.httpStatus == 403)
    #expect(error.message == "s3://trail-logs/AWSLogs/x.json.gz: Access Denied")
    #expect(
      transport.sent.first?.url.absoluteString == "https://trail-logs.s3.us-east-1.amazonaws.com/AWSLogs/x.json.gz")
  }

  @Test func aBucketInAnotherRegionIsFollowedAndRemembered() async throws {
    let transport = FakeTransport { request, _ in
      if request.header("Authorization")?.contains("/eu-west-1/s3/") == true {
        return .success(HTTPResponse(status: 200, body: Self.listing(["a", "b"], next: "t2")))
      }
      return .success(
        HTTPResponse(
          status: 301, headers: ["x-amz-bucket-region": "eu-west-1"],
          body: Array("<Error><Code>PermanentRedirect</Code><Message>elsewhere</Message></Error>".utf8)))
    }
    let client = S3Client(region: "us-east-1", credentials: Self.credentials, transport: transport)
    let page = try await awaitCompletion { client.listObjects(bucket: "eu-bucket", prefix: "AWSLogs/", completion: $0) }
      .get()
    #expect(page.objects.map(\.key) == ["a", "b"] && page.nextToken == "t2")
    let second = try await awaitCompletion {
      client.listObjects(bucket: "eu-bucket", prefix: "AWSLogs/", continuationToken: "t2", completion: $0)
    }.get()
    #expect(second.objects.count == 2)
    let hosts = transport.sent.map { $0.url.host ?? "" }
    #expect(
      hosts == [
        "eu-bucket.s3.us-east-1.amazonaws.com", "eu-bucket.s3.eu-west-1.amazonaws.com",
        "eu-bucket.s3.eu-west-1.amazonaws.com",
      ])
    #expect(transport.sent.last?.url.query == "list-type=2&prefix=AWSLogs%2F&continuation-token=t2")
  }

  @Test func anEndpointMeansPathStyle() async throws {
    let transport = FakeTransport { _, _ in .success(HTTPResponse(status: 200, body: Self.listing([]))) }
    let client = S3Client(
      region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:9000")!, credentials: Self.credentials,
      transport: transport)
    let page = try await awaitCompletion { client.listObjects(bucket: "b", prefix: "a b/", completion: $0) }.get()
    #expect(page.objects.isEmpty && page.nextToken == nil)
    #expect(transport.sent.first?.url.absoluteString == "http://127.0.0.1:9000/b/?list-type=2&prefix=a%20b%2F")
    #expect(transport.sent.first?.request.header("x-amz-content-sha256") == S3Client.emptyHash)
  }

  @Test func aBodyThatIsNoListingIsNamed() async {
    let transport = FakeTransport { _, _ in .success(HTTPResponse(status: 200, body: Array("<html>hi</html>".utf8))) }
    let client = S3Client(region: "us-east-1", credentials: Self.credentials, transport: transport)
    let result = await awaitCompletion { client.listObjects(bucket: "b", prefix: "p/", completion: $0) }
    guard case .failure(let error) = result else {
      Issue.record("HTML passed for a listing")
      return
    }
    #expect(error.code == "MalformedResponse" && error.message.contains("s3://b/p/"))
  }
}
