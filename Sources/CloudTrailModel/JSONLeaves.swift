/// The scalar values of a JSON document with their paths (`userIdentity.arn`, `resources[0].ARN`), for comparing
/// two records. Empty objects and arrays are leaves too (`{}`, `[]`), and so is anything nested deeper than
/// ``maxDepth`` (as compact JSON), so hostile nesting costs linear time.
public enum JSONLeaves {
  /// The deepest level read member by member.
  public static let maxDepth = 32

  /// One leaf: its path and its value as text (strings decoded, the rest as JSON).
  public struct Leaf: Sendable, Equatable {
    /// The path, with array indices.
    public var path: String
    /// The value.
    public var value: String
  }

  /// The leaves of `bytes`, in document order; what could be read when the JSON is broken.
  public static func leaves(_ bytes: ArraySlice<UInt8>) -> [Leaf] {
    var out: [Leaf] = []
    bytes.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(buffer, at: 0)
      cursor.skipWhitespace()
      guard !cursor.atEnd else { return }
      do throws(ScanError) {
        try read(&cursor, path: "", depth: 0, into: &out, bytes: bytes)
      } catch {
        return
      }
    }
    return out
  }

  private static func read(
    _ c: inout JSONCursor, path: String, depth: Int, into out: inout [Leaf], bytes: ArraySlice<UInt8>
  ) throws(ScanError) {
    let start = c.i
    switch c.byte {
    case 0x7B where depth < maxDepth:
      c.i += 1
      var first = true
      var any = false
      while let key = try c.nextKey(&first) {
        any = true
        let decoded = decodeKey(key, bytes)
        try read(&c, path: path.isEmpty ? decoded : path + "." + decoded, depth: depth + 1, into: &out, bytes: bytes)
      }
      if !any { out.append(Leaf(path: path, value: "{}")) }
    case 0x5B where depth < maxDepth:
      c.i += 1
      var first = true
      var index = 0
      while try c.nextElement(&first) {
        try read(&c, path: path + "[\(index)]", depth: depth + 1, into: &out, bytes: bytes)
        index += 1
      }
      if index == 0 { out.append(Leaf(path: path, value: "[]")) }
    case 0x22:
      let ref = try c.string()
      out.append(Leaf(path: path, value: decodeKey(ref, bytes)))
    default:
      try c.skipValue()
      let raw = bytes[(bytes.startIndex + start)..<(bytes.startIndex + c.i)]
      out.append(Leaf(path: path, value: String(decoding: JSONPretty.compact(raw), as: UTF8.self)))
    }
  }

  /// A string's content with escapes resolved.
  private static func decodeKey(_ ref: JSONStringRef, _ bytes: ArraySlice<UInt8>) -> String {
    let slice = Array(bytes[(bytes.startIndex + ref.start)..<(bytes.startIndex + ref.end)])
    return JSONStringRef(start: 0, end: slice.count, hasEscapes: ref.hasEscapes).decode(in: slice)
  }
}
