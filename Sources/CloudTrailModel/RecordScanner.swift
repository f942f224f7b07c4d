/// Finds CloudTrail records in a file's bytes without building dictionaries.
///
/// Accepted shapes (with or without a UTF-8 BOM): `{"Records":[...]}` (other keys ignored, any order), a bare array
/// of records, several top-level values separated by whitespace (NDJSON of records or of `{"Records":[...]}`
/// batches), a single record, `aws cloudtrail lookup-events` output, and digest files (no records).
///
/// What counts as a record: every object element of a `Records` array and every `CloudTrailEvent`; elsewhere (a
/// single value, an NDJSON value, a bare array) an object that has an `eventTime` key or both `eventName` and
/// `eventSource` (with values of any type). A bare array is taken as records when at least one object element
/// qualifies, and then all its object elements are records.
///
/// Fields are matched by raw key bytes at their own depth only (a key written with escapes never matches); when a key
/// repeats, the last one wins. A field whose value has the wrong type is absent. Invalid JSON is reported with its byte
/// offset; records completed before it are kept; inside an array of records reading resumes at the next element
/// that is a record (`RecordScanner.readOn`), and in multi-value (NDJSON) input on the next line.
public enum RecordScanner {
  /// Scans a whole file's (decompressed) contents.
  ///
  /// - Parameter bytes: the file's bytes, optionally starting with a UTF-8 BOM.
  /// - Returns: the records found, the shape, and any problems (invalid JSON, not CloudTrail, skipped records).
  public static func scan(_ bytes: [UInt8]) -> ScanResult {
    var sink = ScanSink()
    let tally = bytes.withUnsafeBufferPointer { scanValues($0, sink: &sink) }
    if tally.values == 0 {
      return ScanResult(buffer: bytes, records: [], shape: .empty, problems: ["empty file"])
    }
    let shape = tally.shape
    var problems = sink.problems
    if shape == .unknown && problems.isEmpty {
      problems.append("not CloudTrail: no Records, Events or event fields")
    } else if shape != .unknown, let firstOther = tally.otherOffsets.first {
      problems.append(
        "skipped \(tally.otherOffsets.count) values that are not CloudTrail records (first at byte \(firstOther))")
    }
    let buffer = sink.lookupMode ? sink.lookupBuffer : bytes
    return ScanResult(buffer: buffer, records: sink.records, shape: shape, problems: problems)
  }

  /// The most problems reported for one file before giving up.
  static let maxErrors = 20

  private static func scanValues(_ buffer: UnsafeBufferPointer<UInt8>, sink: inout ScanSink) -> ValueTally {
    JSONSpecials.with(buffer) { scanValues(buffer, specials: $0, sink: &sink) }
  }

  private static func scanValues(
    _ buffer: UnsafeBufferPointer<UInt8>, specials: UnsafePointer<UInt64>, sink: inout ScanSink
  ) -> ValueTally {
    var cursor = JSONCursor(buffer, at: 0, specials: specials)
    if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { cursor.i = 3 }
    var tally = ValueTally()
    var errors = 0
    while true {
      cursor.skipWhitespace()
      if cursor.atEnd { break }
      let start = cursor.i
      let recordsBefore = sink.records.count
      sink.current = ValueFlags()
      do throws(ScanError) {
        tally.add(try topValue(&cursor, sink: &sink), at: start, complete: true)
      } catch {
        errors += 1
        sink.problems.append("invalid JSON at byte \(error.offset): \(reason(error, in: buffer))")
        let kind = partialKind(sink, grew: sink.records.count > recordsBefore, array: buffer[start] == 0x5B)
        tally.add(kind, at: start, complete: false)
        if (kind == .batch || kind == .array) && !sink.lookupMode && errors < maxErrors,
          let resumed = readOn(
            buffer, after: max(error.offset, start),
            lastGood: sink.records.count > recordsBefore ? sink.records.last!.range.upperBound - 1 : start,
            limit: nextTopLevelLine(buffer, after: max(error.offset, start)), errors: &errors, sink: &sink)
        {
          sink.problems.append(
            "read on at byte \(resumed.from): \(resumed.kept) more record\(resumed.kept == 1 ? "" : "s") after the error"
          )
          cursor.i = resumed.end
          continue
        }
        let canResume = tally.completed > 0 && errors < maxErrors
        guard canResume, let newline = nextNewline(buffer, after: max(error.offset, start)) else { break }
        cursor.i = newline + 1
      }
    }
    if errors >= maxErrors { sink.problems.append("stopped after \(maxErrors) errors") }
    return tally
  }

  /// Reads one top-level value.
  private static func topValue(_ cursor: inout JSONCursor, sink: inout ScanSink) throws(ScanError) -> ValueKind {
    switch cursor.byte {
    case 0x7B:
      let start = cursor.i
      var fields = RecordFields()
      let flags = try cursor.record(&fields, topLevel: true, sink: &sink)
      if sink.current.batch { return .batch }
      if sink.current.lookup { return .lookup }
      if sink.current.digest { return .digest }
      guard flags.qualifies else { return .other }
      sink.addPlain(start..<cursor.i, fields, base: cursor.base)
      return .record
    case 0x5B:
      return try cursor.recordArray(sink: &sink) ? .array : .other
    default:
      try cursor.skipValue()
      return .other
    }
  }

  /// The error's reason, or, when only NUL bytes follow from the offset on, that (a file preallocated or cut short
  /// while written and padded with zeros, as a crash can leave it).
  private static func reason(_ error: ScanError, in buffer: UnsafeBufferPointer<UInt8>) -> String {
    guard error.offset < buffer.count, buffer[error.offset] == 0 else { return error.reason }
    var j = error.offset
    while j < buffer.count && buffer[j] == 0 { j += 1 }
    guard j == buffer.count else { return error.reason }
    return "only NUL bytes from here to the end (\(j - error.offset) bytes; preallocated, or cut short while written)"
  }

  /// What an interrupted value had shown itself to be.
  private static func partialKind(_ sink: ScanSink, grew: Bool, array: Bool) -> ValueKind {
    if sink.current.batch { return .batch }
    if sink.current.lookup { return .lookup }
    if grew { return array ? .array : .record }
    return .failed
  }

  private static func nextNewline(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int? {
    var j = offset
    while j < buffer.count {
      if buffer[j] == 0x0A { return j }
      j += 1
    }
    return nil
  }
}
