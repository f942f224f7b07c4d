extension RecordScanner {
  /// Most places tried (and not taken) when reading on after an error inside one array.
  static let maxResyncTries = 10_000

  /// After invalid JSON inside an array of records (`{"Records":[...]}` or a bare array), reads on from the next
  /// element that starts a record: a `{` after a `,` (whitespace allowed) that parses as an object with
  /// `eventTime`, or `eventName` and `eventSource`. Elements after it are read as in the array itself (each must
  /// qualify, since the element's place is now a guess).
  ///
  /// The search starts after the last complete record (an unterminated string can swallow the start of the next
  /// record, so the error's offset may lie past it) and stays before `limit` (the next line that starts a top-level
  /// value, in multi-value input). Places that fail or do not qualify are tried one after another while the bytes
  /// parsed in such tries stay within twice the buffer, then the search jumps past each; at most
  /// ``maxResyncTries`` such places in all. Errors after a record was kept count toward `errors` (the file's
  /// ``maxErrors``). Never recurses and always moves forward.
  ///
  /// - Returns: where top-level reading continues (after the array, and the `}` of its `Records` object when
  ///   present, or `limit`), how many records were kept and where the first one starts; nil when nothing after the
  ///   error could be read.
  static func readOn(
    _ buffer: UnsafeBufferPointer<UInt8>, after offset: Int, lastGood: Int, limit: Int, errors: inout Int,
    sink: inout ScanSink
  ) -> (end: Int, kept: Int, from: Int)? {
    var position = min(offset, lastGood)
    var budget = max(1 << 20, buffer.count * 2)
    var tries = 0
    var kept = 0
    var from: Int?
    var keptEnd = 0  // the end of the last record kept: later tries start after it, so records never overlap
    var reported = offset  // the last error offset reported (the same break is met again from the next place)
    while tries < maxResyncTries && errors < maxErrors {
      guard let start = nextElementStart(buffer, after: position, before: limit) else { break }
      var cursor = JSONCursor(buffer, at: start)
      do throws(ScanError) {
        var fields = RecordFields()
        let flags = try cursor.record(&fields, topLevel: false, sink: &sink)
        guard flags.qualifies else {
          tries += 1
          budget -= cursor.i - start
          position = budget > 0 ? start + 1 : cursor.i
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
        tries += 1
        budget -= error.offset - start
        position = max(budget > 0 ? start + 1 : max(error.offset, start + 1), keptEnd)
        if kept > 0 && error.offset > reported {
          reported = error.offset
          errors += 1
          sink.problems.append("invalid JSON at byte \(error.offset): \(error.reason)")
        }
      }
    }
    if tries >= maxResyncTries {
      sink.problems.append("stopped reading on after \(maxResyncTries) places that were not records")
    }
    guard kept > 0, let from else { return nil }
    return (limit, kept, from)
  }

  /// The offset of the next `{` in `offset+1 ..< limit` that follows a `,` and precedes a `"` (whitespace, and NUL
  /// bytes before it, allowed), as an array element that is an object does. (The element before may be broken, so
  /// its `}` is not required.)
  private static func nextElementStart(
    _ buffer: UnsafeBufferPointer<UInt8>, after offset: Int, before limit: Int
  ) -> Int? {
    var j = offset + 1
    while j < limit {
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

  /// The start of the next line after `offset` that begins with `{` or `[` and does not continue an array (the line
  /// before does not end with `,` or `[`): the next top-level value of NDJSON. The buffer's end when there is none.
  static func nextTopLevelLine(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
    var j = offset
    var last: UInt8 = 0  // the last byte before the newline that is not whitespace
    while j + 1 < buffer.count {
      let b = buffer[j]
      if b == 0x0A {
        if (buffer[j + 1] == 0x7B || buffer[j + 1] == 0x5B) && last != 0x2C && last != 0x5B { return j + 1 }
      } else if !isSpace(b) {
        last = b
      }
      j += 1
    }
    return buffer.count
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
