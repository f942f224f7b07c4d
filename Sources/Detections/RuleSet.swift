import Foundation

/// Rules loaded from files and folders, and the files or rules that could not be used, each with the reason.
public struct RuleSet: Sendable {
  /// The rules, in the order their files were found.
  public var rules: [SigmaRule] = []
  /// Files and rules refused: the file and why.
  public var problems: [(source: String, reason: String)] = []

  /// Creates an empty set.
  public init() {}

  /// Reads every `.yml` and `.yaml` file in `paths` (folders recursively, files named directly), in name order.
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

  /// Adds the rule in `text`, or its problem.
  public mutating func add(_ text: String, source: String) {
    switch SigmaLoader.rule(text, source: source) {
    case .success(let rule): rules.append(rule)
    case .failure(let problem): problems.append((source, problem.description))
    }
  }

  /// The indices of the rules that match the record.
  public func matches(_ record: ArraySlice<UInt8>) -> [Int] {
    rules.indices.filter { rules[$0].matches(record) }
  }
}
