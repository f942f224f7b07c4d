/// A path into a record's JSON, read from the raw bytes on demand: keys separated by dots, `[]` after a key for
/// every element of an array (`requestParameters.bucketName`, `resources[].ARN`).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
  enum Step: Sendable, Hashable {
    case key([UInt8])
    case each
  }

  /// The path as written.
  public let description: String
  let steps: [Step]

  /// Parses a path; nil when it is empty or has an empty key (`a..b`, `.a`).
  public init?(_ text: String) {
    var steps: [Step] = []
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      var key = Substring(part)
      var arrays = 0
      while key.hasSuffix("[]") {
        key = key.dropLast(2)
        arrays += 1
      }
      guard !key.isEmpty else { return nil }
      steps.append(.key(Array(key.utf8)))
      steps += repeatElement(.each, count: arrays)
    }
    guard !steps.isEmpty else { return nil }
    self.description = text
    self.steps = steps
  }

  /// The values at the path in one record (a JSON object), in document order: strings decoded, other scalars as
  /// their JSON text, objects and arrays as compact JSON. Empty when the path is absent or the JSON is broken.
  public func values(in record: ArraySlice<UInt8>) -> [String] {
    var out: [String] = []
    record.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(buffer, at: 0)
      cursor.skipWhitespace()
      guard !cursor.atEnd else { return }
      do throws(ScanError) {
        try collect(&cursor, step: 0, into: &out, record: record)
      } catch {
        return
      }
    }
    return out
  }

  /// Reads the value at the cursor for `steps[step...]`, appending what the path reaches.
  private func collect(
    _ cursor: inout JSONCursor, step: Int, into out: inout [String], record: ArraySlice<UInt8>
  ) throws(ScanError) {
    guard step < steps.count else {
      out.append(try Self.text(&cursor, record: record))
      return
    }
    switch steps[step] {
    case .key(let name):
      guard cursor.byte == 0x7B else { return try cursor.skipValue() }
      cursor.i += 1
      var first = true
      while let key = try cursor.nextKey(&first) {
        if key.end - key.start == name.count && !key.hasEscapes
          && name.withUnsafeBufferPointer({ n in (0..<n.count).allSatisfy { cursor.base[key.start + $0] == n[$0] } })
        {
          try collect(&cursor, step: step + 1, into: &out, record: record)
        } else {
          try cursor.skipValue()
        }
      }
    case .each:
      guard cursor.byte == 0x5B else { return try cursor.skipValue() }
      cursor.i += 1
      var first = true
      while try cursor.nextElement(&first) {
        try collect(&cursor, step: step + 1, into: &out, record: record)
      }
    }
  }

  /// The value at the cursor as text; moves past it.
  private static func text(_ cursor: inout JSONCursor, record: ArraySlice<UInt8>) throws(ScanError) -> String {
    let start = cursor.i
    if cursor.byte == 0x22 {
      let ref = try cursor.string()
      let bytes = record.startIndex
      let slice = Array(record[(bytes + ref.start)..<(bytes + ref.end)])
      let local = JSONStringRef(start: 0, end: slice.count, hasEscapes: ref.hasEscapes)
      return local.decode(in: slice)
    }
    try cursor.skipValue()
    let raw = record[(record.startIndex + start)..<(record.startIndex + cursor.i)]
    return String(decoding: JSONPretty.compact(raw), as: UTF8.self)
  }
}
