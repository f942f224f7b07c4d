import CloudTrailModel

/// One condition on events: a field (or any JSON path, or the whole record's text) and a test.
///
/// A filter is a list of predicates, ANDed, except that several `equals` predicates on the same target are ORed
/// (`user=alice` and `user=bob`: either). Text tests ignore case; `equals` and `notEquals` take whole-value patterns
/// with `*` and `?`.
public struct Predicate: Sendable, Hashable {
  /// What a predicate looks at.
  public enum Target: Sendable, Hashable {
    /// A registry field.
    case field(Field)
    /// Any JSON path, read from the raw record.
    case path(JSONPath)
    /// The record's whole raw JSON text.
    case text
  }

  /// The test applied to the target's value (to any of its values, for multi-valued paths).
  public enum Test: Sendable, Hashable {
    /// The value matches the pattern.
    case equals(String)
    /// The value does not match the pattern (a missing value passes).
    case notEquals(String)
    /// The value contains the text.
    case contains(String)
    /// The value is present and not empty.
    case exists
    /// The time is within the inclusive bounds (for ``Field/time``).
    case between(Int64?, Int64?)
  }

  /// What is tested.
  public var target: Target
  /// The test.
  public var test: Test

  /// Creates a predicate.
  public init(_ target: Target, _ test: Test) {
    self.target = target
    self.test = test
  }

  /// A predicate on a registry field.
  public init(_ field: Field, _ test: Test) {
    self.init(.field(field), test)
  }

  /// True when this is an `equals` test (ORed with the others on the same target).
  public var isEquals: Bool {
    if case .equals = test { return true }
    return false
  }

  /// The target's name: the field's name, the path, or `text`.
  public var targetName: String {
    switch target {
    case .field(let field): return field.name
    case .path(let path): return path.description
    case .text: return "text"
    }
  }
}

extension Predicate: CustomStringConvertible {
  /// `user=alice`, `eventName!=Get*`, `errorCode?`, `text~AccessDenied`, `time=2026-01-01T00:00:00Z..`.
  public var description: String {
    switch test {
    case .equals(let value): return "\(targetName)=\(value)"
    case .notEquals(let value): return "\(targetName)!=\(value)"
    case .contains(let value): return "\(targetName)~\(value)"
    case .exists: return "\(targetName)?"
    case .between(let low, let high):
      return "\(targetName)=\(low.map(EventTime.formatISO) ?? "")..\(high.map(EventTime.formatISO) ?? "")"
    }
  }

  /// Parses `FIELD=VALUE`, `FIELD!=VALUE`, `FIELD~TEXT` or `FIELD?`, where FIELD is a registry field name or any
  /// JSON path; nil with no operator or an empty field.
  public static func parse(_ text: String) -> Predicate? {
    func target(_ name: Substring) -> Target? {
      let name = name.trimmingSpaces()
      if name.isEmpty { return nil }
      if name == "text" { return .text }
      if let field = Field(name: name) { return .field(field) }
      return JSONPath(name).map(Target.path)
    }
    if text.hasSuffix("?"), !text.contains("=") {
      return target(text.dropLast()).map { Predicate($0, .exists) }
    }
    // The first operator in the text decides (so a value may contain `=` or `~`).
    var index = text.startIndex
    while index < text.endIndex {
      let rest = text[index...]
      let test: ((String) -> Test, Int)?
      if rest.hasPrefix("!=") {
        test = (Test.notEquals, 2)
      } else if rest.first == "=" {
        test = (Test.equals, 1)
      } else if rest.first == "~" {
        test = (Test.contains, 1)
      } else {
        test = nil
      }
      if let (make, length) = test {
        guard let t = target(text[..<index]) else { return nil }
        return Predicate(t, make(String(text[text.index(index, offsetBy: length)...])))
      }
      index = text.index(after: index)
    }
    return nil
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
