import Foundation
import TestSupport
import Testing

/// The built binary in print mode over a small tree of events, with the config file under a folder of the test's.
enum PrintRun {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  /// Six events, one a minute from 10:00, newest last here (printed first).
  static func tree() -> URL {
    let root = LogTree.temporaryFolder()
    func bucket(_ name: String) -> String { "{\"bucketName\":\"\(name)\",\"key\":\"a.csv\"}" }
    let longAgent = "aws-sdk-go/" + String(repeating: "x", count: 100)
    let records = [
      LogTree.record(
        time: "2024-05-01T10:00:00Z", name: "GetObject", source: "s3.amazonaws.com", readOnly: true, eventID: "q0",
        requestParameters: bucket("customer-exports")),
      LogTree.record(
        time: "2024-05-01T10:01:00Z", name: "PutObject", user: "deploy-bot", source: "s3.amazonaws.com",
        errorCode: "AccessDenied", eventID: "q1", requestParameters: bucket("customer-exports")),
      LogTree.record(
        time: "2024-05-01T10:02:00Z", name: "DeleteBucket", user: "deploy-bot", identityType: "AssumedRole",
        source: "s3.amazonaws.com", readOnly: nil, errorCode: "NoSuchBucket", eventID: "q2",
        requestParameters: bucket("customer-exports")),
      LogTree.record(
        time: "2024-05-01T10:03:00Z", name: "ListUsers", ip: "203.0.113.66", readOnly: nil, eventID: "q3"),
      LogTree.record(
        time: "2024-05-01T10:04:00Z", name: "CreateUser", user: "mallory", ip: "203.0.113.66",
        errorCode: "AccessDenied", eventID: "q4", extra: "\"userAgent\":\"\(longAgent)\""),
      LogTree.record(
        time: "2024-05-01T10:05:00Z", name: "GetObject", user: "eve\\u001b[31m", source: "s3.amazonaws.com",
        readOnly: true, eventID: "q5", requestParameters: bucket("other-bucket")),
    ]
    LogTree.write(LogTree.recordsFile(records), to: "events.json", under: root)
    return root
  }

  /// An environment without a config file (its folder is never made).
  static let noConfig = ["XDG_CONFIG_HOME": LogTree.root.appendingPathComponent("no-config").path]

  /// Runs `trailview --print ARGS TREE` (without `--print` when `print` is false) with its config under `config`,
  /// else with none.
  static func run(_ arguments: [String], config: URL? = nil, tree: URL, print: Bool = true) throws
    -> Subprocess.Output
  {
    try Subprocess.run(
      binary, (print ? ["--print"] : []) + arguments + [tree.path],
      environment: config.map { ["XDG_CONFIG_HOME": $0.path] } ?? noConfig)
  }

  /// A config folder holding `trailview/config.toml` with `text`.
  static func config(_ text: String) -> URL {
    let folder = LogTree.temporaryFolder()
    LogTree.write(text, to: "trailview/config.toml", under: folder)
    return folder
  }

  static func lines(_ output: Subprocess.Output) -> [String] {
    output.text.split(whereSeparator: \.isNewline).map(String.init)
  }

  /// The `eventID`s of NDJSON output, in order.
  static func ids(_ output: Subprocess.Output) -> [String] {
    Self.lines(output).compactMap {
      ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["eventID"] as? String
    }
  }

  /// Checks that `trailview --print ARGUMENTS` is a usage error (exit 1, the usage line, nothing on stdout) whose
  /// message holds each of `messages`.
  static func expectUsageError(_ arguments: [String], _ messages: [String], tree: URL, print: Bool = true) throws {
    let out = try run(arguments, tree: tree, print: print)
    #expect(out.status == 1, "\(arguments): \(out.stderr)")
    #expect(out.stdout.isEmpty)
    for message in messages { #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)") }
    #expect(out.stderr.contains("Usage: trailview"), "\(arguments)")
  }
}
