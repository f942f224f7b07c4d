/// What reading one object told us besides its fields.
struct RecordFlags {
  /// `eventTime` was present (with any value).
  var hasTime = false
  /// `eventName` was present.
  var hasName = false
  /// `eventSource` was present.
  var hasSource = false

  /// An object counts as a record on its own when it has `eventTime`, or both `eventName` and `eventSource`.
  var qualifies: Bool { hasTime || (hasName && hasSource) }
}

extension JSONCursor {
  /// Reads the record object at the cursor, extracting ``RecordFields``; duplicate keys: the last one wins.
  ///
  /// With `topLevel` set, the container keys `Records`, `Events` and digest keys are also recognised and handled
  /// through `sink`.
  mutating func record(
    _ fields: inout RecordFields, topLevel: Bool, sink: inout ScanSink
  ) throws(ScanError) -> RecordFlags {
    var flags = RecordFlags()
    i += 1
    var first = true
    while let key = try nextKey(&first) {
      switch key.end - key.start {
      case 7:
        if keyIs(key, "eventID") {
          fields.eventID = try stringValue()
        } else if topLevel && keyIs(key, "Records") && base[i] == 0x5B {
          sink.current.batch = true
          try recordsArray(sink: &sink)
        } else {
          try skipValue()
        }
      case 8:
        if keyIs(key, "readOnly") {
          fields.readOnly = try boolValue()
        } else {
          if topLevel && keyIs(key, "logFiles") { sink.current.digest = true }
          try skipValue()
        }
      case 9:
        if keyIs(key, "eventTime") {
          flags.hasTime = true
          fields.eventTime = try timeValue()
        } else if keyIs(key, "eventName") {
          flags.hasName = true
          fields.eventName = try stringValue()
        } else if keyIs(key, "awsRegion") {
          fields.awsRegion = try stringValue()
        } else if keyIs(key, "userAgent") {
          fields.userAgent = try stringValue()
        } else if keyIs(key, "errorCode") {
          fields.errorCode = try stringValue()
        } else if keyIs(key, "eventType") {
          fields.eventType = try stringValue()
        } else {
          try skipValue()
        }
      case 11:
        if keyIs(key, "eventSource") {
          flags.hasSource = true
          fields.eventSource = try stringValue()
        } else {
          try skipValue()
        }
      case 12:
        if keyIs(key, "userIdentity") {
          try identity(&fields)
        } else if keyIs(key, "errorMessage") {
          fields.errorMessage = try stringValue()
        } else {
          try skipValue()
        }
      case 15:
        if keyIs(key, "sourceIPAddress") {
          fields.sourceIPAddress = try stringValue()
        } else {
          if topLevel && keyIs(key, "digestStartTime") { sink.current.digest = true }
          try skipValue()
        }
      case 17:
        if keyIs(key, "requestParameters") {
          try requestParameters(&fields)
        } else {
          try skipValue()
        }
      case 18:
        if keyIs(key, "recipientAccountId") {
          fields.recipientAccountId = try stringValue()
        } else {
          try skipValue()
        }
      default:
        if topLevel && keyIs(key, "Events") && base[i] == 0x5B {
          sink.current.lookup = true
          try eventsArray(sink: &sink)
        } else {
          if topLevel && keyIs(key, "digestS3Object") { sink.current.digest = true }
          try skipValue()
        }
      }
    }
    return flags
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

  /// `userIdentity`: resets the identity fields, then reads them from an object value.
  private mutating func identity(_ fields: inout RecordFields) throws(ScanError) {
    fields.identityType = .absent
    fields.userName = .absent
    fields.arn = .absent
    fields.invokedBy = .absent
    fields.accountId = .absent
    fields.principalId = .absent
    fields.accessKeyId = .absent
    fields.sessionIssuerUserName = .absent
    fields.onBehalfOfUserId = .absent
    guard base[i] == 0x7B else { return try skipValue() }
    i += 1
    var first = true
    while let key = try nextKey(&first) {
      if keyIs(key, "type") {
        fields.identityType = try stringValue()
      } else if keyIs(key, "userName") {
        fields.userName = try stringValue()
      } else if keyIs(key, "arn") {
        fields.arn = try stringValue()
      } else if keyIs(key, "invokedBy") {
        fields.invokedBy = try stringValue()
      } else if keyIs(key, "accountId") {
        fields.accountId = try stringValue()
      } else if keyIs(key, "principalId") {
        fields.principalId = try stringValue()
      } else if keyIs(key, "accessKeyId") {
        fields.accessKeyId = try stringValue()
      } else if keyIs(key, "sessionContext") {
        fields.sessionIssuerUserName = try nestedString(outer: "sessionIssuer", inner: "userName")
      } else if keyIs(key, "onBehalfOf") {
        fields.onBehalfOfUserId = try memberString("userId")
      } else {
        try skipValue()
      }
    }
  }

  /// `requestParameters.name` when it is a direct string member.
  private mutating func requestParameters(_ fields: inout RecordFields) throws(ScanError) {
    fields.requestName = try memberString("name")
  }

  /// Reads an object value and returns its direct string member `name` (last one wins), else absent.
  private mutating func memberString(_ name: StaticString) throws(ScanError) -> JSONStringRef {
    guard base[i] == 0x7B else {
      try skipValue()
      return .absent
    }
    i += 1
    var first = true
    var found = JSONStringRef.absent
    while let key = try nextKey(&first) {
      if keyIs(key, name) { found = try stringValue() } else { try skipValue() }
    }
    return found
  }

  /// Reads an object value and returns `outer.inner` when that is a string, else absent.
  private mutating func nestedString(outer: StaticString, inner: StaticString) throws(ScanError) -> JSONStringRef {
    guard base[i] == 0x7B else {
      try skipValue()
      return .absent
    }
    i += 1
    var first = true
    var found = JSONStringRef.absent
    while let key = try nextKey(&first) {
      if keyIs(key, outer) { found = try memberString(inner) } else { try skipValue() }
    }
    return found
  }
}
