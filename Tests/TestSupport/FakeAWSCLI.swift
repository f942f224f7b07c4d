import Foundation

/// Runs the real AWS CLI (`aws`) against a fake endpoint, isolated from the user's configuration.
public enum FakeAWSCLI {
  /// The `aws` executable on `PATH`, or nil.
  public static let path: String? = {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return dirs.map { "\($0)/aws" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// Why the CLI tests are skipped, for `.enabled(if:)` comments.
  public static let missingMessage = "the AWS CLI (`aws`) is not on PATH; CLI conformance tests skipped"

  /// What one run produced.
  public struct Output: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// Wall-clock seconds.
    public var seconds: Double

    /// Standard output parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
  }

  /// Runs `aws cloudtrail ARGS --endpoint-url ENDPOINT --region REGION --output json` with only the given keys.
  public static func cloudtrail(
    _ arguments: [String], endpoint: String, accessKey: String = "AKIDTRAILVIEWFAKE",
    secret: String = "trailview-fake-secret", region: String = "us-east-1", environment: [String: String] = [:]
  ) async throws -> Output {
    guard let path else { throw FakeServerError(message: missingMessage) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments =
      ["cloudtrail"] + arguments + ["--endpoint-url", endpoint, "--region", region, "--output", "json"]
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    env["AWS_ACCESS_KEY_ID"] = accessKey
    env["AWS_SECRET_ACCESS_KEY"] = secret
    env["AWS_CONFIG_FILE"] = "/dev/null"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_PAGER"] = ""
    env.merge(environment) { $1 }
    process.environment = env
    let dir = FileManager.default.temporaryDirectory
    let out = dir.appendingPathComponent("aws-\(UUID().uuidString).out")
    let err = dir.appendingPathComponent("aws-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    let started = Date()
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: error)
      }
    }
    return Output(
      status: status, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", seconds: Date().timeIntervalSince(started))
  }
}
