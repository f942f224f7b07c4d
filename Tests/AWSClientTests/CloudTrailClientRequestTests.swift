import AWSClient
import Foundation
import Synchronization
import Testing

@Suite struct CloudTrailClientRequestTests {
  static let now: Int64 = 1_714_558_830

  static func client(_ transport: FakeTransport, log: (@Sendable (String) -> Void)? = nil) -> CloudTrailClient {
    CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport, clock: { Self.now },
      operationLog: log)
  }

  @Test func lookupEventsRequestShape() async throws {
    let transport = FakeTransport(json: #"{"Events":[]}"#)
    let operations = Mutex<[String]>([])
    let client = Self.client(transport) { name in operations.withLock { $0.append(name) } }
    let request = LookupEventsRequest(
      lookupAttributes: [LookupAttribute(key: .eventName, value: "ConsoleLogin")], startTime: 1_714_550_000,
      endTime: 1_714_558_800, maxResults: 50, nextToken: "tok/1")
    let result = await awaitCompletion { done in client.lookupEvents(request, completion: done) }
    #expect(try result.get().events.isEmpty)
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "https://cloudtrail.us-east-1.amazonaws.com")
    #expect(sent.request.method == "POST")
    #expect(sent.request.path == "/")
    #expect(sent.request.header("Host") == "cloudtrail.us-east-1.amazonaws.com")
    #expect(sent.request.header("Content-Type") == "application/x-amz-json-1.1")
    #expect(
      sent.request.header("X-Amz-Target") == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")
    #expect(sent.request.header("X-Amz-Date") == "20240501T102030Z")
    #expect(sent.request.header("X-Amz-Security-Token") == FakeKeys.token)
    let authorization = try #require(sent.request.header("Authorization"))
    #expect(
      authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=\(FakeKeys.accessKeyId)/20240501/us-east-1/cloudtrail/"))
    let verdict = SigV4.verify(sent.request, secretFor: { _ in FakeKeys.secret }, now: Self.now)
    #expect(verdict == .valid(accessKeyId: FakeKeys.accessKeyId))
    let body = try #require(JSONSerialization.jsonObject(with: Data(sent.request.body)) as? [String: Any])
    #expect((body["StartTime"] as? NSNumber)?.int64Value == 1_714_550_000)
    #expect((body["EndTime"] as? NSNumber)?.int64Value == 1_714_558_800)
    #expect(body["StartTime"] is NSNumber && !(body["StartTime"] is String))
    #expect((body["MaxResults"] as? NSNumber)?.intValue == 50)
    #expect(body["NextToken"] as? String == "tok/1")
    let attributes = try #require(body["LookupAttributes"] as? [[String: String]])
    #expect(attributes == [["AttributeKey": "EventName", "AttributeValue": "ConsoleLogin"]])
    #expect(operations.withLock { $0 } == ["LookupEvents"])
  }

  @Test func optionalFieldsAreOmitted() async throws {
    let transport = FakeTransport(json: "{}")
    let client = Self.client(transport)
    _ = await awaitCompletion { done in client.lookupEvents(LookupEventsRequest(maxResults: 5), completion: done) }
    let body = String(decoding: try #require(transport.sent.first).request.body, as: UTF8.self)
    #expect(body == #"{"MaxResults":5}"#)
  }

  @Test func describeTrailsAndListTrailsBodies() async throws {
    let transport = FakeTransport(json: "{}")
    let client = Self.client(transport)
    _ = await awaitCompletion { done in
      client.describeTrails(
        trailNameList: ["a", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/b"],
        includeShadowTrails: false, completion: done)
    }
    _ = await awaitCompletion { done in client.listTrails(nextToken: "n1", completion: done) }
    _ = await awaitCompletion { done in client.listTrails(completion: done) }
    let bodies = transport.sent.map { String(decoding: $0.request.body, as: UTF8.self) }
    #expect(
      bodies == [
        #"{"includeShadowTrails":false,"trailNameList":["a","arn:aws:cloudtrail:eu-west-1:111122223333:trail\/b"]}"#,
        #"{"NextToken":"n1"}"#, "{}",
      ])
    #expect(
      transport.sent.map { $0.request.header("X-Amz-Target")!.split(separator: ".").last! } == [
        "DescribeTrails", "ListTrails", "ListTrails",
      ])
  }

  @Test func shadowTrailStatusGoesToHomeRegion() async throws {
    let transport = FakeTransport(json: #"{"IsLogging":true,"LatestDeliveryTime":1714558000.25}"#)
    let client = Self.client(transport)
    let arn = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org"
    let status = try await awaitCompletion { done in client.getTrailStatus(name: arn, completion: done) }.get()
    #expect(status.isLogging)
    #expect(status.latestDeliveryTime == 1_714_558_000)
    let sent = try #require(transport.sent.first)
    #expect(sent.url.host == "cloudtrail.eu-west-1.amazonaws.com")
    #expect(sent.request.header("Host") == "cloudtrail.eu-west-1.amazonaws.com")
    #expect(sent.request.header("Authorization")!.contains("/20240501/eu-west-1/cloudtrail/aws4_request"))
  }

  @Test func customEndpointKeepsHostPortAndPath() async throws {
    let transport = FakeTransport(json: "{}")
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:8123")!, credentials: .fixed(FakeKeys.credentials),
      transport: transport, clock: { Self.now })
    _ = await awaitCompletion { done in
      client.getTrailStatus(name: "arn:aws:cloudtrail:ap-south-1:111122223333:trail/x", completion: done)
    }
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "http://127.0.0.1:8123")
    #expect(sent.request.header("Host") == "127.0.0.1:8123")
    #expect(sent.request.header("Authorization")!.contains("/ap-south-1/cloudtrail/"))
  }

  @Test func credentialsRefreshBetweenPages() async throws {
    let transport = FakeTransport(json: #"{"Events":[],"NextToken":"more"}"#)
    let clock = Mutex<Int64>(Self.now)
    let calls = Mutex(0)
    let provider = CredentialsProvider(clock: { clock.withLock { $0 } }) { () throws(AWSError) -> AWSCredentials in
      let n = calls.withLock { count in
        count += 1
        return count
      }
      return AWSCredentials(
        accessKeyId: "ASIAFAKE\(n)", secretAccessKey: "s\(n)", sessionToken: "t\(n)", expiration: Self.now + 600)
    }
    let client = CloudTrailClient(
      region: "us-east-1", credentials: provider, transport: transport, clock: { clock.withLock { $0 } })
    for advance: Int64 in [0, 100, 350] {
      clock.withLock { $0 = Self.now + advance }
      _ = await awaitCompletion { done in client.lookupEvents(LookupEventsRequest(), completion: done) }
    }
    let keys = transport.sent.map {
      $0.request.header("Authorization")!.split(separator: "/").first!.split(separator: "=").last!
    }
    #expect(keys == ["ASIAFAKE1", "ASIAFAKE1", "ASIAFAKE2"])
    #expect(transport.sent.last?.request.header("X-Amz-Security-Token") == "t2")
  }

  @Test func credentialErrorsReachTheCompletionWithoutSending() async throws {
    let transport = FakeTransport(json: "{}")
    let provider = CredentialsProvider { () throws(AWSError) -> AWSCredentials in
      throw AWSError.noCredentials(searched: ["environment variables"])
    }
    let client = CloudTrailClient(region: "us-east-1", credentials: provider, transport: transport)
    let result = await awaitCompletion { done in client.lookupEvents(LookupEventsRequest(), completion: done) }
    #expect(
      result
        == .failure(
          LookupError(code: "NoCredentials", message: "no AWS credentials found; looked in: environment variables")))
    #expect(transport.sent.isEmpty)
  }
}
