// Lives in a Keymap+ file only because of this worktree's file-name rules; it belongs in Key+Decoding.swift.

extension Key {
  /// Decodes a character read from a terminal in raw mode (not a curses `KEY_*` code).
  ///
  /// Tab (9), Enter (10, 13), Escape (27) and Backspace (8, 127) get their own keys; other control codes
  /// 1...26 become `.ctrl` with a lower-case letter (so 3 is `.ctrl("c")`); the remaining C0 and C1 controls
  /// and invalid scalars give nil; anything else is `.char`.
  ///
  /// - Parameter code: the Unicode scalar value read.
  public init?(terminalCharacter code: UInt32) {
    switch code {
    case 9: self = .tab
    case 10, 13: self = .enter
    case 27: self = .escape
    case 8, 127: self = .backspace
    case 1...26: self = .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
    case 0..<32, 0x80..<0xA0: return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      self = .char(Character(scalar))
    }
  }
}
