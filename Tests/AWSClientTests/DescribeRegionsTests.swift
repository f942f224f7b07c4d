import AWSClient
import Foundation
import Testing

/// EC2 DescribeRegions for `--region all`: the query-protocol request, signed for ec2, and the XML answer read.
@Suite struct DescribeRegionsTests {
  static let now: Int64 = 1_714_558_830

  static func client(_ transport: FakeTransport) -> CloudTrailClient {
    CloudTrailClient(
      region: "eu-west-1", credentials: .fixed(FakeKeys.credentials), transport: transport, clock: { Self.now })
  }

  /// An answer shaped like EC2's (elements in another order than ours, an opt-in region, a name that is no region).
  static let answer = """
    <?xml version="1.0" encoding="UTF-8"?>
    <DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
      <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
      <regionInfo>
        <item><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><regionName>us-east-1</regionName>
          <optInStatus>opt-in-not-required</optInStatus></item>
        <item><optInStatus>not-opted-in</optInStatus><regionName>ap-east-1</regionName></item>
        <item><regionName>eu-south-2</regionName><optInStatus>opted-in</optInStatus></item>
        <item><regionName>\u{1b}[31m-evil</regionName></item>
      </regionInfo>
    </DescribeRegionsResponse>
    """

  @Test func theRequestIsAQueryProtocolPostSignedForEC2() async throws {
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.answer) }
    let endpoint = URL(string: "https://ec2.eu-west-1.amazonaws.com")!
    let result = await awaitCompletion { done in
      Self.client(transport).describeRegions(endpoint: endpoint, completion: done)
    }
    let regions = try result.get()
    #expect(regions.map(\.name) == ["us-east-1", "ap-east-1", "eu-south-2"])
    #expect(regions.map(\.isEnabled) == [true, false, true])
    let sent = try #require(transport.sent.first)
    #expect(sent.url == endpoint)
    #expect(sent.timeout == 8, "asked before the screen shows: a short wait, not the client's 30 s")
    #expect(sent.request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
    #expect(sent.request.header("X-Amz-Target") == nil)
    #expect(String(decoding: sent.request.body, as: UTF8.self) == "Action=DescribeRegions&Version=2016-11-15")
    let authorization = try #require(sent.request.header("Authorization"))
    #expect(authorization.contains("/20240501/eu-west-1/ec2/aws4_request"), "\(authorization)")
    #expect(
      SigV4.verify(sent.request, secretFor: { _ in FakeKeys.secret }, now: Self.now)
        == .valid(accessKeyId: FakeKeys.accessKeyId))
  }

  @Test func theCallerAccountComesFromGetCallerIdentity() async throws {
    let body = """
      <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>\
      <Arn>arn:aws:iam::210987654321:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>210987654321</Account>\
      </GetCallerIdentityResult></GetCallerIdentityResponse>
      """
    let transport = FakeTransport { _, _ in jsonResponse(200, body) }
    let endpoint = URL(string: "https://sts.eu-west-1.amazonaws.com")!
    let result = await awaitCompletion { done in
      Self.client(transport).callerAccount(endpoint: endpoint, completion: done)
    }
    #expect(try result.get() == "210987654321")
    let sent = try #require(transport.sent.first)
    #expect(String(decoding: sent.request.body, as: UTF8.self) == "Action=GetCallerIdentity&Version=2011-06-15")
    #expect(try #require(sent.request.header("Authorization")).contains("/eu-west-1/sts/aws4_request"))
    #expect(sent.timeout == 8)
  }

  @Test func anEC2ErrorIsReadFromItsXML() async throws {
    let body = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this \
      operation.</Message></Error></Errors><RequestID>abc</RequestID></Response>
      """
    let transport = FakeTransport { _, _ in jsonResponse(403, body) }
    let endpoint = URL(string: "https://ec2.eu-west-1.amazonaws.com")!
    let result = await awaitCompletion { done in
      Self.client(transport).describeRegions(endpoint: endpoint, completion: done)
    }
    guard case .failure(let error) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(error.code == "UnauthorizedOperation")
    #expect(error.explanation.contains("ec2:DescribeRegions"), "\(error.explanation)")
  }

  @Test func anAnswerThatIsNotDescribeRegionsIsMalformed() async throws {
    let transport = FakeTransport { _, _ in jsonResponse(200, "<html>captive portal</html>") }
    let endpoint = URL(string: "https://ec2.eu-west-1.amazonaws.com")!
    let result = await awaitCompletion { done in
      Self.client(transport).describeRegions(endpoint: endpoint, completion: done)
    }
    guard case .failure(let error) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(error.code == "MalformedResponse")
  }

  /// The built-in partition lists agree with botocore's `partitions.json` (an independent copy of AWS's list),
  /// when botocore is installed.
  @Test(.enabled(if: Self.botocorePartitions != nil, "botocore's partitions.json not found; skipped"))
  func partitionListsMatchBotocore() throws {
    let partitions = try #require(Self.botocorePartitions)
    #expect(partitions["aws"]?.contains("us-east-1") == true)
    for (id, regions) in partitions {
      guard let first = regions.first else { continue }
      #expect(AWSEndpoints.partitionRegions(of: first).sorted() == regions, "\(id)")
      #expect(AWSEndpoints.partition(of: first) == id)
    }
  }

  /// botocore's partitions (ID to sorted region names), found through python3.
  static let botocorePartitions: [String: [String]]? = {
    let find = Process()
    find.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    find.arguments = ["python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"]
    let pipe = Pipe()
    find.standardOutput = pipe
    find.standardError = FileHandle.nullDevice
    guard (try? find.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    find.waitUntilExit()
    let folder = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard find.terminationStatus == 0,
      let data = FileManager.default.contents(atPath: folder + "/data/partitions.json"),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    var found: [String: [String]] = [:]
    for partition in json["partitions"] as? [[String: Any]] ?? [] {
      guard let id = partition["id"] as? String, let regions = partition["regions"] as? [String: Any] else { continue }
      found[id] = regions.keys.filter { !$0.hasSuffix("-global") }.sorted()
    }
    return found.isEmpty ? nil : found
  }()
}
