/// Accumulates sanitized spans scalar by scalar for ``DisplayText``.
struct SpanBuilder {
  private var spans: [DisplaySpan] = []
  private var plain = ""
  private var marks = 0
  private var dropped = 0

  mutating func add(_ scalar: Unicode.Scalar) {
    if let token = DisplayText.token(for: scalar) {
      addToken(token)
      return
    }
    if SpanBuilder.isCombining(scalar) {
      marks += 1
      if marks > DisplayText.maxCombiningMarks {
        dropped += 1
        return
      }
    } else {
      flushDropped()
      marks = 0
    }
    plain.unicodeScalars.append(scalar)
  }

  mutating func addToken(_ token: String) {
    flushDropped()
    marks = 0
    flushPlain()
    if let last = spans.last, last.isToken {
      spans[spans.count - 1].text += token
    } else {
      spans.append(DisplaySpan(text: token, isToken: true))
    }
  }

  mutating func finish() -> [DisplaySpan] {
    flushDropped()
    flushPlain()
    return spans
  }

  private mutating func flushPlain() {
    guard !plain.isEmpty else { return }
    spans.append(DisplaySpan(text: plain, isToken: false))
    plain = ""
  }

  private mutating func flushDropped() {
    guard dropped > 0 else { return }
    let count = dropped
    dropped = 0
    addToken("<+\(count) marks>")
  }

  static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }
}
