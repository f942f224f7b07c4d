import CloudTrailModel

/// Compiles `field|modifier|...: values` into a field test: string modifiers (`contains`, `startswith`,
/// `endswith`), `all`, `cased`, `re` (with `i`, `m`, `s`), `cidr`, `exists`, `fieldref`, `neq`, `lt`/`lte`/`gt`/
/// `gte`, and `null` values. Other modifiers (encodings, `windash`, `expand`, time parts) are refused by name.
enum SigmaFieldCompiler {
  static let known: Set<String> = [
    "contains", "startswith", "endswith", "all", "cased", "re", "i", "m", "s", "cidr", "exists", "fieldref", "neq",
    "lt", "lte", "gt", "gte",
  ]

  static func test(_ key: String, _ values: [YAMLValue]) throws(SigmaProblem) -> SigmaFieldTest {
    let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let field = parts[0]
    let modifiers = Set(parts.dropFirst())
    if let unknown = parts.dropFirst().first(where: { !known.contains($0) }) {
      throw SigmaProblem("the modifier '\(unknown)' is not supported")
    }
    guard !field.isEmpty, let path = JSONPath(field) else {
      throw SigmaProblem("keyword searches (values without a field) are not supported")
    }
    var test = SigmaFieldTest(field: field, path: path, matchers: [])
    test.all = modifiers.contains("all")
    test.negated = modifiers.contains("neq")
    if test.all && values.count < 2 { throw SigmaProblem("'all' needs several values") }
    test.matchers = try values.map { (value) throws(SigmaProblem) in try matcher(value, modifiers) }
    guard !test.matchers.isEmpty else { throw SigmaProblem("no values") }
    return test
  }

  private static func matcher(_ value: YAMLValue, _ modifiers: Set<String>) throws(SigmaProblem) -> SigmaMatcher {
    guard case .scalar(let text, let isNull) = value else { throw SigmaProblem("a value is a list or a map") }
    if modifiers.contains("exists") {
      guard ["true", "false"].contains(text.lowercased()) else { throw SigmaProblem("exists takes true or false") }
      return .exists(text.lowercased() == "true")
    }
    if isNull { return .null }
    if modifiers.contains("fieldref") {
      guard let other = JSONPath(text) else { throw SigmaProblem("fieldref names no field") }
      return .fieldref(other)
    }
    if modifiers.contains("re") {
      do throws(RegexProblem) {
        return .regex(
          try LinearRegex(
            text, ignoreCase: modifiers.contains("i"), multiline: modifiers.contains("m"),
            dotAll: modifiers.contains("s")))
      } catch {
        throw SigmaProblem("regular expression \(text.prefix(40)): \(error.description)")
      }
    }
    if modifiers.contains("cidr") {
      guard let range = CIDRRange(text) else { throw SigmaProblem("'\(text)' is not a CIDR range") }
      return .cidr(range)
    }
    for op in ["lt", "lte", "gt", "gte"] where modifiers.contains(op) {
      guard let number = Double(text) else { throw SigmaProblem("\(op) takes a number, not '\(text)'") }
      return .compare(op, number)
    }
    var pattern = text
    if modifiers.contains("contains") {
      pattern = "*" + pattern + "*"
    } else if modifiers.contains("startswith") {
      pattern += "*"
    } else if modifiers.contains("endswith") {
      pattern = "*" + pattern
    }
    return .pattern(WildcardPattern(pattern, cased: modifiers.contains("cased")))
  }
}
