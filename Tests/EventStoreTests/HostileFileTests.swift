import Foundation
import TestSupport
import Testing

@testable import EventStore

/// Hostile files through the real loading path (discovery, reading, scanning, the store): each bad file is named
/// with its reason, the valid records load, the store's memory stays near the input's size, and nothing hangs.
///
/// This file: 100 MB values, NUL bytes, invalid UTF-8, garbage and empty files; `HostileFolderTests.swift`: FIFOs,
/// devices, unreadable paths, files past 4 GiB and a folder of 100,000 files.
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
  /// `unit` repeated as often as it fits in 100 MB.
  static func hundredMegabytes(of unit: String) -> [UInt8] {
    let bytes = Array(unit.utf8)
    var value = [UInt8]()
    value.reserveCapacity(hundredMB)
    while value.count + bytes.count <= hundredMB { value += bytes }
    return value
  }

  /// A new temporary folder holding `good.json` with `count` valid records named Good0, Good1, ...
  static func folderWithGoodRecords(_ count: Int) -> URL {
    let root = LogTree.temporaryFolder()
    LogTree.write(LogTree.recordsFile(records("Good", count)), to: "good.json", under: root)
    return root
  }

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

  /// Every reason given for the path ending in `suffix`.
  func reasons(_ snapshot: EventSnapshot, _ suffix: String) -> [String] {
    snapshot.progress.problems.filter { $0.source.hasSuffix(suffix) }.map(\.reason)
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
    defer { try? FileManager.default.removeItem(at: root) }
    // "€" is 3 bytes, so the 2,048-byte cap falls inside a character and the cut must step back to 2,046.
    let value = Self.hundredMegabytes(of: "€")
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
    #expect(snapshot.values(of: .user).allSatisfy { $0.utf8.count <= ColumnText.maxBytes + 3 })
    let held = heldBytes(snapshot)
    #expect(held.records <= inputBytes)
    #expect(held.strings < 64 << 10)
  }

  @Test func hundredMegabyteEscapedEventNameIsCappedWithoutDecodingIt() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // `\u20ac` (6 bytes) decodes to "€" (3 bytes): the column gets the first 682 of them, not 50 MB of text.
    let value = Self.hundredMegabytes(of: "\\u20ac")
    let huge = Self.splice(
      LogTree.record(time: "2024-05-01T11:00:00Z", name: "MARKER", eventID: "huge"), "MARKER", value)
    LogTree.write(Self.recordsFile([huge, Array(Self.records("After", 1)[0].utf8)]), to: "big.json", under: root)

    let snapshot = try load([root.path])
    #expect(snapshot.total == 2)
    #expect(names(snapshot).contains(String(repeating: "€", count: 682) + "…"))
    #expect(names(snapshot).contains("After0"))
    #expect(snapshot.values(of: .eventName).allSatisfy { $0.utf8.count <= ColumnText.maxBytes + 3 })
    #expect(heldBytes(snapshot).strings < 64 << 10)
  }

  @Test func hundredMegabytePolicyLoadsBesideTheOtherRecords() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
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

// MARK: - NUL bytes

