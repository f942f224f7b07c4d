import CloudTrailModel
import EventStore
import Foundation
import TestSupport
import Testing

/// The exporter shared by the export screen and print mode, checked with an independent JSON parser.
@Suite struct EventExportTests {
  static let records = [
    LogTree.record(time: "2024-05-01T10:00:00Z", name: "PlainAscii", eventID: "1"),
    LogTree.record(time: "2024-05-01T10:01:00Z", name: "Bidi\u{202E}Name", eventID: "2"),
    // Pretty-printed across lines: must come out on one line.
    "{\n  \"eventTime\": \"2024-05-01T10:02:00Z\",\n  \"eventName\": \"Multi\\u001bLine\",\n  \"eventID\": \"3\"\n}",
  ]

  func export(_ format: ExportFormat, columns: [Field] = []) throws -> (String, EventSnapshot) {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records), to: "r.json", under: root)
    let snapshot = StoreHarness.load([root.path])
    var out: [UInt8] = []
    var progress: [(Int, Int)] = []
    try EventExport(snapshot: snapshot, format: format, columns: columns).write(
      to: { out.append(contentsOf: $0) }, progress: { progress.append(($0, $1)) })
    #expect(progress.last.map { $0 == (3, 3) } == true)
    return (String(decoding: out, as: UTF8.self), snapshot)
  }

  @Test func ndjsonIsOneSafeRecordPerLineEqualToTheOriginal() throws {
    let (text, snapshot) = try export(.ndjson)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4 && lines.last == "")
    #expect(!text.utf8.contains { $0 < 0x20 && $0 != 0x0A })
    #expect(!text.contains("\u{202E}"))
    for (i, line) in lines.dropLast().enumerated() {
      let exported = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
      let original = try JSONSerialization.jsonObject(with: Data(snapshot.record(at: i))) as? NSDictionary
      #expect(exported == original)
    }
  }

  @Test func jsonIsARecordsDocument() throws {
    let (text, _) = try export(.json)
    let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let records = try #require(document?["Records"] as? [[String: Any]])
    #expect(records.map { $0["eventID"] as? String } == ["3", "2", "1"])
  }

  @Test func csvHasTheChosenColumns() throws {
    let (text, _) = try export(.csv, columns: [.time, .eventName, .user])
    let rows = text.split(separator: "\r\n").map(String.init)
    #expect(rows[0] == "eventTime,eventName,user")
    #expect(rows[1] == "2024-05-01T10:02:00Z,Multi\\x1bLine,—")
    #expect(rows.count == 4)
  }
}
