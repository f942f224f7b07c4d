import Foundation
import Synchronization
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
    defer { try? FileManager.default.removeItem(at: root) }
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
    // A raw NUL inside a string: invalid JSON; the record before it loads (a `Records` array cannot resume).
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
    #expect(names(snapshot) == ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R8", "Clean0", "Clean1"])
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

// MARK: - FIFOs, devices, unreadable files

extension HostileFileTests {
  @Test func fifosAndDevicesAreNamedAndNeverRead() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records("Good", 2)), to: "good.json", under: root)
    let fifo = root.appendingPathComponent("fifo.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(mkfifo(root.appendingPathComponent("notes.pipe").path, 0o600) == 0)
    let links = ["zero.json": "/dev/zero", "random.json.gz": "/dev/urandom", "null.jsonl": "/dev/null"]
    for (name, target) in links {
      try FileManager.default.createSymbolicLink(
        atPath: root.appendingPathComponent(name).path, withDestinationPath: target)
    }
    let randomLink = root.appendingPathComponent("random.json.gz").path

    let snapshot = try load([root.path, fifo, "/dev/null", "/dev/zero", randomLink])
    #expect(names(snapshot) == ["Good0", "Good1"])
    let inFolder = "not a regular file: "
    #expect(
      reasons(snapshot, "/fifo.json") == [
        inFolder + "a FIFO (named pipe)", "not a regular file or folder: a FIFO (named pipe)",
      ])
    #expect(reasons(snapshot, "/zero.json") == [inFolder + "a character device"])
    #expect(reasons(snapshot, "/null.jsonl") == [inFolder + "a character device"])
    #expect(
      reasons(snapshot, "/random.json.gz") == [
        inFolder + "a character device", "not a regular file or folder: a character device",
      ])
    #expect(reasons(snapshot, "/dev/null") == ["not a regular file or folder: a character device"])
    #expect(reasons(snapshot, "/dev/zero") == ["not a regular file or folder: a character device"])
    #expect(reasons(snapshot, "notes.pipe").isEmpty)
    #expect(snapshot.progress.problems.count == 8)
  }

  @Test func aFileThatBecameAFIFOIsRefusedWithoutBlocking() throws {
    // Discovery saw a regular file; by the time it is read, it is a FIFO with no writer. Opening one for reading
    // blocks unless O_NONBLOCK; the reader must refuse it after `fstat`.
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let path = root.appendingPathComponent("swapped.json").path
    #expect(mkfifo(path, 0o600) == 0)
    let done = DispatchSemaphore(value: 0)
    let result = Mutex<Result<LogFileSource.FileBytes, LoadProblem>?>(nil)
    DispatchQueue.global().async {
      let read = LogFileSource.readFile(path, maxBytes: 1 << 20)
      result.withLock { $0 = read }
      done.signal()
    }
    try #require(done.wait(timeout: .now() + .seconds(Self.hangGuard)) == .success, "reading a FIFO blocked")
    guard case .failure(let problem) = try #require(result.withLock { $0 }) else {
      Issue.record("a FIFO was read")
      return
    }
    #expect(problem.reason == "not a regular file: a FIFO (named pipe)")
  }

  @Test(.disabled(if: geteuid() == 0, "root reads files and folders whatever their mode"))
  func unreadableFilesAndFoldersAreNamed() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records("Good", 2)), to: "good.json", under: root)
    let file = LogTree.write(LogTree.recordsFile(Self.records("Secret", 1)), to: "secret.json", under: root)
    let folder = LogTree.write(LogTree.recordsFile(Self.records("Hidden", 1)), to: "locked/inner.json", under: root)
      .deletingLastPathComponent()
    #expect(chmod(file.path, 0) == 0)
    #expect(chmod(folder.path, 0) == 0)
    defer {
      chmod(file.path, 0o600)
      chmod(folder.path, 0o700)
    }

    let snapshot = try load([root.path])
    #expect(names(snapshot) == ["Good0", "Good1"])
    #expect(reasons(snapshot, "/secret.json") == [String(cString: strerror(EACCES))])
    #expect(reasons(snapshot, "/locked") == [String(cString: strerror(EACCES))])
  }
}

// MARK: - Files past the 32-bit offsets

extension HostileFileTests {
  @Test func aFileOverFourGibibytesIsRefusedWhateverTheCap() throws {
    // Records are located by 32-bit offsets, so a cap raised past 4 GiB must not let a bigger file in (its records
    // would point at the wrong bytes). A sparse file costs no disk and is refused before it is read.
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records("Good", 1)), to: "good.json", under: root)
    let path = root.appendingPathComponent("huge.json").path
    let fd = open(path, O_WRONLY | O_CREAT, 0o600)
    try #require(fd >= 0)
    defer { unlink(path) }
    let truncated = ftruncate(fd, off_t(5) << 30)
    close(fd)
    try #require(truncated == 0)

    let snapshot = try #require(
      StoreHarness.load([root.path], hangGuardSeconds: Self.hangGuard, maxFileBytes: 8 << 30))
    #expect(names(snapshot) == ["Good0"])
    #expect(reasons(snapshot, "huge.json") == ["file is 5120 MiB, over the cap (4 GiB is the limit for one file)"])
  }
}

// MARK: - A folder of 100,000 files

extension HostileFileTests {
  /// Writes `bytes` at `path` with plain POSIX calls (much faster than `FileManager` for 100,000 files).
  static func quickWrite(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create \(path)")
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  @Test func aHundredThousandFilesAllLoad() throws {
    // The S3 layout: 4 regions x 25 days x 1,000 files of one small record each; every 1,000th file is empty, and
    // each folder also holds a file that is not a log (ignored quietly).
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
    var written = 0
    var empty = 0
    for region in regions {
      for day in 1...25 {
        let folder = root.appendingPathComponent(
          String(format: "AWSLogs/123456789012/CloudTrail/%@/2024/05/%02d", region, day)
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Self.quickWrite(folder + "/index.html", Array("<html></html>".utf8))
        for i in 0..<1000 {
          let stamp = String(format: "202405%02dT%02d%02dZ", day, i / 60 % 24, i % 60)
          let path = folder + "/123456789012_CloudTrail_\(region)_\(stamp)_\(i).json"
          written += 1
          if written % 1000 == 0 {
            Self.quickWrite(path, [])
            empty += 1
            continue
          }
          let time = String(format: "2024-05-%02dT%02d:%02d:00Z", day, i / 60 % 24, i % 60)
          let record =
            "{\"Records\":[{\"eventTime\":\"\(time)\",\"eventName\":\"Call\(i % 50)\","
            + "\"eventSource\":\"s3.amazonaws.com\",\"awsRegion\":\"\(region)\",\"eventID\":\"\(written)\"}]}"
          Self.quickWrite(path, Array(record.utf8))
        }
      }
    }
    #expect(written == 100_000)

    let snapshot = try load([root.path])
    #expect(snapshot.progress.finished)
    #expect(snapshot.progress.total == 100_000)
    #expect(snapshot.progress.done == 100_000)
    #expect(snapshot.total == written - empty)
    #expect(snapshot.progress.duplicates == 0)
    #expect(snapshot.progress.problems.count == empty)
    #expect(snapshot.progress.problems.allSatisfy { $0.reason == "empty file" && $0.source.hasSuffix(".json") })
    #expect(Set((0..<snapshot.count).map { snapshot.event(at: $0).region }) == Set(regions))
  }
}
