import CloudTrailModel

/// One `field|modifiers: values` entry of a search.
struct SigmaFieldTest: Sendable {
  /// The field as written (`userIdentity.type`).
  var field: String
  /// Where it is in a record.
  var path: JSONPath
  /// What a value must satisfy: any of them, or every one with `all`.
  var matchers: [SigmaMatcher]
  var all = false
  /// `neq`: the field is present and matches none of the values.
  var negated = false

  func matches(_ fields: inout FieldCache) -> Bool {
    matches(fields.leaves(path), fields: &fields)
  }

  /// The test on given values of its field (a test that refers to another field finds that field absent).
  func decide(_ leaves: [JSONLeaf], semantics: SigmaSemantics) -> Bool {
    var nothing = FieldCache(record: [], semantics: semantics)
    return matches(leaves, fields: &nothing)
  }

  private func matches(_ leaves: [JSONLeaf], fields: inout FieldCache) -> Bool {
    func one(_ matcher: SigmaMatcher) -> Bool { matcher.matches(leaves, fields: &fields) }
    if negated { return !leaves.isEmpty && !matchers.contains(where: one) }
    return all ? matchers.allSatisfy(one) : matchers.contains(where: one)
  }
}

/// One value of a field test, compiled.
enum SigmaMatcher: Sendable {
  /// A string with Sigma's wildcards, compared ignoring case unless `cased`.
  case pattern(WildcardPattern)
  /// `re`.
  case regex(LinearRegex)
  /// `cidr`.
  case cidr(CIDRRange)
  /// `null`: the field is absent or null.
  case null
  /// `exists: true/false`.
  case exists(Bool)
  /// `fieldref`: equal to a value of another field.
  case fieldref(JSONPath)
  /// `lt`, `lte`, `gt`, `gte`.
  case compare(String, Double)

  func matches(_ leaves: [JSONLeaf], fields: inout FieldCache) -> Bool {
    switch self {
    case .null: return leaves.isEmpty || leaves.contains(.null)
    case .exists(let wanted):
      let present = fields.semantics.nullExists ? !leaves.isEmpty : leaves.contains { $0 != .null }
      return present == wanted
    case .pattern(let pattern):
      let exact = !fields.semantics.exactIgnoresCase && pattern.isExact
      return leaves.contains { leaf in leaf.text.map { exact ? pattern.equalsCased($0) : pattern.matches($0) } ?? false
      }
    case .regex(let regex): return leaves.contains { $0.text.map(regex.matches) ?? false }
    case .cidr(let range): return leaves.contains { $0.text.map(range.contains) ?? false }
    case .fieldref(let other):
      let theirs = Set(fields.leaves(other).compactMap(\.text))
      return leaves.contains { $0.text.map(theirs.contains) ?? false }
    case .compare(let op, let bound):
      return leaves.contains { leaf in
        guard let number = leaf.text.flatMap(Double.init) else { return false }
        switch op {
        case "lt": return number < bound
        case "lte": return number <= bound
        case "gt": return number > bound
        default: return number >= bound
        }
      }
    }
  }
}

/// A Sigma string value: `*` any run of characters, `?` one character, `\` escaping `*`, `?` and `\`.
struct WildcardPattern: Sendable {
  /// A piece of the pattern, its literals as Unicode scalars.
  typealias Piece = GlobPiece<Unicode.Scalar>

  let pieces: [Piece]
  let cased: Bool
  /// The value as written, without its escapes (for exact, case-sensitive comparison).
  let original: [Unicode.Scalar]
  /// The pieces as bytes, when every literal is ASCII (ASCII text is then matched byte by byte).
  let bytePieces: [BytePiece]?

  /// True when the value has no wildcards.
  var isExact: Bool { !pieces.contains { $0 == .any || $0 == .one } }

  /// Whether `text` is the value exactly, case included.
  func equalsCased(_ text: String) -> Bool { Array(text.unicodeScalars) == original }

  /// The pattern for `value` as Sigma writes it.
  init(_ value: String, cased: Bool) {
    var pieces: [Piece] = []
    var literal: [Unicode.Scalar] = []
    var scalars = value.unicodeScalars.makeIterator()
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = []
    }
    while let c = scalars.next() {
      switch c {
      case "*":
        flush()
        if pieces.last != .any { pieces.append(.any) }
      case "?":
        flush()
        pieces.append(.one)
      case "\\":
        // Only `\*`, `\?` and `\\` are escapes; any other backslash is itself.
        if let next = scalars.next() {
          if next == "*" || next == "?" || next == "\\" {
            literal.append(next)
          } else {
            literal.append(c)
            literal.append(next)
          }
        } else {
          literal.append(c)
        }
      default: literal.append(c)
      }
    }
    flush()
    self.original = pieces.flatMap { piece -> [Unicode.Scalar] in
      if case .literal(let scalars) = piece { return scalars }
      return []
    }
    self.pieces =
      cased
      ? pieces
      : pieces.map { piece in
        if case .literal(let scalars) = piece { return .literal(Self.fold(scalars)) }
        return piece
      }
    self.cased = cased
    self.bytePieces = Self.bytePieces(self.pieces)
  }

  /// Lower case, scalar by scalar (the comparison ignores case the simple way).
  static func fold(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    scalars.map { c in
      if c.isASCII {
        // The fast path: no Unicode tables for ASCII.
        return ("A"..."Z").contains(c) ? Unicode.Scalar(c.value | 0x20)! : c
      }
      let lower = c.properties.lowercaseMapping.unicodeScalars
      return lower.count == 1 ? lower.first! : c
    }
  }

  func matches(_ text: String) -> Bool {
    if let bytePieces, let answer = Self.matchASCII(bytePieces, text, fold: !cased) { return answer }
    let input = cased ? Array(text.unicodeScalars) : Self.fold(Array(text.unicodeScalars))
    return Self.glob(pieces, input) { $0 == $1 }
  }
}

/// An IPv4 or IPv6 network (`10.0.0.0/8`, `2001:db8::/32`).
struct CIDRRange: Sendable {
  let network: [UInt8]
  let prefix: Int

  init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let bits = Int(parts[1]), let address = Self.address(String(parts[0])),
      (0...(address.count * 8)).contains(bits)
    else { return nil }
    network = address
    prefix = bits
  }

  func contains(_ text: String) -> Bool {
    guard let address = Self.address(text), address.count == network.count else { return false }
    for bit in 0..<prefix {
      let mask = UInt8(0x80) >> UInt8(bit % 8)
      if address[bit / 8] & mask != network[bit / 8] & mask { return false }
    }
    return true
  }

  /// The bytes of an IPv4 or IPv6 address, nil when it is neither.
  static func address(_ text: String) -> [UInt8]? {
    if text.contains(":") { return ipv6(text) }
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for octet in octets {
      guard !octet.isEmpty, octet.count <= 3, let value = UInt8(octet) else { return nil }
      bytes.append(value)
    }
    return bytes
  }

  private static func ipv6(_ text: String) -> [UInt8]? {
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: String) -> [UInt16]? {
      part.isEmpty
        ? []
        : part.split(separator: ":", omittingEmptySubsequences: false).map { UInt16($0, radix: 16) }
          .reduce([UInt16]?([])) { list, group in group.flatMap { g in list.map { $0 + [g] } } }
    }
    guard let head = groups(halves[0]) else { return nil }
    var all = head
    if halves.count == 2 {
      guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
      all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    }
    guard all.count == 8 else { return nil }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
  }
}
