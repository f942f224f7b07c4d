/// Input for ``TmuxSession/sendKeys(_:)``: literal text or a tmux key name.
public enum TmuxInput: Sendable, Equatable, ExpressibleByStringLiteral {
  /// Text typed character by character (`send-keys -l`), so "Enter" is five letters.
  case text(String)
  /// A key by tmux name, for example `Enter`, `Escape`, `Up`, `NPage`, `BTab`, `C-c`, `F1`.
  case key(String)

  /// A string literal is literal text.
  public init(stringLiteral value: String) {
    self = .text(value)
  }

  /// Enter.
  public static let enter = TmuxInput.key("Enter")
  /// Escape.
  public static let escape = TmuxInput.key("Escape")
  /// Tab.
  public static let tab = TmuxInput.key("Tab")
  /// Shift-Tab.
  public static let backTab = TmuxInput.key("BTab")
  /// Backspace.
  public static let backspace = TmuxInput.key("BSpace")
  /// Arrow up.
  public static let up = TmuxInput.key("Up")
  /// Arrow down.
  public static let down = TmuxInput.key("Down")
  /// Arrow left.
  public static let left = TmuxInput.key("Left")
  /// Arrow right.
  public static let right = TmuxInput.key("Right")
  /// Page up.
  public static let pageUp = TmuxInput.key("PPage")
  /// Page down.
  public static let pageDown = TmuxInput.key("NPage")
  /// Home.
  public static let home = TmuxInput.key("Home")
  /// End.
  public static let end = TmuxInput.key("End")

  /// Ctrl plus a letter, for example `.ctrl("c")`.
  public static func ctrl(_ letter: Character) -> TmuxInput { .key("C-\(letter)") }
}
