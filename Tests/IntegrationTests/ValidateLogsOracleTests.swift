import Foundation
import TestSupport
import Testing

/// `trailview --print --validate` against the AWS CLI's `aws cloudtrail validate-logs` on the same buckets: eight
/// trails in moto's S3 (scripts/validate-logs-oracle.py signs their digest chains with its own RSA key, the AWS CLI's
/// string to sign, and alters each one way), the public key served by cloudtrail-fake's ListPublicKeys to both tools.
/// Every file the AWS CLI judges gets the same verdict from trailview; the files trailview adds are only the log files
/// the AWS CLI never looks at (listed by a digest that is gone or not valid: "not covered"); gaps and exit statuses
/// agree.
@Suite(
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: ValidationOracle.ready, "python3 with awscli, boto3 and rsa is not installed; skipped"))
struct ValidateLogsOracleTests {
  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/validate-logs-oracle.py").path
  }

  /// What one tool said of one scenario.
  struct Said: Equatable, CustomStringConvertible {
    /// `bucket/key` to "valid", "INVALID" or "not covered".
    var files: [String: String] = [:]
    /// Gaps as "FROM to TO".
    var gaps: [String] = []
    var status: Int32 = 0
    var description: String { "status \(status), gaps \(gaps), files \(files.sorted { $0.key < $1.key })" }
  }

  /// The AWS CLI's words for one scenario, from the script's JSON.
  static func cliSaid(_ object: [String: Any]) -> Said {
    var said = Said(status: Int32(object["status"] as? Int ?? -1))
    for kind in ["digests", "logs"] {
      for (place, verdict) in object[kind] as? [String: String] ?? [:] {
        said.files[place] = verdict.hasPrefix("INVALID") ? "INVALID" : verdict
      }
    }
    said.gaps = (object["gaps"] as? [[String]] ?? []).map { "\($0[0]) to \($0[1])" }
    return said
  }

  /// trailview's report lines (`Digest file\tPLACE\tVERDICT`, `Gap\tFROM to TO\t...`).
  static func trailviewSaid(_ output: String, status: Int32) -> Said {
    var said = Said(status: status)
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3 else { continue }
      if fields[0] == "Gap" { said.gaps.append(fields[1]) }
      if fields[0] == "Digest file" || fields[0] == "Log file" {
        let verdict = fields[2]
        said.files[fields[1]] =
          verdict.hasPrefix("INVALID") ? "INVALID" : verdict.hasPrefix("not covered") ? "not covered" : verdict
      }
    }
    return said
  }

  @Test func trailviewReachesTheAWSCLIsVerdictOnEveryFile() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let prepared = try Subprocess.run("/usr/bin/env", ["python3", Self.script, "prepare", moto.endpoint, folder.path])
    try #require(prepared.status == 0, "\(prepared.stderr)")
    let scenarios = try #require(try JSONSerialization.jsonObject(with: Data(prepared.stdout)) as? [[String: Any]])
    let scenarioFile = folder.appendingPathComponent("scenarios.json")
    try Data(prepared.stdout).write(to: scenarioFile)
    let fake = try FakeServer([
      "--no-auth", "--quiet", "--public-keys", folder.appendingPathComponent("keys.json").path,
    ])
    defer { fake.stop() }
    let oracle = try Subprocess.run(
      "/usr/bin/env", ["python3", Self.script, "verdicts", moto.endpoint, fake.endpoint, scenarioFile.path])
    try #require(oracle.status == 0, "\(oracle.stderr)")
    let answers = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout)) as? [[String: Any]])
    try #require(answers.count == 8)

    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment["AWS_ACCESS_KEY_ID"] = "testing"
    environment["AWS_SECRET_ACCESS_KEY"] = "testing"
    environment["AWS_CONFIG_FILE"] = "/dev/null"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    environment["AWS_EC2_METADATA_DISABLED"] = "true"
    environment["AWS_ENDPOINT_URL_S3"] = moto.endpoint
    environment["AWS_ENDPOINT_URL_CLOUDTRAIL"] = fake.endpoint
    var invalidScenarios: [String] = []
    for (scenario, answer) in zip(scenarios, answers) {
      let name = scenario["name"] as? String ?? ""
      let buckets = scenario["buckets"] as? [String] ?? []
      let run = try await Subprocess.run(
        BuiltProducts.path("trailview")!,
        ["--print", "--validate", "--region", "us-east-1"] + buckets.map { "s3://\($0)" },
        exactEnvironment: environment)
      let cli = Self.cliSaid(answer)
      let ours = Self.trailviewSaid(run.text, status: run.status)
      #expect(!cli.files.isEmpty, "\(name): the AWS CLI judged no file: \(answer["output"] ?? "")")
      // Same verdict on every file the AWS CLI judges.
      for (place, verdict) in cli.files {
        #expect(ours.files[place] == verdict, "\(name): \(place)\nCLI: \(cli)\ntrailview: \(run.text)\(run.stderr)")
      }
      // What trailview adds: log files under a digest that is gone or invalid, which the AWS CLI never reads.
      for (place, verdict) in ours.files where cli.files[place] == nil {
        #expect(verdict == "not covered" && place.contains("/CloudTrail/"), "\(name): \(place) \(verdict)")
      }
      #expect(ours.gaps == cli.gaps, "\(name)")
      #expect(cli.status == 0 ? ours.status == 0 : ours.status == 3, "\(name): CLI \(cli.status), ours \(ours.status)")
      if cli.status != 0 { invalidScenarios.append(name) }
    }
    // The altered trails are the ones both tools fail; a gap and a bucket change are not tampering.
    #expect(
      invalidScenarios.sorted() == ["backfill", "digest-changed", "digest-deleted", "log-changed", "log-deleted"])
  }
}

/// Whether the oracle script's Python modules are installed.
enum ValidationOracle {
  static let ready: Bool =
    (try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import boto3, rsa, awscli.customizations.cloudtrail"]))?
    .status == 0
}
