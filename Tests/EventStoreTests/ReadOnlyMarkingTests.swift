import CloudTrailModel
import Foundation
import TestSupport
import Testing

@testable import EventStore

/// Read/write for records without `readOnly`: AWS's own marking per event name first, then the name's prefix;
/// Insights events are neither.
@Suite struct ReadOnlyMarkingTests {
  @Test func theTableAnswersByServiceAndName() {
    let keys = ReadOnlyMarking.entries.map { $0.source + " " + $0.name }
    #expect(Set(keys).count == keys.count, "one entry per event")
    #expect(ReadOnlyMarking.entries.allSatisfy { $0.source.hasSuffix(".amazonaws.com") && !$0.name.isEmpty })
    for entry in ReadOnlyMarking.entries {
      #expect(ReadOnlyMarking.readOnly(eventSource: entry.source, eventName: entry.name) == entry.readOnly)
      #expect(ReadOnlyMarking.names.contains(entry.name))
    }
    #expect(ReadOnlyMarking.readOnly(eventSource: "sts.amazonaws.com", eventName: "AssumeRole") == true)
    #expect(ReadOnlyMarking.readOnly(eventSource: "kms.amazonaws.com", eventName: "Decrypt") == true)
    #expect(ReadOnlyMarking.readOnly(eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin") == false)
    // The same name from another service, another name, or another spelling is not known.
    #expect(ReadOnlyMarking.readOnly(eventSource: "signin.amazonaws.com", eventName: "AssumeRole") == nil)
    #expect(ReadOnlyMarking.readOnly(eventSource: "sts.amazonaws.com", eventName: "AssumeRoleWithSAML") == nil)
    #expect(ReadOnlyMarking.readOnly(eventSource: "sts.amazonaws.com", eventName: "assumerole") == nil)
    // The entries that matter most are the ones the prefix rule gets wrong.
    #expect(!ReadOnlyInference.isRead(eventName: "AssumeRole"))
    #expect(!ReadOnlyInference.isRead(eventName: "Decrypt"))
  }

