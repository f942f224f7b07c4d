/// A tolerant parser for AWS's INI-style `config` and `credentials` files.
enum INIFile {
  /// Sections by name (inner text of `[...]`, trimmed), each a map of `key = value` (keys trimmed, as written).
  /// Blank lines and `#`/`;` comments are skipped; indented `key = value` lines (the nested block after `s3 =`) are ignored, indented section headers are not;
  /// repeated sections merge, later keys win.
  static func parse(_ text: String) -> [String: [String: String]] {
    var sections: [String: [String: String]] = [:]
    var current: String?
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      let line = String(raw)
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
      if trimmed.hasPrefix("[") {
        guard let close = trimmed.lastIndex(of: "]") else {
          current = nil
          continue
        }
        let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingWhitespace()
        current = name
        sections[name, default: [:]] = sections[name] ?? [:]
        continue
      }
      if line.first == " " || line.first == "\t" { continue }
      guard let section = current, let equals = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
      let key = String(trimmed[..<equals]).trimmingWhitespace()
      let value = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace()
      guard !key.isEmpty else { continue }
      sections[section, default: [:]][key] = value
    }
    return sections
  }
}
