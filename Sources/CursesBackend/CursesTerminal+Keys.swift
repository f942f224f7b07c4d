import CNCursesW
import TerminalUI

extension CursesTerminal {
  /// Maps one result of `wget_wch` to a key; nil for timeouts and keys trailview does not use.
  ///
  /// - Parameters:
  ///   - status: `ERR`, `OK` (a character in `code`) or `KEY_CODE_YES` (a `KEY_*` constant in `code`).
  ///   - code: the character or key code.
  static func key(status: Int32, code: UInt32) -> Key? {
    if status == OK { return Key(terminalCharacter: code) }
    if status == Int32(TRAILVIEW_KEY_CODE_YES) { return functionKey(Int32(bitPattern: code)) }
    return nil
  }

  private static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case Int32(TRAILVIEW_KEY_UP): return .up
    case Int32(TRAILVIEW_KEY_DOWN): return .down
    case Int32(TRAILVIEW_KEY_LEFT): return .left
    case Int32(TRAILVIEW_KEY_RIGHT): return .right
    case Int32(TRAILVIEW_KEY_NPAGE): return .pageDown
    case Int32(TRAILVIEW_KEY_PPAGE): return .pageUp
    case Int32(TRAILVIEW_KEY_HOME): return .home
    case Int32(TRAILVIEW_KEY_END): return .end
    case Int32(TRAILVIEW_KEY_ENTER): return .enter
    case Int32(TRAILVIEW_KEY_BTAB): return .backTab
    case Int32(TRAILVIEW_KEY_BACKSPACE): return .backspace
    case Int32(TRAILVIEW_KEY_DC): return .delete
    case Int32(TRAILVIEW_KEY_RESIZE): return .resize
    case Int32(TRAILVIEW_KEY_F0) + 1...Int32(TRAILVIEW_KEY_F0) + 12:
      return .function(Int(code - Int32(TRAILVIEW_KEY_F0)))
    default: return nil
    }
  }
}
