/// What the top-level value being read turned out to be.
struct ValueFlags {
  /// It had a `Records` array.
  var batch = false
  /// It had an `Events` array (lookup-events output).
  var lookup = false
  /// It had digest-file keys.
  var digest = false
}

/// Collects records and problems while a file is scanned, so that everything found before an error is kept.
///
/// Once an `Events` array is seen, records must live in ``lookupBuffer`` (the unescaped `CloudTrailEvent` strings);
/// plain records found before or after are then copied there too so that every range refers to one buffer.
struct ScanSink {
  var records: [ScannedRecord] = []
  var problems: [String] = []
  var lookupBuffer: [UInt8] = []
  var lookupMode = false
  var current = ValueFlags()

  /// Adds a record whose object lies at `range` of the scanned input.
  mutating func addPlain(_ range: Range<Int>, _ fields: RecordFields, base: UnsafePointer<UInt8>) {
    guard lookupMode else {
      records.append(ScannedRecord(range: range, fields: fields))
      return
    }
    let start = lookupBuffer.count
    lookupBuffer.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    addBuffered(from: start, label: "record")
  }

  /// Switches to lookup mode, moving records found so far into ``lookupBuffer``.
  mutating func enterLookupMode(base: UnsafePointer<UInt8>) {
    guard !lookupMode else { return }
    lookupMode = true
    let earlier = records
    records.removeAll()
    for record in earlier { addPlain(record.range, record.fields, base: base) }
  }

  /// Unescapes a `CloudTrailEvent` (or log event `message`) string into ``lookupBuffer`` and reads the record in it;
  /// `label` names it in problems ("CloudTrailEvent of Events[3]").
  mutating func addEvent(_ ref: JSONStringRef, base: UnsafePointer<UInt8>, label: @autoclosure () -> String) {
    let start = lookupBuffer.count
    JSONUnescape.append(UnsafeBufferPointer(start: base + ref.start, count: ref.end - ref.start), to: &lookupBuffer)
    addBuffered(from: start, label: label())
  }

  /// Reads the one record in `lookupBuffer[start...]`, then appends a newline separator.
  private mutating func addBuffered(from start: Int, label: @autoclosure () -> String) {
    let end = lookupBuffer.count
    let outcome: Result<ScannedRecord, ScanError> = lookupBuffer.withUnsafeBufferPointer { whole in
      let buffer = UnsafeBufferPointer(rebasing: whole[..<end])
      var cursor = JSONCursor(buffer, at: start)
      var unused = ScanSink()
      do throws(ScanError) {
        cursor.skipWhitespace()
        guard !cursor.atEnd, cursor.byte == 0x7B else { throw cursor.error("expected a record object") }
        let objectStart = cursor.i
        var fields = RecordFields()
        _ = try cursor.record(&fields, topLevel: false, sink: &unused)
        let objectEnd = cursor.i
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.unexpected() }
        return .success(ScannedRecord(range: objectStart..<objectEnd, fields: fields))
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let record): records.append(record)
    case .failure(let error):
      problems.append("invalid JSON in \(label()) at byte \(error.offset - start): \(error.reason)")
    }
    lookupBuffer.append(0x0A)
  }
}
