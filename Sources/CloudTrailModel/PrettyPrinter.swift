/// The iterative state machine behind ``JSONPretty/lines(_:width:)``.
struct PrettyPrinter {
  private enum State {
    case value(newLine: Bool)
    case key
    case afterValue
  }

  let width: Int
  var lines: [PrettyLine] = []
  var line = PrettyLine(indent: 0, spans: [])
  /// The display column after the last character of ``line``.
  var column = 0
  /// The indent of the line the current member or element started on: its continuation lines are indented 2 more.
  var memberIndent = 0
  /// Where ``line`` may be broken (after its last break character or around a token), when it can.
  var breakPoint: BreakPoint?
  private var lineStarted = false
  private var objects: [Bool] = []  // nesting stack: true = object
  /// Per open container, the path its members or elements extend ("" for the record itself); nil past
  /// ``maxPathDepth`` levels (deep hostile nesting would otherwise cost quadratic time and memory).
  private var paths: [String?] = []
  /// The deepest container whose members get paths.
  static let maxPathDepth = 32
  /// The key just read in the innermost object.
  private var key = ""

  init(width: Int) { self.width = max(width, 1) }

  mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
    var c = JSONCursor(buffer, at: 0)
    var state = State.value(newLine: true)
    c.skipWhitespace()
    while !c.atEnd {
      let start = c.i
      do throws(ScanError) {
        state = try step(&c, state)
      } catch {
        remainder(buffer, from: start)
        return
      }
      c.skipWhitespace()
    }
    if !objects.isEmpty { remainder(buffer, from: buffer.count) }
  }

  mutating func finish() -> [PrettyLine] {
    flush()
    return lines
  }

  private mutating func step(_ c: inout JSONCursor, _ state: State) throws(ScanError) -> State {
    switch state {
    case .value(let newLine):
      if newLine { newLineAt(objects.count) }
      return try value(&c)
    case .key:
      guard c.byte == 0x22 else { throw c.error("expected key") }
      newLineAt(objects.count)
      let key = try c.string()
      self.key = String(decoding: Self.decoded(key, c), as: UTF8.self)
      line.path = valuePath
      appendString(key, c, kind: .key)
      c.skipWhitespace()
      guard !c.atEnd, c.byte == 0x3A else { throw c.error("expected ':'") }
      c.i += 1
      append(": ", .punctuation)
      return .value(newLine: false)
    case .afterValue:
      let b = c.byte
      guard let isObject = objects.last else { return .value(newLine: true) }
      if b == 0x2C {
        c.i += 1
        append(",", .punctuation)
        return isObject ? .key : .value(newLine: true)
      }
      guard b == (isObject ? 0x7D : 0x5D) else { throw c.unexpected() }
      c.i += 1
      objects.removeLast()
      paths.removeLast()
      newLineAt(objects.count)
      append(isObject ? "}" : "]", .punctuation)
      return .afterValue
    }
  }

  /// The path of the value about to be read: the innermost object's member, or the innermost array's element.
  private var valuePath: String? {
    guard let isObject = objects.last, let last = paths.last, let base = last else { return nil }
    guard isObject else { return base }
    return base.isEmpty ? key : base + "." + key
  }

  private mutating func value(_ c: inout JSONCursor) throws(ScanError) -> State {
    let b = c.byte
    let path = valuePath
    if line.path == nil { line.path = path }
    switch b {
    case 0x7B, 0x5B:
      let isObject = b == 0x7B
      c.i += 1
      c.skipWhitespace()
      if !c.atEnd && c.byte == (isObject ? 0x7D : 0x5D) {
        c.i += 1
        append(isObject ? "{}" : "[]", .punctuation)
        return .afterValue
      }
      append(isObject ? "{" : "[", .punctuation)
      objects.append(isObject)
      if paths.isEmpty {
        paths.append("")
      } else if let path, paths.count < Self.maxPathDepth {
        paths.append(isObject ? path : path + "[]")
      } else {
        paths.append(nil)
      }
      return isObject ? .key : .value(newLine: true)
    case 0x22:
      let s = try c.string()
      line.value = String(decoding: Self.decoded(s, c), as: UTF8.self)
      appendString(s, c, kind: .string)
    default:
      let start = c.i
      let kind: PrettyKind = b == 0x2D || (b >= 0x30 && b <= 0x39) ? .number : .literal
      try c.skipValue()
      let text = String(decoding: UnsafeBufferPointer(start: c.base + start, count: c.i - start), as: UTF8.self)
      line.value = text
      append(text, kind)
    }
    return .afterValue
  }

  /// The bytes of a string with escapes resolved.
  private static func decoded(_ ref: JSONStringRef, _ c: JSONCursor) -> [UInt8] {
    var bytes: [UInt8] = []
    JSONUnescape.append(UnsafeBufferPointer(start: c.base + ref.start, count: ref.end - ref.start), to: &bytes)
    return bytes
  }

  private mutating func appendString(_ ref: JSONStringRef, _ c: JSONCursor, kind: PrettyKind) {
    let bytes = Self.decoded(ref, c)
    append("\"", kind)
    for span in DisplayText.spans(String(decoding: bytes, as: UTF8.self)) {
      append(span.text, span.isToken ? .token : kind)
    }
    append("\"", kind)
  }

  /// Shows the raw bytes from `offset` on, sanitized, after the parsed lines.
  private mutating func remainder(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) {
    let end = min(buffer.count, offset + JSONPretty.maxRemainder)
    newLineAt(0)
    append("invalid JSON at byte \(offset): ", .token)
    if offset >= buffer.count { append("unexpected end of input", .token) }
    for span in DisplayText.spans(bytes: UnsafeBufferPointer(rebasing: buffer[offset..<end])) {
      append(span.text, span.isToken ? .token : .string)
    }
    if end < buffer.count { append(" … (\(buffer.count - end) more bytes)", .token) }
  }

  private mutating func flush() {
    if lineStarted && !line.spans.isEmpty { lines.append(line) }
    lineStarted = false
  }

  /// Starts a line indented 2 per level, but never more than half the width so that deep nesting stays readable.
  private mutating func newLineAt(_ depth: Int) {
    flush()
    let indent = min(depth, width / 4) * 2
    line = PrettyLine(indent: indent, spans: [])
    column = indent
    memberIndent = indent
    breakPoint = nil
    lineStarted = true
  }

  /// Starts a line for the current depth when none is open.
  mutating func startLineIfNeeded() {
    if !lineStarted { newLineAt(objects.count) }
  }

  /// Display columns of a character: 2 for East Asian wide and emoji ranges, else 1.
  static func columns(_ ch: Character) -> Int {
    guard let v = ch.unicodeScalars.first?.value, v >= 0x1100 else { return 1 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default: return 1
    }
  }
}
