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

  @Test func followOptionsThatCannotWorkAreUsageErrors() throws {
    let root = Self.tree()
    defer { try? FileManager.default.removeItem(at: root) }
    let cases: [([String], String)] = [
      (["--print", "--follow", "--format", "json", root.path], "--print --follow writes NDJSON"),
      (["--print", "--follow", "--end-time", "2026-01-01T00:00", root.path], "--follow needs an open time window"),
      (["--print", "--follow", "--follow-every", "0", root.path], "--follow-every takes 1 to 3600 seconds"),
      (["--print", "--follow", "--summary", "user", root.path], "--follow is for events"),
    ]
    for (arguments, message) in cases {
      let out = try Subprocess.run(Self.binary, arguments)
      #expect(out.status == 1, "\(arguments): \(out.stderr)")
      #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)")
      #expect(out.stdout.isEmpty)
    }
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

  @Test func timesWithoutSecondsAreAccepted() throws {
    let root = Self.tree()
    defer { try? FileManager.default.removeItem(at: root) }
    let cases: [(start: String, end: String, count: Int)] = [
      ("2024-05-01T10:05", "2024-05-01T10:09", 5), ("2024-05-01T10:05Z", "2024-05-01T10:09Z", 5),
      ("2024-05-01T12:05+02:00", "2024-05-01T05:09-05:00", 5), ("2024-05-01 10:18", "2024-05-01T10:30:00Z", 2),
      ("2024-05-01", "2024-05-01T10:00", 1),
    ]
    for (start, end, count) in cases {
      let out = try Subprocess.run(Self.binary, ["--print", "--start-time", start, "--end-time", end, root.path])
      #expect(out.status == 0, "\(start) ... \(end): \(out.stderr)")
      #expect(lines(out).count == count, "\(start) ... \(end)")
    }
    for bad in ["2024-05-01T10", "2024-05-01T10:5", "2024-05-01T25:00", "2024-05-01T10:05+2"] {
      let out = try Subprocess.run(Self.binary, ["--print", "--start-time", bad, root.path])
      #expect(out.status == 1, "\(bad)")
      #expect(out.stderr.contains("--start-time is not an ISO 8601 time: \(bad)"), "\(out.stderr)")
    }
  }

  @Test func helpNamesTheUnitsOfSince() throws {
    let help = try Subprocess.run(Self.binary, ["--help"])
    #expect(help.status == 0)
    let text = help.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("s (seconds), m (minutes), h (hours), d (days) or w (weeks)"), "\(help.text)")
    let bad = try Subprocess.run(Self.binary, ["--print", "--since", "3y", "/nonexistent"])
    #expect(bad.stderr.contains("a unit, s, m, h, d or w"), "\(bad.stderr)")
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
