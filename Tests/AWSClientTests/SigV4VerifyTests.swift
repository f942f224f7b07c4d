import Testing

@testable import AWSClient

@Suite struct SigV4VerifyTests {
  static let secret = "fakeSecretKey/0123456789abcdefghijklmnopqrst"
  static func secretFor(_ id: String) -> String? { id == "AKIAFAKEFAKEFAKE0001" ? secret : nil }

  static func signed(secret: String = secret, date: Int64 = SigV4GoldenTests.date) -> HTTPRequestParts {
    var request = SigV4GoldenTests.cloudTrailRequest(region: "us-east-1", operation: "LookupEvents", body: "{}")
    let credentials = AWSCredentials(accessKeyId: "AKIAFAKEFAKEFAKE0001", secretAccessKey: secret)
    SigV4.sign(&request, credentials: credentials, region: "us-east-1", service: "cloudtrail", date: date)
    return request
  }

  @Test func valid() {
    let verdict = SigV4.verify(Self.signed(), secretFor: Self.secretFor, now: SigV4GoldenTests.date + 299)
    #expect(verdict == .valid(accessKeyId: "AKIAFAKEFAKEFAKE0001"))
  }

  @Test func wrongSecretIsMismatch() {
    let verdict = SigV4.verify(Self.signed(secret: "other"), secretFor: Self.secretFor, now: SigV4GoldenTests.date)
    guard case .mismatch(let message) = verdict else {
      Issue.record("expected mismatch, got \(verdict)")
      return
    }
    #expect(!message.contains(Self.secret))
  }

  @Test func unknownKey() {
    let verdict = SigV4.verify(Self.signed(), secretFor: { _ in nil }, now: SigV4GoldenTests.date)
    guard case .unknownKey = verdict else {
      Issue.record("expected unknownKey, got \(verdict)")
      return
    }
  }

  @Test func skewBothWays() {
    for now in [SigV4GoldenTests.date + 301, SigV4GoldenTests.date - 301] {
      guard case .skewed = SigV4.verify(Self.signed(), secretFor: Self.secretFor, now: now) else {
        Issue.record("expected skewed at \(now)")
        continue
      }
    }
  }

  @Test func tamperedBodyOrHeaderIsMismatch() {
    var body = Self.signed()
    body.body = Array(#"{"MaxResults":1}"#.utf8)
    guard case .mismatch = SigV4.verify(body, secretFor: Self.secretFor, now: SigV4GoldenTests.date) else {
      Issue.record("tampered body accepted")
      return
    }
    var target = Self.signed()
    let index = target.headers.firstIndex { $0.name == "X-Amz-Target" }!
    target.headers[index].value = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.StopLogging"
    guard case .mismatch = SigV4.verify(target, secretFor: Self.secretFor, now: SigV4GoldenTests.date) else {
      Issue.record("tampered target accepted")
      return
    }
  }

  @Test func missingOrMalformedAuthorization() {
    var request = Self.signed()
    request.headers.removeAll { $0.name == "Authorization" }
    guard case .missing = SigV4.verify(request, secretFor: Self.secretFor, now: SigV4GoldenTests.date) else {
      Issue.record("expected missing")
      return
    }
    request.headers.append((name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=nonsense"))
    guard case .missing = SigV4.verify(request, secretFor: Self.secretFor, now: SigV4GoldenTests.date) else {
      Issue.record("expected missing for malformed header")
      return
    }
  }
}
