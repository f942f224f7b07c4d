/// Rules ready to run on every loaded event: indexed by the event names a rule can match, so that an event is
/// checked only against the rules that name its event name (and the few that name none).
public final class Detector: Sendable {
  /// The rules, in order; findings refer to them by index.
  public let rules: [SigmaRule]
  /// Rule indices by lower-cased event name, and the rules that can match any event name.
  private let byName: [String: [UInt16]]
  private let anyName: [UInt16]
  /// Per rule, the literals a record must contain for it to match (nil: none known).
  private let prefilters: [Prefilter?]

  /// Indexes `rules` (at most 65,535).
  public init(_ rules: [SigmaRule]) {
    self.rules = Array(rules.prefix(Int(UInt16.max)))
    var byName: [String: [UInt16]] = [:]
    var anyName: [UInt16] = []
    for (index, rule) in self.rules.enumerated() {
      if let names = rule.condition.eventNames(rule.searches) {
        for name in names { byName[name, default: []].append(UInt16(index)) }
      } else {
        anyName.append(UInt16(index))
      }
    }
    self.byName = byName
    self.anyName = anyName
    self.prefilters = self.rules.map(Prefilter.init)
  }

  /// The rules an event named `eventName` has to be checked against, in rule order.
  public func candidates(eventName: String) -> [UInt16] {
    guard let named = byName[eventName.lowercased()] else { return anyName }
    return anyName.isEmpty ? named : (named + anyName).sorted()
  }

  /// The indices of the candidate rules that match `record`: each rule's prefilter first (on the record's bytes,
  /// lower-cased once), then the rule itself, the fields read once for all of them.
  public func matches(_ record: ArraySlice<UInt8>, candidates: [UInt16]) -> [UInt16] {
    var lowered: [UInt8]?
    var escaped = false
    var fields = FieldCache(record: record)
    return candidates.filter { index in
      if let prefilter = prefilters[Int(index)] {
        if lowered == nil {
          lowered = record.map(\.lowercasedASCII)
          escaped = Prefilter.contains(lowered!, Array("\\u".utf8))
        }
        if !escaped && !prefilter.admits(lowered!) { return false }
      }
      return rules[Int(index)].matches(&fields)
    }
  }
}

extension SigmaCondition {
  /// The event names (lower-cased) one of which an event must have for the condition to hold, or nil when it can
  /// hold for any event name.
  func eventNames(_ searches: [String: SigmaSearch]) -> Set<String>? {
    switch self {
    case .search(let name): return searches[name]?.eventNames
    case .not: return nil
    case .and(let parts):
      let known = parts.compactMap { $0.eventNames(searches) }
      return known.isEmpty ? nil : known.dropFirst().reduce(known[0]) { $0.intersection($1) }
    case .or(let parts):
      var all = Set<String>()
      for part in parts {
        guard let names = part.eventNames(searches) else { return nil }
        all.formUnion(names)
      }
      return all
    }
  }
}

extension SigmaSearch {
  /// The event names every alternative requires (exact values of an `eventName` test without modifiers), or nil.
  var eventNames: Set<String>? {
    var all = Set<String>()
    for tests in alternatives {
      guard let test = tests.first(where: { $0.field == "eventName" && !$0.negated && !$0.all }),
        let names = test.exactNames
      else { return nil }
      all.formUnion(names)
    }
    return all
  }
}

extension SigmaFieldTest {
  /// The lower-cased values when every matcher is an exact, case-insensitive pattern.
  var exactNames: [String]? {
    var names: [String] = []
    for matcher in matchers {
      guard case .pattern(let pattern) = matcher, pattern.isExact, !pattern.cased else { return nil }
      names.append(String(String.UnicodeScalarView(WildcardPattern.fold(pattern.original))))
    }
    return names
  }
}