extension HostileFileTests {
  @Test func nulBytesAreNamedAndTheValidRecordsLoad() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = Self.records("R", 12).map { Array($0.utf8) }
    let nul: [UInt8] = [0]
    // A raw NUL inside a string: invalid JSON; the records before and after it load (reading on in the array).
    let inString = Self.splice(
      LogTree.record(time: "2024-05-01T11:00:00Z", name: "Bad\u{1}Name", eventID: "bad"), "\u{1}", nul)
    LogTree.write(Self.recordsFile([r[0], inString, r[11]]), to: "nul-in-string.json", under: root)
    // A NUL between records.
    var between = Array("{\"Records\":[".utf8) + r[1] + Array(",".utf8) + nul
    between += r[10] + Array("]}".utf8)
    LogTree.write(between, to: "nul-between.json", under: root)
    // One record per line: reading resumes on the next line after each NUL.
    let lines: [UInt8] = r[2] + [0x0A] + nul + nul + [0x0A] + r[3] + [0x0A] + inString + [0x0A] + r[4] + [0x0A]
    LogTree.write(lines, to: "nul-lines.jsonl", under: root)
    // A whole file of zeros (preallocated, never written) and a file cut short and padded with zeros.
    LogTree.write([UInt8](repeating: 0, count: 1 << 20), to: "zeros.json", under: root)
    let padded = Array(LogTree.recordsFile([Self.records("R", 6)[5]]).utf8) + [UInt8](repeating: 0, count: 65_536)
    LogTree.write(padded, to: "zero-tail.json", under: root)
    let cut = Array(LogTree.recordsFile(Self.records("R", 8).suffix(2)).utf8).dropLast(30)
    LogTree.write(Array(cut) + [UInt8](repeating: 0, count: 4096), to: "cut-padded.json", under: root)
    // NULs inside a gzip member.
    LogTree.write(Self.recordsFile([r[8], nul + nul]), to: "nul.json.gz", under: root, gzip: true)
    LogTree.write(LogTree.recordsFile(Self.records("Clean", 2)), to: "clean.json", under: root)

    let snapshot = try load([root.path])
    #expect(
      names(snapshot) == ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R8", "R10", "R11", "Clean0", "Clean1"])
    #expect(problem(snapshot, "nul-in-string.json")?.reason.hasSuffix("control character in string") == true)
    let afterFirst = "{\"Records\":[".utf8.count + r[1].count + 1  // R1 and R8 have the same length
    #expect(reasons(snapshot, "nul-between.json").contains("invalid JSON at byte \(afterFirst): unexpected byte 0x00"))
    #expect(reasons(snapshot, "nul-lines.jsonl").count == 2)
    let zeros = try #require(problem(snapshot, "zeros.json"))
    #expect(zeros.reason.hasPrefix("invalid JSON at byte 0: only NUL bytes from here to the end (1048576 bytes"))
    #expect(problem(snapshot, "zero-tail.json")?.reason.contains("only NUL bytes from here to the end (65536") == true)
    #expect(problem(snapshot, "cut-padded.json")?.reason.contains("only NUL bytes from here to the end") == true)
    #expect(reasons(snapshot, "nul.json.gz").contains("invalid JSON at byte \(afterFirst): unexpected byte 0x00"))
    #expect(problem(snapshot, "clean.json") == nil)
  }
}

// MARK: - Invalid UTF-8, garbage and empty files

extension HostileFileTests {
  @Test func invalidUTF8IsRepairedInColumnsAndGarbageIsNamed() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let bad = Self.splice(
      LogTree.record(time: "2024-05-01T11:00:00Z", name: "Bad\u{1}Bytes", user: "mallory", eventID: "utf8"), "\u{1}",
      [0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80])
    LogTree.write(Self.recordsFile([bad, Array(Self.records("Good", 1)[0].utf8)]), to: "utf8.json", under: root)
    let garbage = (0..<65_536).map { UInt8(0x80 | ($0 &* 7919 & 0x7F)) }
    LogTree.write(garbage, to: "garbage.json", under: root)
    LogTree.write([UInt8](), to: "empty.json", under: root)
    LogTree.write(" \n\t\r\n", to: "blank.json", under: root)

    let snapshot = try load([root.path])
    #expect(snapshot.total == 2)
    let row = try #require((0..<snapshot.count).first { snapshot.event(at: $0).eventName.hasPrefix("Bad") })
    // Each byte of an invalid sequence becomes one U+FFFD (Swift's UTF-8 repair) in the column.
    #expect(snapshot.event(at: row).eventName == "Bad" + String(repeating: "\u{FFFD}", count: 6) + "Bytes")
    #expect(snapshot.record(at: row).contains(0xFF))
    #expect(reasons(snapshot, "garbage.json") == ["invalid JSON at byte 0: unexpected byte 0x80"])
    #expect(reasons(snapshot, "empty.json") == ["empty file"])
    #expect(reasons(snapshot, "blank.json") == ["empty file"])
    #expect(reasons(snapshot, "utf8.json").isEmpty)
  }
}
