/// A case-insensitive whole-value pattern with `*` and `?` wildcards.
public struct Pattern: Sendable, Equatable {
  private let characters: [Character]
  /// The pattern as lowercased bytes when it is ASCII without CR (one byte per character): the fast path.
  private let ascii: [UInt8]?

  /// Creates a pattern.
  public init(_ text: String) {
    characters = Array(text.lowercased())
    ascii = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.map(Self.lowerASCII) : nil
  }

  /// True when the text has a wildcard.
  public static func hasWildcard(_ text: String) -> Bool {
    text.contains("*") || text.contains("?")
  }

  /// True when `value` matches the whole pattern, ignoring case.
  public func matches(_ value: String) -> Bool {
    if let ascii {
      var value = value
      if let verdict = value.withUTF8({ Self.matchASCII(ascii, $0) }) { return verdict }
    }
    return Self.glob(characters, Array(value.lowercased()), star: "*", any: "?") { $0 }
  }

  @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 {
    b >= 65 && b <= 90 ? b | 0x20 : b
  }

  /// The same glob match over bytes, or nil when `value` is not ASCII without CR (then characters decide).
  static func matchASCII(_ pattern: [UInt8], _ value: UnsafeBufferPointer<UInt8>) -> Bool? {
    for b in value where b >= 0x80 || b == 0x0D { return nil }
    return glob(pattern, value, star: UInt8(ascii: "*"), any: UInt8(ascii: "?"), map: lowerASCII)
  }

  /// Whole-value glob match with `*` and `?` (backtracking to the last star), elements mapped by `map` first.
  static func glob<P: RandomAccessCollection, V: RandomAccessCollection>(
    _ pattern: P, _ value: V, star: P.Element, any: P.Element, map: (V.Element) -> P.Element
  ) -> Bool where P.Element: Equatable, P.Index == Int, V.Index == Int {
    var p = 0
    var s = 0
    var starAt = -1
    var mark = 0
    while s < value.count {
      if p < pattern.count && (pattern[p] == any || pattern[p] == map(value[s])) {
        p += 1
        s += 1
      } else if p < pattern.count && pattern[p] == star {
        starAt = p
        mark = s
        p += 1
      } else if starAt >= 0 {
        p = starAt + 1
        mark += 1
        s = mark
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == star { p += 1 }
    return p == pattern.count
  }
}
