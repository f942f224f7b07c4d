import CloudTrailModel
import Detections
import EventStore
import Foundation
import TestSupport
import Testing
import TrailviewDemo

/// Detection the way a load runs it (rules chosen by event name per batch, fields from the scanner and the batch's
/// column ids, answers remembered across batches): every loaded event carries exactly the rules that match it when
/// each rule reads the record itself, for the demo account and for its records reshaped the way a hostile file could
/// be (repeated keys, arrays and numbers where strings belong).
@Suite struct StoreDetectionTests {
  @Test func everyEventCarriesExactlyTheRulesThatMatchIt() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = DemoAccount.records(now: 1_795_700_000)
    // Every fifth demo record (the whole account, reshaped, takes minutes in a debug build).
    let demo = stride(from: 0, to: records.count, by: 5).map { String(decoding: records[$0], as: UTF8.self) }
    // The demo as it is, then each reshape (with event IDs of their own, so none is a duplicate), in files of 500.
    var all = demo
    for (k, reshape) in HostileReshapes.all.map(\.reshape).enumerated() {
      all += demo.map { reshape($0).replacingOccurrences(of: #""eventID":""#, with: #""eventID":"v\#(k)-"#) }
    }
    for start in stride(from: 0, to: all.count, by: 500) {
      let lines = all[start..<min(start + 500, all.count)].joined(separator: "\n")
      LogTree.write(lines, to: "part-\(start).json", under: folder)
    }
    var set = RuleSet()
    for (name, yaml) in BuiltinRules.all { set.add(yaml, source: "builtin:\(name)") }
    if let sigma = SigmaHQ.folder { set.rules += RuleSet.load([sigma]).rules }
    let rules = set.rules
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(rules)) { collector.take($0) }
    LogFileSource.load([folder.path], into: store)
    let snapshot = try #require(collector.waitFinished())
    #expect(snapshot.total > demo.count * 5)
    var flagged = 0
    for row in snapshot.visible {
      let record = snapshot.record(row: row)
      let expected = rules.indices.filter { rules[$0].matches(record) }.map(UInt16.init)
      // Correlation rules' events are StoreCorrelationTests' subject.
      let found = (snapshot.findings[row] ?? []).filter { rules[Int($0)].correlation == nil }.sorted()
      #expect(found == expected, "\(String(decoding: record.prefix(240), as: UTF8.self))")
      if !found.isEmpty { flagged += 1 }
    }
    #expect(flagged > 100)
  }

  /// A rule's filter (Enter on the findings screen) is a filter, not a list of rows: events that load later and
  /// match the rule show up in it, and the others stay out.
  @Test func aRuleFilterTakesEventsThatLoadLater() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var set = RuleSet()
    set.add(
      """
      title: Trail stopped
      logsource: {product: aws, service: cloudtrail}
      detection:
        selection: {eventName: StopLogging}
        condition: selection
      """, source: "test")
    func record(_ id: Int, _ name: String) -> String {
      #"{"eventVersion":"1.09","eventTime":"2026-12-01T10:00:\#(10 + id)Z","eventSource":"cloudtrail.amazonaws.com","#
        + #""eventName":"\#(name)","awsRegion":"us-east-1","eventID":"e\#(id)"}"#
    }
    let first = LogTree.write(
      [record(1, "StopLogging"), record(2, "DescribeTrails")].joined(separator: "\n"),
      to: "a/first.json", under: folder)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    _ = LogFileSource.load([first.path], into: store)
    _ = try #require(collector.wait { $0.total == 2 && $0.progress.finished })
    var filter = EventFilter()
    filter.rule = 0
    let filtered = collector.refilter(store, filter)
    #expect(filtered.visible.map { filtered.text(.eventID, row: $0) } == ["e1"])
    let second = LogTree.write(
      [record(3, "StopLogging"), record(4, "StartLogging")].joined(separator: "\n"),
      to: "b/second.json", under: folder)
    _ = LogFileSource.load([second.path], into: store)
    let later = try #require(collector.wait { $0.total == 4 && $0.progress.finished })
    #expect(later.visible.map { later.text(.eventID, row: $0) } == ["e3", "e1"])
  }
}
