/// A rule's condition over its named searches: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`,
/// `1 of them`, `all of them`.
public indirect enum SigmaCondition: Sendable {
  case search(String)
  case not(SigmaCondition)
  case and([SigmaCondition])
  case or([SigmaCondition])

  /// The condition's value, asking `search` for each named search it needs.
  func evaluate(_ search: (String) -> Bool) -> Bool {
    switch self {
    case .search(let name): return search(name)
    case .not(let inner): return !inner.evaluate(search)
    case .and(let parts): return parts.allSatisfy { $0.evaluate(search) }
    case .or(let parts): return parts.contains { $0.evaluate(search) }
    }
  }

  /// Parses `text` over the search names; throws the reason it cannot be used (aggregations such as `| count()`
  /// belong to correlation rules).
  static func parse(_ text: String, searches: [String]) throws(SigmaProblem) -> SigmaCondition {
    var parser = ConditionParser(tokens: try tokenize(text), searches: searches)
    let condition = try parser.expression()
    guard parser.at == parser.tokens.count else {
      throw SigmaProblem("condition: unexpected '\(parser.tokens[parser.at])'")
    }
    return condition
  }

  private static func tokenize(_ text: String) throws(SigmaProblem) -> [String] {
    if text.contains("|") { throw SigmaProblem("condition: aggregations ('|') are correlation rules, not supported") }
    var tokens: [String] = []
    var word = ""
    for c in text {
      if c == "(" || c == ")" || c.isWhitespace {
        if !word.isEmpty { tokens.append(word) }
        word = ""
        if !c.isWhitespace { tokens.append(String(c)) }
      } else {
        word.append(c)
      }
    }
    if !word.isEmpty { tokens.append(word) }
    guard !tokens.isEmpty else { throw SigmaProblem("condition: empty") }
    return tokens
  }
}

/// A recursive-descent parser: or > and > not > primary.
private struct ConditionParser {
  let tokens: [String]
  let searches: [String]
  var at = 0
  var depth = 0

  init(tokens: [String], searches: [String]) {
    self.tokens = tokens
    self.searches = searches
  }

  private func peek(_ word: String) -> Bool { at < tokens.count && tokens[at].lowercased() == word }

  mutating func expression() throws(SigmaProblem) -> SigmaCondition {
    depth += 1
    defer { depth -= 1 }
    guard depth < 64 else { throw SigmaProblem("condition: nested deeper than 64") }
    var parts = [try conjunction()]
    while peek("or") {
      at += 1
      parts.append(try conjunction())
    }
    return parts.count == 1 ? parts[0] : .or(parts)
  }

  private mutating func conjunction() throws(SigmaProblem) -> SigmaCondition {
    var parts = [try negation()]
    while peek("and") {
      at += 1
      parts.append(try negation())
    }
    return parts.count == 1 ? parts[0] : .and(parts)
  }

  private mutating func negation() throws(SigmaProblem) -> SigmaCondition {
    guard peek("not") else { return try primary() }
    at += 1
    return .not(try negation())
  }

  private mutating func primary() throws(SigmaProblem) -> SigmaCondition {
    guard at < tokens.count else { throw SigmaProblem("condition: ends too early") }
    let token = tokens[at]
    at += 1
    if token == "(" {
      let inner = try expression()
      guard peek(")") else { throw SigmaProblem("condition: '(' is not closed") }
      at += 1
      return inner
    }
    if (token == "1" || token.lowercased() == "all" || token.lowercased() == "any") && peek("of") {
      at += 1
      guard at < tokens.count else { throw SigmaProblem("condition: '\(token) of' names nothing") }
      let pattern = tokens[at]
      at += 1
      let names =
        pattern.lowercased() == "them"
        ? searches.filter { !$0.hasPrefix("_") }
        : searches.filter { WildcardPattern(pattern, cased: true).matches($0) }
      guard !names.isEmpty else { throw SigmaProblem("condition: '\(token) of \(pattern)' matches no search") }
      let parts = names.sorted().map { SigmaCondition.search($0) }
      return token.lowercased() == "all" ? .and(parts) : .or(parts)
    }
    guard searches.contains(token) else { throw SigmaProblem("condition: no search named '\(token)'") }
    return .search(token)
  }
}
