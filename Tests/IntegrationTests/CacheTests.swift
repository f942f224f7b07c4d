import Foundation
import TestSupport
import Testing

/// The local cache against the fake: a second run shows what the first fetched and asks only for what is newer
/// (the fake's request log has each LookupEvents window); a wider window asks only for what the cache lacks; a cut
/// cache file is named and rebuilt; nothing secret is written.
@Suite(
  .serialized, .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: LiveTrailview.binary != nil, "\(LiveTrailview.missingMessage)"))
struct CacheTests {
  static func lookups(_ server: FakeServer, after count: Int) -> [(start: Int64?, end: Int64?)] {
    LiveTrailview.windows(server.log).dropFirst(count).filter { $0.operation == "LookupEvents" }.map {
      ($0.start, $0.end)
    }
  }

  /// `--start-time` some days before now: runs a few seconds apart then see the same window (`--since` would slide).
  static func since(days: Int64) -> [String] {
    let start = Int64(Date().timeIntervalSince1970) - days * 86_400
    return ["--start-time", Date(timeIntervalSince1970: TimeInterval(start)).formatted(.iso8601)]
  }

  @Test func aReopenedSessionAsksOnlyForWhatIsNewer() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000"])
    defer { server.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = ["--cache-dir", folder.path]
    let twoDays = Self.since(days: 2)
    let first = try await LiveTrailview.run(["--print"] + twoDays + cache, endpoint: server.endpoint)
    #expect(first.status == 0, "\(first.stderr)")
    let firstLookups = Self.lookups(server, after: 0)
    #expect(firstLookups.count > 5)
    let fetchedUpTo = try #require(firstLookups.compactMap(\.end).max())
    let before = LiveTrailview.windows(server.log).count
    let second = try await LiveTrailview.run(["--print"] + twoDays + cache, endpoint: server.endpoint)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(Set(second.eventIDs) == Set(first.eventIDs) && second.eventIDs.count == first.eventIDs.count)
    // One request, for the newest minutes only: from the first run's end back over the delivery delay.
    let again = Self.lookups(server, after: before)
    #expect(again.count == 1, "\(again)")
    #expect(again.first?.start.map { $0 >= fetchedUpTo - 600 - 2 } == true, "\(again) after \(fetchedUpTo)")
    // Three days: besides the newest minutes, only the older day is asked for.
    let wider = LiveTrailview.windows(server.log).count
    let threeDays = Self.since(days: 3)
    let third = try await LiveTrailview.run(["--print"] + threeDays + cache, endpoint: server.endpoint)
    let thirdLookups = Self.lookups(server, after: wider)
    let uncached = try await LiveTrailview.run(["--print", "--no-cache"] + threeDays, endpoint: server.endpoint)
    #expect(third.status == 0 && Set(third.eventIDs) == Set(uncached.eventIDs), "\(third.stderr)")
    #expect(third.eventIDs.count == uncached.eventIDs.count && uncached.eventIDs.count > first.eventIDs.count)
    let covered = (fetchedUpTo - 2 * 86_400 + 5)...(fetchedUpTo - 600 - 5)
    for window in thirdLookups {
      // No request reaches into what the first run covered.
      let (start, end) = (window.start ?? 0, window.end ?? Int64.max)
      #expect(end < covered.lowerBound || start > covered.upperBound, "\(window) vs \(covered)")
    }
    #expect(thirdLookups.count < firstLookups.count + 2, "\(thirdLookups.count) requests")
    // Private files, and nothing secret in them.
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
    #expect(files.contains { $0.hasSuffix("/us-east-1/management.ndjson") }, "\(files)")
    for file in files {
      let path = folder.path + "/" + file
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      let mode = attributes[.posixPermissions] as? Int
      #expect(mode == (attributes[.type] as? FileAttributeType == .typeDirectory ? 0o700 : 0o600), "\(file)")
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      #expect(!text.contains(LiveTrailview.secret) && !text.contains(LiveTrailview.key) && !text.contains("Signature="))
    }
  }

  @Test func aCutCacheFileIsNamedAndRebuilt() async throws {
    let server = try FakeServer(["--demo", "--rate", "1000"])
    defer { server.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = ["--cache-dir", folder.path]
    let oneDay = Self.since(days: 1)
    let first = try await LiveTrailview.run(["--print"] + oneDay + cache, endpoint: server.endpoint)
    let file = try #require(
      try FileManager.default.subpathsOfDirectory(atPath: folder.path).first { $0.hasSuffix("management.ndjson") })
    let path = folder.path + "/" + file
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: try handle.seekToEnd() - 40)
    try handle.close()
    let second = try await LiveTrailview.run(["--print"] + oneDay + cache, endpoint: server.endpoint)
    #expect(second.status == 0, "a rebuilt cache is not a failure: \(second.stderr)")
    #expect(second.stderr.contains("\(path): cut short (the last line is incomplete); the cache was rebuilt"))
    #expect(Set(second.eventIDs) == Set(first.eventIDs) && second.eventIDs.count == first.eventIDs.count)
    // Rebuilt whole: a third run needs only the newest minutes again.
    let before = LiveTrailview.windows(server.log).count
    let third = try await LiveTrailview.run(["--print"] + oneDay + cache, endpoint: server.endpoint)
    let problems = third.stderr.split(separator: "\n").filter { !$0.hasPrefix("trailview: note:") }
    #expect(problems.isEmpty && Self.lookups(server, after: before).count == 1, "\(third.stderr)")
  }
}
