import EventStore
import Foundation
import TestSupport
import Testing

/// The store's columns (interned on bytes, user derived on bytes) agree with the slow reference decoder.
@Suite struct StoreConformanceTests {
  /// What a row shows, as the reference decoder computes it.
  struct Row: Hashable, CustomStringConvertible {
    var time: Int64
    var name, user, source, region, ip, error: String
    var readOnly: Bool?

    var description: String {
      "\(time) \(name) \(user) \(source) \(region) \(ip) \(error) \(String(describing: readOnly))"
    }
  }

  static func reference(_ bytes: [UInt8]) -> [Row] {
    (ReferenceDecoder.records(bytes) ?? []).map { f in
      Row(
        time: f.eventTime ?? EventSummary.unknownTime, name: f.eventName ?? f.insightEventName ?? "",
        user: f.displayName, source: f.eventSource ?? f.insightEventSource ?? "", region: f.awsRegion ?? "",
        ip: f.sourceIPAddress ?? "", error: f.errorCode ?? "",
        readOnly: f.readOnly)
    }
  }

  static func loaded(_ snapshot: EventSnapshot) -> [Row] {
    (0..<snapshot.count).map { i in
      let e = snapshot.event(at: i)
      return Row(
        time: e.time, name: e.eventName, user: e.user, source: e.eventSource, region: e.region, ip: e.sourceIP,
        error: e.errorCode, readOnly: e.inferred || e.insight ? nil : e.readOnly)
    }
  }

  /// Compares as multisets (the store drops exact duplicates, so the reference is de-duplicated by record too).
  static func check(_ files: [(name: String, bytes: [UInt8])]) throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var expected: [Row] = []
    var seen = Set<String>()
    for (i, file) in files.enumerated() {
      LogTree.write(file.bytes, to: "f\(i)-\(file.name)", under: root)
      for row in reference(file.bytes) where seen.insert(row.description).inserted { expected.append(row) }
    }
    let snapshot = StoreHarness.load([root.path])
    let actual = loaded(snapshot)
    let missing = Set(expected).subtracting(actual)
    let extra = Set(actual).subtracting(expected)
    #expect(missing.isEmpty, "rows the reference sees but the store does not: \(missing.prefix(3))")
    #expect(extra.isEmpty, "rows the store shows that the reference does not: \(extra.prefix(3))")
  }

  @Test func randomRecordsMatchTheReference() throws {
    var rng = FixturesRNG(seed: 7)
    var files: [(String, [UInt8])] = []
    for f in 0..<5 {
      let records = (0..<200).map { _ in FixturesRandom.record(&rng) }
      files.append(("random\(f).json", Array(("{\"Records\":[" + records.joined(separator: ",") + "]}").utf8)))
    }
    try Self.check(files)
  }

  @Test(.enabled(if: FixturesSamples.available, "needs ../shared/samples"))
  func samplesMatchTheReference() throws {
    let files = try FixturesSamples.files().map { ($0.lastPathComponent + ".json", try FixturesSamples.bytes(of: $0)) }
    try Self.check(files)
  }
}
