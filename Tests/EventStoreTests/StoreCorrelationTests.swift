import CloudTrailModel
import Detections
import EventStore
import Foundation
import TestSupport
import Testing
import TrailviewDemo

/// Correlation rules through the store: the events of a burst are the rule's findings wherever their files load
/// from, a rule filter on a correlation takes in a burst completed by a later file, and a rule only counted by a
/// correlation (no `generate`) flags nothing alone.
@Suite struct StoreCorrelationTests {
  static let rules = """
    title: Read denied
    id: 0f4b8a9e-5a57-4b7e-a1f4-7a3f2f3c1d01
    logsource: {product: aws, service: cloudtrail}
    detection:
      selection: {errorCode: AccessDenied}
      condition: selection
    ---
    title: Denied burst
    id: 0f4b8a9e-5a57-4b7e-a1f4-7a3f2f3c1d02
    level: high
    correlation:
      type: event_count
      rules: [0f4b8a9e-5a57-4b7e-a1f4-7a3f2f3c1d01]
      group-by: [userIdentity.arn]
      timespan: 5m
      condition: {gte: 3}
    """

  /// A denied (or not) call by `user` at minute:second `time` of 2026-12-01 10:00.
  static func record(_ id: String, _ user: String, _ time: String, denied: Bool = true) -> String {
    #"{"eventVersion":"1.09","eventTime":"2026-12-01T10:\#(time)Z","eventSource":"kms.amazonaws.com","#
      + #""eventName":"ListKeys","awsRegion":"us-east-1","eventID":"\#(id)","#
      + #""userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/\#(user)"}"#
      + (denied ? #","errorCode":"AccessDenied""# : "") + "}"
  }

  @Test func aBurstSpreadOverFilesIsFoundAndItsFilterTakesLaterEvents() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var set = RuleSet()
    set.add(Self.rules + "\n  generate: true", source: "test.yml")
    set.resolveCorrelations()
    #expect(set.problems.isEmpty && set.rules.count == 2 && set.rules[0].reportsAlone)
    // eve: three denials within five minutes, split over two files (a burst). bob: three, but 5m01s apart at the
    // ends, and one call allowed. carol: two, then a third from a file loaded later.
    let first = LogTree.write(
      [
        Self.record("e1", "eve", "00:00"), Self.record("b1", "bob", "00:00"), Self.record("b2", "bob", "02:00"),
        Self.record("c1", "carol", "10:00"), Self.record("x1", "eve", "01:00", denied: false),
      ].joined(separator: "\n"), to: "a/1.json", under: folder)
    let second = LogTree.write(
      [
        Self.record("e2", "eve", "04:00"), Self.record("e3", "eve", "05:00"), Self.record("b3", "bob", "05:01"),
        Self.record("c2", "carol", "11:00"),
      ].joined(separator: "\n"), to: "a/2.json", under: folder)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    _ = LogFileSource.load([first.path, second.path], into: store)
    let loaded = try #require(collector.wait { $0.total == 9 && $0.progress.finished })
    func ids(_ s: EventSnapshot, _ rows: [UInt32]) -> Set<String> { Set(rows.map { s.text(.eventID, row: $0) }) }
    #expect(ids(loaded, loaded.findings.rows(ofRule: 1)) == ["e1", "e2", "e3"])
    #expect(loaded.findings.rows(ofRule: 0).count == 8)
    let e1 = try #require(loaded.visible.first { loaded.text(.eventID, row: $0) == "e1" })
    #expect(loaded.findings[e1] == [0, 1])
    let hits = loaded.ruleHits()
    #expect(hits.first?.rule == 1 && hits.first?.rows.count == 3, "the high correlation first")
    // The correlation's filter; then carol's third denial arrives.
    var filter = EventFilter()
    filter.rule = 1
    let filtered = collector.refilter(store, filter)
    #expect(ids(filtered, filtered.visible) == ["e1", "e2", "e3"])
    let third = LogTree.write(Self.record("c3", "carol", "14:59"), to: "b/3.json", under: folder)
    _ = LogFileSource.load([third.path], into: store)
    let later = try #require(collector.wait { $0.total == 10 && $0.progress.finished && $0.visible.count == 6 })
    #expect(ids(later, later.visible) == ["e1", "e2", "e3", "c1", "c2", "c3"])
  }

  @Test func aRuleOnlyCountedFlagsNothingAlone() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var set = RuleSet()
    set.add(Self.rules, source: "test.yml")
    set.resolveCorrelations()
    #expect(set.rules[0].reportsAlone == false)
    let file = LogTree.write(
      [Self.record("e1", "eve", "00:00"), Self.record("e2", "eve", "00:30"), Self.record("b1", "bob", "00:00")]
        .joined(separator: "\n"), to: "1.json", under: folder)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    _ = LogFileSource.load([file.path], into: store)
    let loaded = try #require(collector.wait { $0.total == 3 && $0.progress.finished })
    #expect(loaded.visible.allSatisfy { loaded.findings[$0] == nil })
    #expect(loaded.ruleHits().isEmpty)
  }
}

extension StoreCorrelationTests {
  /// The demo account through the store with the built-in pack: the intruder's denied reads (inventories, then an
  /// enumeration script across a dozen services) are a burst for both discovery rules, and no burst rule flags
  /// anything else (people and workloads fail a few reads at a time).
  @Test func theDemoIncidentIsABurstAndTheRestIsNot() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = DemoAccount.records(now: 1_795_700_000).map { String(decoding: $0, as: UTF8.self) }
    let file = LogTree.write(records.joined(separator: "\n"), to: "demo.json", under: folder)
    let set = BuiltinRules.load()
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, detector: Detector(set.rules)) { collector.take($0) }
    _ = LogFileSource.load([file.path], into: store)
    let loaded = try #require(collector.waitFinished())
    func rule(_ name: String) throws -> Int { try #require(set.rules.firstIndex { $0.source == "builtin:\(name)" }) }
    func incident(_ row: UInt32) -> Bool {
      loaded.text(.sourceIP, row: row) == "203.0.113.66" || loaded.text(.user, row: row) == "backup-admin"
    }
    // The intruder's refused reads: the inventories it asked for, then an enumeration script's probes.
    let recon = loaded.visible.filter { row in
      let code = loaded.text(.errorCode, row: row)
      return incident(row) && (code.hasPrefix("AccessDenied") || code == "Client.UnauthorizedOperation")
    }.filter { ["List", "Describe", "Get"].contains(where: loaded.text(.eventName, row: $0).hasPrefix) }
    #expect(recon.count >= 15)
    for name in ["discovery-denied-reads-burst", "discovery-denied-across-services"] {
      let rows = loaded.findings.rows(ofRule: try rule(name))
      // The burst's windows also hold the few reads deploy-bot's own pipeline had refused meanwhile: the group is
      // the identity, whose key the intruder shares.
      let others = Set(rows).subtracting(recon)
      #expect(Set(rows).isSuperset(of: recon) && others.count <= 5, "\(name)")
      #expect(others.allSatisfy { loaded.text(.user, row: $0) == "deploy-bot" }, "\(name)")
    }
    let bursts = set.rules.indices.filter { set.rules[$0].correlation != nil }
    let background = bursts.flatMap { loaded.findings.rows(ofRule: $0) }.filter {
      !incident($0) && loaded.text(.user, row: $0) != "deploy-bot"
    }
    #expect(
      background.isEmpty,
      "\(background.map { [loaded.text(.user, row: $0), loaded.text(.eventName, row: $0), loaded.text(.eventSource, row: $0), loaded.text(.time, row: $0)] })"
    )
  }
}
