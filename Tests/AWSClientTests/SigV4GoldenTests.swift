import Testing

@testable import AWSClient

/// Golden vectors computed independently with Python botocore 1.43 (fake keys only):
///
///     import datetime, botocore.auth as a
///     from botocore.awsrequest import AWSRequest
///     from botocore.credentials import Credentials
///     a.get_current_datetime = lambda *x, **k: datetime.datetime(2024, 5, 1, 10, 20, 30)
///     r = AWSRequest(method=..., url=..., headers={Host, Content-Type, X-Amz-Target}, data=body)
///     a.SigV4Auth(Credentials(akid, secret, token), service, region).add_auth(r)
///     print(r.headers["Authorization"])
@Suite struct SigV4GoldenTests {
  static let date: Int64 = 1_714_558_830
  static let longTerm = AWSCredentials(
    accessKeyId: "AKIAFAKEFAKEFAKE0001", secretAccessKey: "fakeSecretKey/0123456789abcdefghijklmnopqrst")

  static func cloudTrailRequest(region: String, operation: String, body: String) -> HTTPRequestParts {
    HTTPRequestParts(
      method: "POST", path: "/",
      headers: [
        (name: "Host", value: "cloudtrail.\(region).amazonaws.com"),
        (name: "Content-Type", value: "application/x-amz-json-1.1"),
        (name: "X-Amz-Target", value: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)"),
      ], body: Array(body.utf8))
  }

  @Test func lookupEventsPost() {
    var request = Self.cloudTrailRequest(
      region: "us-east-1", operation: "LookupEvents",
      body: #"{"EndTime":1714558800,"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"ConsoleLogin"}],"#
        + #""MaxResults":50,"StartTime":1714550000}"#)
    SigV4.sign(&request, credentials: Self.longTerm, region: "us-east-1", service: "cloudtrail", date: Self.date)
    #expect(request.header("X-Amz-Date") == "20240501T102030Z")
    #expect(request.header("X-Amz-Security-Token") == nil)
    #expect(
      request.header("Authorization")
        == "AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE0001/20240501/us-east-1/cloudtrail/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        + "Signature=4279d69938bf5444341995df9f50e22b312db7f829b925ee4ddd9070f7ee3cb5")
  }

  @Test func describeTrailsWithSessionToken() {
    var request = Self.cloudTrailRequest(
      region: "eu-west-1", operation: "DescribeTrails", body: #"{"includeShadowTrails":false}"#)
    let credentials = AWSCredentials(
      accessKeyId: "ASIAFAKEFAKEFAKE0002", secretAccessKey: "anotherFakeSecret+/xyz",
      sessionToken: "FakeSessionToken//abc+def==")
    SigV4.sign(&request, credentials: credentials, region: "eu-west-1", service: "cloudtrail", date: Self.date)
    #expect(request.header("X-Amz-Security-Token") == "FakeSessionToken//abc+def==")
    #expect(
      request.header("Authorization")
        == "AWS4-HMAC-SHA256 Credential=ASIAFAKEFAKEFAKE0002/20240501/eu-west-1/cloudtrail/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
        + "Signature=05c3b133a3a7d2a563430afb4cbeee91fae565afa70fd50ccb915b0c63bfd9ee")
  }

  /// An encoded path is encoded again (`%20` → `%2520`), dot segments and double slashes are removed.
  @Test func getWithEncodedPathAndQuery() {
    var request = HTTPRequestParts(
      method: "GET", path: "/a%20b/./c//d", query: "b=2&a=x%2By&a=%20&empty",
      headers: [(name: "Host", value: "example.amazonaws.com")], body: [])
    #expect(SigV4.canonicalURI(request.path) == "/a%2520b/c/d")
    #expect(SigV4.canonicalQuery(request.query) == "a=%20&a=x%2By&b=2&empty=")
    SigV4.sign(&request, credentials: Self.longTerm, region: "ap-southeast-2", service: "sts", date: Self.date)
    #expect(
      request.header("Authorization")
        == "AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE0001/20240501/ap-southeast-2/sts/aws4_request, "
        + "SignedHeaders=host;x-amz-date, "
        + "Signature=1d79d0b933db04f756064c861076bbfa806a9bddee7b9b43297d38b122ab3bd6")
  }

  @Test func amzDateRoundTrips() {
    for seconds: Int64 in [0, 951_782_400, 1_440_938_160, 1_714_558_830, 4_102_444_799] {
      #expect(SigV4.parseAmzDate(SigV4.amzDate(seconds)) == seconds)
    }
    #expect(SigV4.amzDate(951_782_400) == "20000229T000000Z")
    #expect(SigV4.parseAmzDate("2024-05-01") == nil)
  }

  @Test func reSigningReplacesOldSignature() {
    var request = Self.cloudTrailRequest(region: "us-east-1", operation: "ListTrails", body: "{}")
    SigV4.sign(&request, credentials: Self.longTerm, region: "us-east-1", service: "cloudtrail", date: Self.date)
    SigV4.sign(&request, credentials: Self.longTerm, region: "us-east-1", service: "cloudtrail", date: Self.date + 60)
    #expect(request.headers.filter { $0.name == "Authorization" }.count == 1)
    #expect(request.headers.filter { $0.name == "X-Amz-Date" }.map(\.value) == ["20240501T102130Z"])
  }
}
