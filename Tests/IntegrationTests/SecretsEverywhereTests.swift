import Foundation
import TestSupport
import Testing

/// Secrets never appear in any output, log, error message or export, at every verbosity: the built `trailview`
/// against `cloudtrail-fake` (which records every signature it receives), with credentials from the environment, a
/// credentials file and `credential_process`, answers that succeed and answers that fail.
@Suite(
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct SecretsEverywhereTests {
  static let key = "AKIDLEAKCHECK0001"
  static let secret = "leakcheckSECRET/0123456789+abcdefghijKLMNOP"
  static let token = "leakcheckTOKEN//FwoGZXIvYXdzEJr//////////wEaDLeakCheckToken=="

  /// A credentials setup: extra environment, and files to write under the temporary home.
  struct Setup {
    var name: String
    var environment: [String: String]
    var files: [String: String]
  }

  static let setups = [
    Setup(
      name: "environment",
      environment: ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token], files: [:]),
    Setup(
      name: "credentials file", environment: ["AWS_PROFILE": "leak"],
      files: [
        "credentials":
          "[leak]\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\naws_session_token = \(token)\n"
      ]),
    Setup(
      name: "credential_process", environment: ["AWS_PROFILE": "leak"],
      files: [
        "config": "[profile leak]\ncredential_process = /bin/cat HOME/process.json\n",
        "process.json":
          #"{"Version":1,"AccessKeyId":"\#(key)","SecretAccessKey":"\#(secret)","SessionToken":"\#(token)"}"#,
      ]),
  ]

  /// Fake flags: a good run, a wrong secret, an expired token, a denied key, a clock off by 15 minutes.
  static let scenarios: [[String]] = [
    ["--access-key", "\(key):\(secret)"],
    ["--access-key", "\(key):some-other-secret"],
    ["--access-key", "\(key):\(secret)", "--expire-after", "1"],
    ["--access-key", "\(key):\(secret)", "--deny-key", key],
    ["--access-key", "\(key):\(secret)", "--skew", "900"],
  ]

  /// Every print-mode output at every verbosity, stderr or log file.
  static let runs: [[String]] = {
    var runs: [[String]] = []
    for verbosity in [[], ["-v"], ["-vv"], ["-vv", "--log", "LOG"]] {
      for mode in [
        ["--print"], ["--print", "--format", "json"], ["--print", "--format", "csv"],
        ["--print", "--format", "table"], ["--print", "--trails"],
      ] {
        runs.append(mode + verbosity)
      }
    }
    return runs
  }()

  /// What must never appear: the secret and the token (also their distinctive stems, which survive escaping such as
  /// `\/`), every signature the fake received, and header names.
  static func forbidden(signatureFile: URL) -> [String] {
    let signatures = ((try? String(contentsOf: signatureFile, encoding: .utf8)) ?? "").split(separator: "\n")
    return [secret, token, "leakcheckSECRET", "leakcheckTOKEN", "Signature=", "X-Amz-Security-Token", "Authorization:"]
      + signatures.map(String.init)
  }

  static func home(for setup: Setup) throws -> URL {
    let home = LogTree.temporaryFolder()
    for (name, text) in setup.files {
      try text.replacingOccurrences(of: "HOME", with: home.path).write(
        to: home.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return home
  }

  static func environment(home: URL, setup: Setup) -> [String: String] {
    var env = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
    env["AWS_CONFIG_FILE"] = home.appendingPathComponent("config").path
    env["AWS_SHARED_CREDENTIALS_FILE"] = home.appendingPathComponent("credentials").path
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.merge(setup.environment) { $1 }
    return env
  }

  @Test(arguments: 0..<setups.count)
  func printModeNeverShowsSecrets(setupIndex: Int) async throws {
    let setup = Self.setups[setupIndex]
    let binary = try #require(LiveTrailview.binary)
    let home = try Self.home(for: setup)
    defer { try? FileManager.default.removeItem(at: home) }
    // Every setup meets every scenario; the environment setup also meets every output and verbosity.
    let runs = setupIndex == 0 ? Self.runs : [["--print", "-vv"], ["--print", "--trails", "-vv"]]
    var checked = 0
    for scenario in Self.scenarios {
      let signatures = home.appendingPathComponent("signatures-\(checked)")
      let server = try FakeServer(["--demo", "--rate", "1000", "--record-signatures", signatures.path] + scenario)
      defer { server.stop() }
      for run in runs {
        let log = home.appendingPathComponent("trailview-\(checked).log")
        let arguments =
          run.map { $0 == "LOG" ? log.path : $0 } + [
            "--since", "2h", "--region", "us-east-1", "--endpoint-url", server.endpoint,
          ]
        let output = try await Subprocess.run(
          binary, arguments, exactEnvironment: Self.environment(home: home, setup: setup))
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let forbidden = Self.forbidden(signatureFile: signatures)
        #expect(forbidden.count > 7, "the fake recorded no signatures (\(setup.name), \(scenario))")
        for (stream, text) in [("stdout", output.text), ("stderr", output.stderr), ("log", logText)] {
          for secret in forbidden where text.contains(secret) {
            Issue.record("\(stream) of \(run) (\(setup.name), \(scenario)) contains \(secret.prefix(12))…")
          }
        }
        if run.contains("-vv") && run.contains("--log") {
          #expect(logText.contains("LookupEvents") || logText.contains("ListTrails"), "\(logText)")
        }
        checked += 1
      }
    }
    #expect(checked == Self.scenarios.count * runs.count)
  }

  @Test(.enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed"), arguments: [0, 1])
  func dashboardAndItsLogNeverShowSecrets(scenarioIndex: Int) throws {
    let binary = try #require(LiveTrailview.binary)
    let setup = Self.setups[0]
    let home = try Self.home(for: setup)
    defer { try? FileManager.default.removeItem(at: home) }
    let signatures = home.appendingPathComponent("signatures")
    let server = try FakeServer(
      ["--demo", "--rate", "1000", "--quiet", "--record-signatures", signatures.path] + Self.scenarios[scenarioIndex])
    defer { server.stop() }
    let log = home.appendingPathComponent("dashboard.log")
    var env = Self.environment(home: home, setup: setup)
    env["TERM"] = "xterm-256color"
    let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    let tmux = try TmuxSession(
      command:
        "env -i \(assignments) \(binary) -vv --log \(log.path) --region us-east-1 --endpoint-url \(server.endpoint)",
      width: 160, height: 40)
    defer { tmux.kill() }
    let screen = try tmux.waitUntil(description: "a page or an error", timeout: .seconds(30)) { screen in
      screen.contains { $0.contains("Loaded") }
        && screen.contains { $0.contains("main-trail") || $0.contains("problem") }
    }
    try tmux.sendKeys("p")
    let problems = try tmux.waitUntil(description: "the problems list") { screen in
      screen.contains { $0.contains("Problems (") }
    }
    try tmux.sendKeys("q")
    _ = try? tmux.waitForExit()
    let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(logText.contains("credentials: access key \(Self.key) from environment"), "\(logText)")
    #expect(scenarioIndex == 0 || logText.contains("InvalidSignatureException"), "\(logText)")
    let forbidden = Self.forbidden(signatureFile: signatures)
    #expect(forbidden.count > 7)
    for (name, text) in [
      ("screen", screen.joined(separator: "\n")), ("problems", problems.joined(separator: "\n")), ("log", logText),
    ] {
      for secret in forbidden where text.contains(secret) {
        Issue.record("\(name) contains \(secret.prefix(12))…")
      }
    }
  }
}
