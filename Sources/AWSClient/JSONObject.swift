import Foundation

/// Typed reads from a decoded JSON object (`JSONSerialization` output). Local use only; not Sendable.
struct JSONObject {
  /// The decoded fields.
  let fields: [String: Any]

  /// Wraps a decoded object.
  init(_ fields: [String: Any]) { self.fields = fields }

  /// Decodes `bytes` as a JSON object; nil when it is not one.
  init?(bytes: [UInt8]) {
    guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = value as? [String: Any]
    else { return nil }
    fields = object
  }

  /// A string field.
  func string(_ key: String) -> String? { fields[key] as? String }

  /// A boolean field (`true`/`false`, or the strings "true"/"false").
  func bool(_ key: String) -> Bool? {
    if let text = fields[key] as? String { return text == "true" ? true : text == "false" ? false : nil }
    if let number = fields[key] as? NSNumber { return number.boolValue }
    return nil
  }

  /// A number of seconds since 1970, possibly fractional, rounded down; ISO-8601 text is accepted too.
  func epochSeconds(_ key: String) -> Int64? {
    if let number = fields[key] as? NSNumber { return Int64(number.doubleValue.rounded(.down)) }
    if let text = fields[key] as? String { return AWSTimestamp.parse(text) }
    return nil
  }

  /// An integer field.
  func int(_ key: String) -> Int? { (fields[key] as? NSNumber)?.intValue }

  /// A nested object.
  func object(_ key: String) -> JSONObject? { (fields[key] as? [String: Any]).map(JSONObject.init) }

  /// An array of objects (non-objects are skipped).
  func objects(_ key: String) -> [JSONObject] {
    ((fields[key] as? [Any]) ?? []).compactMap { ($0 as? [String: Any]).map(JSONObject.init) }
  }

  /// Serializes a JSON-compatible dictionary with sorted keys.
  static func encode(_ value: [String: Any]) -> [UInt8] {
    Array((try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8))
  }
}
