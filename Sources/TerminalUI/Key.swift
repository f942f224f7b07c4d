/// A key press, decoded from the terminal by the backend.
public enum Key: Sendable, Hashable {
  /// A printable character.
  case char(Character)
  /// Ctrl plus a letter, lower case (for example `.ctrl("c")`).
  case ctrl(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Enter / Return.
  case enter
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Escape.
  case escape
  /// Backspace.
  case backspace
  /// Delete.
  case delete
  /// The terminal was resized.
  case resize
  /// A function key F1...F12.
  case function(Int)

  /// A short human name for help screens, for example `PgDn` or `Ctrl-L`.
  public var label: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .ctrl(let c): return "Ctrl-\(c.uppercased())"
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .escape: return "Esc"
    case .backspace: return "Bksp"
    case .delete: return "Del"
    case .resize: return "Resize"
    case .function(let n): return "F\(n)"
    }
  }
}
