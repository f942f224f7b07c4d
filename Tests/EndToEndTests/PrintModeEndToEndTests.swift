import EventStore
import Foundation
import TestSupport
import Testing

/// `trailview --print`: the built binary as a script would run it.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct PrintModeEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  static func tree(broken: Bool) -> URL {
    let root = LogTree.temporaryFolder()
    var records: [String] = []
    for i in 0..<20 {
      records.append(
        LogTree.record(
          time: String(format: "2024-05-01T10:%02d:00Z", i), name: i % 2 == 0 ? "GetObject" : "PutObject",
          user: i % 4 == 0 ? "=cmd|' /C calc'!A0" : "alice", source: "s3.amazonaws.com", readOnly: i % 2 == 0,
          eventID: "p\(i)", extra: "\"note\":\"line\\nbreak \\u001b[31mred\""))
    }
    LogTree.write(LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "20240501T1025Z"), under: root, gzip: true)
    if broken { LogTree.write("{\"Records\":[{\"eventTime\":", to: "bad.json", under: root) }
    return root
  }

  func lines(_ output: Subprocess.Output) -> [String] {
    output.text.split(whereSeparator: \.isNewline).map(String.init)
  }

  @Test func ndjsonIsOneOriginalRecordPerLineNewestFirst() throws {
    let out = try Subprocess.run(Self.binary, ["--print", Self.tree(broken: false).path])
    #expect(out.status == 0)
    let records = try lines(out).map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(records.count == 20)
    #expect(records.first?["eventTime"] as? String == "2024-05-01T10:19:00Z")
    #expect(records.last?["eventTime"] as? String == "2024-05-01T10:00:00Z")
    #expect(records.first?["note"] as? String == "line\nbreak \u{1b}[31mred")
  }

  @Test func jsonOutputReadsBackAsTheSameEvents() throws {
    let filtered = try Subprocess.run(
      Self.binary, ["--print", "--format", "json", "--read-only", "false", Self.tree(broken: false).path])
    #expect(filtered.status == 0)
    let folder = LogTree.temporaryFolder()
    let file = LogTree.write(filtered.stdout, to: "export.json", under: folder)
    let again = try Subprocess.run(Self.binary, ["--print", file.path])
    let original = try Subprocess.run(
      Self.binary, ["--print", "--read-only", "false", Self.tree(broken: false).path])
    #expect(again.status == 0)
    #expect(lines(again).count == 10)
    #expect(lines(again) == lines(original))
  }

  @Test func csvGuardsFormulasAndHasNoControlBytes() throws {
    let out = try Subprocess.run(
      Self.binary, ["--print", "--format", "csv", Self.tree(broken: false).path],
      environment: ["XDG_CONFIG_HOME": "/nonexistent/trailview-test"])  // the default columns, whatever the user's
    #expect(out.status == 0)
    let rows = lines(out)
    #expect(rows.first == "eventTime,readOnly,eventName,user,eventSource,sourceIPAddress,awsRegion,errorCode")
    #expect(rows.count == 21)
    #expect(rows.contains { $0.contains("\"'=cmd|' /C calc'!A0\"") })
    #expect(!out.stdout.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D })
  }

  @Test func tableAndFiltersAgreeWithTheScreenRules() throws {
    let out = try Subprocess.run(
      Self.binary,
      ["--print", "--format", "table", "--user", "ALICE", "--event-name", "put*", Self.tree(broken: false).path])
    #expect(out.status == 0)
    let rows = lines(out).dropFirst()
    #expect(rows.count == 10)
    #expect(rows.allSatisfy { $0.contains("PutObject") && $0.contains("alice") })
  }

  @Test func exitStatusNamesSkippedInputs() throws {
    let some = try Subprocess.run(Self.binary, ["--print", Self.tree(broken: true).path])
    #expect(some.status == 2)
    #expect(lines(some).count == 20)
    #expect(some.stderr.contains("bad.json") && some.stderr.contains("invalid JSON"))
    let none = try Subprocess.run(Self.binary, ["--print", "/nonexistent/trailview"])
    #expect(none.status == 1)
    #expect(none.stderr.contains("/nonexistent/trailview"))
    let usage = try Subprocess.run(Self.binary, ["--print", "--since", "soon", Self.tree(broken: false).path])
    #expect(usage.status != 0 && usage.status != 2)
    #expect(usage.stderr.contains("--since"))
  }

  @Test func sinceAndTimeWindow() throws {
    let root = Self.tree(broken: false).path
    let window = try Subprocess.run(
      Self.binary,
      ["--print", "--start-time", "2024-05-01T10:05:00Z", "--end-time", "2024-05-01T10:09:00Z", root])
    #expect(lines(window).count == 5)
    let recent = try Subprocess.run(Self.binary, ["--print", "--since", "1d", root])
    #expect(recent.status == 0)
    #expect(lines(recent).isEmpty)
  }

  @Test func verbosityLevelsAndTheLogFile() throws {
    let root = Self.tree(broken: true).path
    let quiet = try Subprocess.run(Self.binary, ["--print", root])
    #expect(!quiet.stderr.contains("source:"))
    let verbose = try Subprocess.run(Self.binary, ["--print", "-v", root])
    #expect(verbose.stderr.contains("source: \(root)"))
    #expect(verbose.stderr.contains("20 events loaded from"), "\(verbose.stderr)")
    #expect(lines(verbose) == lines(quiet))
    let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("tv-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let logged = try Subprocess.run(Self.binary, ["--print", "--log", logPath, root])
    #expect(!logged.stderr.contains("source:"))
    let log = try String(contentsOfFile: logPath, encoding: .utf8)
    #expect(log.contains("source: \(root)") && log.contains("events loaded"))
    let mode = try FileManager.default.attributesOfItem(atPath: logPath)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    // The dashboard owns the screen: -v needs a log file.
    let dashboard = try Subprocess.run(Self.binary, ["-v", "--demo"])
    #expect(dashboard.status == 1 || dashboard.status == 64)
    #expect(dashboard.stderr.contains("--log FILE"), "\(dashboard.stderr)")
  }

  /// `setpriv` to run as `nobody` when the tests run as root (root reads files whatever their mode).
  static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(.enabled(if: geteuid() != 0 || setpriv != nil, "running as root without setpriv"))
  func unreadableFilesAreNamedAndTheRestPrints() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(
      LogTree.recordsFile([LogTree.record(time: "2024-05-01T10:00:00Z", name: "Readable")]), to: "a.json", under: root)
    let locked = LogTree.write(
      LogTree.recordsFile([LogTree.record(time: "2024-05-01T10:01:00Z", name: "Locked")]), to: "b.json", under: root)
    chmod(root.path, 0o755)
    chmod(root.appendingPathComponent("a.json").path, 0o644)
    chmod(locked.path, 0)
    var command = [Self.binary, "--print", "--format", "table", root.path]
    if geteuid() == 0, let setpriv = Self.setpriv {
      // A copy of the binary nobody can run, wherever the build is.
      let copy = root.appendingPathComponent("trailview-copy").path
      // Copied by cp, not in this process: a child this process spawns meanwhile (tests run in parallel) would
      // inherit the copy's open write descriptor, and exec would then fail with "Text file busy" (seen in a full run).
      let copied = try Subprocess.run("/bin/cp", [Self.binary, copy])
      try #require(copied.status == 0, "\(copied.stderr)")
      chmod(copy, 0o755)
      command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", copy] + command.dropFirst()
    }
    let out = try Subprocess.run(command[0], Array(command.dropFirst()))
    #expect(out.status == 2, "\(out.stderr)")
    #expect(out.text.contains("Readable") && !out.text.contains("Locked"))
    #expect(out.stderr.contains("b.json") && out.stderr.contains(String(cString: strerror(EACCES))), "\(out.stderr)")
  }

  @Test func aClosedStderrDoesNotCrashTheLog() throws {
    // `trailview --print -v ... 2>&1 | head -1`: the reader of stderr goes away before the summary is written.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = ["--print", "-vv", "--demo", "--demo-page-ms", "20"]
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var first: [UInt8] = []
    while !first.contains(0x0A) {
      let chunk = stderr.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      first += chunk
    }
    try stderr.fileHandleForReading.close()
    process.waitUntilExit()
    #expect(String(decoding: first, as: UTF8.self).contains("source: the built-in demo account"))
    #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
    #expect(process.terminationStatus == 0)
  }
}
