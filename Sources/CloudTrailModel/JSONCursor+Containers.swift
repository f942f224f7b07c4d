extension JSONCursor {
  /// Reads the array value of a `Records` key: every object element is a record.
  mutating func recordsArray(sink: inout ScanSink) throws(ScanError) {
    i += 1
    var first = true
    while try nextElement(&first) {
      guard base[i] == 0x7B else {
        sink.problems.append("skipped non-object element in Records at byte \(i)")
        try skipValue()
        continue
      }
      let start = i
      var fields = RecordFields()
      _ = try record(&fields, topLevel: false, sink: &sink)
      sink.addPlain(start..<i, fields, base: base)
    }
  }

  /// Reads the array value of an `Events` key (lookup-events output): each element's `CloudTrailEvent` string is
  /// unescaped into the sink's lookup buffer and read as a record. A `CloudTrailEvent` that is already an object is
  /// taken as is. With `logEvents`, the array of an `events` key (CloudWatch Logs' FilterLogEvents output), whose
  /// elements carry the record in `message`.
  mutating func eventsArray(sink: inout ScanSink, logEvents: Bool = false) throws(ScanError) {
    sink.enterLookupMode(base: base)
    let (array, member) = logEvents ? ("events", "message") : ("Events", "CloudTrailEvent")
    i += 1
    var first = true
    var index = 0
    while try nextElement(&first) {
      defer { index += 1 }
      guard base[i] == 0x7B else {
        sink.problems.append("skipped \(array)[\(index)]: not an object")
        try skipValue()
        continue
      }
      i += 1
      var firstKey = true
      var text = JSONStringRef.absent
      var embedded: (Range<Int>, RecordFields)? = nil
      while let key = try nextKey(&firstKey) {
        let isMember = logEvents ? keyIs(key, "message") : keyIs(key, "CloudTrailEvent")
        if isMember && base[i] == 0x22 {
          text = try string()
          embedded = nil
        } else if isMember && base[i] == 0x7B {
          let start = i
          var fields = RecordFields()
          _ = try record(&fields, topLevel: false, sink: &sink)
          embedded = (start..<i, fields)
          text = .absent
        } else {
          try skipValue()
        }
      }
      if let (range, fields) = embedded {
        sink.addPlain(range, fields, base: base)
      } else if text.isPresent {
        sink.addEvent(text, base: base, label: "\(member) of \(array)[\(index)]")
      } else {
        sink.problems.append("skipped \(array)[\(index)]: no \(member)")
      }
    }
  }

  /// Reads a top-level array: its object elements are records when at least one of them qualifies on its own
  /// (see ``RecordFlags/qualifies``). Returns whether it was such an array (an empty array counts).
  mutating func recordArray(sink: inout ScanSink) throws(ScanError) -> Bool {
    let mark = sink.records.count
    var qualifying = false
    var others = 0
    var objects = 0
    i += 1
    var first = true
    do throws(ScanError) {
      while try nextElement(&first) {
        guard base[i] == 0x7B else {
          others += 1
          try skipValue()
          continue
        }
        let start = i
        var fields = RecordFields()
        let flags = try record(&fields, topLevel: false, sink: &sink)
        qualifying = qualifying || flags.qualifies
        objects += 1
        sink.addPlain(start..<i, fields, base: base)
      }
    } catch {
      if !qualifying { sink.records.removeSubrange(mark...) }
      throw error
    }
    if objects + others == 0 { return true }
    if !qualifying {
      sink.records.removeSubrange(mark...)
      return false
    }
    if others > 0 { sink.problems.append("skipped \(others) non-object array elements") }
    return true
  }
}
