/// What reading one object told us besides its fields.
struct RecordFlags {
  /// `eventTime` was present (with any value).
  var hasTime = false
  /// `eventName` was present.
  var hasName = false
  /// `eventSource` was present.
  var hasSource = false
  /// The plan entries whose keys came up (``ScanPlan/Entry/index`` bits).
  var seen: UInt64 = 0
  /// The entries leading to deeper keys whose value was not an object.
  var opaque: UInt64 = 0
  /// A key of the plan came up twice.
  var repeated = false

  /// An object counts as a record on its own when it has `eventTime`, or both `eventName` and `eventSource`.
  var qualifies: Bool { hasTime || (hasName && hasSource) }
}

extension JSONCursor {
  /// Reads the record object at the cursor, filling ``RecordFields`` at the paths of ``ScanPlan/standard``; when a key
  /// repeats, the last one wins.
  ///
  /// With `topLevel` set, the container keys `Records`, `Events` and digest keys are also recognised and handled
  /// through `sink`.
  mutating func record(
    _ fields: inout RecordFields, topLevel: Bool, sink: inout ScanSink
  ) throws(ScanError) -> RecordFlags {
    var flags = RecordFlags()
    try object(node: 0, plan: ScanPlan.standard, &fields, flags: &flags, topLevel: topLevel, sink: &sink)
    fields.keys = KeyPresence(repeated: flags.repeated, seen: flags.seen, opaque: flags.opaque)
    return flags
  }

  /// Reads an object at `node` of the plan (the cursor is on its `{`). Recursion is bounded by the plan's depth.
  private mutating func object(
    node: Int, plan: ScanPlan, _ fields: inout RecordFields, flags: inout RecordFlags, topLevel: Bool,
    sink: inout ScanSink
  ) throws(ScanError) {
    i += 1
    var first = true
    while let key = try nextKey(&first) {
      guard let entry = plan.find(node: node, key: base + key.start, length: key.end - key.start) else {
        if topLevel { try container(key, sink: &sink) } else { try skipValue() }
        continue
      }
      let bit = UInt64(1) << UInt64(entry.index)
      if flags.seen & bit != 0 { flags.repeated = true }
      flags.seen |= bit
      if entry.child >= 0 {
        for k in plan.resets[Int(entry.child)] { fields[index: Int(plan.resetSlots[Int(k)])] = .absent }
        if base[i] == 0x7B {
          try object(
            node: Int(entry.child), plan: plan, &fields, flags: &flags, topLevel: false, sink: &sink)
        } else {
          flags.opaque |= bit
          try skipValue()
        }
        continue
      }
      switch Int(entry.slot) {
      case ScanSlot.eventTime.rawValue:
        if node == 0 { flags.hasTime = true }
        fields.eventTime = try timeValue()
      case ScanSlot.readOnly.rawValue:
        fields.readOnly = try boolValue()
      case let slot:
        if node == 0 {
          if slot == ScanSlot.eventName.rawValue { flags.hasName = true }
          if slot == ScanSlot.eventSource.rawValue { flags.hasSource = true }
        }
        fields[index: slot] = try stringValue()
      }
    }
  }

  /// A top-level key the plan does not know: `Records`, `Events`, `events` and digest keys say what the value is.
  private mutating func container(_ key: JSONStringRef, sink: inout ScanSink) throws(ScanError) {
    if keyIs(key, "Records") && base[i] == 0x5B {
      sink.current.batch = true
      try recordsArray(sink: &sink)
    } else if keyIs(key, "Events") && base[i] == 0x5B {
      sink.current.lookup = true
      try eventsArray(sink: &sink)
    } else if keyIs(key, "events") && base[i] == 0x5B {
      // CloudWatch Logs' FilterLogEvents output: CloudTrail delivers each event as one log event's message.
      sink.current.lookup = true
      try eventsArray(sink: &sink, logEvents: true)
    } else {
      if keyIs(key, "logFiles") || keyIs(key, "digestStartTime") || keyIs(key, "digestS3Object") {
        sink.current.digest = true
      }
      try skipValue()
    }
  }

  /// `readOnly`: JSON `true`/`false`, or the strings `"true"`/`"false"`; anything else is nil.
  private mutating func boolValue() throws(ScanError) -> Bool? {
    switch base[i] {
    case 0x74:
      try literal("true")
      return true
    case 0x66:
      try literal("false")
      return false
    case 0x22:
      let s = try string()
      if keyIs(s, "true") { return true }
      if keyIs(s, "false") { return false }
      return nil
    default:
      try skipValue()
      return nil
    }
  }

  /// `eventTime`: an ISO 8601 string, else nil.
  private mutating func timeValue() throws(ScanError) -> Int64? {
    guard base[i] == 0x22 else {
      try skipValue()
      return nil
    }
    let s = try string()
    if !s.hasEscapes {
      return EventTime.parse(base + s.start, count: s.end - s.start)
    }
    var bytes: [UInt8] = []
    JSONUnescape.append(UnsafeBufferPointer(start: base + s.start, count: s.end - s.start), to: &bytes)
    return bytes.withUnsafeBufferPointer { b in
      b.baseAddress.flatMap { EventTime.parse($0, count: b.count) }
    }
  }
}
