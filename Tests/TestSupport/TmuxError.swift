/// A failure of ``TmuxSession``.
public enum TmuxError: Error, CustomStringConvertible, Sendable {
  /// A tmux command exited with an error: the arguments and tmux's output.
  case commandFailed([String], String)
  /// The awaited text or condition did not appear in time: what was awaited and the last screen.
  case timedOut(waitingFor: String, screen: [String])

  /// A readable message; a timeout shows the whole last screen.
  public var description: String {
    switch self {
    case .commandFailed(let args, let output):
      return "tmux \(args.joined(separator: " ")) failed: \(output)"
    case .timedOut(let awaited, let screen):
      return "timed out waiting for \"\(awaited)\"; screen was:\n" + screen.joined(separator: "\n")
    }
  }
}
