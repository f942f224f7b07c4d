import CloudTrailModel
import EventStore
import Foundation
import TestSupport
import Testing

/// Counting a field's values over the visible events, as the summary and prompts do.
@Suite struct CountsTests {
  /// 3 x "big", 2 x "mid", and 50 values once each.
  static func snapshot(filter: EventFilter = EventFilter()) -> EventSnapshot {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var names = ["big", "big", "big", "mid", "mid"]
    names += (0..<50).map { "once-\(String(format: "%02d", 49 - $0))" }
    let records = names.enumerated().map { i, name in
      LogTree.record(time: "2024-05-01T10:00:\(String(format: "%02d", i % 60))Z", name: name, eventID: "c\(i)")
    }
    LogTree.write(LogTree.recordsFile(records), to: "r.json", under: root)
    return StoreHarness.load([root.path], filter: filter)
  }

  @Test func mostFrequentFirstTiesByValue() {
    let counts = Self.snapshot().counts(of: .eventName)
    #expect(counts.count == 52)
    #expect(
      counts.prefix(3) == [
        ValueCount(value: "big", count: 3), ValueCount(value: "mid", count: 2), ValueCount(value: "once-00", count: 1),
      ])
    #expect(counts.map(\.count).reduce(0, +) == 55)
  }

  @Test func aLimitKeepsTheMostFrequentAndFillsWithTies() {
    let counts = Self.snapshot().counts(of: .eventName, limit: 10)
    #expect(counts.count == 10)
    #expect(counts[0] == ValueCount(value: "big", count: 3) && counts[1] == ValueCount(value: "mid", count: 2))
    #expect(counts.dropFirst(2).allSatisfy { $0.count == 1 && $0.value.hasPrefix("once-") })
    // The kept ties are listed by value.
    let tied = counts.dropFirst(2).map(\.value)
    #expect(tied == tied.sorted())
  }

  @Test func overAFilteredViewAndOverEveryEvent() {
    let filtered = Self.snapshot(filter: EventFilter(eventName: "big"))
    #expect(filtered.counts(of: .eventName) == [ValueCount(value: "big", count: 3)])
    #expect(filtered.counts(of: .eventName, allEvents: true).count == 52)
    #expect(filtered.counts(of: .readOnly) == [ValueCount(value: "false", count: 3)])
  }
}
