import Foundation

/// Rules loaded from files and folders, and the files or rules that could not be used, each with the reason.
public struct RuleSet: Sendable {
  /// The rules, in the order their files were found.
  public var rules: [SigmaRule] = []
  /// Files and rules refused: the file and why.
  public var problems: [(source: String, reason: String)] = []

  /// Creates an empty set.
  public init() {}

  /// Reads every `.yml` and `.yaml` file in `paths` (folders recursively, files named directly), in name order;
  /// correlation rules are checked by ``resolveCorrelations()`` once every set is merged.
  public static func load(_ paths: [String]) -> RuleSet {
    var set = RuleSet()
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        set.problems.append((path, "no such file or folder"))
        continue
      }
      let files =
        isFolder.boolValue
        ? (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
          .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { path + "/" + $0 }
        : [path]
      for file in files { set.add(file: file) }
    }
    return set
  }

  /// Reads one rule file.
  mutating func add(file: String) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
      let size = (attributes[.size] as? NSNumber)?.intValue
    else { return problems.append((file, "cannot be read")) }
    guard size <= SigmaLoader.maxFileBytes else {
      return problems.append((file, "larger than \(SigmaLoader.maxFileBytes >> 20) MiB"))
    }
    guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
    else { return problems.append((file, "not UTF-8 text")) }
    add(text, source: file)
  }

  /// Adds the rules in `text` (one per YAML document), or their problems; call ``resolveCorrelations()`` once every
  /// file is in.
  public mutating func add(_ text: String, source: String) {
    let documents = SigmaLoader.documents(text, source: source)
    for (n, document) in documents.enumerated() {
      switch document {
      case .success(let rule): rules.append(rule)
      case .failure(let problem):
        problems.append((documents.count == 1 ? source : "\(source) (document \(n + 1))", problem.description))
      }
    }
  }

  /// Checks that each correlation rule's references name loaded rules that are not correlations (chains are not
  /// supported) and refuses the ones that do not, naming the reference; then marks the rules a correlation counts
  /// and does not `generate` as reporting nothing alone.
  public mutating func resolveCorrelations() {
    var kept: [SigmaRule] = []
    for rule in rules {
      guard let correlation = rule.correlation else {
        kept.append(rule)
        continue
      }
      var reason: String?
      for reference in correlation.references {
        let named = rules.filter { $0.isNamed(reference) }
        if named.isEmpty {
          reason = "correlation: no loaded rule has the id or name \(reference)"
        } else if named.count > 1 {
          reason = "correlation: \(named.count) rules have the id or name \(reference)"
        } else if named[0].correlation != nil {
          reason = "correlation: \(reference) is a correlation rule (chained correlations are not supported)"
        }
        if reason != nil { break }
      }
      if let reason { problems.append((rule.source, reason)) } else { kept.append(rule) }
    }
    for correlation in kept.compactMap(\.correlation) where !correlation.generate {
      for i in kept.indices where correlation.references.contains(where: kept[i].isNamed) {
        kept[i].reportsAlone = false
      }
    }
    rules = kept
  }

  /// The indices of the rules that match the record.
  public func matches(_ record: ArraySlice<UInt8>) -> [Int] {
    rules.indices.filter { rules[$0].matches(record) }
  }
}
