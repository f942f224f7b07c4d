import EventStore
import Foundation
import TestSupport
import Testing

@Suite struct FilterTests {
  static let root: URL = {
    let root = LogTree.temporaryFolder()
    var records: [String] = []
    for i in 0..<60 {
      let user = ["alice", "bob", "Alice.Admin", "deploy-bot"][i % 4]
      let name = ["CreateUser", "ListUsers", "GetObject", "StopLogging", "ConsoleLogin"][i % 5]
      let read: Bool? = name == "ConsoleLogin" ? nil : name.hasPrefix("List") || name.hasPrefix("Get")
      let minute = String(format: "%02d", i % 60)
      records.append(
        LogTree.record(
          time: "2024-05-01T10:\(minute):00Z", name: name, user: user, readOnly: read,
          errorCode: i % 7 == 0 ? "AccessDenied" : nil, eventID: "f-\(i)",
          extra: i == 13 ? "\"additionalEventData\":{\"note\":\"Needle-In-Haystack\"}" : ""))
    }
    LogTree.write(LogTree.recordsFile(records), to: "f.json", under: root)
    return root
  }()

  static func names(_ s: EventSnapshot) -> [String] { (0..<s.count).map { s.event(at: $0).eventName } }

  @Test func userExactIgnoresCaseAndWildcards() {
    let exact = StoreHarness.load([Self.root.path], filter: EventFilter(user: "ALICE"))
    #expect(exact.count == 15)
    #expect((0..<exact.count).allSatisfy { exact.event(at: $0).user == "alice" })
    let wild = StoreHarness.load([Self.root.path], filter: EventFilter(user: "alice*"))
    #expect(wild.count == 30)
  }

  @Test func eventNameAndReadWrite() {
    let writes = StoreHarness.load([Self.root.path], filter: EventFilter(readWrite: .writesOnly))
    #expect(writes.count == 36)
    #expect((0..<writes.count).allSatisfy { !writes.event(at: $0).readOnly })
    let reads = StoreHarness.load([Self.root.path], filter: EventFilter(readWrite: .readsOnly))
    #expect(reads.count == 24)
    let stop = StoreHarness.load(
      [Self.root.path], filter: EventFilter(eventName: "stoplogging", readWrite: .writesOnly))
    #expect(stop.count == 12)
    #expect(Set(Self.names(stop)) == ["StopLogging"])
  }

  @Test func consoleLoginWithoutReadOnlyIsInferredWrite() {
    let s = StoreHarness.load([Self.root.path], filter: EventFilter(eventName: "ConsoleLogin"))
    #expect(s.count == 12)
    #expect((0..<s.count).allSatisfy { !s.event(at: $0).readOnly && s.event(at: $0).inferred })
  }

  @Test func searchMatchesWholeRecordIgnoringCase() {
    let s = StoreHarness.load([Self.root.path], filter: EventFilter(search: "needle-in-HAYSTACK"))
    #expect(s.count == 1)
  }

  @Test func timeWindowIsInclusive() {
    let start = Int64(1_714_557_600 + 10 * 60)  // 2024-05-01T10:10:00Z
    let s = StoreHarness.load([Self.root.path], filter: EventFilter(startTime: start, endTime: start + 300))
    #expect(s.count == 6)
  }

  @Test func filterBeforeLoadEqualsFilterAfterLoad() {
    let filter = EventFilter(user: "a*", readWrite: .writesOnly, search: "iam")
    let before = StoreHarness.load([Self.root.path], filter: filter)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load([Self.root.path], into: store)
    _ = collector.waitFinished()
    let after = collector.refilter(store, filter)
    #expect(before.visible.count == after.visible.count)
    #expect(Self.names(before) == Self.names(after))
    #expect(before.count > 0)
  }

  @Test func patternWildcards() {
    #expect(Pattern("a*e").matches("alice"))
    #expect(Pattern("?ob").matches("BOB"))
    #expect(!Pattern("bob").matches("bobby"))
    #expect(Pattern("*").matches(""))
    #expect(!Pattern("a?").matches("a"))
  }
}
