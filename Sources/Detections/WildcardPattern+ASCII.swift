/// Wildcard matching on ASCII text without building arrays of Unicode scalars: the common case (user agents, ARNs,
/// event names, JSON text), checked byte by byte with ASCII case folding. Text with any other character goes the
/// general way, where folding follows Unicode.
extension WildcardPattern {
  /// A piece of the pattern, its literals as bytes.
  enum BytePiece: Sendable, Equatable {
    case literal([UInt8])
    case any
    case one
  }

  /// The pieces as bytes, or nil when a literal has a character outside ASCII.
  static func bytePieces(_ pieces: [Piece]) -> [BytePiece]? {
    var out: [BytePiece] = []
    for piece in pieces {
      switch piece {
      case .any: out.append(.any)
      case .one: out.append(.one)
      case .literal(let scalars):
        guard scalars.allSatisfy(\.isASCII) else { return nil }
        out.append(.literal(scalars.map { UInt8($0.value) }))
      }
    }
    return out
  }

  /// The answer for ASCII `text` (folding A–Z to a–z when `fold`), or nil when the text is not all ASCII.
  static func matchASCII(_ pieces: [BytePiece], _ text: String, fold: Bool) -> Bool? {
    var text = text
    return text.withUTF8 { input -> Bool? in
      for byte in input where byte >= 0x80 { return nil }
      return match(pieces, input, fold: fold)
    }
  }

  /// The glob match of ``match(_:_:)``, on bytes.
  private static func match(_ pieces: [BytePiece], _ input: UnsafeBufferPointer<UInt8>, fold: Bool) -> Bool {
    @inline(__always) func folded(_ b: UInt8) -> UInt8 { fold && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    func startsWith(_ literal: [UInt8], at i: Int) -> Bool {
      guard input.count - i >= literal.count else { return false }
      for (k, byte) in literal.enumerated() where folded(input[i + k]) != byte { return false }
      return true
    }
    var p = 0
    var i = 0
    var star: (piece: Int, input: Int)?
    while i < input.count || p < pieces.count {
      if p < pieces.count {
        switch pieces[p] {
        case .any:
          star = (p, i)
          p += 1
          continue
        case .one where i < input.count:
          p += 1
          i += 1
          continue
        case .literal(let bytes) where startsWith(bytes, at: i):
          p += 1
          i += bytes.count
          continue
        default: break
        }
      }
      guard let back = star, back.input < input.count else { return false }
      star = (back.piece, back.input + 1)
      p = back.piece + 1
      i = back.input + 1
    }
    return true
  }
}
