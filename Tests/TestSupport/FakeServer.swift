import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A running `cloudtrail-fake` subprocess on a free loopback port; stopped by ``stop()`` or when released.
public final class FakeServer: Sendable {
  /// The port it listens on.
  public let port: Int
  /// The file its stderr (the request log) goes to.
  public let logURL: URL
  private let process: Process

  /// `http://127.0.0.1:PORT`.
  public var endpoint: String { "http://127.0.0.1:\(port)" }

  /// The built `cloudtrail-fake` next to the test bundle (or at `$CLOUDTRAIL_FAKE`); nil when it is not built.
  public static let binary: URL? = {
    var dirs: [URL] = []
    if let override = ProcessInfo.processInfo.environment["CLOUDTRAIL_FAKE"] {
      return FileManager.default.isExecutableFile(atPath: override) ? URL(fileURLWithPath: override) : nil
    }
    let bundle = Bundle.main.bundleURL
    dirs += [bundle, bundle.deletingLastPathComponent()]
    if let executable = Bundle.main.executableURL { dirs.append(executable.deletingLastPathComponent()) }
    if let first = CommandLine.arguments.first { dirs.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
    // An .xctest bundle on macOS keeps its executable in Contents/MacOS; the products are beside the bundle.
    dirs += dirs.map { $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
    for dir in dirs {
      let candidate = dir.appendingPathComponent("cloudtrail-fake")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  /// Why the fake tests are skipped, for `.enabled(if:)` comments.
  public static let missingMessage =
    "cloudtrail-fake is not built next to the test bundle; run `swift build --product cloudtrail-fake` first"

  /// Starts the fake with `arguments` (`--port 0` is added) and waits up to `timeout` seconds for its
  /// `listening on` line.
  public init(_ arguments: [String], timeout: Double = 20) throws {
    guard let binary = FakeServer.binary else { throw FakeServerError(message: FakeServer.missingMessage) }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["--port", "0"] + arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    logURL = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtrail-fake-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: logURL)
    try process.run()
    self.process = process
    let fd = stdout.fileHandleForReading.fileDescriptor
    guard let line = FakeServer.readLine(fd, timeout: timeout), line.hasPrefix("listening on http://127.0.0.1:"),
      let port = Int(line.split(separator: ":").last ?? "")
    else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
      throw FakeServerError(message: "cloudtrail-fake did not start: \(log)")
    }
    self.port = port
  }

  /// Reads one line from `fd`, polling with a deadline; nil on timeout or end of stream.
  static func readLine(_ fd: Int32, timeout: Double) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    var bytes: [UInt8] = []
    while Date() < deadline {
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let wait = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
      guard poll(&entry, 1, wait) > 0 else { continue }
      var byte: UInt8 = 0
      guard read(fd, &byte, 1) == 1 else { return nil }
      if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return nil
  }

  /// The request log so far.
  public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

  /// Stops the process (idempotent).
  public func stop() { process.killAndWait() }

  deinit {
    stop()
    try? FileManager.default.removeItem(at: logURL)
  }
}

/// A fake server that could not be started.
public struct FakeServerError: Error, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// The message.
  public var description: String { message }
}
