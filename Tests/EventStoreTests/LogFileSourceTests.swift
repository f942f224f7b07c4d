import EventStore
import Foundation
import TestSupport
import Testing

@Suite struct LogFileSourceTests {
  /// A tree in the S3 layout with an organization trail path, a digest, a duplicate and bad files.
  static func makeTree() -> URL {
    let root = LogTree.temporaryFolder()
    let a = LogTree.record(time: "2024-05-01T10:00:00Z", name: "CreateUser", user: "alice", eventID: "id-1")
    let b = LogTree.record(
      time: "2024-05-01T11:00:00Z", name: "ListBuckets", user: "bob", source: "s3.amazonaws.com", readOnly: true,
      eventID: "id-2")
    let c = LogTree.record(
      time: "2024-05-02T09:30:00Z", name: "GetObject", user: "ci", identityType: "AssumedRole",
      source: "s3.amazonaws.com", region: "eu-west-1", readOnly: true, errorCode: "AccessDenied", eventID: "id-3")
    LogTree.write(LogTree.recordsFile([a, b]), to: LogTree.s3Key(stamp: "20240501T1105Z"), under: root, gzip: true)
    LogTree.write(
      LogTree.recordsFile([c, a]), to: LogTree.s3Key(region: "eu-west-1", stamp: "20240502T0935Z", org: "o-abc123"),
      under: root, gzip: true)
    LogTree.write(
      "{\"digestStartTime\":\"x\",\"logFiles\":[]}",
      to:
        "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/05/01/123456789012_CloudTrail-Digest_us-east-1_t_us-east-1_20240501T110000Z.json.gz",
      under: root, gzip: true)
    LogTree.write("{\"Records\":[{\"eventTime\":", to: "broken/invalid.json", under: root)
    let truncated = Array(Gzip.compress(Array(LogTree.recordsFile([a]).utf8)).dropLast(12))
    LogTree.write(truncated, to: "broken/truncated.json.gz", under: root)
    LogTree.write("not json at all", to: "notes/readme.txt", under: root)
    return root
  }

  @Test func loadsTreeNewestFirstWithoutDuplicates() throws {
    let root = Self.makeTree()
    let snapshot = StoreHarness.load([root.path])
    #expect(snapshot.total == 3)
    #expect(snapshot.progress.duplicates >= 1)
    let names = (0..<snapshot.count).map { snapshot.event(at: $0).eventName }
    #expect(names == ["GetObject", "ListBuckets", "CreateUser"])
    let first = snapshot.event(at: 0)
    #expect(first.user == "ci")
    #expect(first.region == "eu-west-1")
    #expect(first.errorCode == "AccessDenied")
    #expect(first.readOnly)
    #expect(!snapshot.event(at: 2).readOnly)
    #expect(snapshot.progress.finished)
  }

  @Test func namesBadFilesWithReasonsAndSkipsDigests() throws {
    let root = Self.makeTree()
    let snapshot = StoreHarness.load([root.path])
    let sources = snapshot.progress.problems.map(\.source)
    #expect(sources.contains { $0.hasSuffix("broken/invalid.json") })
    #expect(sources.contains { $0.hasSuffix("broken/truncated.json.gz") })
    #expect(!sources.contains { $0.contains("Digest") })
    #expect(!sources.contains { $0.hasSuffix("readme.txt") })
    let truncated = try #require(snapshot.progress.problems.first { $0.source.hasSuffix("truncated.json.gz") })
    #expect(truncated.reason.contains("truncated") || truncated.reason.contains("gzip"))
  }

  @Test func missingPathIsReported() {
    let snapshot = StoreHarness.load(["/nonexistent/trailview-test"])
    #expect(snapshot.total == 0)
    #expect(snapshot.progress.problems.first?.source == "/nonexistent/trailview-test")
  }

  @Test func gzipBombIsCappedAndNamed() {
    let root = LogTree.temporaryFolder()
    let big = [UInt8](repeating: 0x20, count: 4 << 20)
    LogTree.write(big, to: "bomb.json.gz", under: root, gzip: true)
    let snapshot = StoreHarness.load([root.path], maxFileBytes: 1 << 20)
    let problem = snapshot.progress.problems.first { $0.source.hasSuffix("bomb.json.gz") }
    #expect(problem?.reason.contains("cap") == true)
  }

  @Test func symlinkLoopDoesNotHang() throws {
    let root = Self.makeTree()
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("loop").path, withDestinationPath: root.path)
    let snapshot = StoreHarness.load([root.path])
    #expect(snapshot.total == 3)
  }

  @Test func tiesKeepFileOrder() {
    let root = LogTree.temporaryFolder()
    let records = (0..<5).map { i in
      LogTree.record(time: "2024-05-01T10:00:00Z", name: "Call\(i)", eventID: "tie-\(i)")
    }
    LogTree.write(LogTree.recordsFile(records), to: "ties.json", under: root)
    let snapshot = StoreHarness.load([root.path])
    #expect((0..<snapshot.count).map { snapshot.event(at: $0).eventName } == (0..<5).map { "Call\($0)" })
  }
}
