import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's `URLSession` (FoundationNetworking on Linux).
///
/// One ephemeral session (no cookies, no cache) per distinct timeout: FoundationNetworking ignores a request's own
/// `timeoutInterval` while it waits for the answer and only honours the session's `timeoutIntervalForRequest`
/// (measured: a 1 s request timeout waited 5 s for a slow answer; the session setting gave up at 1 s).
public final class URLSessionTransport: HTTPTransport {
  private let sessions = Mutex<[Double: URLSession]>([:])

  /// Creates a transport; sessions are made on first use.
  public init() {}

  private func session(timeout: Double) -> URLSession {
    sessions.withLock { cache in
      if let session = cache[timeout] { return session }
      let configuration = URLSessionConfiguration.ephemeral
      configuration.httpCookieAcceptPolicy = .never
      configuration.urlCache = nil
      configuration.timeoutIntervalForRequest = timeout
      configuration.timeoutIntervalForResource = timeout * 4
      let session = URLSession(configuration: configuration)
      cache[timeout] = session
      return session
    }
  }

  /// Sends the request; `Host` and `Content-Length` are left to URLSession.
  public func send(
    _ request: HTTPRequestParts, to url: URL, timeout: Double,
    completion: @escaping @Sendable (Result<HTTPResponse, Error>) -> Void
  ) {
    var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    urlRequest.httpMethod = request.method
    for (name, value) in request.headers where !["host", "content-length"].contains(name.lowercased()) {
      urlRequest.addValue(value, forHTTPHeaderField: name)
    }
    #if canImport(FoundationNetworking)
      // libcurl under FoundationNetworking waits out the timeout when a reused connection was reset (DECISIONS.md).
      urlRequest.setValue("close", forHTTPHeaderField: "Connection")
    #endif
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
    let task = session(timeout: timeout).dataTask(with: urlRequest) { data, response, error in
      if let error {
        completion(.failure(error))
        return
      }
      guard let http = response as? HTTPURLResponse else {
        completion(.failure(URLError(.badServerResponse)))
        return
      }
      var headers: [String: String] = [:]
      for (key, value) in http.allHeaderFields {
        if let key = key as? String, let value = value as? String { headers[key] = value }
      }
      completion(.success(HTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data()))))
    }
    task.resume()
  }
}
