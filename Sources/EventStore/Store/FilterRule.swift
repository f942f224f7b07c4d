/// One test of a compiled filter over a value's text (or texts, for multi-valued paths).
enum FilterRule: Sendable {
  /// Some value matches one of the patterns (the ORed `equals` predicates of one target).
  case anyOf([Pattern])
  /// No value matches the pattern.
  case noneOf(Pattern)
  /// Some value contains the text, ignoring case.
  case contains(String)
  /// Some value is not empty.
  case exists

  /// The verdict for a single value (empty when the field is missing).
  func passes(_ value: String) -> Bool {
    switch self {
    case .anyOf(let patterns): return !value.isEmpty && patterns.contains { $0.matches(value) }
    case .noneOf(let pattern): return value.isEmpty || !pattern.matches(value)
    case .contains(let text): return value.lowercased().contains(text)
    case .exists: return !value.isEmpty
    }
  }

  /// The verdict for every value at a path.
  func passes(_ values: [String]) -> Bool {
    switch self {
    case .noneOf: return values.allSatisfy(passes)
    default: return values.contains(where: passes)
    }
  }

  /// The rules for the predicates of one target: their `equals` patterns ORed into one rule, then one rule per
  /// other predicate. `between` tests are not rules (the store checks times directly).
  static func rules(for predicates: [Predicate]) -> [FilterRule] {
    var rules: [FilterRule] = []
    var patterns: [Pattern] = []
    for predicate in predicates {
      switch predicate.test {
      case .equals(let value): patterns.append(Pattern(value))
      case .notEquals(let value): rules.append(.noneOf(Pattern(value)))
      case .contains(let text): rules.append(.contains(text.lowercased()))
      case .exists: rules.append(.exists)
      case .between: break
      }
    }
    if !patterns.isEmpty { rules.insert(.anyOf(patterns), at: 0) }
    return rules
  }
}
