import Foundation
import TestSupport
import Testing

/// `trailview --print --summary FIELD` in each format.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct PrintSummaryEndToEndTests {
  @Test func summaryInEachFormat() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    let table = try PrintRun.run(["--summary", "errorCode"], tree: tree)
    #expect(table.status == 0, "\(table.stderr)")
    #expect(
      PrintRun.lines(table) == [
        "VALUE         COUNT  SHARE", "(none)            3    50%", "AccessDenied      2    33%",
        "NoSuchBucket      1    17%",
      ])
    let json = try PrintRun.run(["--summary", "error", "--format", "json", "--where", "readOnly=false"], tree: tree)
    #expect(
      json.text == """
        {"field":"errorCode","events":3,"values":[
        {"value":"AccessDenied","count":2,"share":0.6667},
        {"value":"NoSuchBucket","count":1,"share":0.3333}
        ]}

        """)
    let ndjson = try PrintRun.run(
      ["--summary", "user", "--format", "ndjson", "--where", "eventSource=s3*"], tree: tree)
    let objects = try PrintRun.lines(ndjson).map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary)
    }
    #expect(
      objects == [
        ["field": "user", "value": "deploy-bot", "count": 2, "share": 0.5],
        ["field": "user", "value": "alice", "count": 1, "share": 0.25],
        ["field": "user", "value": "eve\u{1b}[31m", "count": 1, "share": 0.25],
      ])
    #expect(!ndjson.stdout.contains(0x1B), "the escape is written as \\u001b")
    let csv = try PrintRun.run(["--summary", "sourceIP", "--format", "csv"], tree: tree)
    #expect(PrintRun.lines(csv) == ["value,count,share", "198.51.100.7,4,0.6667", "203.0.113.66,2,0.3333"])
    let none = try PrintRun.run(
      ["--summary", "region", "--format", "json", "--where", "eventName=Nothing"], tree: tree)
    #expect(none.text == "{\"field\":\"region\",\"events\":0,\"values\":[]}\n")
  }

  @Test func summaryValuesAreSafeInEveryFormat() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // An event name with ESC, a bidi override, a C1 control and a leading = (a spreadsheet formula).
    let name = "=Get\\u001b[2J\\u202eObject\\u009b"
    LogTree.write(
      LogTree.recordsFile([LogTree.record(time: "2024-05-01T10:00:00Z", name: name)]), to: "a.json", under: root)
    for format in ["table", "json", "ndjson", "csv"] {
      let out = try PrintRun.run(["--summary", "eventName", "--format", format], tree: root)
      #expect(out.status == 0)
      let unsafe = out.text.unicodeScalars.filter {
        ($0.value < 0x20 && $0 != "\n" && $0 != "\r") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
      }
      #expect(unsafe.isEmpty, "\(format): \(out.text)")
      if format == "json" || format == "ndjson" {
        #expect(out.text.contains(#""=Get\u001b[2J\u202eObject\u009b""#), "\(out.text)")
      }
    }
    let csv = try PrintRun.run(["--summary", "eventName", "--format", "csv"], tree: root)
    #expect(PrintRun.lines(csv).last == #""'=Get\x1b[2J<U+202E>Object\u009b",1,1.0"#)
  }

  @Test func usageErrors() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    try PrintRun.expectUsageError(["--summary", "user"], ["--summary works with --print"], tree: tree, print: false)
    try PrintRun.expectUsageError(
      ["--summary", "colour"], ["--summary: unknown field \"colour\"", "eventName"], tree: tree)
    try PrintRun.expectUsageError(
      ["--columns", "time", "--summary", "user"], ["--columns and --summary do not go together"], tree: tree)
  }
}
