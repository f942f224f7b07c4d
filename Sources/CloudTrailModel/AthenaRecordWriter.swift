/// Turns rows of AWS's CloudTrail table for Athena back into CloudTrail records, one JSON object per line, with the
/// record's own key names (`userIdentity.principalId`, not the catalog's `useridentity.principalid`).
///
/// Each cell is read once, from the results page as it came: a string column's raw JSON text is copied as it is;
/// the JSON text columns (`requestparameters`, ...) are unescaped once and embedded when they are valid JSON (else
/// kept as a string); structs, arrays and maps (selected as `CAST(col AS JSON)`) are unescaped once and rewritten
/// with the record's key names, null fields left out. Struct values may come as JSON objects or, as older Presto
/// cast rows, as arrays in field order: both are read. Partition columns are not part of the record.
public struct AthenaRecordWriter: Sendable {
  enum Kind: Sendable {
    case skip
    case string
    case jsonText
    case flag
    case number
    case time
    case complex(HiveType, resources: Bool)
  }

  let kinds: [Kind]
  let keys: [[UInt8]]

  /// Columns holding JSON text in AWS's table.
  static let jsonTextColumns: Set<String> = [
    "requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails", "edgedevicedetails",
    "insightdetails",
  ]

  /// A writer for rows with `columns` (name and catalog type, in the SELECT's order); `partitionKeys` are left out.
  public init(columns: [(name: String, type: HiveType)], partitionKeys: Set<String>) {
    var kinds: [Kind] = []
    var keys: [[UInt8]] = []
    for (name, type) in columns {
      let lower = name.lowercased()
      keys.append(Array(CloudTrailKeys.recordKey(lower).utf8))
      if partitionKeys.contains(lower) {
        kinds.append(.skip)
      } else if type.isComplex {
        kinds.append(.complex(type, resources: lower == "resources"))
      } else if Self.jsonTextColumns.contains(lower) {
        kinds.append(.jsonText)
      } else if case .scalar(let t) = type, t == "boolean" || lower == "readonly" || lower == "managementevent" {
        kinds.append(.flag)
      } else if case .scalar(let t) = type, t == "timestamp" {
        kinds.append(.time)
      } else if case .scalar(let t) = type, ["tinyint", "smallint", "int", "integer", "bigint", "double"].contains(t) {
        kinds.append(.number)
      } else {
        kinds.append(.string)
      }
    }
    self.kinds = kinds
    self.keys = keys
  }

