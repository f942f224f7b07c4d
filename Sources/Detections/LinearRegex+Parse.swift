/// What one character position accepts.
struct ScalarTest: Sendable {
  /// Inclusive ranges, or everything but them when `negated`.
  var ranges: [ClosedRange<UInt32>]
  var negated = false

  static func scalar(_ c: Unicode.Scalar) -> ScalarTest { ScalarTest(ranges: [c.value...c.value]) }
  static let digit = ScalarTest(ranges: [48...57])
  static let word = ScalarTest(ranges: [48...57, 65...90, 95...95, 97...122])
  static let space = ScalarTest(ranges: [9...13, 32...32])
  static let anyButNewline = ScalarTest(ranges: [10...10], negated: true)
  static let any = ScalarTest(ranges: [], negated: true)

  func accepts(_ c: Unicode.Scalar, ignoreCase: Bool) -> Bool {
    if test(c.value) { return true }
    guard ignoreCase else { return false }
    let lower = c.properties.lowercaseMapping.unicodeScalars
    let upper = c.properties.uppercaseMapping.unicodeScalars
    return (lower.count == 1 && test(lower.first!.value)) || (upper.count == 1 && test(upper.first!.value))
  }

  private func test(_ v: UInt32) -> Bool {
    ranges.contains { $0.contains(v) } != negated
  }
}

/// A parsed pattern.
indirect enum RegexNode {
  case test(ScalarTest)
  case sequence([RegexNode])
  case alternation([RegexNode])
  case repeated(RegexNode, min: Int, max: Int?)
  case lineStart
  case lineEnd
}

/// Parses Sigma's regex flavor (see ``LinearRegex``).
struct RegexParser {
  let s: [Unicode.Scalar]
  let dotAll: Bool
  var i = 0
  var depth = 0

  init(_ scalars: [Unicode.Scalar], dotAll: Bool) {
    s = scalars
    self.dotAll = dotAll
  }

  mutating func parse() throws(RegexProblem) -> RegexNode {
    let node = try alternation()
    guard i == s.count else { throw RegexProblem("unbalanced ')' at character \(i + 1)") }
    return node
  }

