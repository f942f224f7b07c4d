import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Turns transport results into bodies or `AWSError`s, the awsJson1.1 way.
enum AWSResponse {
  /// A 2xx body, or the error the answer (or its absence) means.
  static func interpret(_ result: Result<HTTPResponse, Error>, operation: String) -> Result<[UInt8], AWSError> {
    switch result {
    case .failure(let error as AWSError):
      return .failure(error)
    case .failure(let error):
      return .failure(networkError(error, operation: operation))
    case .success(let response) where (200..<300).contains(response.status):
      return .success(response.body)
    case .success(let response):
      return .failure(serviceError(response, operation: operation))
    }
  }

  /// `NetworkError` with the transport's description.
  static func networkError(_ error: Error, operation: String) -> AWSError {
    let text: String
    if let urlError = error as? URLError, urlError.code == .cannotFindHost || urlError.code == .dnsLookupFailed {
      // A host that does not resolve (a region name that does not exist) will not resolve on a retry either.
      let host = urlError.failingURL?.host ?? "the endpoint"
      return AWSError(code: "UnknownHost", message: "\(host) does not resolve", operation: operation)
    }
    if let urlError = error as? URLError {
      text = "\(urlError.localizedDescription) (URLError \(urlError.code.rawValue))"
    } else {
      text = "\(error)"
    }
    return AWSError(code: "NetworkError", message: text, operation: operation)
  }

  /// The error of a non-2xx response: `__type` (or `x-amzn-errortype`) without namespace and suffix, message from
  /// `message`/`Message`; an XML error body (`<Code>`, `<Message>`, as gateways and emulators answer) when the body
  /// is not JSON; `HTTP<status>` for 5xx or empty bodies without a code; `MalformedResponse` otherwise.
  static func serviceError(_ response: HTTPResponse, operation: String) -> AWSError {
    let json = JSONObject(bytes: response.body)
    let text = json == nil ? String(decoding: response.body, as: UTF8.self) : ""
    let rawType =
      json?.string("__type") ?? json?.string("code") ?? response.header("x-amzn-errortype")
      ?? xmlElement("Code", in: text)
    let message = json?.string("message") ?? json?.string("Message") ?? xmlElement("Message", in: text) ?? ""
    let date = response.header("Date")
    if let rawType, !rawType.isEmpty {
      return AWSError(
        code: errorCode(rawType), message: message, operation: operation, httpStatus: response.status,
        serverDate: date)
    }
    if response.status >= 500 || response.body.isEmpty {
      return AWSError(
        code: "HTTP\(response.status)",
        message: message.isEmpty
          ? "HTTP \(response.status) without an error body"
          : message, operation: operation, httpStatus: response.status, serverDate: date)
    }
    return malformed(operation: operation, status: response.status, date: date)
  }

  /// The text of the first `<name>...</name>` in `xml`, entities decoded; nil when there is none.
  static func xmlElement(_ name: String, in xml: String) -> String? {
    guard let open = xml.range(of: "<\(name)>"),
      let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
    else { return nil }
    var value = String(xml[open.upperBound..<close.lowerBound])
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
      value = value.replacingOccurrences(of: entity, with: character)
    }
    return value.trimmingWhitespace()
  }

  /// `MalformedResponse` naming the operation and status.
  static func malformed(operation: String, status: Int, date: String? = nil) -> AWSError {
    AWSError(
      code: "MalformedResponse", message: "could not read the \(operation) response (HTTP \(status))",
      operation: operation, httpStatus: status, serverDate: date)
  }

  /// botocore's rule: drop everything after `:`, then everything up to the last `#`.
  static func errorCode(_ raw: String) -> String {
    var code = Substring(raw)
    if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
    if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
    return String(code).trimmingWhitespace()
  }
}
