import Foundation

/// Runs a program to completion with its output captured in temporary files (no pipes to fill up).
public enum Subprocess {
  /// What a finished program left.
  public struct Output: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output bytes.
    public var stdout: [UInt8]
    /// Standard error as text.
    public var stderr: String
    /// Wall-clock seconds (for reports, never for assertions).
    public var seconds: Double = 0
    /// Standard output as text.
    public var text: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs `path` with `arguments`, blocking; `environment` entries are added to (or replace) the current
  /// environment.
  public static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
    let job = Job(path, arguments, ProcessInfo.processInfo.environment.merging(environment) { $1 })
    defer { job.cleanUp() }
    try job.process.run()
    job.process.waitUntilExit()
    return job.output(job.process.terminationStatus)
  }

  /// Runs `path` with exactly `environment`, suspending until it exits.
  public static func run(_ path: String, _ arguments: [String], exactEnvironment environment: [String: String])
    async throws -> Output
  {
    let job = Job(path, arguments, environment)
    defer { job.cleanUp() }
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      job.process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try job.process.run()
      } catch {
        job.process.terminationHandler = nil
        continuation.resume(throwing: error)
      }
    }
    return job.output(status)
  }

  /// A prepared process whose output goes to temporary files.
  private struct Job {
    let process = Process()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sub-\(UUID().uuidString).out")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("sub-\(UUID().uuidString).err")
    let started = Date()

    init(_ path: String, _ arguments: [String], _ environment: [String: String]) {
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = arguments
      process.environment = environment
      _ = FileManager.default.createFile(atPath: out.path, contents: nil)
      _ = FileManager.default.createFile(atPath: err.path, contents: nil)
      process.standardOutput = try? FileHandle(forWritingTo: out)
      process.standardError = try? FileHandle(forWritingTo: err)
      process.standardInput = FileHandle.nullDevice
    }

    func output(_ status: Int32) -> Output {
      Output(
        status: status, stdout: Array((try? Data(contentsOf: out)) ?? Data()),
        stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", seconds: Date().timeIntervalSince(started))
    }

    func cleanUp() {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
  }
}
