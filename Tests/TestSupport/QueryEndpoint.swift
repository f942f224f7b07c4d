import Foundation

/// `scripts/query-endpoint.py` running: Athena's query API answered by DuckDB (an independent SQL engine) running
/// the SQL it is sent over a table of the given records. Stopped by ``stop()`` or when released.
public final class QueryEndpoint: Sendable {
  /// `http://127.0.0.1:PORT`.
  public let endpoint: String
  /// One JSON object per request the endpoint received (`operation`, `query`).
  public let logURL: URL
  private let process: Process
  private let folder: URL

  /// Whether python3 has duckdb.
  public static let isAvailable: Bool = {
    (try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import duckdb"]))?.status == 0
  }()

  /// Why the tests that need it are skipped.
  public static let missingMessage = "python3 with duckdb is not installed (pip install duckdb); skipped"

  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/query-endpoint.py").path
  }

  /// Starts the endpoint over `records` (record JSON texts) with the script's `options` (`--partitions ymd`,
  /// `--hold`, ...), waiting up to `timeout` seconds for it to listen.
  public init(records: [String], options: [String] = [], timeout: Double = 60) throws {
    folder = LogTree.temporaryFolder()
    let input = folder.appendingPathComponent("records.ndjson")
    try Data((records.joined(separator: "\n") + "\n").utf8).write(to: input)
    logURL = folder.appendingPathComponent("operations.ndjson")
    let out = folder.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, input.path, "--log", logURL.path] + options
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: out)
    try process.run()
    self.process = process
    let deadline = Date().addingTimeInterval(timeout)
    var port: String?
    while port == nil && Date() < deadline && process.isRunning {
      let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
      port = text.split(separator: "\n").first { $0.hasPrefix("port ") }.map { String($0.dropFirst(5)) }
      if port == nil { usleep(20_000) }
    }
    guard let port else {
      process.killAndWait()
      let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
      try? FileManager.default.removeItem(at: folder)
      throw QueryEndpointError(message: "query-endpoint.py did not start: \(text)")
    }
    endpoint = "http://127.0.0.1:\(port)"
  }

  /// The default event data store's ID (`--store`).
  public static let store = "0fe4ea3c-a85a-4d8b-8d16-31c6f1e3a7d2"

  /// The requests received so far: each one's operation, its service (`athena` or `cloudtrail`) and, for
  /// StartQueryExecution and StartQuery, the statement.
  public var requests: [(operation: String, service: String, query: String?)] {
    let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let operation = object["operation"] as? String
      else { return nil }
      return (operation, object["service"] as? String ?? "", object["query"] as? String)
    }
  }

  /// Stops the process (idempotent) and removes its folder.
  public func stop() {
    process.killAndWait()
    try? FileManager.default.removeItem(at: folder)
  }

  deinit { stop() }
}

/// The endpoint could not be started.
public struct QueryEndpointError: Error, CustomStringConvertible {
  /// Why.
  public var message: String
  /// The message.
  public var description: String { message }
}
