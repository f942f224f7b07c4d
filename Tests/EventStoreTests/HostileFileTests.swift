import Foundation
import TestSupport
import Testing

@testable import EventStore

/// Hostile files through the real loading path (discovery, reading, scanning, the store): each bad file is named
/// with its reason, the valid records load, the store's memory stays near the input's size, and nothing hangs.
///
/// Loads wait behind a 120 s hang guard (a hang detector, not a timing check). Truncated gzip, gzip bombs, invalid
/// JSON, deep nesting, wrong types, duplicate keys and symbolic-link loops are covered by `LogFileSourceTests` and
/// `RecordScannerRobustnessTests`.
@Suite struct HostileFileTests {
  static let hangGuard = 120
  static let hundredMB = 100 << 20

  /// Valid records `prefix0`, `prefix1`, ... (distinct contents, so none is dropped as a duplicate).
  static func records(_ prefix: String, _ count: Int) -> [String] {
    (0..<count).map { i in
      LogTree.record(
        time: String(format: "2024-05-01T10:%02d:00Z", i % 60), name: "\(prefix)\(i)", eventID: "\(prefix)-\(i)")
    }
  }

  /// `record` with `marker` replaced by `value`, as bytes (no 100 MB `String` is built).
  static func splice(_ record: String, _ marker: String, _ value: [UInt8]) -> [UInt8] {
    let parts = record.components(separatedBy: marker)
    precondition(parts.count == 2, "the marker must occur once")
    return Array(parts[0].utf8) + value + Array(parts[1].utf8)
  }

  /// `{"Records":[...]}` around record bytes.
  static func recordsFile(_ records: [[UInt8]]) -> [UInt8] {
    var out = Array("{\"Records\":[".utf8)
    for (i, record) in records.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out += record
    }
    return out + Array("]}".utf8)
  }

  /// Loads `paths` behind the hang guard.
  func load(_ paths: [String]) throws -> EventSnapshot {
    try #require(StoreHarness.load(paths, hangGuardSeconds: Self.hangGuard), "loading did not finish")
  }

  /// Event names of every loaded row.
  func names(_ snapshot: EventSnapshot) -> Set<String> {
    Set((0..<snapshot.count).map { snapshot.event(at: $0).eventName })
  }

  /// The problem reported for the path ending in `suffix`.
  func problem(_ snapshot: EventSnapshot, _ suffix: String) -> LoadProblem? {
    snapshot.progress.problems.first { $0.source.hasSuffix(suffix) }
  }

  /// Bytes the store holds for records and column strings (the store's own accounting).
  func heldBytes(_ snapshot: EventSnapshot) -> (records: Int, strings: Int) {
    (snapshot.chunks.reduce(0) { $0 + $1.residentBytes }, snapshot.strings.reduce(0) { $0 + $1.utf8.count })
  }
}

// MARK: - A 100 MB string

extension HostileFileTests {
  @Test func hundredMegabyteUserNameIsCappedInTheColumn() throws {
    let root = LogTree.temporaryFolder()
    // "€" is 3 bytes, so the 2,048-byte cap falls inside a character and the cut must step back to 2,046.
    let euro = Array("€".utf8)
    var value = [UInt8]()
    value.reserveCapacity(Self.hundredMB)
    while value.count + 3 <= Self.hundredMB { value += euro }
    // The ARN names the user too; only `userName` (what the user column shows for an IAM user) gets the value.
    let huge = Self.splice(
      LogTree.record(time: "2024-05-01T11:00:00Z", name: "HugeUser", user: "MARKER", eventID: "huge"),
      "\"userName\":\"MARKER\"", Array("\"userName\":\"".utf8) + value + [UInt8(ascii: "\"")])
    let big = Self.recordsFile(
      [Array(Self.records("Before", 1)[0].utf8), huge, Array(Self.records("After", 1)[0].utf8)])
    LogTree.write(big, to: "big.json", under: root)
    let other = LogTree.write(LogTree.recordsFile(Self.records("Other", 3)), to: "other.json", under: root)
    let inputBytes = big.count + (try Data(contentsOf: other)).count

    let snapshot = try load([root.path])
    #expect(names(snapshot) == ["Before0", "HugeUser", "After0", "Other0", "Other1", "Other2"])
    #expect(snapshot.progress.problems.isEmpty)
    let row = try #require((0..<snapshot.count).first { snapshot.event(at: $0).eventName == "HugeUser" })
    #expect(snapshot.event(at: row).user == String(repeating: "€", count: 682) + "…")
    #expect(snapshot.record(at: row).count > Self.hundredMB)
    #expect(snapshot.users.allSatisfy { $0.utf8.count <= ColumnText.maxBytes + 3 })
    let held = heldBytes(snapshot)
    #expect(held.records <= inputBytes)
    #expect(held.strings < 64 << 10)
  }

  @Test func hundredMegabyteEscapedEventNameIsCappedWithoutDecodingIt() throws {
    let root = LogTree.temporaryFolder()
    // `\u20ac` (6 bytes) decodes to "€" (3 bytes): the column gets the first 682 of them, not 50 MB of text.
    let escape = Array("\\u20ac".utf8)
    var value = [UInt8]()
    value.reserveCapacity(Self.hundredMB)
    while value.count + 6 <= Self.hundredMB { value += escape }
    let huge = Self.splice(
      LogTree.record(time: "2024-05-01T11:00:00Z", name: "MARKER", eventID: "huge"), "MARKER", value)
    LogTree.write(Self.recordsFile([huge, Array(Self.records("After", 1)[0].utf8)]), to: "big.json", under: root)

    let snapshot = try load([root.path])
    #expect(snapshot.total == 2)
    #expect(names(snapshot).contains(String(repeating: "€", count: 682) + "…"))
    #expect(names(snapshot).contains("After0"))
    #expect(snapshot.eventNames.allSatisfy { $0.utf8.count <= ColumnText.maxBytes + 3 })
    #expect(heldBytes(snapshot).strings < 64 << 10)
  }

  @Test func hundredMegabytePolicyLoadsBesideTheOtherRecords() throws {
    let root = LogTree.temporaryFolder()
    let value = [UInt8](repeating: UInt8(ascii: "A"), count: Self.hundredMB)
    let huge = Self.splice(
      LogTree.record(
        time: "2024-05-01T11:00:00Z", name: "PutUserPolicy", eventID: "huge",
        requestParameters: "{\"policyName\":\"p\",\"policyDocument\":\"MARKER\"}"), "MARKER", value)
    let big = Self.recordsFile([Array(Self.records("Before", 2)[1].utf8), huge])
    LogTree.write(big, to: "big.json", under: root)
    LogTree.write(LogTree.recordsFile(Self.records("Other", 2)), to: "other.json.gz", under: root, gzip: true)

    let snapshot = try load([root.path])
    #expect(names(snapshot) == ["Before1", "PutUserPolicy", "Other0", "Other1"])
    #expect(snapshot.progress.problems.isEmpty)
    let row = try #require((0..<snapshot.count).first { snapshot.event(at: $0).eventName == "PutUserPolicy" })
    let event = snapshot.event(at: row)
    #expect(event.user == "alice" && event.eventSource == "iam.amazonaws.com")
    #expect(snapshot.record(at: row).count > Self.hundredMB)
    let held = heldBytes(snapshot)
    #expect(held.records <= big.count + (64 << 10))
    #expect(held.strings < 64 << 10)
  }
}
