import CloudTrailModel

/// CSV cells: display-safe, `'`-prefixed when a spreadsheet would read them as a formula, quoted when needed.
public enum CSVCell {
  /// One cell.
  public static func cell(_ raw: String) -> String {
    var text = DisplayText.sanitize(raw)
    if let first = raw.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "'" || $0 == " " }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }

  /// The header name of a field's column: its JSON path for fields read straight from the record, else its name.
  public static func header(_ field: Field) -> String {
    switch field.spec.source {
    case .slot, .slotOr, .time, .readOnly: return field.spec.path
    case .user, .role, .mfa, .issuedKey, .onDemand: return field.name
    }
  }
}
