import CNCursesW
import Glibc

extension CursesTerminal {
  /// The variables the backend reads, from the process environment.
  static func processEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    for name in ["TERM", "NO_COLOR"] {
      if let value = getenv(name) { env[name] = String(cString: value) }
    }
    return env
  }

  /// Returns `TERM` when terminfo knows it and it can address the cursor; throws otherwise.
  static func checkedTerm(_ term: String?) throws -> String {
    guard let term, !term.isEmpty else { throw TerminalUnavailable(reason: "TERM is not set") }
    if term == "dumb" { throw TerminalUnavailable(reason: "TERM=dumb cannot move the cursor") }
    switch trailview_check_terminal(term) {
    case 1: return term
    case -2: throw TerminalUnavailable(reason: "TERM=\(term) cannot move the cursor")
    case -1: throw TerminalUnavailable(reason: "no terminfo database was found for TERM=\(term)")
    default: throw TerminalUnavailable(reason: "TERM=\(term) is unknown to terminfo")
    }
  }

  /// Takes the locale from the environment (so curses writes UTF-8), falling back to C.UTF-8 for
  /// characters when the environment's locale is not UTF-8 (for example LANG unset in a container).
  static func selectUTF8Locale() {
    setlocale(LC_ALL, "")
    if !isUTF8Locale() { setlocale(LC_CTYPE, "C.UTF-8") }
  }

  private static func isUTF8Locale() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).lowercased()
    return name == "utf-8" || name == "utf8"
  }
}
