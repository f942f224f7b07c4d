import AWSClient
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why reading a request stopped.
enum ReadFailure: Error {
  /// The peer closed the connection (cleanly between requests, or in the middle of one).
  case closed
  /// The request cannot be read; answer with this status and message, then close.
  case bad(status: Int, code: String, message: String)
}

/// An HTTP response about to be written.
struct HTTPResponse: Sendable {
  /// Status code.
  var status: Int
  /// Headers besides `Content-Length` and `Connection`.
  var headers: [(String, String)]
  /// Body bytes.
  var body: [UInt8]
}

/// Reads HTTP/1.1 requests from a connected socket, keeping leftover bytes between keep-alive requests.
struct RequestReader {
  /// Largest header block accepted.
  static let maxHeaderBytes = 16 * 1024
  /// Largest body accepted.
  static let maxBodyBytes = 1 << 20

  let fd: Int32
  private var buffer: [UInt8] = []

  init(fd: Int32) { self.fd = fd }

  /// Reads more bytes into the buffer; false at end of stream or on error (including the idle timeout).
  private mutating func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n > 0 {
        buffer += chunk[0..<n]
        return true
      }
      if n < 0 && errno == EINTR { continue }
      return false
    }
  }

  /// The next request; `keepAlive` tells whether the client allows another one on this connection.
  mutating func next() throws(ReadFailure) -> (request: HTTPRequestParts, keepAlive: Bool) {
    var headerEnd: Int? = nil
    var searchFrom = 0
    while true {
      if let end = RequestReader.find(buffer, from: searchFrom) {
        headerEnd = end
        break
      }
      searchFrom = max(0, buffer.count - 3)
      if buffer.count > RequestReader.maxHeaderBytes {
        throw .bad(status: 431, code: "RequestHeaderFieldsTooLarge", message: "Request headers are too large.")
      }
      guard fill() else { throw .closed }
    }
    let end = headerEnd!
    if end > RequestReader.maxHeaderBytes {
      throw .bad(status: 431, code: "RequestHeaderFieldsTooLarge", message: "Request headers are too large.")
    }
    let head = String(decoding: buffer[0..<end], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
    guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
      throw .bad(status: 400, code: "BadRequest", message: "Malformed request line.")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else {
        throw .bad(status: 400, code: "BadRequest", message: "Malformed header line.")
      }
      let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      headers.append((name, value))
    }
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
    if header("transfer-encoding") != nil {
      throw .bad(status: 411, code: "LengthRequired", message: "Chunked bodies are not supported; send Content-Length.")
    }
    var length = 0
    if let text = header("content-length") {
      guard let n = Int(text), n >= 0 else {
        throw .bad(status: 400, code: "BadRequest", message: "Invalid Content-Length.")
      }
      length = n
    }
    if length > RequestReader.maxBodyBytes {
      throw .bad(status: 413, code: "RequestEntityTooLarge", message: "The request body is too large.")
    }
    let bodyStart = end + 4
    while buffer.count < bodyStart + length {
      guard fill() else { throw .closed }
    }
    let body = Array(buffer[bodyStart..<(bodyStart + length)])
    buffer.removeFirst(bodyStart + length)
    let target = String(requestLine[1])
    let (path, query) =
      target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) }
      ?? (target, "")
    let connection = header("connection")?.lowercased() ?? ""
    let keepAlive = requestLine[2] == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    let request = HTTPRequestParts(
      method: String(requestLine[0]), path: path, query: query, headers: headers, body: body)
    return (request, keepAlive)
  }

  /// The index of the first `\r\n\r\n` at or after `from`.
  private static func find(_ bytes: [UInt8], from: Int) -> Int? {
    guard bytes.count >= 4 else { return nil }
    var i = from
    while i + 3 < bytes.count {
      if bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return i }
      i += 1
    }
    return nil
  }
}

/// Writing to a socket.
enum SocketWriter {
  /// Writes all of `bytes`; false when the peer is gone.
  @discardableResult
  static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, sendFlags) }
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      sent += n
    }
    return true
  }

  #if os(Linux)
    static let sendFlags = Int32(MSG_NOSIGNAL)
  #else
    static let sendFlags: Int32 = 0
  #endif

  /// The wire bytes of a response; `bodyPrefix` sends only that many body bytes (for the truncation fault).
  static func encode(_ response: HTTPResponse, keepAlive: Bool, bodyPrefix: Int? = nil) -> [UInt8] {
    var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
    for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(response.body.count)\r\n"
    head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
    return Array(head.utf8) + response.body.prefix(bodyPrefix ?? response.body.count)
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 400: "Bad Request"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 411: "Length Required"
    case 413: "Payload Too Large"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    default: "Status"
    }
  }
}
