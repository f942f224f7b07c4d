/// A small deterministic pseudo-random generator (SplitMix64) for the demo account and `trailview-bench`'s trees.
///
/// The system generator is never used so that the same `now` and seed always give identical records.
public struct DemoRandom {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `range` (the range must not be empty).
  mutating func int(_ range: Range<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A uniform double in `0..<1`.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    unit() < p
  }

  /// A random element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T {
    items[int(0..<items.count)]
  }

  /// A lowercase GUID such as `3fcfb182-98f8-4744-bd45-10a395ab61cb` (version 4 layout).
  mutating func guid() -> String {
    let a = next()
    let b = next()
    let hi = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
    let lo = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    let h = DemoRandom.hex(hi, digits: 16)
    let l = DemoRandom.hex(lo, digits: 16)
    let hc = Array(h)
    let lc = Array(l)
    return String(hc[0..<8]) + "-" + String(hc[8..<12]) + "-" + String(hc[12..<16]) + "-" + String(lc[0..<4]) + "-"
      + String(lc[4..<16])
  }

  /// `count` characters from `alphabet`.
  mutating func token(_ count: Int, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") -> String {
    let chars = Array(alphabet)
    var out = ""
    for _ in 0..<count { out.append(chars[int(0..<chars.count)]) }
    return out
  }

  /// `value` as lowercase hex, zero-padded to `digits`.
  static func hex(_ value: UInt64, digits: Int) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - s.count)) + s
  }
}
