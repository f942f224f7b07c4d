import CloudTrailModel

/// A Sigma correlation rule: a count over the events of other rules within a time span, per group (the Sigma
/// correlation specification 2.1). No single event matches one; ``CorrelationEngine`` finds its events among the
/// referenced rules' matches once they are loaded.
public struct SigmaCorrelation: Sendable {
  /// What is counted in a window.
  public enum Kind: String, Sendable, CaseIterable {
    /// Events of the referenced rules.
    case eventCount = "event_count"
    /// Distinct values of ``SigmaCorrelation/field``.
    case valueCount = "value_count"
    /// Distinct referenced rules that matched.
    case temporal
    /// Distinct referenced rules that matched, in the order the rule lists them.
    case temporalOrdered = "temporal_ordered"
  }

  /// One comparison of the condition (`gte: 10`).
  public struct Comparison: Sendable, Equatable {
    /// `gt`, `gte`, `lt`, `lte`, `eq` or `neq`.
    public var op: String
    /// The number compared with.
    public var value: Double

    /// A comparison (`op` one of `gt`, `gte`, `lt`, `lte`, `eq`, `neq`).
    public init(op: String, value: Double) { (self.op, self.value) = (op, value) }

    /// Whether `count` satisfies the comparison.
    public func holds(_ count: Int) -> Bool {
      let c = Double(count)
      switch op {
      case "gt": return c > value
      case "gte": return c >= value
      case "lt": return c < value
      case "lte": return c <= value
      case "eq": return c == value
      default: return c != value
      }
    }

    static let operators: Set<String> = ["gt", "gte", "lt", "lte", "eq", "neq"]
  }

  /// The type.
  public var kind: Kind
  /// The referenced rules, by `id` or `name`, in order.
  public var references: [String]
  /// The fields whose values form a group (all equal, ignoring case); none: one group.
  public var groupBy: [String]
  /// Alias fields of `groupBy`: per alias, per referenced rule (its `id` or `name`), the field it stands for.
  public var aliases: [String: [String: String]]
  /// The window's length in seconds.
  public var timespan: Int64
  /// The comparisons the window's count must satisfy (all of them).
  public var condition: [Comparison]
  /// For `value_count`: the field whose distinct values are counted.
  public var field: String?
  /// Whether the referenced rules also report their events on their own (`generate: true`).
  public var generate: Bool

  /// A correlation rule's section, as ``SigmaLoader`` reads it from YAML.
  public init(
    kind: Kind, references: [String], groupBy: [String], aliases: [String: [String: String]], timespan: Int64,
    condition: [Comparison], field: String?, generate: Bool
  ) {
    (self.kind, self.references, self.groupBy, self.aliases) = (kind, references, groupBy, aliases)
    (self.timespan, self.condition, self.field, self.generate) = (timespan, condition, field, generate)
  }

  /// What the rule counts: "event_count gte 10 within 600s by userIdentity.arn".
  public var summary: String { measure + (groupBy.isEmpty ? "" : " by " + groupBy.joined(separator: ", ")) }

  /// What the rule counts, and the group of `record` (one of its events): "event_count gte 10 within 600s,
  /// userIdentity.arn=arn:aws:iam::123456789012:user/deploy-bot".
  public func explain(_ record: ArraySlice<UInt8>) -> String {
    let group = groupBy.map { name in
      let value = JSONPath(name).flatMap { $0.leaves(in: record, intoArrays: false).first?.text } ?? "-"
      return "\(name)=\(value.prefix(60))"
    }
    return ([measure] + group).joined(separator: ", ")
  }

  /// "event_count gte 10 within 600s".
  private var measure: String {
    let counted = kind == .valueCount ? "distinct \(field ?? "")" : kind.rawValue
    let condition = self.condition.map { "\($0.op) \($0.value.formatted)" }.joined(separator: ", ")
    return "\(counted) \(condition) within \(timespan)s"
  }
}

extension Double {
  /// The number without a fraction when it has none.
  fileprivate var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}

extension SigmaLoader {
  /// The correlation section of a rule file's root mapping.
  static func correlation(_ value: YAMLValue) throws(SigmaProblem) -> SigmaCorrelation {
    guard case .map(let pairs) = value else { throw SigmaProblem("correlation: not a mapping") }
    let section = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    let typeText = section["type"]?.text ?? ""
    guard let kind = SigmaCorrelation.Kind(rawValue: typeText) else {
      throw SigmaProblem(
        typeText.isEmpty
          ? "correlation: no type"
          : "correlation type \(typeText): not supported (event_count, value_count, temporal, temporal_ordered are)")
    }
    let references = section["rules"]?.texts ?? []
    guard !references.isEmpty else { throw SigmaProblem("correlation: no rules") }
    guard references.count <= (kind == .temporalOrdered ? 10 : 255) else {
      throw SigmaProblem("correlation: more than \(kind == .temporalOrdered ? 10 : 255) rules for \(kind.rawValue)")
    }
    guard let span = section["timespan"]?.text, let timespan = timespan(span) else {
      throw SigmaProblem("correlation: timespan missing or not a positive number with s, m, h, d or w")
    }
    var aliases: [String: [String: String]] = [:]
    if let value = section["aliases"] {
      guard case .map(let list) = value else { throw SigmaProblem("correlation: aliases is not a mapping") }
      for (alias, mapping) in list {
        guard case .map(let targets) = mapping else { throw SigmaProblem("correlation: alias \(alias): not a mapping") }
        aliases[alias] = Dictionary(
          targets.compactMap { k, v in v.text.map { (k, $0) } }, uniquingKeysWith: { a, _ in a })
      }
    }
    var comparisons: [SigmaCorrelation.Comparison] = []
    var field: String?
    switch section["condition"] {
    case .map(let items)?:
      for (key, value) in items {
        if key == "field" {
          guard let name = value.text else { throw SigmaProblem("correlation: condition field is not one name") }
          field = name
        } else if SigmaCorrelation.Comparison.operators.contains(key), let number = value.text.flatMap(Double.init),
          number.isFinite
        {
          comparisons.append(.init(op: key, value: number))
        } else {
          throw SigmaProblem("correlation: condition \(key): not gt, gte, lt, lte, eq or neq with a number")
        }
      }
    case nil where kind == .temporal || kind == .temporalOrdered:
      comparisons = [.init(op: "gte", value: Double(references.count))]
    case .scalar?:
      throw SigmaProblem("correlation: a condition over rule names (extended temporal condition): not supported")
    default: throw SigmaProblem("correlation: no condition")
    }
    guard !comparisons.isEmpty else { throw SigmaProblem("correlation: the condition has no comparison") }
    if kind == .valueCount && field == nil { throw SigmaProblem("correlation: value_count needs a condition field") }
    for name in (section["group-by"]?.texts ?? []) + [field].compactMap({ $0 }) where aliases[name] == nil {
      guard JSONPath(name) != nil else { throw SigmaProblem("correlation: \(name) is not a field") }
    }
    return SigmaCorrelation(
      kind: kind, references: references, groupBy: section["group-by"]?.texts ?? [], aliases: aliases,
      timespan: timespan, condition: comparisons, field: field, generate: section["generate"]?.text == "true")
  }

  /// Seconds in a Sigma time span (`90m`); months and years, whose length varies, are refused.
  static func timespan(_ text: String) -> Int64? {
    guard let unit = text.last, let count = Int64(text.dropLast()), count > 0, count < 1 << 32 else { return nil }
    let seconds: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
    return seconds[unit].map { $0 * count }
  }
}
