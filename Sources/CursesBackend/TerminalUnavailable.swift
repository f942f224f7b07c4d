/// Thrown by ``CursesTerminal/init(environment:)`` when the terminal cannot run the full-screen interface.
public struct TerminalUnavailable: Error, CustomStringConvertible, Sendable {
  /// Why, for example "TERM is not set" or "TERM=dumb cannot move the cursor".
  public var reason: String

  /// Creates the error.
  public init(reason: String) {
    self.reason = reason
  }

  /// A message for the user that names the problem and suggests `--print`.
  public var description: String {
    "this terminal can't be used for the interactive view (\(reason)); run with --print to write events as text"
  }
}
