import Testing

@testable import AWSClient

/// Runs every case of the AWS SigV4 test suite (skipped when `../shared` is absent).
@Suite(.enabled(if: SigV4Suite.present, "needs ../shared/conformance/sigv4"))
struct SigV4SuiteTests {
  @Test func suiteHasCases() {
    #expect(SigV4Suite.cases.count >= 30)
  }

  @Test(arguments: SigV4Suite.cases)
  func canonicalStringToSignAndAuthorization(_ testCase: String) throws {
    let request = try SigV4Suite.request(testCase)
    let canonical = SigV4.canonical(request) { _ in true }
    #expect(canonical.request == (try SigV4Suite.file(testCase, "creq")))
    let scope = SigV4.scope(day: "20150830", region: "us-east-1", service: "service")
    let sts = SigV4.stringToSign(canonicalRequest: canonical.request, amzDate: "20150830T123600Z", scope: scope)
    #expect(sts == (try SigV4Suite.file(testCase, "sts")))
    let signature = SigV4.signature(
      stringToSign: sts, secret: SigV4Suite.credentials.secretAccessKey, day: "20150830", region: "us-east-1",
      service: "service")
    let authz =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    #expect(authz == (try SigV4Suite.file(testCase, "authz")))
  }

  /// Where the suite signs only headers `sign` would sign, `sign` itself must produce the suite's Authorization,
  /// and `verify` must accept the result.
  @Test(arguments: SigV4Suite.cases)
  func signAndVerifyMatchSuite(_ testCase: String) throws {
    var request = try SigV4Suite.request(testCase)
    let names = request.headers.map { $0.name.lowercased() }
    let signable = names.allSatisfy { $0 == "host" || $0 == "content-type" || $0.hasPrefix("x-amz-") }
    guard signable, !names.contains("x-amz-security-token") else { return }
    SigV4.sign(
      &request, credentials: SigV4Suite.credentials, region: "us-east-1", service: "service",
      date: SigV4Suite.date)
    #expect(request.header("Authorization") == (try SigV4Suite.file(testCase, "authz")))
    let verdict = SigV4.verify(
      request, secretFor: { $0 == "AKIDEXAMPLE" ? SigV4Suite.credentials.secretAccessKey : nil },
      now: SigV4Suite.date + 10)
    #expect(verdict == .valid(accessKeyId: "AKIDEXAMPLE"))
  }

  @Test func sessionTokenIsSignedBeforeSignature() throws {
    let testCase = "post-sts-token/post-sts-header-before"
    var request = try SigV4Suite.request(testCase)
    let token = request.header("X-Amz-Security-Token")!
    request.headers.removeAll { $0.name.hasPrefix("X-Amz-") }
    var credentials = SigV4Suite.credentials
    credentials.sessionToken = token
    SigV4.sign(&request, credentials: credentials, region: "us-east-1", service: "service", date: SigV4Suite.date)
    #expect(request.header("Authorization") == (try SigV4Suite.file(testCase, "authz")))
  }
}
