import TestSupport
import Testing

@testable import EventStore

/// Text search's byte scan (sixteen positions per step, in C) against the plainest reference: lowercase the ASCII
/// letters of both and compare at every position.
@Suite struct NeedleSearchTests {
  static func reference(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    func lower(_ b: UInt8) -> UInt8 { (65...90).contains(b) ? b + 32 : b }
    let (h, n) = (hay.map(lower), needle.map(lower))
    if n.isEmpty { return true }
    if h.count < n.count { return false }
    return (0...(h.count - n.count)).contains { Array(h[$0..<$0 + n.count]) == n }
  }

  /// Needles of one to five bytes from a small alphabet (letters in both cases, the bytes 0x20 apart from them, `@`,
  /// `[`, `{`, high bytes) in haystacks of every length around the sixteen-byte steps, at every offset of a slice.
  @Test func agreesWithTheReferenceOnRandomBytes() {
    let alphabet: [UInt8] = Array("aAbB@[`{zZ-0".utf8) + [0xC3, 0xE1, 0xC1, 0x00]
    var random = FixturesRNG(seed: 5)
    func pick(_ count: Int) -> [UInt8] {
      (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
    }
    var found = 0
    for round in 0..<4000 {
      let hay = pick(Int(random.next() % 70))
      var needle = pick(1 + Int(random.next() % 5))
      if round % 3 == 0, hay.count > 6 {
        // A needle taken from the haystack, its letters' case flipped at random.
        let start = Int(random.next() % UInt64(hay.count - 5))
        needle = hay[start..<start + 1 + Int(random.next() % 5)].map { random.next() % 2 == 0 ? $0 ^ 0x20 : $0 }
      }
      let lowered = needle.map { (65...90).contains($0) ? $0 + 32 : $0 }
      let drop = hay.isEmpty ? 0 : Int(random.next() % UInt64(min(hay.count, 4)))
      let expected = Self.reference(Array(hay.dropFirst(drop)), lowered)
      #expect(CompiledFilter.contains(hay[drop...], needle: lowered) == expected, "\(hay) \(needle) from \(drop)")
      if expected { found += 1 }
    }
    #expect(found > 500)
  }

  /// A match in the last position, across a step boundary, and none when the needle runs past the end.
  @Test func findsMatchesAtTheEdges() {
    for length in 1..<40 {
      for at in 0..<length {
        var hay = [UInt8](repeating: UInt8(ascii: "x"), count: length)
        let needle = Array("AcCe".utf8.prefix(length - at))
        hay.replaceSubrange(at..<at + needle.count, with: needle)
        let lowered = Array("acce".utf8.prefix(needle.count))
        #expect(CompiledFilter.contains(hay[...], needle: lowered), "length \(length) at \(at)")
        #expect(
          CompiledFilter.contains(hay[...], needle: Array("acce!".utf8)) == false, "length \(length) at \(at)")
      }
    }
    #expect(CompiledFilter.contains([][...], needle: []))
    #expect(!CompiledFilter.contains([][...], needle: [0x61]))
  }
}
