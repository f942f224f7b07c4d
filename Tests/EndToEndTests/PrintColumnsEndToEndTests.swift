import Foundation
import TestSupport
import Testing

/// `trailview --print --format table|csv` with `--columns` and the config file.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct PrintColumnsEndToEndTests {
  @Test func tableShowsTheDefaultColumnsSizedByTheirValues() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    let out = try PrintRun.run(["--format", "table", "--where", "eventName!=GetObject"], tree: tree)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(
      PrintRun.lines(out) == [
        "TIME (UTC)          RW EVENT        USER       SOURCE SOURCE IP    REGION    ERROR",
        "2024-05-01 10:04:00 W  CreateUser   mallory    iam    203.0.113.66 us-east-1 AccessDenied",
        "2024-05-01 10:03:00 r  ListUsers    alice      iam    203.0.113.66 us-east-1",
        "2024-05-01 10:02:00 w  DeleteBucket deploy-bot s3     198.51.100.7 us-east-1 NoSuchBucket",
        "2024-05-01 10:01:00 W  PutObject    deploy-bot s3     198.51.100.7 us-east-1 AccessDenied",
      ])
  }

  @Test func columnsChooseTheTableAndCSVColumns() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    // Without --format, --columns prints a table. Names ignore case and take aliases.
    let table = try PrintRun.run(
      ["--columns", "eventID, EVENTNAME,sourceIPAddress,userAgent", "--where", "user=m*"], tree: tree)
    #expect(table.status == 0, "\(table.stderr)")
    let agent = "aws-sdk-go/" + String(repeating: "x", count: 68) + "…"  // cut at the field's cap, 80 columns
    #expect(
      PrintRun.lines(table) == [
        "EVENT ID EVENT      SOURCE IP    USER AGENT", "q4       CreateUser 203.0.113.66 \(agent)",
      ])
    let csv = try PrintRun.run(["--format", "csv", "--columns", "eventID,user,time,readOnly"], tree: tree)
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(PrintRun.lines(csv).first == "eventID,user,eventTime,readOnly")
    #expect(PrintRun.lines(csv).dropFirst().first == "q5,eve\\x1b[31m,2024-05-01T10:05:00Z,true")
    #expect(PrintRun.lines(csv).contains("q3,alice,2024-05-01T10:03:00Z,true"))
    #expect(!csv.stdout.contains(0x1B) && !table.stdout.contains(0x1B))
  }

  @Test func theConfigFileSetsTheDefaultColumnsAndColumnsWins() throws {
    let tree = PrintRun.tree()
    let config = PrintRun.config("# the columns\ncolumns = [\"eventName\", \"sourceIP\"]\n")
    defer {
      try? FileManager.default.removeItem(at: tree)
      try? FileManager.default.removeItem(at: config)
    }
    let table = try PrintRun.run(["--format", "table", "--where", "eventName=List*"], config: config, tree: tree)
    #expect(table.status == 0 && table.stderr.isEmpty, "\(table.stderr)")
    #expect(PrintRun.lines(table) == ["EVENT     SOURCE IP", "ListUsers 203.0.113.66"])
    let csv = try PrintRun.run(["--format", "csv", "--where", "eventName=List*"], config: config, tree: tree)
    #expect(PrintRun.lines(csv) == ["eventName,sourceIPAddress", "ListUsers,203.0.113.66"])
    let chosen = try PrintRun.run(
      ["--format", "csv", "--columns", "eventID", "--where", "eventName=List*"], config: config, tree: tree)
    #expect(PrintRun.lines(chosen) == ["eventID", "q3"])
    // NDJSON has whole records: the config's columns do not apply.
    let ndjson = try PrintRun.run(["--where", "eventName=List*"], config: config, tree: tree)
    #expect(PrintRun.ids(ndjson) == ["q3"] && ndjson.stderr.isEmpty)
  }

  /// A file with a problem is named with the line and the reason, in every print format, and trailview goes on
  /// with the defaults (none of the file's settings, not even the good ones).
  @Test func aBrokenConfigIsNamedAndIgnored() throws {
    let tree = PrintRun.tree()
    let config = PrintRun.config("since = \"1h\"\ncolumns = [\"eventName\", \"requestParameters\"]\n")
    let broken = PrintRun.config("# columns\ncolumns = [\"eventName\",\n")
    defer {
      for folder in [tree, config, broken] { try? FileManager.default.removeItem(at: folder) }
    }
    let file = "\(config.path)/trailview/config.toml"
    for format in ["csv", "ndjson"] {
      let out = try PrintRun.run(["--format", format, "--where", "eventName=List*"], config: config, tree: tree)
      #expect(out.status == 0)
      #expect(
        out.stderr.hasPrefix(
          "trailview: config: \(file) line 2: columns: unknown field \"requestParameters\" (known: time, "),
        "\(out.stderr)")
      #expect(out.stderr.hasSuffix(" (the file is ignored)\n") && out.stderr.split(separator: "\n").count == 1)
      // The file's since = "1h" is not applied: the 2024 event is there.
      #expect(format == "csv" ? PrintRun.lines(out).count == 2 : PrintRun.ids(out) == ["q3"])
    }
    let csv = try PrintRun.run(["--format", "csv", "--where", "eventName=List*"], config: broken, tree: tree)
    // TOML's reader names the line where the list that never closes begins.
    #expect(csv.stderr.hasPrefix("trailview: config: \(broken.path)/trailview/config.toml line 2: "), "\(csv.stderr)")
    #expect(csv.stderr.hasSuffix(" (the file is ignored)\n"))
    #expect(
      PrintRun.lines(csv).first == "eventTime,readOnly,eventName,user,eventSource,sourceIPAddress,awsRegion,errorCode")
  }

  @Test func theConfigIsFoundUnderHomeWithoutXDG() async throws {
    let tree = PrintRun.tree()
    let home = LogTree.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: tree)
      try? FileManager.default.removeItem(at: home)
    }
    LogTree.write(#"columns = ["eventID"]"#, to: ".config/trailview/config.toml", under: home)
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = nil
    environment["HOME"] = home.path
    let out = try await Subprocess.run(
      PrintRun.binary, ["--print", "--format", "csv", "--where", "eventID=q0", tree.path], exactEnvironment: environment
    )
    #expect(PrintRun.lines(out) == ["eventID", "q0"])
  }

  @Test func usageErrors() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    try PrintRun.expectUsageError(
      ["--columns", "time,colour"], ["--columns: unknown field \"colour\"", "time, eventName", "issuedAccessKey"],
      tree: tree)
    try PrintRun.expectUsageError(["--columns", ","], ["--columns needs field names"], tree: tree)
    try PrintRun.expectUsageError(
      ["--columns", "time", "--format", "ndjson"], ["--columns works with --format table or csv"], tree: tree)
  }
}
