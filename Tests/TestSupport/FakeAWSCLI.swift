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

  /// Runs `aws SERVICE ARGS --endpoint-url ENDPOINT --region REGION --output json` with only the given keys (the
  /// service is `cloudtrail` unless named).
  public static func cloudtrail(
    _ arguments: [String], service: String = "cloudtrail", endpoint: String, accessKey: String = "AKIDTRAILVIEWFAKE",
    secret: String = "trailview-fake-secret", region: String = "us-east-1", environment: [String: String] = [:]
  ) async throws -> Output {
    guard let path else { throw FakeServerError(message: missingMessage) }
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    env["AWS_ACCESS_KEY_ID"] = accessKey
    env["AWS_SECRET_ACCESS_KEY"] = secret
    env["AWS_CONFIG_FILE"] = "/dev/null"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_PAGER"] = ""
    env.merge(environment) { $1 }
    let arguments = [service] + arguments + ["--endpoint-url", endpoint, "--region", region, "--output", "json"]
    let result = try await Subprocess.run(path, arguments, exactEnvironment: env)
    return Output(status: result.status, stdout: result.text, stderr: result.stderr, seconds: result.seconds)
  }
}