  /// Appends `row` (cells of `page`, absent for NULL) as one record and a newline to `out`.
  public func append(row: [JSONStringRef], page: [UInt8], to out: inout [UInt8]) {
    out.append(0x7B)
    var first = true
    for (index, cell) in row.enumerated() where index < kinds.count && cell.isPresent {
      let mark = out.count
      if !first { out.append(0x2C) }
      out.append(0x22)
      out.append(contentsOf: keys[index])
      out.append(contentsOf: [0x22, 0x3A])
      let raw = page[(cell.start - 1)...cell.end]  // the string with its quotes, escapes as they came
      var wrote = true
      switch kinds[index] {
      case .skip: wrote = false
      case .string: out.append(contentsOf: raw)
      case .flag:
        let text = page[cell.start..<cell.end]
        if text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) {
          out.append(contentsOf: text)
        } else {
          out.append(contentsOf: raw)
        }
      case .number:
        let text = cell.decodedBytes(in: page)
        if JSONValidation.isNumber(text) { out.append(contentsOf: text) } else { out.append(contentsOf: raw) }
      case .time:
        let text = page[cell.start..<cell.end]
        if let iso = Self.iso(text) { out.append(contentsOf: iso) } else { out.append(contentsOf: raw) }
      case .jsonText:
        let text = cell.decodedBytes(in: page)
        if JSONValidation.isValid(text) { out.append(contentsOf: text) } else { out.append(contentsOf: raw) }
      case .complex(let type, let resources):
        let text = cell.decodedBytes(in: page)
        wrote = JSONValidation.isValid(text) && Self.rewrite(text, type: type, resources: resources, to: &out)
      }
      if wrote { first = false } else { out.removeSubrange(mark...) }
    }
    out.append(contentsOf: [0x7D, 0x0A])
  }

  /// `"YYYY-MM-DDTHH:MM:SSZ"` (quoted) for a SQL timestamp's text `YYYY-MM-DD HH:MM:SS[.fff]` (UTC, as CloudTrail
  /// Lake gives `eventtime`); nil for anything else.
  static func iso(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    let bytes = Array(text.prefix(19))
    guard bytes.count == 19, text.count == 19 || text[text.startIndex + 19] == 0x2E else { return nil }
    for (i, b) in bytes.enumerated() {
      switch i {
      case 4, 7: guard b == 0x2D else { return nil }
      case 10: guard b == 0x20 || b == 0x54 else { return nil }
      case 13, 16: guard b == 0x3A else { return nil }
      default: guard (0x30...0x39).contains(b) else { return nil }
      }
    }
    var out: [UInt8] = [0x22]
    out += bytes[0..<10]
    out.append(0x54)
    out += bytes[11..<19]
    out += [0x5A, 0x22]
    return out
  }

  /// Writes the JSON value `text` (valid) as `type` with the record's key names (`resources` entries name their
  /// ARN `ARN`); false when nothing worth keeping came of it (null, or a struct whose fields are all null).
  static func rewrite(_ text: [UInt8], type: HiveType, resources: Bool = false, to out: inout [UInt8]) -> Bool {
    text.withUnsafeBufferPointer { buffer in
      var c = JSONCursor(buffer, at: 0)
      c.skipWhitespace()
      let keys = resources ? { $0 == "arn" ? "ARN" : CloudTrailKeys.recordKey($0) } : CloudTrailKeys.recordKey
      return (try? value(&c, type: type, keys: keys, to: &out)) ?? false
    }
  }

  /// Writes the value at the cursor; false (and nothing written) for null and empty structs.
  private static func value(
    _ c: inout JSONCursor, type: HiveType, keys recordKey: (String) -> String, to out: inout [UInt8]
  ) throws(ScanError) -> Bool {
    let start = c.i
    if c.byte == 0x6E {
      try c.skipValue()
      return false
    }
    switch type {
    case .structure(let fields) where c.byte == 0x7B || c.byte == 0x5B:
      let byName = c.byte == 0x7B
      c.i += 1
      let mark = out.count
      out.append(0x7B)
      var first = true
      var position = 0
      var wroteAny = false
      while true {
        var field: HiveField?
        var key: [UInt8] = []
        if byName {
          guard let name = try c.nextKey(&first) else { break }
          let decoded = name.decodedBytes(in: c)
          let lower = String(decoding: decoded, as: UTF8.self).lowercased()
          field = fields.first { $0.name.lowercased() == lower }
          key = Array(recordKey(lower).utf8)
        } else {
          guard try c.nextElement(&first) else { break }
          if position < fields.count {
            field = fields[position]
            key = Array(recordKey(fields[position].name.lowercased()).utf8)
          }
          position += 1
        }
        guard let field else {
          try c.skipValue()
          continue
        }
        let fieldMark = out.count
        if wroteAny { out.append(0x2C) }
        out.append(0x22)
        out.append(contentsOf: key)
        out.append(contentsOf: [0x22, 0x3A])
        c.skipWhitespace()
        if try value(&c, type: field.type, keys: recordKey, to: &out) {
          wroteAny = true
        } else {
          out.removeSubrange(fieldMark...)
        }
      }
      if !wroteAny {
        out.removeSubrange(mark...)
        return false
      }
      out.append(0x7D)
      return true
    case .array(let element) where c.byte == 0x5B:
      c.i += 1
      out.append(0x5B)
      var first = true
      var count = 0
      while try c.nextElement(&first) {
        if count > 0 { out.append(0x2C) }
        if !(try value(&c, type: element, keys: recordKey, to: &out)) { out.append(contentsOf: "null".utf8) }
        count += 1
      }
      out.append(0x5D)
      return true
    case .map(let valueType) where c.byte == 0x7B:
      c.i += 1
      out.append(0x7B)
      var first = true
      var count = 0
      while let key = try c.nextKey(&first) {
        if count > 0 { out.append(0x2C) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: c.buffer[(key.start - 1)...key.end]))
        out.append(0x3A)
        if !(try value(&c, type: valueType, keys: recordKey, to: &out)) { out.append(contentsOf: "null".utf8) }
        count += 1
      }
      out.append(0x7D)
      return true
    default:
      if type == .scalar("timestamp"), c.byte == 0x22 {
        let text = try c.string()
        let raw = UnsafeBufferPointer(rebasing: c.buffer[text.start..<max(text.start, text.end)])
        if !text.hasEscapes, let iso = iso(ArraySlice(raw)) {
          out.append(contentsOf: iso)
          return true
        }
      } else {
        try c.skipValue()
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: c.buffer[start..<c.i]))
      return true
    }
  }
}

extension JSONCursor {
  /// The whole buffer the cursor reads.
  var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

extension JSONStringRef {
  /// The content with escapes resolved, read from the cursor's buffer.
  func decodedBytes(in c: JSONCursor) -> [UInt8] {
    let raw = UnsafeBufferPointer(rebasing: c.buffer[start..<end])
    if !hasEscapes { return Array(raw) }
    var out: [UInt8] = []
    JSONUnescape.append(raw, to: &out)
    return out
  }
}
