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
