import AWSClient
import Foundation
import Synchronization

/// An in-memory `HTTPTransport`: records every request and answers from a closure, synchronously.
final class FakeTransport: HTTPTransport {
  /// One recorded request.
  struct Sent: Sendable {
    var request: HTTPRequestParts
    var url: URL
    var timeout: Double
  }

  private let respond: @Sendable (HTTPRequestParts, URL) -> Result<HTTPResponse, Error>
  private let log = Mutex<[Sent]>([])

  init(_ respond: @escaping @Sendable (HTTPRequestParts, URL) -> Result<HTTPResponse, Error>) {
    self.respond = respond
  }

  /// Always answers 200 with `body`.
  convenience init(json body: String) {
    self.init { _, _ in .success(HTTPResponse(status: 200, body: Array(body.utf8))) }
  }

  /// The requests sent so far.
  var sent: [Sent] { log.withLock { $0 } }

  func send(
    _ request: HTTPRequestParts, to url: URL, timeout: Double,
    completion: @escaping @Sendable (Result<HTTPResponse, Error>) -> Void
  ) {
    log.withLock { $0.append(Sent(request: request, url: url, timeout: timeout)) }
    completion(respond(request, url))
  }
}

/// Waits for a completion-handler call without sleeping.
func awaitCompletion<T: Sendable>(_ start: (@escaping @Sendable (T) -> Void) -> Void) async -> T {
  await withCheckedContinuation { continuation in start { continuation.resume(returning: $0) } }
}

/// A JSON response.
func jsonResponse(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Result<HTTPResponse, Error> {
  .success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
}

/// Fake credentials used across the client tests.
enum FakeKeys {
  static let accessKeyId = "AKIAFAKECLIENT000001"
  static let secret = "SECRETfakeClientSecret0123456789abcdefgh"
  static let token = "TOKENfakeSessionToken//0123456789=="
  static let credentials = AWSCredentials(
    accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token, source: "test")
}
