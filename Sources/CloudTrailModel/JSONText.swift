/// JSON as text for people to paste: indented, with every character a terminal could act on escaped.
public enum JSONText {
  /// `bytes` re-encoded by ``JSONPretty/compact(_:)`` (so nothing unsafe remains) and indented by two spaces per
  /// level (at most 32 levels deep, so hostile nesting cannot blow the text up).
  public static func pretty(_ bytes: ArraySlice<UInt8>) -> String {
    pretty(compact: JSONPretty.compact(bytes))
  }

  /// Indents output of ``JSONPretty/compact(_:)``.
  public static func pretty(compact: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(compact.count * 2)
    var depth = 0
    var inString = false
    var i = 0
    func newline() {
      out.append(0x0A)
      out.append(contentsOf: repeatElement(0x20, count: 2 * min(depth, 32)))
    }
    while i < compact.count {
      let c = compact[i]
      if inString {
        out.append(c)
        if c == 0x5C, i + 1 < compact.count {
          out.append(compact[i + 1])
          i += 1
        } else if c == 0x22 {
          inString = false
        }
        i += 1
        continue
      }
      switch c {
      case 0x22:
        inString = true
        out.append(c)
      case 0x7B, 0x5B:
        let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
        if i + 1 < compact.count, compact[i + 1] == close {
          out.append(contentsOf: [c, close])
          i += 1
        } else {
          out.append(c)
          depth += 1
          newline()
        }
      case 0x7D, 0x5D:
        depth = max(0, depth - 1)
        newline()
        out.append(c)
      case 0x2C:
        out.append(c)
        newline()
      case 0x3A:
        out.append(contentsOf: [0x3A, 0x20])
      default:
        out.append(c)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
