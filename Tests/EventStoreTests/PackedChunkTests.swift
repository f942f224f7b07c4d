import Foundation
import TestSupport
import Testing

@testable import EventStore

/// Chunks repacked as zstd once a store settles: the frames are real zstd (the `zstd` command reads ours and we read
/// its), and a packed store gives the same records, search results and order as one that keeps everything plain.
@Suite struct PackedChunkTests {
  static let zstdTool = ["/usr/bin/zstd", "/bin/zstd"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Records, random bytes, a run and almost nothing.
  static func inputs() -> [[UInt8]] {
    var random = FixturesRNG(seed: 11)
    let records = (0..<300).map { n in
      LogTree.record(
        time: "2026-12-01T11:\(String(format: "%02d", n % 60)):00Z", name: "Event\(n % 13)",
        user: "user-\(random.next() % 40)", eventID: "id-\(n)-\(random.next())")
    }
    let noise = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return [Array(LogTree.recordsFile(records).utf8), noise, [UInt8](repeating: 0x7B, count: 1 << 20), [0x41]]
  }

  @Test(.enabled(if: zstdTool != nil, "the zstd command is not installed"))
  func framesAgreeWithTheZstdCommand() throws {
    let tool = try #require(Self.zstdTool)
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (n, input) in Self.inputs().enumerated() {
      var scratch: [UInt8] = []
      let ours = try #require(Zstd.compress(input[...], scratch: &scratch))
      let packed = folder.appendingPathComponent("ours-\(n).zst")
      try Data(ours).write(to: packed)
      let read = try Subprocess.run(tool, ["-d", "-c", "-q", packed.path])
      #expect(read.status == 0 && read.stdout == input, "input \(n): the zstd command reads our frame back")

      let plain = folder.appendingPathComponent("plain-\(n)")
      try Data(input).write(to: plain)
      let theirs = try Subprocess.run(tool, ["-c", "-q", "-19", plain.path])
      try #require(theirs.status == 0)
      var out = [UInt8](repeating: 0xEE, count: input.count + 7)
      #expect(Zstd.decompress(theirs.stdout, into: &out, size: input.count), "input \(n)")
      #expect(Array(out[0..<input.count]) == input)
      // Another size than the frame holds, or a damaged frame, is refused.
      #expect(!Zstd.decompress(theirs.stdout, into: &out, size: input.count + 1))
      var damaged = theirs.stdout
      damaged[damaged.count / 2] ^= 0x55
      damaged.removeLast(3)
      #expect(!Zstd.decompress(damaged, into: &out, size: input.count))
    }
  }

  /// Each kind of chunk repacks to the same bytes: gzip always, plain when smaller (random bytes stay plain), a
  /// two-member gzip (ISA-L's path refuses it, zlib reads it) too; a second pass changes nothing.
  @Test func chunksRepackToTheSameBytes() {
    let inputs = Self.inputs()
    let chunks =
      inputs.map { RecordChunk(gzip: Gzip.compress($0), size: $0.count, source: "gzip") }
      + inputs.map { RecordChunk(bytes: $0, source: "plain") }
      + [
        RecordChunk(
          gzip: Gzip.compress(inputs[0]) + Gzip.compress(inputs[2]), size: inputs[0].count + inputs[2].count,
          source: "two members")
      ]
    var (scratch, packed): ([UInt8], [UInt8]) = ([], [])
    let repacked = chunks.map { $0.pack(scratch: &scratch, packed: &packed) }
    #expect(repacked == [true, true, true, true, true, false, true, false, true])
    for (chunk, input) in zip(chunks, inputs + inputs + [inputs[0] + inputs[2]]) {
      #expect(chunk.bytes == input, "\(chunk.source)")
      #expect(chunk.withBytes(scratch: &scratch) { Array($0) } == input, "\(chunk.source)")
    }
    #expect(chunks[6].residentBytes < inputs[2].count / 100)
    #expect(chunks.allSatisfy { !$0.pack(scratch: &scratch, packed: &packed) })
  }

  /// A store that packs (everything past a zero plain budget arrives as gzip) and one that keeps everything plain:
  /// after packing, every record, the order and a search's rows are the same, and every chunk is zstd.
  @Test func aPackedStoreReadsLikeAPlainOne() throws {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for file in 0..<8 {
      let records = (0..<50).map { i in
        LogTree.record(
          time: String(format: "2024-06-0%dT%02d:%02d:00Z", file % 3 + 1, i % 24, file), name: "GetObject",
          user: "user\(i % 7)", eventID: "p\(file)-\(i)", extra: (i + file) % 9 == 0 ? "\"note\":\"NeedleZ\"" : "")
      }
      LogTree.write(
        LogTree.recordsFile(records), to: LogTree.s3Key(stamp: "2024060\(file % 3 + 1)T10\(file)0Z"), under: root,
        gzip: true)
    }
    let plain = StoreHarness.load([root.path], plainBudget: 1 << 30)
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5, packingChunks: true) { collector.take($0) }
    LogFileSource.load([root.path], into: store, plainBudget: 0)
    let loaded = try #require(collector.waitFinished())
    let packed = DispatchSemaphore(value: 0)
    store.whenPacked { packed.signal() }
    packed.wait()
    #expect(loaded.count == 400 && plain.count == 400)
    #expect(loaded.chunks.allSatisfy { $0.isZstd })
    for row in 0..<plain.count {
      #expect(Array(loaded.record(at: row)) == Array(plain.record(at: row)))
    }
    let found = collector.refilter(store, EventFilter(search: "needlez"))
    let expected = StoreHarness.load([root.path], filter: EventFilter(search: "needlez"), plainBudget: 1 << 30)
    #expect(found.count == expected.count && found.count > 0)
    #expect(
      found.visible.map { found.text(.eventID, row: $0) } == expected.visible.map { expected.text(.eventID, row: $0) })
  }

  /// A store that does not pack answers `whenPacked` at once and keeps its gzip chunks.
  @Test func aStoreThatDoesNotPackKeepsGzip() throws {
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load([CompressedChunkTests.root.path], into: store, plainBudget: 0)
    let loaded = try #require(collector.waitFinished())
    let packed = DispatchSemaphore(value: 0)
    store.whenPacked { packed.signal() }
    packed.wait()
    #expect(loaded.chunks.allSatisfy { $0.isCompressed && !$0.isZstd })
  }
}
