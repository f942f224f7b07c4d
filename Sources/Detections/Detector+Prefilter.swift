#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A cheap test that rules out most records before a rule reads any field: the literals one of which must occur in
/// the record's bytes (ASCII, compared ignoring case) for the rule to match.
///
/// Worked out from the condition: a search needs one literal of one of its tests' values (each alternative
/// contributes its most selective test), `and` takes its most selective part, `or` needs every part to have
/// literals, and `not`, regexes, CIDR ranges, `exists`, `null` and field references give none (no prefilter). A record
/// with a `\u` escape is never ruled out: escaped text would hide a literal that the decoded value holds.
struct Prefilter: Sendable {
  /// Lower-cased ASCII literals; the record must contain one.
  let literals: [[UInt8]]

  init?(_ rule: SigmaRule) {
    guard let found = Self.literals(rule.condition, rule.searches), !found.isEmpty else { return nil }
    literals = found
  }

  /// Whether the record (lower-cased) may match.
  func admits(_ lowered: [UInt8]) -> Bool {
    literals.contains { Self.contains(lowered, $0) }
  }

  static func literals(_ condition: SigmaCondition, _ searches: [String: SigmaSearch]) -> [[UInt8]]? {
    switch condition {
    case .search(let name): return searches[name].flatMap(literals)
    case .not: return nil
    case .and(let parts):
      return parts.compactMap { literals($0, searches) }.max(by: { selectivity($0) < selectivity($1) })
    case .or(let parts):
      var all: [[UInt8]] = []
      for part in parts {
        guard let found = literals(part, searches) else { return nil }
        all += found
      }
      return all
    }
  }

  private static func literals(_ search: SigmaSearch) -> [[UInt8]]? {
    var all: [[UInt8]] = []
    for tests in search.alternatives {
      guard let best = tests.compactMap(literals).max(by: { selectivity($0) < selectivity($1) }) else { return nil }
      all += best
    }
    return all
  }

  /// The test's literals: one per value (the value's longest literal piece); nil when a value has none.
  private static func literals(_ test: SigmaFieldTest) -> [[UInt8]]? {
    guard !test.negated else { return nil }
    var found: [[UInt8]] = []
    for matcher in test.matchers {
      guard case .pattern(let pattern) = matcher else { return nil }
      let pieces = pattern.pieces.compactMap { piece -> [Unicode.Scalar]? in
        if case .literal(let scalars) = piece { return scalars }
        return nil
      }
      guard let longest = pieces.max(by: { $0.count < $1.count }), longest.count >= 3,
        longest.allSatisfy({ $0.isASCII && $0 != "\\" && $0 != "\"" && $0 != "/" })
      else { return nil }
      found.append(longest.map { UInt8(ascii: $0).lowercasedASCII })
    }
    return test.all ? found.max(by: { $0.count < $1.count }).map { [$0] } : found
  }

  /// How much a set of alternatives narrows: the shortest literal counts most, and fewer alternatives are better.
  private static func selectivity(_ literals: [[UInt8]]) -> Int {
    (literals.map(\.count).min() ?? 0) * 16 - literals.count
  }

  /// The bytes with `A`–`Z` lower-cased, in one pass the compiler can vectorize.
  static func lowered(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    bytes.withUnsafeBufferPointer { source in
      [UInt8](unsafeUninitializedCapacity: source.count) { out, n in
        for i in 0..<source.count {
          let b = source[i]
          out[i] = b | (b &- 0x41 < 26 ? 0x20 : 0)
        }
        n = source.count
      }
    }
  }

  /// Substring search: the C library's `memchr` finds each place the first byte occurs, `memcmp` checks the rest.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBytes { h in
      needle.withUnsafeBytes { n in
        let start = h.baseAddress!
        var offset = 0
        let last = h.count - n.count
        while offset <= last {
          guard let hit = memchr(start + offset, Int32(first), last - offset + 1) else { return false }
          let at = start.distance(to: UnsafeRawPointer(hit))
          if memcmp(start + at, n.baseAddress!, n.count) == 0 { return true }
          offset = at + 1
        }
        return false
      }
    }
  }
}

extension UInt8 {
  /// `A`–`Z` as `a`–`z`; other bytes as they are.
  var lowercasedASCII: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}
