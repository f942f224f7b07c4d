import TerminalUI

/// Whether the screen shows colours, decided by ``CursesTerminal`` from the environment and the terminal.
public enum ColorMode: Sendable, Equatable {
  /// Foreground and background colours are drawn, along with attributes.
  case full
  /// Only attributes (bold, reverse, underline, dim) are drawn: `NO_COLOR` is set or the terminal has no colours.
  case none

  /// The mode for an environment and a terminal: `NO_COLOR` set to anything non-empty turns colours off.
  ///
  /// - Parameters:
  ///   - environment: the process environment.
  ///   - terminalHasColors: whether terminfo says the terminal has colours.
  public static func decide(environment: [String: String], terminalHasColors: Bool) -> ColorMode {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
    return terminalHasColors ? .full : .none
  }
}

/// Colour pairs, allocated on first use so terminals with few pairs (8-colour xterm has 64) still work.
struct ColorPairs {
  /// Whether the terminal keeps its own default colours (`use_default_colors` succeeded).
  let defaultColors: Bool
  /// How many pairs the terminal has (pair 0 is fixed to the defaults).
  let capacity: Int
  private var numbers: [UInt16: Int16] = [:]
  private var next: Int16 = 1

  init(defaultColors: Bool, capacity: Int) {
    self.defaultColors = defaultColors
    self.capacity = min(capacity, Int(Int16.max))
  }

  /// The curses colour number for `color`: -1 for the default (or white/black without default colours).
  func cursesNumber(_ color: Color, isBackground: Bool) -> Int16 {
    if color == .default { return defaultColors ? -1 : (isBackground ? 0 : 7) }
    return Int16(color.rawValue) - 1
  }

  /// The pair for `fg` on `bg`, creating it with `initPair` when new; 0 when the pairs have run out.
  mutating func pair(fg: Color, bg: Color, initPair: (Int16, Int16, Int16) -> Void) -> Int16 {
    if fg == .default && bg == .default { return 0 }
    let key = UInt16(fg.rawValue) << 8 | UInt16(bg.rawValue)
    if let number = numbers[key] { return number }
    guard Int(next) < capacity else { return 0 }
    let number = next
    next += 1
    initPair(number, cursesNumber(fg, isBackground: false), cursesNumber(bg, isBackground: true))
    numbers[key] = number
    return number
  }
}
