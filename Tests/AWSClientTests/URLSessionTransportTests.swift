import AWSClient
import Foundation
import Testing

@Suite struct URLSessionTransportTests {
  /// A refused connection on loopback comes back as `NetworkError`, through the real URLSession stack.
  @Test func refusedConnectionIsNetworkError() async {
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:1")!, credentials: .fixed(FakeKeys.credentials),
      transport: URLSessionTransport(), timeout: 5)
    let result = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
    #expect(result.failureCode == "NetworkError")
    #expect(result.failureError?.operation == "LookupEvents")
  }

  @Test func credentialsMirrorHidesSecrets() {
    var text = ""
    dump(FakeKeys.credentials, to: &text)
    #expect(text.contains(FakeKeys.accessKeyId))
    #expect(!text.contains(FakeKeys.secret))
    #expect(!text.contains(FakeKeys.token))
  }
}
