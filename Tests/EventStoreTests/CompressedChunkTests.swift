import EventStore
import Foundation
import TestSupport
import Testing

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

  @Test func chunksPastTheBudgetStayCompressed() {
    let chunk = RecordChunk(gzip: Gzip.compress(Array("hello world".utf8)), size: 11, source: "x")
    #expect(chunk.isCompressed)
    #expect(chunk.residentBytes < 40)
    #expect(chunk.bytes == Array("hello world".utf8))
    #expect(chunk.bytes == Array("hello world".utf8))
  }
}
