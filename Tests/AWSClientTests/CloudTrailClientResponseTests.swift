import AWSClient
import Foundation
import Testing

@Suite struct CloudTrailClientResponseTests {
  static func client(_ respond: @escaping @Sendable (HTTPRequestParts, URL) -> Result<HTTPResponse, Error>)
    -> CloudTrailClient
  {
    CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: FakeTransport(respond),
      clock: { 1_714_558_830 })
  }

  static func lookup(_ response: Result<HTTPResponse, Error>) async -> Result<LookupEventsResponse, AWSError> {
    let client = Self.client { _, _ in response }
    return await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
  }

  static let page = #"""
    {"Events":[
      {"EventId":"0f1e2d3c-aaaa-bbbb-cccc-111122223333","EventName":"ConsoleLogin","ReadOnly":"false",
       "EventTime":1714558000.123,"EventSource":"signin.amazonaws.com","Username":"alice",
       "Resources":[],
       "CloudTrailEvent":"{\"eventVersion\":\"1.08\",\"eventName\":\"ConsoleLogin\",\"sourceIPAddress\":\"203.0.113.7\"}"},
      {"EventId":"9a8b7c6d-dddd-eeee-ffff-444455556666","EventName":"PutObject","ReadOnly":"false",
       "AccessKeyId":"ASIAEXAMPLEKEY","EventTime":1714557999,"EventSource":"s3.amazonaws.com","Username":"deploy",
       "Resources":[{"ResourceType":"AWS::S3::Bucket","ResourceName":"my-bucket"},{"ResourceName":"no-type"}],
       "CloudTrailEvent":"{}"}
    ],"NextToken":"kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4="}
    """#

  @Test func realisticLookupEventsPage() async throws {
    let response = try await Self.lookup(jsonResponse(200, Self.page)).get()
    #expect(response.events.count == 2)
    #expect(response.nextToken == "kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4=")
    let first = response.events[0]
    #expect(first.eventId == "0f1e2d3c-aaaa-bbbb-cccc-111122223333")
    #expect(first.eventTime == 1_714_558_000)
    #expect(first.readOnly == "false")
    #expect(first.accessKeyId == nil)
    #expect(first.username == "alice")
    #expect(first.cloudTrailEvent.contains(#""sourceIPAddress":"203.0.113.7""#))
    let second = response.events[1]
    #expect(second.accessKeyId == "ASIAEXAMPLEKEY")
    #expect(
      second.resources == [
        LookupResource(type: "AWS::S3::Bucket", name: "my-bucket"), LookupResource(type: nil, name: "no-type"),
      ])
  }

  @Test func lastPageHasNoToken() async throws {
    let response = try await Self.lookup(jsonResponse(200, #"{"Events":[]}"#)).get()
    #expect(response.nextToken == nil)
    #expect(response.events.isEmpty)
  }

  @Test func errorCodesFromType() async {
    let cases: [(String, String, String)] = [
      (
        #"{"__type":"com.amazonaws.cloudtrail.v20131101#InvalidNextTokenException","message":"bad token"}"#,
        "InvalidNextTokenException", "bad token"
      ),
      (#"{"__type":"ThrottlingException","Message":"Rate exceeded"}"#, "ThrottlingException", "Rate exceeded"),
      (
        #"{"__type":"ValidationException:http://internal.amazon.com/coral/","message":"x"}"#, "ValidationException", "x"
      ),
    ]
    for (body, code, message) in cases {
      let result = await Self.lookup(jsonResponse(400, body))
      guard case .failure(let error) = result else {
        Issue.record("expected failure for \(body)")
        continue
      }
      #expect(error.code == code)
      #expect(error.message == message)
      #expect(error.operation == "LookupEvents")
      #expect(error.httpStatus == 400)
    }
  }

  @Test func lookupErrorMapping() async {
    let client = Self.client { _, _ in jsonResponse(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    }
    let result = await awaitCompletion { done in client.lookupEvents(LookupEventsRequest(), completion: done) }
    #expect(result == .failure(LookupError(code: "ThrottlingException", message: "Rate exceeded")))
  }

  @Test func serverErrorWithoutBody() async {
    let result = await Self.lookup(.success(HTTPResponse(status: 503)))
    #expect(result.failureCode == "HTTP503")
  }

  @Test func unparseableBodies() async {
    let html = await Self.lookup(jsonResponse(403, "<html>Forbidden</html>"))
    guard case .failure(let error) = html else {
      Issue.record("expected failure")
      return
    }
    #expect(error.code == "MalformedResponse")
    #expect(error.message.contains("LookupEvents") && error.message.contains("403"))
    let garbage = await Self.lookup(jsonResponse(200, "not json"))
    #expect(garbage.failureCode == "MalformedResponse")
  }

  @Test func networkError() async {
    let result = await Self.lookup(.failure(URLError(.cannotConnectToHost)))
    guard case .failure(let error) = result else {
      Issue.record("expected failure")
      return
    }
    #expect(error.code == "NetworkError")
    #expect(error.explanation.contains("Could not reach AWS"))
  }

  @Test func clockSkewIsRecognised() async {
    let body =
      #"{"__type":"InvalidSignatureException","message":"Signature expired: 20240501T102030Z is now earlier "#
      + #"than 20240501T103530Z (20240501T104030Z - 5 min.)"}"#
    let result = await Self.lookup(jsonResponse(400, body, headers: ["Date": "Wed, 01 May 2024 10:40:30 GMT"]))
    guard case .failure(let error) = result else {
      Issue.record("expected failure")
      return
    }
    #expect(error.isClockSkew)
    #expect(error.serverDate == "Wed, 01 May 2024 10:40:30 GMT")
    #expect(error.explanation.contains("clock"))
    #expect(error.explanation.contains("Wed, 01 May 2024 10:40:30 GMT"))
    #expect(!AWSError(code: "InvalidSignatureException", message: "The request signature we calculated").isClockSkew)
  }

  @Test func aScopeForAnotherRegionIsExplainedAsSuch() async {
    let body = #"{"__type":"InvalidSignatureException","message":"Credential should be scoped to a valid region. "}"#
    let result = await Self.lookup(jsonResponse(400, body))
    guard case .failure(let error) = result else {
      Issue.record("expected failure")
      return
    }
    #expect(error.code == "InvalidSignatureException")
    #expect(!error.isClockSkew)
    #expect(error.explanation.hasPrefix("The endpoint does not serve the region the request was signed for"))
    #expect(error.explanation.contains("--region") && error.explanation.contains("--endpoint-url"))
    #expect(!error.explanation.contains("secret access key"))
  }

  @Test func accessDeniedNamesThePermission() async {
    let body = #"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/x is not authorized"}"#
    let result = await Self.lookup(jsonResponse(400, body))
    guard case .failure(let error) = result else {
      Issue.record("expected failure")
      return
    }
    #expect(error.explanation.contains("cloudtrail:LookupEvents"))
  }

  @Test func describeTrailsParsesEveryField() async throws {
    let body = #"""
      {"trailList":[{"Name":"org","S3BucketName":"logs","S3KeyPrefix":"p","SnsTopicName":"t",
        "SnsTopicARN":"arn:aws:sns:us-east-1:1:t","IncludeGlobalServiceEvents":true,"IsMultiRegionTrail":true,
        "HomeRegion":"eu-west-1","TrailARN":"arn:aws:cloudtrail:eu-west-1:1:trail/org","LogFileValidationEnabled":true,
        "CloudWatchLogsLogGroupArn":"arn:lg","CloudWatchLogsRoleArn":"arn:role","KmsKeyId":"arn:kms",
        "HasCustomEventSelectors":false,"HasInsightSelectors":true,"IsOrganizationTrail":true}]}
      """#
    let client = Self.client { _, _ in jsonResponse(200, body) }
    let trails = try await awaitCompletion { done in client.describeTrails(completion: done) }.get()
    var expected = Trail(name: "org")
    expected.s3BucketName = "logs"
    expected.s3KeyPrefix = "p"
    expected.snsTopicName = "t"
    expected.snsTopicARN = "arn:aws:sns:us-east-1:1:t"
    expected.includeGlobalServiceEvents = true
    expected.isMultiRegionTrail = true
    expected.homeRegion = "eu-west-1"
    expected.trailARN = "arn:aws:cloudtrail:eu-west-1:1:trail/org"
    expected.logFileValidationEnabled = true
    expected.cloudWatchLogsLogGroupArn = "arn:lg"
    expected.cloudWatchLogsRoleArn = "arn:role"
    expected.kmsKeyId = "arn:kms"
    expected.hasCustomEventSelectors = false
    expected.hasInsightSelectors = true
    expected.isOrganizationTrail = true
    #expect(trails == [expected])
    #expect(trails[0].isShadow(in: "us-east-1"))
  }

  @Test func listTrailsPage() async throws {
    let body =
      #"{"Trails":[{"TrailARN":"arn:aws:cloudtrail:us-east-2:1:trail/a","Name":"a","HomeRegion":"us-east-2"}],"#
      + #""NextToken":"n2"}"#
    let client = Self.client { _, _ in jsonResponse(200, body) }
    let page = try await awaitCompletion { done in client.listTrails(completion: done) }.get()
    #expect(
      page.trails == [TrailInfo(trailARN: "arn:aws:cloudtrail:us-east-2:1:trail/a", name: "a", homeRegion: "us-east-2")]
    )
    #expect(page.nextToken == "n2")
  }
}

extension Result where Failure == AWSError {
  /// The error code of a failure; nil on success.
  var failureCode: String? {
    if case .failure(let error) = self { return error.code }
    return nil
  }
}
