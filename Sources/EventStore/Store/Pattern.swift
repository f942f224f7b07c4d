/// A case-insensitive whole-value pattern: `*` matches any run of characters, `?` any one character, and a
/// backslash takes the next character literally (`\*`, `\?`, `\\`).
public struct Pattern: Sendable, Equatable {
  /// A pattern element, with characters lowercased.
  enum Element: Equatable, Sendable {
    case literal(Character)
    case star
    case any
  }

  private let elements: [Element]
  /// The pattern as lowercased bytes when it is ASCII without CR (one byte per character), with `star` and `any`
  /// as negative codes: the fast path.
  private let ascii: [Int16]?

  /// Creates a pattern.
  public init(_ text: String) {
    var elements: [Element] = []
    var escaped = false
    for character in text.lowercased() {
      if escaped {
        elements.append(.literal(character))
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        elements.append(character == "*" ? .star : character == "?" ? .any : .literal(character))
      }
    }
    if escaped { elements.append(.literal("\\")) }
    self.elements = elements
    var bytes: [Int16]? = []
    for element in elements {
      switch element {
      case .star: bytes?.append(-1)
      case .any: bytes?.append(-2)
      case .literal(let c):
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1, scalar.value < 0x80, scalar != "\r"
        else {
          bytes = nil
          break
        }
        bytes?.append(Int16(scalar.value))
      }
    }
    ascii = bytes
  }

  /// True when the text has an unescaped wildcard.
  public static func hasWildcard(_ text: String) -> Bool {
    Pattern(text).elements.contains { $0 == .star || $0 == .any }
  }

  /// The exact text a pattern without wildcards stands for (escapes resolved, case kept); nil when it has one.
  public static func literal(_ text: String) -> String? {
    var out = ""
    var escaped = false
    for c in text {
      if escaped {
        out.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "*" || c == "?" {
        return nil
      } else {
        out.append(c)
      }
    }
    if escaped { out.append("\\") }
    return out
  }

  /// `text` with `\`, `*` and `?` escaped, so that the pattern matches exactly `text` (ignoring case).
  public static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      if c == "\\" || c == "*" || c == "?" { out.append("\\") }
      out.append(c)
    }
    return out
  }

  /// True when `value` matches the whole pattern, ignoring case.
  public func matches(_ value: String) -> Bool {
    if let ascii {
      var value = value
      if let verdict = value.withUTF8({ Self.matchASCII(ascii, $0) }) { return verdict }
    }
    return Self.glob(elements, Array(value.lowercased()), star: .star, any: .any) { .literal($0) }
  }

  @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 {
    b >= 65 && b <= 90 ? b | 0x20 : b
  }

  /// The same glob match over bytes, or nil when `value` is not ASCII without CR (then characters decide).
  static func matchASCII(_ pattern: [Int16], _ value: UnsafeBufferPointer<UInt8>) -> Bool? {
    for b in value where b >= 0x80 || b == 0x0D { return nil }
    return glob(pattern, value, star: -1, any: -2) { Int16(lowerASCII($0)) }
  }

  /// Whole-value glob match with `star` and `any` (backtracking to the last star), elements mapped by `map` first.
  static func glob<P: RandomAccessCollection, V: RandomAccessCollection>(
    _ pattern: P, _ value: V, star: P.Element, any: P.Element, map: (V.Element) -> P.Element
  ) -> Bool where P.Element: Equatable, P.Index == Int, V.Index == Int {
    var p = 0
    var s = 0
    var starAt = -1
    var mark = 0
    while s < value.count {
      if p < pattern.count && pattern[p] != star && (pattern[p] == any || pattern[p] == map(value[s])) {
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
