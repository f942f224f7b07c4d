/// Wrapping: text that would pass `width` continues on a new line indented 2 more than the line its member started
/// on, broken at a word boundary when the run of text after it fits on such a line, else at a character.
///
/// Break points are after a space, `/`, `,`, `:`, `;`, `-`, `&`, `?` or `=` (so ARNs, URLs, user agents and policies
/// break at natural places) and on both sides of every token; a token is never split unless it is wider than a whole
/// continuation line. Linear in the text: the line keeps only its last break point; a run that moves to the next line
/// holds no break point, so no character moves twice; and the look-ahead that measures a run stops at its next break
/// point or once the run is known not to fit, at most a line's width further on.
extension PrettyPrinter {
  /// A place to break ``line``: after byte `offset` of span `span`, where the text so far takes `column` columns.
  struct BreakPoint {
    var span: Int
    var offset: Int
    var column: Int
  }

  /// Appends text, continuing on new lines when it would pass `width`.
  mutating func append(_ text: String, _ kind: PrettyKind) {
    startLineIfNeeded()
    let isToken = kind == .token
    if isToken { markBreak() }
    var i = text.startIndex
    while i < text.endIndex {
      let ch = text[i]
      let w = Self.columns(ch)
      // Adjacent tokens arrive as one span; each starts with `\` or `<`, which occur nowhere else in a token.
      if isToken && i > text.startIndex && (ch == "\\" || ch == "<") { markBreak() }
      if column + w > width && column > memberIndent + 2 { wrap(before: text[i...], isToken: isToken) }
      add(ch, kind)
      column += w
      if !isToken && Self.isBreak(ch) { markBreak() }
      i = text.index(after: i)
    }
    if isToken { markBreak() }
  }

  /// True for the characters a line may break after.
  static func isBreak(_ ch: Character) -> Bool {
    switch ch {
    case " ", "/", ",", ":", ";", "-", "&", "?", "=": return true
    default: return false
    }
  }

  /// Adds a character to the line's last span, or a new span when the kind changes.
  private mutating func add(_ ch: Character, _ kind: PrettyKind) {
    if let last = line.spans.indices.last, line.spans[last].kind == kind {
      line.spans[last].text.append(ch)
    } else {
      line.spans.append(PrettySpan(text: String(ch), kind: kind))
    }
  }

  /// Notes that the line may break where it ends now (only past the continuation indent: a break any earlier would
  /// not shorten the line).
  private mutating func markBreak() {
    guard column > memberIndent + 2, let last = line.spans.indices.last else { return }
    breakPoint = BreakPoint(span: last, offset: line.spans[last].text.utf8.count, column: column)
  }

  /// Ends the line before `rest` (the text not yet added): at the last break point when the run from there to the
  /// next break point fits on a continuation line, else here.
  private mutating func wrap(before rest: Substring, isToken: Bool) {
    let continuation = memberIndent + 2
    if let point = breakPoint {
      let room = width - continuation
      let run = column - point.column + Self.runWidth(rest, isToken: isToken, limit: room + 1)
      if run <= room {
        moveTail(after: point, to: continuation)
        return
      }
    }
    lines.append(line)
    line = PrettyLine(indent: continuation, spans: [], path: line.path, value: line.value)
    column = continuation
    breakPoint = nil
  }

  /// The columns of `rest` up to and including its first break character (for tokens: up to the next token), or a
  /// number above `limit` once it is wider than that.
  private static func runWidth(_ rest: Substring, isToken: Bool, limit: Int) -> Int {
    var total = 0
    for ch in rest {
      if isToken && total > 0 && (ch == "\\" || ch == "<") { break }
      total += columns(ch)
      if total > limit || (!isToken && isBreak(ch)) { break }
    }
    return total
  }

  /// Ends the line at `point` and starts a continuation line with what came after it.
  private mutating func moveTail(after point: BreakPoint, to indent: Int) {
    var tail = Array(line.spans[(point.span + 1)...])
    let text = line.spans[point.span].text
    let split = text.utf8.index(text.utf8.startIndex, offsetBy: point.offset)
    if split < text.endIndex {
      tail.insert(PrettySpan(text: String(text[split...]), kind: line.spans[point.span].kind), at: 0)
      line.spans[point.span].text = String(text[..<split])
    }
    line.spans.removeSubrange((point.span + 1)...)
    lines.append(line)
    line = PrettyLine(indent: indent, spans: tail, path: line.path, value: line.value)
    column = indent + column - point.column
    breakPoint = nil
  }
}
