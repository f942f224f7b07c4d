extension RecordScanner {
  /// Most places tried when reading on after an error inside one array.
  static let maxResyncCandidates = 10_000

  /// After invalid JSON inside an array of records (`{"Records":[...]}` or a bare array), reads on from the next
  /// element that starts a record: a `{` after a `,` (whitespace allowed) that parses as an object with
  /// `eventTime`, or `eventName` and `eventSource`. Elements after it are read as in the array itself (each must
  /// qualify, since the element's place is now a guess). The search starts after the last complete record (an
  /// unterminated string can swallow the start of the next record, so the error's offset may lie past it) and tries
  /// each place in turn while the bytes parsed in failed tries stay within twice the buffer; then it jumps past each
  /// error. Never recurses and always moves forward.
  ///
  /// - Returns: where top-level reading continues (after the array, and the `}` of its `Records` object when
  ///   present) and how many records were kept; nil when nothing after the error could be read.
  static func readOn(
    _ buffer: UnsafeBufferPointer<UInt8>, after offset: Int, lastGood: Int, sink: inout ScanSink
  ) -> (end: Int, kept: Int, from: Int)? {
    var position = min(offset, lastGood)
    var budget = max(1 << 20, buffer.count * 2)
    var kept = 0
    var from: Int?
    var keptEnd = 0  // the end of the last record kept: later tries start after it, so records never overlap
    for _ in 0..<maxResyncCandidates {
      guard let start = nextElementStart(buffer, after: position) else { break }
      var cursor = JSONCursor(buffer, at: start)
      do throws(ScanError) {
        var fields = RecordFields()
        let flags = try cursor.record(&fields, topLevel: false, sink: &sink)
        guard flags.qualifies else {
          budget -= cursor.i - start
          position = start + 1
          continue
        }
        sink.addPlain(start..<cursor.i, fields, base: cursor.base)
        kept += 1
        keptEnd = cursor.i
        from = from ?? start
        var first = false
        while try cursor.nextElement(&first) {
          guard cursor.byte == 0x7B else {
            try cursor.skipValue()
            continue
          }
          let elementStart = cursor.i
          var elementFields = RecordFields()
          if try cursor.record(&elementFields, topLevel: false, sink: &sink).qualifies {
            sink.addPlain(elementStart..<cursor.i, elementFields, base: cursor.base)
            kept += 1
            keptEnd = cursor.i
          }
        }
        cursor.skipWhitespace()
        if !cursor.atEnd && cursor.byte == 0x7D { cursor.i += 1 }
        return (cursor.i, kept, from ?? start)
      } catch {
        // Another break: keep what was read and try the next place (or, over budget, the first after the break).
        budget -= error.offset - start
        position = max(budget > 0 ? start + 1 : max(error.offset, start + 1), keptEnd)
        if kept > 0 { sink.problems.append("invalid JSON at byte \(error.offset): \(error.reason)") }
      }
    }
    guard kept > 0, let from else { return nil }
    return (buffer.count, kept, from)
  }

  /// The offset of the next `{` after `offset` that follows a `,` and precedes a `"` (whitespace, and NUL bytes
  /// before it, allowed), as an array element that is an object does. (The element before may be broken, so its
  /// `}` is not required.)
  private static func nextElementStart(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int? {
    var j = offset + 1
    while j < buffer.count {
      if buffer[j] == 0x7B {
        var k = j - 1
        while k > offset && (isSpace(buffer[k]) || buffer[k] == 0) { k -= 1 }
        var n = j + 1
        while n < buffer.count && isSpace(buffer[n]) { n += 1 }
        if buffer[k] == 0x2C && n < buffer.count && buffer[n] == 0x22 { return j }
      }
      j += 1
    }
    return nil
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
