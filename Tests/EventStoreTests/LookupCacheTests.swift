import CloudTrailModel
import Foundation
import TestSupport
import Testing

@testable import EventStore

/// The LookupEvents cache: which parts of a window it covers, what it gives back, how it keeps its files private,
/// and what it does with a broken or oversized file.
@Suite struct LookupCacheTests {
  static func record(_ time: Int64, id: String) -> String {
    LogTree.record(time: EventTime.formatISO(time), name: "GetObject", eventID: id)
  }

  static func id(of line: String) -> String {
    ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["eventID"] as? String ?? ""
  }

  static func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  @Test func gapsAreThePartsOfTheWindowNotCoveredNewestFirst() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = try LookupCache(folder: folder.path + "/aws/123/us-east-1", category: "management")
    #expect(cache.gaps(from: 50, to: 300).map { [$0.start, $0.end] } == [[50, 300]])
    cache.cover(100, 200)
    cache.cover(201, 220)  // touching ranges join
    #expect(cache.covered == [100...220])
    #expect(cache.gaps(from: 50, to: 300).map { [$0.start, $0.end] } == [[221, 300], [50, 99]])
    #expect(cache.gaps(from: 120, to: 180).isEmpty)
    #expect(cache.gaps(from: nil, to: 150).map { [$0.start, $0.end] } == [[nil, 99]])
    cache.cover(250, 260)
    #expect(cache.gaps(from: 0, to: 300).map { [$0.start, $0.end] } == [[261, 300], [221, 249], [0, 99]])
    // Read back from the file by another instance.
    let again = try LookupCache(folder: folder.path + "/aws/123/us-east-1", category: "management")
    _ = again.load(from: nil, to: 1000)
    #expect(again.covered == [100...220, 250...260])
  }

  @Test func eventsComeBackInTheWindowFromPrivateFiles() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.path + "/cache/aws/123/eu-west-1"
    let cache = try LookupCache(folder: path, category: "management")
    cache.append([Self.record(1_000, id: "a"), Self.record(2_000, id: "b"), Self.record(3_000, id: "c")])
    cache.cover(500, 3_500)
    let loaded = cache.load(from: 1_500, to: 3_000)
    #expect(loaded.problem == nil && loaded.count == 2)
    let ids = RecordScanner.scan(loaded.records).records.map { record in
      record.fields[.eventID].decode(in: RecordScanner.scan(loaded.records).buffer)
    }
    #expect(Set(ids) == ["b", "c"])
    for folder in [folder.path + "/cache", folder.path + "/cache/aws", path] { #expect(try Self.mode(folder) == 0o700) }
    #expect(try Self.mode(cache.eventsPath) == 0o600)
    #expect(try Self.mode(cache.coveragePath) == 0o600)
  }

  @Test(arguments: ["cut", "garbage", "ranges"])
  func aBrokenFileIsNamedAndRebuilt(_ damage: String) throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = try LookupCache(folder: folder.path, category: "management")
    cache.append([Self.record(1_000, id: "a"), Self.record(2_000, id: "b")])
    cache.cover(500, 2_500)
    switch damage {
    case "cut": _ = try FileHandle(forWritingAtPath: cache.eventsPath).map { try $0.truncate(atOffset: 30) }
    case "garbage": _ = FileManager.default.createFile(atPath: cache.eventsPath, contents: Data("{\"no\n".utf8))
    default: _ = FileManager.default.createFile(atPath: cache.coveragePath, contents: Data("[1,2]".utf8))
    }
    let loaded = cache.load(from: nil, to: 10_000)
    let broken = damage == "ranges" ? cache.coveragePath : cache.eventsPath
    #expect(loaded.problem?.hasPrefix(broken + ": ") == true, "\(loaded.problem ?? "")")
    #expect(loaded.problem?.hasSuffix("the cache was rebuilt") == true)
    #expect(loaded.count == 0 && cache.covered.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: cache.eventsPath))
    // It goes on empty.
    cache.append([Self.record(3_000, id: "c")])
    #expect(cache.load(from: nil, to: 10_000).count == 1)
  }

  @Test func repeatsAreDroppedAndPastTheBoundTheOldestGo() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let one = Self.record(0, id: "x").utf8.count + 1
    let cache = try LookupCache(folder: folder.path, category: "management", maxBytes: one * 12)
    let records = (0..<8).map { Self.record(Int64(1_000 + $0 * 100), id: "e\($0)") }
    cache.append(records)
    cache.append(Array(records.suffix(3)))  // an overlap fetched twice
    cache.cover(1_000, 1_700)
    #expect(cache.load(from: nil, to: 10_000).count == 8)
    let text = try String(contentsOfFile: cache.eventsPath, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 8, "rewritten without the repeats")
    // Past the bound (12 records' worth): the newest events that fit in half of it are kept, and the time of the
    // dropped ones is no longer covered.
    cache.append((8..<14).map { Self.record(Int64(1_000 + $0 * 100), id: "e\($0)") })
    cache.cover(1_800, 2_300)
    let loaded = cache.load(from: nil, to: 10_000)
    let text2 = try String(contentsOfFile: cache.eventsPath, encoding: .utf8)
    #expect(text2.utf8.count <= one * 6 && loaded.count >= 4 && loaded.count < 7, "\(loaded.count)")
    let kept = text2.split(separator: "\n").map { LookupCacheTests.id(of: String($0)) }
    let newest = (0..<14).reversed().prefix(loaded.count).map { "e\($0)" }
    #expect(Set(kept) == Set(newest))
    // Covered from just after the newest event dropped (nothing happened between it and the oldest kept).
    let newestDropped = Int64(1_000 + (13 - loaded.count) * 100)
    #expect(cache.covered == [(newestDropped + 1)...2_300], "\(cache.covered)")
  }
}
