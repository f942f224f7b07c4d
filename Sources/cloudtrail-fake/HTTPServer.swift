import AWSClient
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What to do with one request.
enum Outcome: Sendable {
  /// Send the response.
  case respond(HTTPResponse)
  /// Close the connection without answering.
  case reset
  /// Send the headers and half of the body, then close.
  case truncate(HTTPResponse)
}

/// A loopback HTTP/1.1 server: one thread per connection, keep-alive, Content-Length bodies only.
struct HTTPServer {
  /// Seconds a kept-alive connection may stay idle.
  static let idleSeconds = 60

  let listener: Int32
  let port: Int

  /// Binds 127.0.0.1:`port` (0 picks a free port) and listens.
  static func bind(port: Int) throws -> HTTPServer {
    signal(SIGPIPE, SIG_IGN)
    // A parent (a test runner, for instance) may have left signals blocked; SIGTERM and SIGINT must stop us.
    var all = sigset_t()
    sigfillset(&all)
    sigprocmask(SIG_UNBLOCK, &all, nil)
    signal(SIGTERM, SIG_DFL)
    signal(SIGINT, SIG_DFL)
    #if os(Linux)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw FakeError.socket("socket: \(String(cString: strerror(errno)))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        systemBind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else {
      let message = String(cString: strerror(errno))
      close(fd)
      throw FakeError.socket("bind 127.0.0.1:\(port): \(message)")
    }
    guard listen(fd, 128) == 0 else { throw FakeError.socket("listen: \(String(cString: strerror(errno)))") }
    var actual = sockaddr_in()
    var size = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
    }
    return HTTPServer(listener: fd, port: Int(UInt16(bigEndian: actual.sin_port)))
  }

  /// Accepts connections forever, serving each on its own thread with `service`.
  func run(_ service: FakeService) -> Never {
    while true {
      let client = accept(listener, nil, nil)
      if client < 0 { continue }
      var timeout = timeval(tv_sec: HTTPServer.idleSeconds, tv_usec: 0)
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      var one: Int32 = 1
      setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      let thread = Thread { HTTPServer.serve(client, service) }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  /// Serves requests on one connection until it closes.
  static func serve(_ fd: Int32, _ service: FakeService) {
    defer { close(fd) }
    var reader = RequestReader(fd: fd)
    while true {
      let request: HTTPRequestParts
      let keepAlive: Bool
      do throws(ReadFailure) {
        (request, keepAlive) = try reader.next()
      } catch {
        guard case .bad(let status, let code, let message) = error else { return }
        let response = FakeService.error(status: status, code: code, message: message)
        service.logLine(operation: "-", status: status, code: code, key: nil)
        SocketWriter.write(fd, SocketWriter.encode(response, keepAlive: false))
        lingeringClose(fd)
        return
      }
      switch service.handle(request) {
      case .respond(let response):
        guard SocketWriter.write(fd, SocketWriter.encode(response, keepAlive: keepAlive)), keepAlive else { return }
      case .reset:
        var hard = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
        return
      case .truncate(let response):
        SocketWriter.write(
          fd, SocketWriter.encode(response, keepAlive: keepAlive, bodyPrefix: response.body.count / 2))
        return
      }
    }
  }
}

/// Stops sending, then reads and drops what the client still sends (briefly), so that closing does not reset the
/// connection before the client has read the error response.
private func lingeringClose(_ fd: Int32) {
  shutdown(fd, Int32(SHUT_WR))
  var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  var sink = [UInt8](repeating: 0, count: 65536)
  var total = 0
  while total < 1 << 20 {
    let n = sink.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if n <= 0 { break }
    total += n
  }
}

/// Startup failures.
enum FakeError: Error, CustomStringConvertible {
  case socket(String)
  case usage(String)

  var description: String {
    switch self {
    case .socket(let s), .usage(let s): s
    }
  }
}

#if os(Linux)
  /// `bind(2)` (the name is shadowed by the server's own `bind`).
  func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Glibc.bind(fd, address, length)
  }
#else
  /// `bind(2)` (the name is shadowed by the server's own `bind`).
  func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Darwin.bind(fd, address, length)
  }
#endif