  private mutating func alternation() throws(RegexProblem) -> RegexNode {
    var branches = [try sequence()]
    while i < s.count && s[i] == "|" {
      i += 1
      branches.append(try sequence())
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func sequence() throws(RegexProblem) -> RegexNode {
    var items: [RegexNode] = []
    while i < s.count && s[i] != "|" && s[i] != ")" {
      var atom = try self.atom()
      while i < s.count, let (low, high) = try quantifier() {
        atom = .repeated(atom, min: low, max: high)
        if i < s.count && s[i] == "?" { i += 1 }  // lazy: the same language
      }
      items.append(atom)
    }
    return .sequence(items)
  }

  private mutating func quantifier() throws(RegexProblem) -> (Int, Int?)? {
    switch s[i] {
    case "*":
      i += 1
      return (0, nil)
    case "+":
      i += 1
      return (1, nil)
    case "?":
      i += 1
      return (0, 1)
    case "{":
      var j = i + 1
      func number() -> Int? {
        var text = ""
        while j < s.count, ("0"..."9").contains(s[j]) {
          text.unicodeScalars.append(s[j])
          j += 1
        }
        return text.isEmpty ? nil : Int(text.prefix(6))
      }
      guard let low = number() else { return nil }  // a literal `{`
      var high: Int? = low
      if j < s.count && s[j] == "," {
        j += 1
        high = number()
      }
      guard j < s.count && s[j] == "}" else { return nil }
      guard high.map({ $0 >= low }) ?? true else { throw RegexProblem("{\(low),\(high!)}: the range is reversed") }
      i = j + 1
      return (low, high)
    default: return nil
    }
  }

  private mutating func atom() throws(RegexProblem) -> RegexNode {
    let c = s[i]
    i += 1
    switch c {
    case ".": return .test(dotAll ? .any : .anyButNewline)
    case "^": return .lineStart
    case "$": return .lineEnd
    case "[": return .test(try characterClass())
    case "\\": return .test(try escape(inClass: false))
    case "(":
      if i < s.count && s[i] == "?" {
        guard i + 1 < s.count, s[i + 1] == ":" else {
          throw RegexProblem("look-around, named groups and inline flags are not supported (at character \(i))")
        }
        i += 2
      }
      depth += 1
      guard depth <= 100 else { throw RegexProblem("groups nest deeper than 100") }
      let inner = try alternation()
      guard i < s.count && s[i] == ")" else { throw RegexProblem("a group is not closed") }
      i += 1
      depth -= 1
      return inner
    case "*", "+", "?": throw RegexProblem("'\(c)' at character \(i) repeats nothing")
    default: return .test(.scalar(c))
    }
  }

  private mutating func escape(inClass: Bool) throws(RegexProblem) -> ScalarTest {
    guard i < s.count else { throw RegexProblem("the pattern ends with '\\'") }
    let c = s[i]
    i += 1
    switch c {
    case "d": return .digit
    case "w": return .word
    case "s": return .space
    case "D", "W", "S":
      var test: ScalarTest = c == "D" ? .digit : c == "W" ? .word : .space
      test.negated = true
      return test
    case "n": return .scalar("\n")
    case "t": return .scalar("\t")
    case "r": return .scalar("\r")
    default:
      if c.properties.isAlphabetic || ("0"..."9").contains(c) {
        throw RegexProblem("the escape \\\(c) is not supported")
      }
      return .scalar(c)
    }
  }

  private mutating func characterClass() throws(RegexProblem) -> ScalarTest {
    var test = ScalarTest(ranges: [])
    if i < s.count && s[i] == "^" {
      test.negated = true
      i += 1
    }
    var first = true
    while i < s.count && (s[i] != "]" || first) {
      first = false
      var low: UInt32
      if s[i] == "\\" {
        i += 1
        let escaped = try escape(inClass: true)
        guard escaped.ranges.count == 1, !escaped.negated, escaped.ranges[0].count == 1 else {
          test.ranges += escaped.negated ? [] : escaped.ranges
          if escaped.negated { throw RegexProblem("\\D, \\W and \\S inside a class are not supported") }
          continue
        }
        low = escaped.ranges[0].lowerBound
      } else {
        low = s[i].value
        i += 1
      }
      if i + 1 < s.count && s[i] == "-" && s[i + 1] != "]" {
        let high = s[i + 1].value
        i += 2
        guard high >= low else { throw RegexProblem("a class range runs backwards") }
        test.ranges.append(low...high)
      } else {
        test.ranges.append(low...low)
      }
    }
    guard i < s.count else { throw RegexProblem("a class '[' is not closed") }
    i += 1
    return test
  }
}

/// Turns a parsed pattern into the VM's program, within its size limit.
struct RegexCompiler {
  var program: [LinearRegex.Instruction] = []

  mutating func emit(_ node: RegexNode) throws(RegexProblem) {
    guard program.count < LinearRegex.maxProgram else {
      throw RegexProblem("the pattern compiles to more than \(LinearRegex.maxProgram) steps (counted repeats)")
    }
    switch node {
    case .test(let test): program.append(.char(test))
    case .lineStart: program.append(.lineStart)
    case .lineEnd: program.append(.lineEnd)
    case .sequence(let items): for item in items { try emit(item) }
    case .alternation(let branches):
      var jumps: [Int] = []
      for (n, branch) in branches.enumerated() {
        if n < branches.count - 1 {
          let split = program.count
          program.append(.split(split + 1, 0))
          try emit(branch)
          jumps.append(program.count)
          program.append(.jump(0))
          program[split] = .split(split + 1, program.count)
        } else {
          try emit(branch)
        }
      }
      for jump in jumps { program[jump] = .jump(program.count) }
    case .repeated(let inner, let low, let high):
      for _ in 0..<low { try emit(inner) }
      if let high {
        // Each optional copy may be skipped to the end.
        var splits: [Int] = []
        for _ in low..<high {
          splits.append(program.count)
          program.append(.split(program.count + 1, 0))
          try emit(inner)
        }
        for split in splits { program[split] = .split(split + 1, program.count) }
      } else {
        let loop = program.count
        program.append(.split(loop + 1, 0))
        try emit(inner)
        program.append(.jump(loop))
        program[loop] = .split(loop + 1, program.count)
      }
    }
  }
}
