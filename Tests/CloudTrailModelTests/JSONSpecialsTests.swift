import TestSupport
import Testing

@testable import CloudTrailModel

/// The bitmap of quotes, backslashes and control bytes that ends strings with a bit scan, and the strings read with
/// it: the same as the byte-by-byte reading it replaces.
@Suite struct JSONSpecialsTests {
  /// Bytes drawn mostly from the ones that matter (quote, backslash, control, the bytes around them), else any.
  static func bytes(_ n: Int, _ rng: inout FixturesRNG) -> [UInt8] {
    let edges: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF, 0x0A]
    return (0..<n).map { _ in
      Int.random(in: 0..<3, using: &rng) == 0
        ? edges.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
    }
  }

  @Test func marksExactlyQuotesBackslashesAndControlBytes() {
    var rng = FixturesRNG(seed: 7)
    for n in Array(0...200) + [1023, 1024, 1025, 4099] {
      let buffer = Self.bytes(n, &rng)
      let marked: [Bool] = buffer.withUnsafeBufferPointer { b in
        JSONSpecials.with(b) { bits in
          (0..<(n / 64 + 1) * 64).map { k in bits[k / 64] & (1 << UInt64(k % 64)) != 0 }
        }
      }
      for k in 0..<n {
        let b = buffer[k]
        #expect(marked[k] == (b == 0x22 || b == 0x5C || b < 0x20), "byte \(k) of \(n): \(b)")
      }
      #expect(marked[n], "the stop bit at \(n)")
      #expect(!marked[(n + 1)...].contains(true), "no bit past the stop, length \(n)")
    }
  }

  /// What reading a string at `offset` gives: its reference and where the cursor ends, or the error.
  static func read(_ buffer: [UInt8], at offset: Int, bitmap: Bool) -> String {
    buffer.withUnsafeBufferPointer { b in
      func run(_ specials: UnsafePointer<UInt64>?) -> String {
        var cursor = JSONCursor(b, at: offset, specials: specials)
        do throws(ScanError) {
          let ref = try cursor.string()
          return "\(ref.start)..<\(ref.end) escapes \(ref.hasEscapes) next \(cursor.i)"
        } catch {
          return "error at \(error.offset): \(error.reason)"
        }
      }
      return bitmap ? JSONSpecials.with(b) { run($0) } : run(nil)
    }
  }

  @Test func stringsEndWhereTheByteLoopEndsThem() {
    var rng = FixturesRNG(seed: 11)
    let pieces: [[UInt8]] = [
      Array("abc".utf8), Array("\\\"".utf8), Array("\\\\".utf8), Array("\\u00e9".utf8), Array("\\u12".utf8),
      Array("\\x".utf8), [0x01], [0x1F], Array("é".utf8), Array(String(repeating: "z", count: 70).utf8), [0x22],
    ]
    var cases = 0
    for _ in 0..<3000 {
      // A quote at a random offset (up to two 64-byte blocks in), then a random run of pieces, sometimes unclosed.
      let pad = Int.random(in: 0..<130, using: &rng)
      var buffer = [UInt8](repeating: 0x20, count: pad) + [0x22]
      for _ in 0..<Int.random(in: 0..<6, using: &rng) { buffer += pieces.randomElement(using: &rng)! }
      if Int.random(in: 0..<5, using: &rng) > 0 { buffer.append(0x22) }
      buffer += Self.bytes(Int.random(in: 0..<70, using: &rng), &rng)
      #expect(Self.read(buffer, at: pad, bitmap: true) == Self.read(buffer, at: pad, bitmap: false))
      cases += 1
    }
    #expect(cases == 3000)
  }
}
