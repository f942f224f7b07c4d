/// One value a field path reaches in a record, as a detection rule compares it.
public enum JSONLeaf: Sendable, Equatable {
  /// A string, decoded.
  case string(String)
  /// A number or `true`/`false`, as its JSON text.
  case scalar(String)
  /// `null`.
  case null
  /// An object, as compact JSON.
  case object(String)
}

extension JSONPath {
  /// The values at the path in one record, with arrays looked into wherever they are met: a key applied to an array
  /// applies to each element, and an array at the end gives its elements (so `resources.ARN` reaches every
  /// resource's ARN, and a rule's value matches an array when it matches one element). Empty when the path is
  /// absent or the JSON is broken.
  ///
  /// With `intoArrays` false, arrays are not looked into: an array at the end of the path is one value, its compact
  /// JSON as a string, and a path that goes on past an array reaches nothing (the way a table of flattened dotted
  /// columns sees a record).
  public func leaves(in record: ArraySlice<UInt8>, intoArrays: Bool = true) -> [JSONLeaf] {
    var out: [JSONLeaf] = []
    record.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(buffer, at: 0)
      cursor.skipWhitespace()
      guard !cursor.atEnd else { return }
      do throws(ScanError) {
        try leaves(&cursor, step: 0, into: &out, record: record, intoArrays: intoArrays)
      } catch {
        out = []
      }
    }
    return out
  }

  private func leaves(
    _ cursor: inout JSONCursor, step: Int, into out: inout [JSONLeaf], record: ArraySlice<UInt8>, intoArrays: Bool
  ) throws(ScanError) {
    if cursor.byte == 0x5B && !intoArrays {
      guard step >= steps.count else { return try cursor.skipValue() }
      let start = cursor.i
      try cursor.skipValue()
      let raw = record[(record.startIndex + start)..<(record.startIndex + cursor.i)]
      out.append(.string(String(decoding: JSONPretty.compact(raw), as: UTF8.self)))
      return
    }
    if cursor.byte == 0x5B {
      // An array: each element takes the rest of the path (or is a value itself at the end).
      cursor.i += 1
      var first = true
      while try cursor.nextElement(&first) {
        try leaves(&cursor, step: step, into: &out, record: record, intoArrays: intoArrays)
      }
      return
    }
    guard step < steps.count else {
      out.append(try Self.leaf(&cursor, record: record))
      return
    }
    guard case .key(let name) = steps[step] else {
      // `[]`: arrays are looked into anyway.
      return try leaves(&cursor, step: step + 1, into: &out, record: record, intoArrays: intoArrays)
    }
    guard cursor.byte == 0x7B else { return try cursor.skipValue() }
    cursor.i += 1
    var first = true
    while let key = try cursor.nextKey(&first) {
      if key.end - key.start == name.count && !key.hasEscapes
        && name.withUnsafeBufferPointer({ n in (0..<n.count).allSatisfy { cursor.base[key.start + $0] == n[$0] } })
      {
        try leaves(&cursor, step: step + 1, into: &out, record: record, intoArrays: intoArrays)
      } else {
        try cursor.skipValue()
      }
    }
  }

  /// The scalar or object at the cursor; moves past it.
  private static func leaf(_ cursor: inout JSONCursor, record: ArraySlice<UInt8>) throws(ScanError) -> JSONLeaf {
    let start = cursor.i
    switch cursor.byte {
    case 0x22:
      let ref = try cursor.string()
      let base = record.startIndex
      let slice = Array(record[(base + ref.start)..<(base + ref.end)])
      return .string(JSONStringRef(start: 0, end: slice.count, hasEscapes: ref.hasEscapes).decode(in: slice))
    case 0x6E:
      try cursor.skipValue()
      return .null
    default:
      try cursor.skipValue()
      let raw = record[(record.startIndex + start)..<(record.startIndex + cursor.i)]
      let text = String(decoding: JSONPretty.compact(raw), as: UTF8.self)
      return raw.first == 0x7B ? .object(text) : .scalar(text)
    }
  }
}
