import CloudTrailModel
import EventStore
import Foundation
import TestSupport
import Testing

/// Print mode's load filter (``LoadFilter``): records that fail the filter's column and time tests are left out as
/// they are read. Expectations come from how the test's own records were made, not from the store.
@Suite struct LoadFilterTests {
  struct Made {
    var id: String
    var user: String
    var name: String
    var minute: Int
    var failed: Bool
    var writes: Bool
  }

  /// 60 records over 4 users and 5 names, one a minute from 10:00, every seventh failed; two files, the second
  /// repeating the first ten records (duplicates).
  static let made: [Made] = (0..<60).map { i in
    let name = ["CreateUser", "ListUsers", "GetObject", "StopLogging", "ConsoleLogin"][i % 5]
    return Made(
      id: "e-\(i)", user: ["alice", "bob", "Alice.Admin", "deploy-bot"][i % 4], name: name, minute: i,
      failed: i % 7 == 0, writes: !(name.hasPrefix("List") || name.hasPrefix("Get")))
  }

  static let root: URL = {
    let root = LogTree.temporaryFolder()
    let records = made.map { m in
      LogTree.record(
        time: "2024-05-01T10:\(String(format: "%02d", m.minute)):00Z", name: m.name, user: m.user,
        readOnly: m.name == "ConsoleLogin" ? nil : !m.writes, errorCode: m.failed ? "AccessDenied" : nil,
        eventID: m.id)
    }
    LogTree.write(LogTree.recordsFile(records), to: "a.json", under: root)
    LogTree.write(LogTree.recordsFile(Array(records.prefix(10))), to: "b.json", under: root)
    return root
  }()

  static let tenOClock = Int64(1_714_557_600)  // 2024-05-01T10:00:00Z

  /// A filter, the records it keeps, and the records the load-time part keeps (what the store holds).
  struct Case: CustomTestStringConvertible, Sendable {
    var label: String
    var filter: EventFilter
    var shown: @Sendable (Made) -> Bool
    var held: @Sendable (Made) -> Bool
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(
      label: "user, exact", filter: EventFilter(user: "ALICE"), shown: { $0.user == "alice" },
      held: { $0.user == "alice" }),
    Case(
      label: "user, wildcard", filter: EventFilter(user: "alice*"), shown: { $0.user.lowercased().hasPrefix("alice") },
      held: { $0.user.lowercased().hasPrefix("alice") }),
    Case(
      label: "event name and writes", filter: EventFilter(eventName: "stoplogging", readWrite: .writesOnly),
      shown: { $0.name == "StopLogging" }, held: { $0.name == "StopLogging" }),
    Case(
      label: "not a name", filter: EventFilter([Predicate(.eventName, .notEquals("ConsoleLogin"))]),
      shown: { $0.name != "ConsoleLogin" }, held: { $0.name != "ConsoleLogin" }),
    Case(
      label: "error code present", filter: EventFilter([Predicate(.errorCode, .exists)]), shown: { $0.failed },
      held: { $0.failed }),
    Case(
      label: "time window",
      filter: EventFilter(startTime: tenOClock + 10 * 60, endTime: tenOClock + 15 * 60),
      shown: { (10...15).contains($0.minute) }, held: { (10...15).contains($0.minute) }),
    Case(
      label: "name, with reads kept for the store to test",
      filter: EventFilter(eventName: "*user*", readWrite: .readsOnly),
      shown: { $0.name.lowercased().contains("user") && !$0.writes },
      held: { $0.name.lowercased().contains("user") }),
    Case(
      label: "text search only (nothing to test while loading)", filter: EventFilter(search: "e-1"),
      shown: { $0.id.hasPrefix("e-1") }, held: { _ in true }),
  ]

  static func load(_ filter: EventFilter, whileLoading: Bool) -> EventSnapshot {
    EventStore.run(filter: filter, filteringWhileLoading: whileLoading) {
      LogFileSource.load([Self.root.path], into: $0)
    }!
  }

  static func shownIDs(_ snapshot: EventSnapshot) -> [String] {
    snapshot.visible.map { snapshot.text(.eventID, row: $0) }
  }

  @Test(arguments: cases) func keepsExactlyWhatTheFilterShows(_ c: Case) {
    let snapshot = Self.load(c.filter, whileLoading: true)
    let shown = Self.made.filter(c.shown)
    #expect(Set(Self.shownIDs(snapshot)) == Set(shown.map(\.id)))
    #expect(snapshot.count == shown.count)
    let held = Self.made.filter(c.held)
    #expect(snapshot.total == held.count)
    // Every record read is either held, a duplicate of a held one, or left out: the second file repeats e-0...e-9.
    let repeatsHeld = Self.made.prefix(10).filter(c.held).count
    #expect(snapshot.progress.duplicates == repeatsHeld)
    #expect(snapshot.progress.leftOut == 70 - held.count - repeatsHeld)
  }

  @Test(arguments: cases) func showsTheSameEventsInTheSameOrderAsAFullLoad(_ c: Case) {
    let full = Self.load(c.filter, whileLoading: false)
    let filtered = Self.load(c.filter, whileLoading: true)
    #expect(Self.shownIDs(filtered) == Self.shownIDs(full))
    #expect(full.progress.leftOut == 0)
    #expect(full.total == 60)
  }

  @Test func isNotUsedWithDetectionRulesOrRowsOrARule() {
    var marked = EventFilter(eventName: "StopLogging")
    marked.rows = [0]
    #expect(LoadFilter(marked) == nil)
    var ruled = EventFilter(eventName: "StopLogging")
    ruled.rule = 0
    #expect(LoadFilter(ruled) == nil)
    #expect(LoadFilter(EventFilter(search: "x")) == nil)
    #expect(LoadFilter(EventFilter(eventName: "StopLogging")) != nil)
  }
}
