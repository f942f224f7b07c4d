import Foundation
import TestSupport
import Testing

/// `trailview --print --trails --format ...` end to end against `cloudtrail-fake`, with trail values that a terminal,
/// a JSON parser or a spreadsheet could trip on.
@Suite(
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct PrintTrailsTests {
  /// 2024-05-01T10:00:00Z.
  static let stopped: Int64 = 1_714_557_600
  static let hostileName = "evil\"\\\u{1b}[31mred\u{202e}txt"
  static let wideName = "監査-trail"
  static let formula = "=HYPERLINK(\"http://203.0.113.66\",\"fix, now\")"

  /// The `--trails` file for the fake: a plain logging trail, a stopped one with hostile values, a wide-character one.
  static func trailsFile(in folder: URL) throws -> URL {
    let trails: [[String: Any]] = [
      [
        "Name": "audit", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true, "S3BucketName": "audit-logs",
        "LogFileValidationEnabled": true, "IsLogging": true, "LatestDeliveryTime": stopped + 60,
        "StartLoggingTime": stopped - 86_400,
      ],
      [
        "Name": hostileName, "HomeRegion": "us-east-1", "S3BucketName": "b\u{7}ell", "IsLogging": false,
        "StopLoggingTime": stopped, "LatestDeliveryError": formula,
      ],
      ["Name": wideName, "HomeRegion": "us-east-1", "IsLogging": true, "S3BucketName": "wide"],
    ]
    let file = folder.appendingPathComponent("trails.json")
    try JSONSerialization.data(withJSONObject: trails).write(to: file)
    return file
  }

  /// Runs `--print --trails` with `format` (none: the default) against a fake serving the trails above.
  static func run(_ format: String?) async throws -> LiveTrailview.Output {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try FakeServer(["--trails", try trailsFile(in: folder).path, "--quiet", "--trails-page-size", "2"])
    defer { server.stop() }
    let output = try await LiveTrailview.run(
      ["--print", "--trails"] + (format.map { ["--format", $0] } ?? []), endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(!output.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" })
    #expect(!output.stdout.unicodeScalars.contains { $0 == "\u{202e}" || $0 == "\u{7f}" })
    return output
  }

  func object(_ line: Substring) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func jsonIsOneDocumentWithTheAPIsFieldNames() async throws {
    let output = try await Self.run("json")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
    let list = try #require(document["trailList"] as? [[String: Any]])
    try #require(list.count == 3, "\(list)")
    #expect(list.map { $0["Name"] as? String } == ["audit", Self.hostileName, Self.wideName])
    let audit = list[0]
    #expect(audit["HomeRegion"] as? String == "us-east-1")
    #expect(audit["TrailARN"] as? String == "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit")
    #expect(audit["IsMultiRegionTrail"] as? Bool == true && audit["LogFileValidationEnabled"] as? Bool == true)
    #expect(audit["IsLogging"] as? Bool == true)
    #expect(audit["LatestDeliveryTime"] as? String == "2024-05-01T10:01:00Z")
    #expect(audit["StopLoggingTime"] == nil)
    let hostile = list[1]
    #expect(hostile["IsLogging"] as? Bool == false)
    #expect(hostile["StopLoggingTime"] as? String == "2024-05-01T10:00:00Z")
    #expect(hostile["LatestDeliveryError"] as? String == Self.formula)
    #expect(hostile["S3BucketName"] as? String == "b\u{7}ell")
  }

  @Test func ndjsonIsOneTrailPerLine() async throws {
    let output = try await Self.run("ndjson")
    let lines = output.stdout.split(separator: "\n")
    try #require(lines.count == 3, "\(lines)")
    let objects = try lines.map(object)
    #expect(objects.map { $0["Name"] as? String } == ["audit", Self.hostileName, Self.wideName])
    #expect(objects[1]["StopLoggingTime"] as? String == "2024-05-01T10:00:00Z")
  }

  @Test func csvHasEveryFieldAndGuardsFormulas() async throws {
    let output = try await Self.run("csv")
    let rows = output.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    try #require(rows.count == 4, "\(rows)")
    let header = try #require(rows.first).split(separator: ",").map(String.init)
    #expect(header.prefix(3) == ["Name", "S3BucketName", "S3KeyPrefix"])
    #expect(header.contains("IsLogging") && header.contains("StopLoggingTime") && header.contains("TrailARN"))
    #expect(rows[1].hasPrefix("audit,audit-logs,"))
    // The formula is quoted, its quotes doubled, and it cannot start a formula.
    #expect(rows[2].contains("\"'=HYPERLINK(\"\"http://203.0.113.66\"\",\"\"fix, now\"\")\""), "\(rows[2])")
    #expect(rows[2].contains("2024-05-01T10:00:00Z"))
  }

  @Test func tableIsAlignedAndSanitizedAndTheDefault() async throws {
    let table = try await Self.run("table")
    let plain = try await Self.run(nil)
    #expect(plain.stdout == table.stdout)
    let rows = table.stdout.split(separator: "\n").map(String.init)
    try #require(rows.count == 4, "\(rows)")
    let header = try #require(rows.first)
    #expect(header.hasPrefix("NAME ") && header.contains("  LOGGING  ") && header.contains("S3 BUCKET"))
    // Every row's cells start at the header's columns, counted in terminal columns (the wide name takes 2 each).
    let columns = try ["HOME REGION", "LOGGING", "STOPPED AT (UTC)", "S3 BUCKET"].map {
      try #require(Self.column(of: $0, in: header), "\($0) in \(header)")
    }
    let expected = [
      ["us-east-1", "on", "-", "audit-logs"], ["us-east-1", "OFF", "2024-05-01 10:00:00", "b\\x07ell"],
      ["us-east-1", "on", "-", "wide"],
    ]
    for (row, cells) in zip(rows.dropFirst(), expected) {
      for (start, cell) in zip(columns, cells) {
        #expect(Self.text(of: row, fromColumn: start).hasPrefix(cell + " "), "\(row) at \(start): \(cell)")
      }
    }
    #expect(rows[2].hasPrefix("evil\"\\\\x1b[31mred<U+202E>txt"), "\(rows[2])")
    #expect(rows[2].contains("=HYPERLINK"))
  }

  /// The terminal column where `title` starts in `header` (ASCII).
  static func column(of title: String, in header: String) -> Int? {
    header.range(of: title).map { header.distance(from: header.startIndex, to: $0.lowerBound) }
  }

  /// The rest of `row` from terminal column `start`, counting CJK ideographs as 2 columns.
  static func text(of row: String, fromColumn start: Int) -> Substring {
    var used = 0
    var index = row.startIndex
    while used < start && index < row.endIndex {
      used += row[index].unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) } ? 2 : 1
      index = row.index(after: index)
    }
    return row[index...]
  }
}
