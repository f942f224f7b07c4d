import Foundation

/// An HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable, Equatable {
  /// The status code.
  public var status: Int
  /// Header values by lower-cased name.
  public var headers: [String: String]
  /// The body.
  public var body: [UInt8]

  /// Creates a response; header names are lower-cased.
  public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
    self.status = status
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    self.body = body
  }

  /// The value of header `name` (case-insensitive).
  public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends HTTP requests. The real one is `URLSessionTransport`; tests use in-memory fakes.
public protocol HTTPTransport: Sendable {
  /// Sends `request` to `url` (which already carries the path and query); `completion` is called exactly once,
  /// on any queue. A `Host` header in `request` is only for signing; the URL decides where the request goes.
  func send(
    _ request: HTTPRequestParts, to url: URL, timeout: Double,
    completion: @escaping @Sendable (Result<HTTPResponse, Error>) -> Void)
}

extension HTTPTransport {
  /// Sends and blocks until the answer arrives. Only for the credential chain, which runs off the caller's thread;
  /// never call it from a transport's own completion queue.
  func sendAndWait(_ request: HTTPRequestParts, to url: URL, timeout: Double) -> Result<HTTPResponse, Error> {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    send(request, to: url, timeout: timeout) { result in
      box.set(result)
      done.signal()
    }
    done.wait()
    return box.get()
  }
}
