import AWSClient
import EventStore
import Foundation
import Synchronization
import TestSupport
import Testing

/// Reading a trail's bucket in place from moto's S3 (trees uploaded with the real AWS CLI): every event of the
/// layout's log files loads, whatever else the bucket holds; a time window lists only its days (counted in the
/// client's own log of ListObjectsV2 calls); and a missing bucket is named while nothing else breaks.
@Suite(
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct S3SourceMotoTests {
  /// Days 2026-11-28 to 2026-12-02, two regions, an account and an organization's account, a file per day and
  /// region; plus a digest and a file outside the layout. Returns each event's ID by day.
  static func upload(_ moto: MotoServer) async throws -> [String: [String]] {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var byDay: [String: [String]] = [:]
    for day in 28...32 {
      let date = day <= 30 ? "202611\(day)" : "2026120\(day - 30)"
      for (region, org) in [("us-east-1", nil), ("eu-west-1", "o-abc123defg")] as [(String, String?)] {
        let ids = (0..<3).map { "\(date)-\(region)-\(org ?? "acct")-\($0)" }
        let time = "\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.suffix(2))T10:0\(day % 10):00Z"
        let records = ids.map { LogTree.record(time: time, name: "ListBuckets", region: region, eventID: $0) }
        LogTree.write(
          LogTree.recordsFile(records), to: "logs/" + LogTree.s3Key(region: region, stamp: date + "T1005Z", org: org),
          under: folder, gzip: true)
        byDay[date, default: []] += ids
      }
    }
    LogTree.write(
      "{\"digestStartTime\":\"x\"}",
      to: "logs/AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/01/d.json.gz", under: folder, gzip: true)
    LogTree.write(LogTree.recordsFile([]), to: "logs/elsewhere/not-a-trail.json", under: folder)
    let out = try await FakeAWSCLI.cloudtrail(
      ["cp", "--recursive", folder.path + "/logs", "s3://trail-bucket/team/"], service: "s3", endpoint: moto.endpoint,
      accessKey: moto.accessKeyId, secret: moto.secretAccessKey)
    #expect(out.status == 0, "\(out.stderr)")
    return byDay
  }

  static func load(_ moto: MotoServer, _ url: String, window: (Int64?, Int64)) -> (EventSnapshot?, [String]) {
    let (snapshot, operations, _) = loadWatching(moto, url, window: window)
    return (snapshot, operations)
  }

  /// ``load(_:_:window:)``, also returning each published snapshot's progress.
  static func loadWatching(_ moto: MotoServer, _ url: String, window: (Int64?, Int64)) -> (
    EventSnapshot?, [String], [LoadProgress]
  ) {
    let operations = OperationLog()
    let seen = Mutex<[LoadProgress]>([])
    let client = S3Client(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey)),
      operationLog: { operations.add($0) })
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { update in
      if case .snapshot(let snapshot) = update { seen.withLock { $0.append(snapshot.progress) } }
      collector.take(update)
    }
    let (bucket, prefix) = S3Source.parse(url)!
    S3Source(bucket: bucket, prefix: prefix, client: client, window: window, into: store).start(filter: EventFilter())
    let finished = collector.waitFinished()
    return (finished, operations.all, seen.withLock { $0 })
  }

  @Test func everyLogFileOfTheLayoutLoads() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let byDay = try await Self.upload(moto)
    let (loaded, operations, progress) = Self.loadWatching(
      moto, "s3://trail-bucket/team", window: (nil, 1_796_300_000))
    let snapshot = try #require(loaded)
    // Progress: the keys found while listing, then the objects to fetch counted.
    #expect(progress.contains { $0.activity == "listing keys: 10 found" && $0.total == 10 && $0.done == 0 })
    #expect(progress.last?.done == 10 && progress.last?.activity == nil)
    let ids = Set(snapshot.visible.map { snapshot.text(.eventID, row: $0) })
    #expect(ids == Set(byDay.values.joined()))
    #expect(snapshot.progress.problems.isEmpty, "\(snapshot.progress.problems)")
    // Newest first: the table's first row is from the last day.
    #expect(snapshot.visible.first.map { snapshot.text(.eventID, row: $0).hasPrefix("20261202") } == true)
    #expect(operations.filter { $0 == "GetObject" }.count == 10)
  }

  @Test func aWindowListsOnlyItsDays() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let byDay = try await Self.upload(moto)
    // 2026-11-30 00:00 to 2026-11-30 23:00: that day and the next (delivery can spill over midnight).
    let start: Int64 = 1_795_996_800
    let (loaded, operations) = Self.load(moto, "s3://trail-bucket/team/", window: (start, start + 23 * 3600))
    let snapshot = try #require(loaded)
    let ids = Set(snapshot.visible.map { snapshot.text(.eventID, row: $0) })
    #expect(ids == Set(byDay["20261130"]! + byDay["20261201"]!))
    // AWSLogs/, the organization, 2 accounts x (CloudTrail/, CloudTrail-Insight/), then 2 days in each of the 2
    // regions: 1 + 1 + 4 + 4 = 10 listings, however many days the bucket holds.
    #expect(operations.filter { $0 == "ListObjectsV2" }.count == 10)
    #expect(operations.filter { $0 == "GetObject" }.count == 4)
  }

  @Test func aMissingBucketIsNamed() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let (loaded, _) = Self.load(moto, "s3://no-such-bucket/x", window: (nil, 1_796_300_000))
    let snapshot = try #require(loaded)
    #expect(snapshot.total == 0)
    let problem = try #require(snapshot.progress.problems.first)
    #expect(problem.source == "s3://no-such-bucket/x/AWSLogs/" && problem.reason.contains("NoSuchBucket"), "\(problem)")
  }
}

extension S3SourceMotoTests {
  /// `trailview --print s3://...` end to end, with `--start-time` and `--end-time` as the window: the window's events print, and the
  /// `-vv` log shows the listings of its days only.
  @Test(.enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
  func printReadsTheBucketForTheWindow() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let byDay = try await Self.upload(moto)
    let out = try await LiveTrailview.run(
      [
        "--print", "--format", "ndjson", "-vv", "--start-time", "2026-11-30T00:00:00Z", "--end-time",
        "2026-11-30T23:00:00Z",
        "s3://trail-bucket/team/",
      ], endpoint: moto.endpoint, key: moto.accessKeyId, secret: moto.secretAccessKey)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(Set(out.eventIDs) == Set(byDay["20261130"]!))
    #expect(out.stderr.components(separatedBy: "s3: ListObjectsV2").count - 1 == 10, "\(out.stderr)")
    #expect(out.stderr.components(separatedBy: "s3: GetObject").count - 1 == 4)
  }
}
