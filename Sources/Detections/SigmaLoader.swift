import CloudTrailModel
import Foundation
import Yams

/// Why a rule file, or a construct in it, cannot be used; shown with the file's name.
public struct SigmaProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// The reason.
  public var description: String
  init(_ description: String) { self.description = description }
}

/// Reads Sigma rule files (YAML) into compiled rules, within bounds: a rule file is input, so its size, nesting,
/// the values its aliases expand to and its regular expressions are all limited, and what is refused is named.
public enum SigmaLoader {
  /// The largest rule file read.
  public static let maxFileBytes = 1 << 20
  /// The most YAML values one file may expand to (aliases included).
  public static let maxNodes = 100_000
  /// The most values one rule may test.
  public static let maxValues = 5_000

  /// The rule in `text` (from `source`, for messages), or the reason it cannot be used; a file of several rules
  /// (YAML documents) is read with ``documents(_:source:)``.
  public static func rule(_ text: String, source: String) -> Result<SigmaRule, SigmaProblem> {
    let all = documents(text, source: source)
    return all.count == 1 ? all[0] : .failure(SigmaProblem("\(all.count) YAML documents: read them with documents()"))
  }

  /// Each rule in `text`, one per YAML document (a correlation with the rules it counts, say), or the reason it
  /// cannot be used; a file that cannot be read at all gives one reason.
  public static func documents(_ text: String, source: String) -> [Result<SigmaRule, SigmaProblem>] {
    let nodes: [Node]
    do throws(SigmaProblem) {
      nodes = try parseDocuments(text)
    } catch {
      return [.failure(error)]
    }
    var budget = maxNodes
    return nodes.map { node in
      do throws(SigmaProblem) {
        return .success(try parse(node, source: source, budget: &budget))
      } catch {
        return .failure(error)
      }
    }
  }

