extension Keymap {
  /// The bindings as a Markdown table with one section row per scope, for the README key table.
  ///
  /// - Parameter scopeTitles: display names for scopes; a scope without one is shown as is.
  /// - Returns: the table, one line per element, without a trailing newline.
  public func markdownTable(scopeTitles: [String: String] = [:]) -> [String] {
    var lines = ["| Keys | Action |", "|---|---|"]
    for scope in scopes {
      lines.append("| **\(escape(scopeTitles[scope] ?? scope))** | |")
      for line in helpLines(scope: scope) {
        lines.append("| \(escape(line.keys)) | \(escape(line.help)) |")
      }
    }
    return lines
  }

  private func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      if character == "|" || character == "\\" || character == "`" || character == "*" || character == "_" {
        out.append("\\")
      }
      out.append(character)
    }
    return out
  }
}