  /// One record per line of `records`, loaded from one file.
  static func load(_ records: [String], filter: EventFilter = EventFilter()) -> EventSnapshot {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(records), to: "f.json", under: root)
    return StoreHarness.load([root.path], filter: filter)
  }

  static func event(_ snapshot: EventSnapshot, named name: String) throws -> (EventSummary, readOnly: String) {
    let index = try #require((0..<snapshot.count).first { snapshot.event(at: $0).eventName == name })
    return (snapshot.event(at: index), snapshot.text(.readOnly, at: index))
  }

  @Test func assumeRoleWithoutReadOnlyIsAnInferredRead() throws {
    let snapshot = Self.load([
      LogTree.record(time: "2024-05-01T10:00:00Z", name: "AssumeRole", source: "sts.amazonaws.com", readOnly: nil),
      LogTree.record(time: "2024-05-01T10:01:00Z", name: "Decrypt", source: "kms.amazonaws.com", readOnly: nil),
    ])
    for name in ["AssumeRole", "Decrypt"] {
      let (event, text) = try Self.event(snapshot, named: name)
      #expect(event.readOnly && event.inferred && !event.insight, "\(name)")
      #expect(text == "true")
    }
  }

  @Test func aRecordsOwnReadOnlyWins() throws {
    let snapshot = Self.load([
      LogTree.record(time: "2024-05-01T10:00:00Z", name: "AssumeRole", source: "sts.amazonaws.com", readOnly: false),
      LogTree.record(time: "2024-05-01T10:01:00Z", name: "ListUsers", readOnly: false),
      LogTree.record(time: "2024-05-01T10:02:00Z", name: "CreateUser", readOnly: true),
    ])
    for (name, readOnly) in [("AssumeRole", false), ("ListUsers", false), ("CreateUser", true)] {
      let (event, text) = try Self.event(snapshot, named: name)
      #expect(event.readOnly == readOnly && !event.inferred, "\(name)")
      #expect(text == (readOnly ? "true" : "false"))
    }
  }

  @Test func namesTheTableDoesNotKnowFallBackToThePrefix() throws {
    let snapshot = Self.load([
      LogTree.record(time: "2024-05-01T10:00:00Z", name: "GetWidget", readOnly: nil),
      LogTree.record(time: "2024-05-01T10:01:00Z", name: "FrobnicateWidget", readOnly: nil),
      // A console role switch is a sign-in step, not STS's call: the table keys on the service too.
      LogTree.record(time: "2024-05-01T10:02:00Z", name: "AssumeRole", source: "signin.amazonaws.com", readOnly: nil),
    ])
    for (name, readOnly) in [("GetWidget", true), ("FrobnicateWidget", false), ("AssumeRole", false)] {
      let (event, _) = try Self.event(snapshot, named: name)
      #expect(event.readOnly == readOnly && event.inferred, "\(name)")
    }
  }

  /// An Insights record as CloudTrail delivers it (no `eventName` at the top; `readOnly` never).
  static func insight(_ id: String, type: String?, category: String?) -> String {
    var fields = [
      "\"eventVersion\":\"1.08\"", "\"eventTime\":\"2024-05-01T11:00:00Z\"", "\"awsRegion\":\"us-east-1\"",
      "\"eventID\":\"\(id)\"", "\"recipientAccountId\":\"123456789012\"",
      "\"insightDetails\":{\"state\":\"Start\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\","
        + "\"insightType\":\"ApiCallRateInsight\"}",
    ]
    if let type { fields.append("\"eventType\":\"\(type)\"") }
    if let category { fields.append("\"eventCategory\":\"\(category)\"") }
    return "{" + fields.joined(separator: ",") + "}"
  }

  static let mixed = [
    LogTree.record(time: "2024-05-01T10:00:00Z", name: "ListUsers", readOnly: true),
    LogTree.record(time: "2024-05-01T10:01:00Z", name: "CreateUser", readOnly: false),
    insight("i-1", type: "AwsCloudTrailInsight", category: "Insight"),
    insight("i-2", type: "AwsCloudTrailInsight", category: nil),
    insight("i-3", type: nil, category: "Insight"),
  ]

  static func insightIDs(_ snapshot: EventSnapshot) -> [String] {
    (0..<snapshot.count).filter { snapshot.event(at: $0).insight }.map { snapshot.text(.eventID, at: $0) }.sorted()
  }

  @Test func insightsAreNeitherReadsNorWrites() {
    let all = Self.load(Self.mixed)
    #expect(all.count == 5)
    #expect(Self.insightIDs(all) == ["i-1", "i-2", "i-3"])
    for i in 0..<all.count where all.event(at: i).insight {
      #expect(!all.event(at: i).readOnly && !all.event(at: i).inferred)
      #expect(all.text(.readOnly, at: i) == "")
    }
    let counts = all.counts(of: .readOnly).map { "\($0.value)=\($0.count)" }
    #expect(counts == ["=3", "false=1", "true=1"])
  }

  @Test func readWriteFiltersLeaveInsightsOut() {
    let reads = Self.load(Self.mixed, filter: EventFilter(readWrite: .readsOnly))
    #expect((0..<reads.count).map { reads.event(at: $0).eventName } == ["ListUsers"])
    let writes = Self.load(Self.mixed, filter: EventFilter(readWrite: .writesOnly))
    #expect((0..<writes.count).map { writes.event(at: $0).eventName } == ["CreateUser"])
    // Other tests on the field see the empty text, like any other field's missing value.
    let notRead = Self.load(Self.mixed, filter: EventFilter([Predicate(.readOnly, .notEquals("true"))]))
    #expect(Self.insightIDs(notRead) == ["i-1", "i-2", "i-3"])
    #expect(notRead.count == 4)
    let present = Self.load(Self.mixed, filter: EventFilter([Predicate(.readOnly, .exists)]))
    #expect(present.count == 2)
  }

  /// Every sample record that carries `readOnly` agrees with the table, where the table knows its event; and over
  /// all of them, the table then the prefix guesses right at least as often as the prefix alone. (2026-12-01: the
  /// table covers 17 of the 304 distinct records with `readOnly` and agrees on all 17; table then prefix is right on
  /// 300, the prefix alone on 289.)
  @Test(.enabled(if: FixturesSamples.available, "needs ../shared/samples"))
  func samplesAgreeWithTheTable() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for (i, url) in FixturesSamples.files().enumerated() {
      LogTree.write(try FixturesSamples.bytes(of: url), to: "f\(i)-\(url.lastPathComponent).json", under: root)
    }
    let snapshot = StoreHarness.load([root.path])
    var covered = 0
    var disagreements: [String] = []
    var rightByPrefix = 0
    var rightByTableThenPrefix = 0
    for i in 0..<snapshot.count {
      let event = snapshot.event(at: i)
      guard !event.inferred, !event.insight else { continue }
      let marked = ReadOnlyMarking.readOnly(eventSource: event.eventSource, eventName: event.eventName)
      let prefix = ReadOnlyInference.isRead(eventName: event.eventName)
      if prefix == event.readOnly { rightByPrefix += 1 }
      if (marked ?? prefix) == event.readOnly { rightByTableThenPrefix += 1 }
      guard let marked else { continue }
      covered += 1
      if marked != event.readOnly { disagreements.append("\(event.eventSource) \(event.eventName)") }
    }
    #expect(covered >= 10, "the samples exercise the table")
    #expect(disagreements.isEmpty)
    #expect(rightByTableThenPrefix > rightByPrefix)
  }
}
