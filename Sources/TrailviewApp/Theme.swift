import TerminalUI

/// The styles the screens use, for a terminal with or without colours.
public struct Theme: Sendable {
  /// Title bars.
  public var title: Style
  /// Title bar of the focused pane.
  public var titleFocused: Style
  /// Column headers.
  public var columnHeader: Style
  /// Ordinary text.
  public var text: Style
  /// Muted text (hints, read calls).
  public var muted: Style
  /// Write calls.
  public var write: Style
  /// Failed calls.
  public var error: Style
  /// The selected row (reverse video, so it shows without colours).
  public var selected: Style
  /// A visible token standing for an unsafe character.
  public var token: Style
  /// Alarming state (logging stopped, trail deleted).
  public var alarm: Style
  /// Good state (logging on).
  public var good: Style
  /// JSON keys.
  public var jsonKey: Style
  /// JSON strings.
  public var jsonString: Style
  /// JSON numbers.
  public var jsonNumber: Style
  /// JSON true/false/null.
  public var jsonLiteral: Style
  /// Search matches.
  public var match: Style
  /// Box and separator lines.
  public var border: Style
  /// The time of an event that arrived while following.
  public var fresh = Style(fg: .green, bold: true)

  /// The colour theme; it keeps the terminal's default background.
  public static let color = Theme(
    title: Style(fg: .black, bg: .cyan), titleFocused: Style(fg: .black, bg: .yellow, bold: true),
    columnHeader: Style(bold: true, underline: true), text: .plain, muted: Style(dim: true),
    write: Style(fg: .yellow, bold: true), error: Style(fg: .red, bold: true), selected: Style(reverse: true),
    token: Style(fg: .magenta, reverse: true), alarm: Style(fg: .red, bold: true), good: Style(fg: .green),
    jsonKey: Style(fg: .cyan), jsonString: Style(fg: .green), jsonNumber: Style(fg: .magenta),
    jsonLiteral: Style(fg: .yellow), match: Style(fg: .black, bg: .yellow), border: Style(dim: true))

  /// The monochrome theme (NO_COLOR, TERM=vt100): emphasis by bold, underline and reverse only.
  public static let mono = Theme(
    title: Style(reverse: true), titleFocused: Style(bold: true, reverse: true),
    columnHeader: Style(bold: true, underline: true), text: .plain, muted: .plain, write: Style(bold: true),
    error: Style(bold: true, underline: true), selected: Style(reverse: true), token: Style(underline: true),
    alarm: Style(bold: true, reverse: true), good: .plain, jsonKey: Style(bold: true), jsonString: .plain,
    jsonNumber: .plain, jsonLiteral: .plain, match: Style(underline: true), border: .plain,
    fresh: Style(bold: true, underline: true))
}

/// What the renderer needs from outside: theme, character set, and the local time zone.
public struct RenderEnvironment: Sendable {
  /// Styles.
  public var theme: Theme
  /// Use ASCII for lines and markers (non-UTF-8 locale).
  public var ascii: Bool
  /// Seconds east of UTC at a given time, for local time display.
  public var localOffset: @Sendable (Int64) -> Int
  /// The local zone's name at a given time ("CET", "UTC+05:30").
  public var zoneName: @Sendable (Int64) -> String

  /// Creates an environment.
  public init(
    theme: Theme = .color, ascii: Bool = false, localOffset: @escaping @Sendable (Int64) -> Int = { _ in 0 },
    zoneName: @escaping @Sendable (Int64) -> String = { _ in "UTC" }
  ) {
    self.theme = theme
    self.ascii = ascii
    self.localOffset = localOffset
    self.zoneName = zoneName
  }
}
