/// Wildcard matching on ASCII text without building arrays of Unicode scalars: the common case (user agents, ARNs,
/// event names, JSON text), checked byte by byte with ASCII case folding. Text with any other character goes the
/// general way, where folding follows Unicode.
extension WildcardPattern {
  /// A piece of the pattern, its literals as bytes.
  typealias BytePiece = GlobPiece<UInt8>

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

  /// The glob match on bytes, folding the text's A–Z when `fold` (the pattern's literals are folded already).
  private static func match(_ pieces: [BytePiece], _ input: UnsafeBufferPointer<UInt8>, fold: Bool) -> Bool {
    fold ? glob(pieces, input) { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) } : glob(pieces, input) { $0 == $1 }
  }

  /// Glob matching with the usual single backtrack point per `*` (linear in practice, quadratic at worst); `same`
  /// compares a literal's character with the input's.
  static func glob<Input: RandomAccessCollection>(
    _ pieces: [GlobPiece<Input.Element>], _ input: Input, same: (Input.Element, Input.Element) -> Bool
  ) -> Bool where Input.Index == Int {
    func startsWith(_ literal: [Input.Element], at i: Int) -> Bool {
      guard input.endIndex - i >= literal.count else { return false }
      for (k, c) in literal.enumerated() where !same(c, input[i + k]) { return false }
      return true
    }
    var p = 0
    var i = input.startIndex
    var star: (piece: Int, input: Int)?
    while i < input.endIndex || p < pieces.count {
      if p < pieces.count {
        switch pieces[p] {
        case .any:
          star = (p, i)
          p += 1
          continue
        case .one where i < input.endIndex:
          p += 1
          i += 1
          continue
        case .literal(let literal) where startsWith(literal, at: i):
          p += 1
          i += literal.count
          continue
        default: break
        }
      }
      guard let back = star, back.input < input.endIndex else { return false }
      star = (back.piece, back.input + 1)
      p = back.piece + 1
      i = back.input + 1
    }
    return true
  }
}

/// A piece of a wildcard pattern: a run of characters, `*` (any run) or `?` (any one character).
enum GlobPiece<Element: Equatable & Sendable>: Sendable, Equatable {
  case literal([Element])
  case any
  case one
}
