/// A column type as Athena's data catalog spells it (`string`, `struct<a:string,b:array<struct<c:int>>>`,
/// `map<string,string>`): enough to turn a row back into a CloudTrail record.
public indirect enum HiveType: Sendable, Equatable {
  /// A scalar: `string`, `boolean`, `int`, `bigint`, `double`, ... (lower-case).
  case scalar(String)
  /// A struct's fields in order.
  case structure([HiveField])
  /// An array of the element type.
  case array(HiveType)
  /// A map with string keys to the value type.
  case map(HiveType)

  /// True for structs, arrays and maps (they are selected as JSON).
  public var isComplex: Bool {
    if case .scalar = self { return false }
    return true
  }

  /// Parses a catalog type; anything unreadable, or nested deeper than 32 levels, is a scalar of that text.
  public static func parse(_ text: String) -> HiveType {
    var parser = Parser(bytes: Array(text.utf8))
    guard let type = parser.type(depth: 0), parser.i == parser.bytes.count else {
      return .scalar(text.lowercased())
    }
    return type
  }

  private struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 { i += 1 } }

    mutating func word() -> String {
      skipSpaces()
      let start = i
      while i < bytes.count, !"<>,:()".utf8.contains(bytes[i]) { i += 1 }
      var end = i
      while end > start, bytes[end - 1] == 0x20 { end -= 1 }
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    mutating func expect(_ b: UInt8) -> Bool {
      skipSpaces()
      guard i < bytes.count, bytes[i] == b else { return false }
      i += 1
      return true
    }

    mutating func type(depth: Int) -> HiveType? {
      guard depth < 32 else { return nil }
      let name = word().lowercased()
      switch name {
      case "struct":
        guard expect(0x3C) else { return nil }
        var fields: [HiveField] = []
        if expect(0x3E) { return .structure(fields) }
        repeat {
          let field = word()
          guard !field.isEmpty, expect(0x3A), let type = type(depth: depth + 1) else { return nil }
          fields.append(HiveField(name: field, type: type))
        } while expect(0x2C)
        return expect(0x3E) ? .structure(fields) : nil
      case "array":
        guard expect(0x3C), let element = type(depth: depth + 1), expect(0x3E) else { return nil }
        return .array(element)
      case "map":
        guard expect(0x3C), type(depth: depth + 1) != nil, expect(0x2C), let value = type(depth: depth + 1),
          expect(0x3E)
        else { return nil }
        return .map(value)
      default:
        if name.isEmpty { return nil }
        // decimal(10,2), varchar(65535): the arguments do not matter here.
        if expect(0x28) {
          while i < bytes.count, bytes[i] != 0x29 { i += 1 }
          guard expect(0x29) else { return nil }
        }
        return .scalar(name)
      }
    }
  }
}

/// A struct field: its name as the catalog has it (lower-case for Hive tables) and its type.
public struct HiveField: Sendable, Equatable {
  /// The field's name.
  public var name: String
  /// The field's type.
  public var type: HiveType

  /// A field.
  public init(name: String, type: HiveType) {
    self.name = name
    self.type = type
  }
}
