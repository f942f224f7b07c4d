/// Interned strings: each distinct value gets a small integer id, so columns are compact and filters compare ids.
///
/// Id 0 is always the empty string (a missing field).
struct StringTable: Sendable {
  private(set) var strings: [String] = [""]
  private var ids: [String: UInt32] = ["": 0]

  /// The id for `value`, adding it when new.
  mutating func intern(_ value: String) -> UInt32 {
    if let id = ids[value] { return id }
    let id = UInt32(strings.count)
    strings.append(value)
    ids[value] = id
    return id
  }

  /// The id for `value` if it is known.
  func id(of value: String) -> UInt32? { ids[value] }

  /// Number of strings, including the empty one.
  var count: Int { strings.count }

  subscript(id: UInt32) -> String { strings[Int(id)] }
}
