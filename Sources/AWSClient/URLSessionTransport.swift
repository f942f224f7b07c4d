import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's `URLSession` (FoundationNetworking on Linux).
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession

  /// Creates a transport on an ephemeral session (no cookies, no cache).
  public init() {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieAcceptPolicy = .never
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
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
    urlRequest.setValue("close", forHTTPHeaderField: "Connection")
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
    let task = session.dataTask(with: urlRequest) { data, response, error in
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
