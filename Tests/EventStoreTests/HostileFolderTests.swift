import Foundation
import Synchronization
import TestSupport
import Testing

@testable import EventStore

// Hostile files and folders (see `HostileFileTests`): file types that must never be opened, unreadable paths,
// files too big for 32-bit offsets, and a folder of 100,000 files.

// MARK: - FIFOs, devices, unreadable files

extension HostileFileTests {
  @Test func fifosAndDevicesAreNamedAndNeverRead() throws {
    let root = Self.folderWithGoodRecords(2)
    defer { try? FileManager.default.removeItem(at: root) }
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
    let root = Self.folderWithGoodRecords(2)
    defer { try? FileManager.default.removeItem(at: root) }
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
    let root = Self.folderWithGoodRecords(1)
    defer { try? FileManager.default.removeItem(at: root) }
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
