import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A minimal blocking HTTP/1.1 client on one keep-alive socket, for fault tests against `cloudtrail-fake`.
public final class FakeHTTPClient {
  /// What came back for one request.
  public enum Reply: Equatable {
    /// A whole response.
    case response(status: Int, headers: [String: String], body: String)
    /// The connection closed before any byte of a response.
    case closed
    /// The connection closed in the middle of the body (status and the bytes that came).
    case truncated(status: Int, body: String)
  }

  private let fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to 127.0.0.1:`port` (five-second read timeout).
  public init(port: Int) throws {
    #if os(Linux)
      fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw FakeServerError(message: "connect 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
    }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(fd) }

  /// Sends raw bytes.
  public func sendRaw(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
  }

  /// Sends a CloudTrail JSON request for `operation` (unsigned) and reads the reply.
  public func call(_ operation: String, body: String = "{}", extraHeaders: [String] = []) -> Reply {
    var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
    head += "X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)\r\n"
    for header in extraHeaders { head += header + "\r\n" }
    head += "Content-Length: \(body.utf8.count)\r\n\r\n"
    sendRaw(head + body)
    return readReply()
  }

  /// Reads one response.
  public func readReply() -> Reply {
    var headerEnd: Int?
    while headerEnd == nil {
      headerEnd = FakeHTTPClient.find(buffer)
      if headerEnd == nil && !fill() { return .closed }
    }
    let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    let start = headerEnd! + 4
    while buffer.count < start + length {
      if !fill() { return .truncated(status: status, body: String(decoding: buffer[start...], as: UTF8.self)) }
    }
    let body = String(decoding: buffer[start..<(start + length)], as: UTF8.self)
    buffer.removeFirst(start + length)
    return .response(status: status, headers: headers, body: body)
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return false }
    buffer += chunk[0..<n]
    return true
  }

  private static func find(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      return i
    }
    return nil
  }
}
