import AWSClient
import Foundation
import Synchronization
import Testing

/// Stringifies every error and explanation the client produces and checks that no secret, session token or
/// signature appears in any of them.
@Suite struct SecretLeakTests {
  @Test func errorsNeverCarrySecrets() async throws {
    let signatures = Mutex<[String]>([])
    let answers: [Result<HTTPResponse, Error>] = [
      jsonResponse(400, #"{"__type":"UnrecognizedClientException","message":"The security token is invalid."}"#),
      jsonResponse(400, #"{"__type":"ExpiredTokenException","message":"The security token included has expired"}"#),
      jsonResponse(400, #"{"__type":"InvalidSignatureException","message":"Signature expired: now earlier"}"#),
      jsonResponse(400, #"{"__type":"AccessDeniedException","message":"not authorized"}"#),
      jsonResponse(403, "<html/>"), .success(HTTPResponse(status: 500)), .failure(URLError(.timedOut)),
    ]
    var described: [String] = []
    for answer in answers {
      let transport = FakeTransport { request, _ in
        let auth = request.header("Authorization") ?? ""
        signatures.withLock { $0.append(String(auth.split(separator: "=").last ?? "")) }
        return answer
      }
      let client = CloudTrailClient(
        region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport, clock: { 1_714_558_830 })
      for operation in 0..<2 {
        let error: AWSError? =
          operation == 0
          ? await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
            .failureError
          : await awaitCompletion { done in client.describeTrails(completion: done) }.failureError
        let failure = try #require(error)
        described += [
          "\(failure)", String(describing: failure), String(reflecting: failure), failure.explanation,
          failure.message, "\(failure.lookupError)",
        ]
      }
    }
    described.append(FakeKeys.credentials.description)
    described.append(String(describing: FakeKeys.credentials))
    let forbidden = [FakeKeys.secret, FakeKeys.token] + signatures.withLock { $0 }.filter { $0.count == 64 }
    #expect(forbidden.count > 2)
    for text in described {
      for secret in forbidden {
        #expect(!text.contains(secret), "\(text) leaks a secret")
      }
    }
  }
}

extension Result where Failure == AWSError {
  /// The error of a failure; nil on success.
  var failureError: AWSError? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
