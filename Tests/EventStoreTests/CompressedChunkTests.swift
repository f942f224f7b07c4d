import Foundation
import TestSupport
import Testing

@testable import EventStore

@Suite struct CompressedChunkTests {
  static let root: URL = {
    let root = LogTree.temporaryFolder()
    for file in 0..<6 {
      let records = (0..<40).map { i in
        LogTree.record(
          time: String(format: "2024-05-0%dT10:%02d:00Z", file + 1, i), name: i % 2 == 0 ? "GetObject" : "PutObject",
          user: "user\(i % 5)", eventID: "c\(file)-\(i)", extra: i == 7 ? "\"marker\":\"Needle\(file)\"" : "")
      }
      LogTree.write(
        LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "2024050\(file + 1)T1045Z"), under: root, gzip: true)
    }
    return root
  }()

  @Test func compressedChunksGiveTheSameRecordsAndSearch() {
    let plain = StoreHarness.load([Self.root.path])
    let packed = StoreHarness.load([Self.root.path], plainBudget: 0)
    #expect(plain.count == 240 && packed.count == 240)
    for i in 0..<plain.count {
      #expect(Array(plain.record(at: i)) == Array(packed.record(at: i)))
    }
    let found = StoreHarness.load([Self.root.path], filter: EventFilter(search: "needle3"), plainBudget: 0)
    #expect(found.count == 1)
  }

  /// Search after loading, over files kept compressed whose events interleave in time (each file's rows are read
  /// together, chunk by chunk, in parallel): the same rows as a plain scan of the records, in the table's order.
  @Test func searchOverInterleavedCompressedFilesKeepsTheOrder() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var expected: [(time: String, id: String)] = []
    for file in 0..<5 {
      let records = (0..<60).map { i -> String in
        let time = String(format: "2024-05-01T10:%02d:%02dZ", i, file)
        let id = "f\(file)-\(i)"
        if (i + file) % 3 == 0 { expected.append((time, id)) }
        return LogTree.record(
          time: time, name: "GetObject", eventID: id, extra: (i + file) % 3 == 0 ? "\"marker\":\"NeedleX\"" : "")
      }
      LogTree.write(
        LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "20240501T110\(file)Z"), under: root, gzip: true)
    }
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load([root.path], into: store, plainBudget: 0)
    let loaded = try #require(collector.waitFinished())
    #expect(loaded.count == 300)
    let found = collector.refilter(store, EventFilter(search: "needlex"))
    let newestFirst = expected.sorted { $0.time > $1.time }.map(\.id)
    #expect(found.visible.map { found.text(.eventID, row: $0) } == newestFirst)
  }

  /// A chunk read through a scratch buffer gives its bytes whatever the buffer held before, and a chunk ISA-L's one-
  /// member path refuses (two gzip members) still gives all its bytes (zlib).
  @Test func scratchReadsGiveEachChunksOwnBytes() {
    let one = Array("first chunk, the longer of the two".utf8)
    let two = Array("second".utf8) + Array(" member".utf8)
    let chunks = [
      RecordChunk(gzip: Gzip.compress(one), size: one.count, source: "one"),
      RecordChunk(
        gzip: Gzip.compress(Array("second".utf8)) + Gzip.compress(Array(" member".utf8)), size: two.count,
        source: "two"),
      RecordChunk(bytes: Array("plain".utf8), source: "plain"),
    ]
    var scratch: [UInt8] = []
    let read = chunks.map { chunk in chunk.withBytes(scratch: &scratch) { Array($0) } }
    #expect(read == [one, two, Array("plain".utf8)])
    #expect(chunks[0].withBytes(scratch: &scratch) { Array($0) } == one)
  }

  @Test func chunksPastTheBudgetStayCompressed() {
    let chunk = RecordChunk(gzip: Gzip.compress(Array("hello world".utf8)), size: 11, source: "x")
    #expect(chunk.isCompressed)
    #expect(chunk.residentBytes < 40)
    #expect(chunk.bytes == Array("hello world".utf8))
    #expect(chunk.bytes == Array("hello world".utf8))
  }
}
