/// Which rules an event name needs: rules naming exact event names are looked up by name, rules whose event name
/// test is a pattern (`Update*`, a regular expression) are tried on each distinct name once and remembered, and
/// rules that say nothing certain about the event name are needed by every event.
final class NameIndex: Sendable {
  /// Rule indices by lower-cased event name.
  private let byName: [String: [UInt16]]
  /// The rules any event name needs.
  let anyName: [UInt16]
  /// The rules whose event name test is not an exact name, with that test.
  private let patterned: [(rule: UInt16, gate: NameGate)]
  /// The patterned rules each name met so far needs (bounded: names past the bound are worked out each time).
  private let known = Locked<[String: [UInt16]]>([:])
  private static let knownLimit = 100_000

  init(_ rules: [SigmaRule]) {
    var byName: [String: [UInt16]] = [:]
    var anyName: [UInt16] = []
    var patterned: [(UInt16, NameGate)] = []
    for (index, rule) in rules.enumerated() {
      if let names = rule.condition.eventNames(rule.searches) {
        for name in names { byName[name, default: []].append(UInt16(index)) }
      } else if let gate = NameGate(rule.condition, rule.searches) {
        patterned.append((UInt16(index), gate))
      } else {
        anyName.append(UInt16(index))
      }
    }
    self.byName = byName
    self.anyName = anyName
    self.patterned = patterned
  }

  /// The rules an event named `eventName` has to be checked against, in rule order.
  func candidates(_ eventName: String) -> [UInt16] {
    var found = anyName + (byName[eventName.lowercased()] ?? [])
    if !patterned.isEmpty {
      if let admitted = known.withLock({ $0[eventName] }) {
        found += admitted
      } else {
        let admitted = patterned.filter { $0.gate.admits(eventName) }.map(\.rule)
        known.withLock { if $0.count < Self.knownLimit { $0[eventName] = admitted } }
        found += admitted
      }
    }
    return found.sorted()
  }
}

/// What a rule's condition requires of the event name, when its event name tests are patterns: a name the gate
/// does not admit cannot match the rule. Only positive tests that fail on a missing field count, so a record
/// without an event name is never wrongly ruled out either.
indirect enum NameGate: Sendable {
  /// One of these tests on `eventName` holds.
  case tests([SigmaFieldTest])
  /// Every part admits the name.
  case all([NameGate])
  /// Some part admits the name.
  case any([NameGate])

  init?(_ condition: SigmaCondition, _ searches: [String: SigmaSearch]) {
    switch condition {
    case .search(let name):
      guard let search = searches[name] else { return nil }
      var tests: [SigmaFieldTest] = []
      for alternative in search.alternatives {
        guard let test = alternative.first(where: Self.usable) else { return nil }
        tests.append(test)
      }
      self = .tests(tests)
    case .not: return nil
    case .and(let parts):
      let known = parts.compactMap { NameGate($0, searches) }
      guard !known.isEmpty else { return nil }
      self = .all(known)
    case .or(let parts):
      var all: [NameGate] = []
      for part in parts {
        guard let gate = NameGate(part, searches) else { return nil }
        all.append(gate)
      }
      self = .any(all)
    }
  }

  /// A positive test on `eventName` that no record without an event name passes.
  private static func usable(_ test: SigmaFieldTest) -> Bool {
    test.field == "eventName" && !test.negated
      && !test.matchers.contains {
        if case .fieldref = $0 { return true }
        return false
      }
      && !test.decide([], semantics: .specification)
  }

  /// Whether an event named `name` may match.
  func admits(_ name: String) -> Bool {
    switch self {
    case .tests(let tests): return tests.contains { $0.decide([.string(name)], semantics: .specification) }
    case .all(let parts): return parts.allSatisfy { $0.admits(name) }
    case .any(let parts): return parts.contains { $0.admits(name) }
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
