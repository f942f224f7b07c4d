import CloudTrailModel

/// How serious a rule says its matches are (Sigma's `level`), lowest first.
public enum SigmaLevel: String, Sendable, CaseIterable, Comparable {
  case informational, low, medium, high, critical

  /// Lower levels first.
  public static func < (a: SigmaLevel, b: SigmaLevel) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// How values are compared. ``specification`` is Sigma's (and trailview's): strings ignore case, arrays are looked
/// into (a value matches an array when it matches one element), a field that is present but null exists.
/// ``flattenedTable`` is how an SQL backend over a table of flattened dotted columns sees the same rules (pySigma's
/// SQLite backend, the conformance oracle): exact values compare case-sensitively (wildcard values do not), arrays
/// are their JSON text, and null is absent. Tests use it to show that these are the only differences.
public struct SigmaSemantics: Sendable, Equatable {
  /// Values without wildcards ignore case.
  public var exactIgnoresCase: Bool
  /// Arrays are looked into.
  public var intoArrays: Bool
  /// `exists` counts a field whose value is null.
  public var nullExists: Bool

  /// Sigma's semantics.
  public static let specification = SigmaSemantics(exactIgnoresCase: true, intoArrays: true, nullExists: true)
  /// A flattened SQL table's semantics.
  public static let flattenedTable = SigmaSemantics(exactIgnoresCase: false, intoArrays: false, nullExists: false)
}

/// A Sigma rule for CloudTrail, compiled: its metadata, its named searches and the condition over them.
public struct SigmaRule: Sendable {
  /// `title`.
  public var title: String
  /// `id` (empty when the rule has none).
  public var id: String
  /// `level` (medium when the rule does not say).
  public var level: SigmaLevel
  /// `tags` (ATT&CK techniques and tactics, `attack.t1562.008`).
  public var tags: [String]
  /// `description`.
  public var description: String
  /// `falsepositives`.
  public var falsePositives: [String]
  /// The file it came from (`builtin:NAME` for the built-in pack).
  public var source: String
  /// The named searches (`selection`, `filter_main_*`, ...).
  public var searches: [String: SigmaSearch]
  /// The condition over the searches.
  public var condition: SigmaCondition
  /// `name`: how correlation rules may refer to it (empty when it has none).
  public var name: String = ""
  /// For a correlation rule, what it counts (its searches are empty and no single event matches it).
  public var correlation: SigmaCorrelation?
  /// Whether its events are shown as its findings: false for a rule only counted by a correlation rule (unless that
  /// says `generate: true`), as Sigma specifies.
  public var reportsAlone = true

  init(_ root: [String: YAMLValue], source: String, searches: [String: SigmaSearch], condition: SigmaCondition) {
    title = root["title"]?.text ?? "(untitled)"
    id = root["id"]?.text ?? ""
    name = root["name"]?.text ?? ""
    level = root["level"]?.text.flatMap { SigmaLevel(rawValue: $0.lowercased()) } ?? .medium
    tags = root["tags"]?.texts ?? []
    description = root["description"]?.text ?? ""
    falsePositives = root["falsepositives"]?.texts ?? []
    self.source = source
    self.searches = searches
    self.condition = condition
  }

  /// Whether `reference` (a correlation's `rules` entry) names this rule, by `id` or `name`.
  public func isNamed(_ reference: String) -> Bool {
    (!id.isEmpty && id.lowercased() == reference.lowercased()) || (!name.isEmpty && name == reference)
  }

  /// Whether the rule matches the record (one CloudTrail event as JSON).
  public func matches(_ record: ArraySlice<UInt8>, semantics: SigmaSemantics = .specification) -> Bool {
    var fields = FieldCache(record: record, semantics: semantics)
    return matches(&fields)
  }

  /// Whether the rule matches the record whose fields `fields` reads (shared by the rules checked on one record).
  func matches(_ fields: inout FieldCache) -> Bool {
    condition.evaluate { name in searches[name]?.matches(&fields) ?? false }
  }

  /// The searches that matched the record, each with the fields that made it match, in name order ("selection:
  /// eventName=StopLogging"); for a correlation rule, what it counts and the record's group.
  public func explain(_ record: ArraySlice<UInt8>) -> [String] {
    if let correlation { return [correlation.explain(record)] }
    var fields = FieldCache(record: record)
    return searches.keys.sorted().compactMap { name in
      guard let search = searches[name], search.matches(&fields) else { return nil }
      let shown = search.matchedFields(&fields)
      return shown.isEmpty ? name : "\(name): " + shown.joined(separator: ", ")
    }
  }
}

/// One named search: a map of field tests (all must hold) or a list of such maps (one must hold).
public struct SigmaSearch: Sendable {
  /// The alternatives; each is a list of tests that must all hold.
  var alternatives: [[SigmaFieldTest]]

  func matches(_ fields: inout FieldCache) -> Bool {
    alternatives.contains { tests in tests.allSatisfy { $0.matches(&fields) } }
  }

  /// "field=value" for each test of the first alternative that holds.
  func matchedFields(_ fields: inout FieldCache) -> [String] {
    guard let tests = alternatives.first(where: { $0.allSatisfy { $0.matches(&fields) } }) else { return [] }
    return tests.map { test in
      let value = fields.leaves(test.path).lazy.compactMap(\.text).first ?? ""
      return "\(test.field)=\(value.prefix(60))"
    }
  }
}

/// The values of fields read from one record, each path read once.
struct FieldCache {
  let record: ArraySlice<UInt8>
  let semantics: SigmaSemantics
  /// The paths read so far (a record's rules read few: a list beats hashing paths).
  private var read: [(path: JSONPath, leaves: [JSONLeaf])] = []

  init(record: ArraySlice<UInt8>, semantics: SigmaSemantics = .specification) {
    self.record = record
    self.semantics = semantics
  }

  mutating func leaves(_ path: JSONPath) -> [JSONLeaf] {
    for known in read where known.path == path { return known.leaves }
    let found = path.leaves(in: record, intoArrays: semantics.intoArrays)
    read.append((path, found))
    return found
  }
}

extension JSONLeaf {
  /// The text a value test compares: strings as they are, numbers, booleans and objects as their compact JSON text
  /// (so `requestParameters|contains: Suspended` looks inside the object); nil for null.
  var text: String? {
    switch self {
    case .string(let text), .scalar(let text), .object(let text): return text
    case .null: return nil
    }
  }
}
