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
    /// Standard output as text.
    public var text: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs `path` with `arguments`; `environment` entries are added to (or replace) the current environment.
  public static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let dir = FileManager.default.temporaryDirectory
    let out = dir.appendingPathComponent("sub-\(UUID().uuidString).out")
    let err = dir.appendingPathComponent("sub-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: Array((try? Data(contentsOf: out)) ?? Data()),
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }
}
