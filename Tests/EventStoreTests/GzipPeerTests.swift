import EventStore
import Foundation
import TestSupport
import Testing

/// The inflater (ISA-L for whole single-member files, zlib otherwise) against the system's `gzip` as the peer: every
/// input compressed by `gzip` at levels 1, 6 and 9 inflates to the original bytes, stored blocks and empty files too;
/// a changed CRC, a wrong size, a cut file and two members are each caught or read whole as zlib reads them.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip"), "gzip is not installed"))
struct GzipPeerTests {
  /// `bytes` compressed by /bin/gzip at `level`.
  static func gzip(_ bytes: [UInt8], level: Int) throws -> [UInt8] {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("in")
    try Data(bytes).write(to: file)
    let out = try Subprocess.run("/bin/gzip", ["-c", "-n", "-\(level)", file.path])
    try #require(out.status == 0)
    return out.stdout
  }

  /// Records of every kind the fixtures know, random text, runs and nothing.
  static func inputs() -> [[UInt8]] {
    var random = FixturesRNG(seed: 7)
    let records = (0..<400).map { n in
      LogTree.record(
        time: "2026-12-01T10:\(String(format: "%02d", n % 60)):00Z", name: "Event\(n % 17)",
        user: "user-\(random.next() % 50)", eventID: "id-\(n)-\(random.next())")
    }
    let noise = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return [
      Array(LogTree.recordsFile(records).utf8), noise, [UInt8](repeating: 0x41, count: 1 << 20), [], Array("{}".utf8),
    ]
  }

  @Test(arguments: [1, 6, 9])
  func gzipsOutputInflatesToTheOriginal(level: Int) throws {
    for input in Self.inputs() {
      let packed = try Self.gzip(input, level: level)
      let (bytes, error) = Gzip.inflate(packed, cap: 1 << 26)
      #expect(error == nil && bytes == input, "level \(level), \(input.count) bytes")
    }
  }

  @Test func damageIsCaughtAndTwoMembersAreReadWhole() throws {
    let input = Self.inputs()[0]
    let packed = try Self.gzip(input, level: 6)
    var badCRC = packed
    badCRC[packed.count - 8] ^= 0xFF
    #expect(Gzip.inflate(badCRC, cap: 1 << 26).error != nil)
    var badSize = packed
    badSize[packed.count - 4] ^= 0x01
    let sized = Gzip.inflate(badSize, cap: 1 << 26)
    #expect(sized.error != nil || sized.bytes == input)
    let cut = Gzip.inflate(Array(packed.dropLast(100)), cap: 1 << 26)
    #expect(cut.error == .truncated && !cut.bytes.isEmpty && input.starts(with: cut.bytes))
    let second = try Self.gzip(Array("tail".utf8), level: 6)
    let both = Gzip.inflate(packed + second, cap: 1 << 26)
    #expect(both.error == nil && both.bytes == input + Array("tail".utf8))
    #expect(Gzip.inflate(packed, cap: 1000).error == .tooLarge(cap: 1000))
  }
}