  /// The file's YAML documents, within the size and nesting bounds.
  static func parseDocuments(_ text: String) throws(SigmaProblem) -> [Node] {
    guard text.utf8.count <= maxFileBytes else { throw SigmaProblem("larger than \(maxFileBytes >> 20) MiB") }
    guard flowDepth(text) <= 64 else { throw SigmaProblem("brackets nest deeper than 64") }
    var documents: [Node] = []
    do {
      let parser = try Parser(yaml: text)
      while let node = try parser.nextRoot() { documents.append(node) }
    } catch {
      throw SigmaProblem("not YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
    }
    guard !documents.isEmpty else { throw SigmaProblem("empty") }
    guard documents.count <= 100 else { throw SigmaProblem("more than 100 YAML documents") }
    return documents
  }

  static func parse(_ document: Node, source: String, budget: inout Int) throws(SigmaProblem) -> SigmaRule {
    guard case .map(let top) = try YAMLValue(document, budget: &budget, depth: 0) else {
      throw SigmaProblem("not a rule (the file is not a YAML mapping)")
    }
    let root = Dictionary(top, uniquingKeysWith: { first, _ in first })
    if let correlation = root["correlation"] {
      var rule = SigmaRule(root, source: source, searches: [:], condition: .or([]))
      rule.correlation = try self.correlation(correlation)
      return rule
    }
    try checkLogSource(root["logsource"])
    guard case .map(let detection)? = root["detection"] else { throw SigmaProblem("no detection") }
    var searches: [String: SigmaSearch] = [:]
    var conditions: [String] = []
    var values = 0
    for (name, value) in detection {
      switch name {
      case "condition":
        switch value {
        case .scalar(let text, _): conditions = [text]
        case .list(let items): conditions = items.compactMap { if case .scalar(let t, _) = $0 { t } else { nil } }
        default: throw SigmaProblem("condition: not text")
        }
      case "timeframe": throw SigmaProblem("timeframe (a count over time) is a correlation: not supported")
      default: searches[name] = try search(name, value, values: &values)
      }
    }
    guard !conditions.isEmpty else { throw SigmaProblem("no condition") }
    let parsed = try conditions.map { (text) throws(SigmaProblem) in
      try SigmaCondition.parse(text, searches: Array(searches.keys))
    }
    return SigmaRule(root, source: source, searches: searches, condition: parsed.count == 1 ? parsed[0] : .or(parsed))
  }

  /// Refuses log sources other than AWS CloudTrail.
  private static func checkLogSource(_ value: YAMLValue?) throws(SigmaProblem) {
    guard case .map(let pairs)? = value else { throw SigmaProblem("no logsource") }
    let fields = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    let product = fields["product"]?.text?.lowercased()
    let service = fields["service"]?.text?.lowercased()
    guard product == "aws", service == "cloudtrail" else {
      throw SigmaProblem(
        "log source product: \(product ?? "-"), service: \(service ?? "-") is not AWS CloudTrail")
    }
  }

  /// One named search: a map of field tests, or a list of maps (one must hold).
  private static func search(_ name: String, _ value: YAMLValue, values: inout Int) throws(SigmaProblem)
    -> SigmaSearch
  {
    switch value {
    case .map(let pairs): return SigmaSearch(alternatives: [try fieldTests(name, pairs, values: &values)])
    case .list(let items):
      var alternatives: [[SigmaFieldTest]] = []
      for item in items {
        guard case .map(let pairs) = item else {
          throw SigmaProblem("\(name): keyword searches (values without a field) are not supported")
        }
        alternatives.append(try fieldTests(name, pairs, values: &values))
      }
      return SigmaSearch(alternatives: alternatives)
    case .scalar: throw SigmaProblem("\(name): keyword searches (values without a field) are not supported")
    }
  }

  private static func fieldTests(_ name: String, _ pairs: [(String, YAMLValue)], values: inout Int)
    throws(SigmaProblem) -> [SigmaFieldTest]
  {
    var tests: [SigmaFieldTest] = []
    for (key, value) in pairs {
      let items: [YAMLValue]
      if case .list(let list) = value { items = list } else { items = [value] }
      values += items.count
      guard values <= maxValues else { throw SigmaProblem("more than \(maxValues) values") }
      do throws(SigmaProblem) {
        tests.append(try SigmaFieldCompiler.test(key, items))
      } catch {
        throw SigmaProblem("\(name): \(key): \(error.description)")
      }
    }
    return tests
  }

  /// The deepest nesting of `[` and `{` outside quotes (Yams composes recursively).
  static func flowDepth(_ text: String) -> Int {
    var depth = 0
    var deepest = 0
    var quote: UInt8?
    for byte in text.utf8 {
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      switch byte {
      case 0x22, 0x27: quote = byte
      case 0x5B, 0x7B:
        depth += 1
        deepest = max(deepest, depth)
      case 0x5D, 0x7D: depth = max(0, depth - 1)
      case 0x0A: quote = nil
      default: break
      }
    }
    return deepest
  }
}

/// A YAML value as a rule needs it, converted within a budget (aliases can make a small file expand exponentially).
indirect enum YAMLValue {
  /// A scalar's text and whether YAML read it as null.
  case scalar(String, isNull: Bool)
  case list([YAMLValue])
  case map([(String, YAMLValue)])

  init(_ node: Node, budget: inout Int, depth: Int) throws(SigmaProblem) {
    budget -= 1
    guard budget >= 0 else {
      throw SigmaProblem("expands past \(SigmaLoader.maxNodes) values (YAML aliases?)")
    }
    guard depth < 64 else { throw SigmaProblem("nested deeper than 64") }
    switch node {
    case .scalar(let scalar):
      self = .scalar(scalar.string, isNull: node.null != nil && scalar.style == .plain)
    case .alias: throw SigmaProblem("an unresolved YAML alias")
    case .sequence(let sequence):
      var items: [YAMLValue] = []
      for item in sequence { items.append(try YAMLValue(item, budget: &budget, depth: depth + 1)) }
      self = .list(items)
    case .mapping(let mapping):
      var pairs: [(String, YAMLValue)] = []
      for (key, value) in mapping {
        guard let name = key.string else { throw SigmaProblem("a mapping key is not text") }
        pairs.append((name, try YAMLValue(value, budget: &budget, depth: depth + 1)))
      }
      self = .map(pairs)
    }
  }

  /// A scalar's text.
  var text: String? {
    if case .scalar(let text, let isNull) = self, !isNull { return text }
    return nil
  }

  /// A scalar's text, or a list of them.
  var texts: [String] {
    switch self {
    case .scalar: return text.map { [$0] } ?? []
    case .list(let items): return items.compactMap(\.text)
    case .map: return []
    }
  }
}
