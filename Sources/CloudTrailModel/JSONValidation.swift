/// Whole-text JSON checks, without recursion (any depth costs no stack).
enum JSONValidation {
  /// True when `text` is exactly one JSON value, surrounded by nothing but whitespace.
  static func isValid(_ text: [UInt8]) -> Bool {
    text.withUnsafeBufferPointer { buffer in
      var c = JSONCursor(buffer, at: 0)
      var open: [Bool] = []  // true: an object
      var first = false
      do throws(ScanError) {
        c.skipWhitespace()
        guard !c.atEnd else { return false }
        while true {
          // The cursor is on a value: open a container or skip a scalar.
          if c.byte == 0x7B || c.byte == 0x5B {
            open.append(c.byte == 0x7B)
            c.i += 1
            first = true
          } else {
            try c.skipValue()
            first = false
          }
          // Close finished containers until one has another member.
          while let isObject = open.last {
            if isObject {
              if try c.nextKey(&first) != nil { break }
            } else if try c.nextElement(&first) {
              break
            }
            open.removeLast()
            first = false
          }
          if open.isEmpty { break }
        }
        c.skipWhitespace()
        return c.atEnd
      } catch {
        return false
      }
    }
  }

  /// True when `text` is a JSON number and nothing else.
  static func isNumber(_ text: [UInt8]) -> Bool {
    guard let head = text.first, head == 0x2D || (0x30...0x39).contains(head) else { return false }
    return isValid(text)
  }
}
