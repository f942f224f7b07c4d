import CloudTrailModel

/// JSON written by print mode itself (trails, summaries): string literals, and whole lines made safe for a terminal.
enum JSONOutput {
  /// `s` as a JSON string literal; ``line(_:)`` then escapes what a terminal could act on.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Compact JSON text as bytes with every character a terminal could act on (DEL, C1, bidi and zero-width
  /// characters) written as a `\uXXXX` escape (``CloudTrailModel/JSONPretty/compact(_:)``).
  static func line(_ json: String) -> [UInt8] {
    JSONPretty.compact(ArraySlice(json.utf8))
  }
}
