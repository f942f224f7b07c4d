import Foundation
import TestSupport
import Testing

/// The command line's own rules, through the built binary: repeated options, time formats, help text, and the
/// errors reported before any source starts.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct CommandLineEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  /// An environment with no AWS settings at all and `HOME` in a temporary folder.
  static func isolated(home: URL) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    env["HOME"] = home.path
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env
  }

  /// One event a minute, 10:00 to 10:19 UTC.
  static func tree() -> URL {
    let root = LogTree.temporaryFolder()
    let records = (0..<20).map { i in
      LogTree.record(time: String(format: "2024-05-01T10:%02d:00Z", i), name: "ListUsers", eventID: "m\(i)")
    }
    LogTree.write(LogTree.recordsFile(records), to: "events.json", under: root)
    return root
  }

  func lines(_ output: Subprocess.Output) -> [String] {
    output.text.split(whereSeparator: \.isNewline).map(String.init)
  }

  @Test func aSecondRegionIsAUsageError() async throws {
    let home = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    var env = Self.isolated(home: home)
    env["AWS_ACCESS_KEY_ID"] = "AKIDTWICE"
    env["AWS_SECRET_ACCESS_KEY"] = "twice-secret"
    let out = try await Subprocess.run(
      Self.binary,
      ["--print", "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9"],
      exactEnvironment: env)
    #expect(out.status == 1, "\(out.stderr)")
    #expect(out.stderr.contains("--region given 2 times (us-east-1, eu-west-1)"), "\(out.stderr)")
    #expect(out.stderr.contains("several regions at once come in a later version"), "\(out.stderr)")
    #expect(out.stdout.isEmpty)
  }

  @Test func usageErrorsExitOne() throws {
    let root = Self.tree()
    defer { try? FileManager.default.removeItem(at: root) }
    for arguments in [["--print", "--since", "soon", root.path], ["--demo", root.path], ["--format", "yaml"]] {
      let out = try Subprocess.run(Self.binary, arguments)
      #expect(out.status == 1, "\(arguments): \(out.stderr)")
      #expect(out.stderr.contains("Usage: trailview"), "\(out.stderr)")
    }
  }

  @Test func aMissingProfileIsNamedWithWhereTrailviewLooked() async throws {
    let home = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let out = try await Subprocess.run(
      Self.binary, ["--print", "--profile", "nosuch"], exactEnvironment: Self.isolated(home: home))
    #expect(out.status == 1)
    #expect(out.stderr.contains("The config profile (nosuch), named by --profile, could not be found"), "\(out.stderr)")
    #expect(out.stderr.contains("\(home.path)/.aws/config (missing) and \(home.path)/.aws/credentials (missing)"))
    #expect(!out.stderr.contains("region"), "\(out.stderr)")
  }
}
