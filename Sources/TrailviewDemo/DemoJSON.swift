/// A JSON value built by the demo generator; object members keep their insertion order.
indirect enum DemoJSON: Sendable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// An integer.
  case int(Int64)
  /// A string.
  case string(String)
  /// An array.
  case array([DemoJSON])
  /// An object, members in order.
  case object([(String, DemoJSON)])

  /// An object from an ordered literal.
  static func obj(_ members: KeyValuePairs<String, DemoJSON>) -> DemoJSON {
    .object(members.map { ($0.key, $0.value) })
  }

  /// A string value, or `null` when nil.
  static func opt(_ value: String?) -> DemoJSON {
    value.map { .string($0) } ?? .null
  }
}

extension DemoJSON: ExpressibleByStringLiteral {
  init(stringLiteral value: String) {
    self = .string(value)
  }
}

extension DemoJSON: ExpressibleByBooleanLiteral {
  init(booleanLiteral value: Bool) {
    self = .bool(value)
  }
}

extension DemoJSON: ExpressibleByIntegerLiteral {
  init(integerLiteral value: Int64) {
    self = .int(value)
  }
}

/// Writes compact JSON (RFC 8259) as UTF-8 bytes.
struct DemoRecordWriter {
  /// The bytes written so far.
  private(set) var bytes: [UInt8] = []

  /// Serialises `value` compactly.
  static func encode(_ value: DemoJSON) -> [UInt8] {
    var writer = DemoRecordWriter()
    writer.bytes.reserveCapacity(1024)
    writer.write(value)
    return writer.bytes
  }

  /// Appends one value.
  mutating func write(_ value: DemoJSON) {
    switch value {
    case .null: bytes.append(contentsOf: Array("null".utf8))
    case .bool(let b): bytes.append(contentsOf: Array((b ? "true" : "false").utf8))
    case .int(let i): bytes.append(contentsOf: Array(String(i).utf8))
    case .string(let s): writeString(s)
    case .array(let items):
      bytes.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        write(item)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      for (i, (key, item)) in members.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        write(item)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// Appends a quoted string, escaping `"`, `\` and every control character below U+0020.
  mutating func writeString(_ s: String) {
    let hex = Array("0123456789abcdef".utf8)
    bytes.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x00..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
