/// One character test: inclusive ranges, and Unicode classes for characters past ASCII (`\d`, `\w`, `\s` mean
/// what Python's `re` takes them to mean, the engine pySigma's checks run on), or everything but those when
/// `negated`.
struct ScalarTest: Sendable {
  /// Unicode classes (beyond ASCII, which the ranges cover).
  struct Classes: OptionSet, Sendable {
    let rawValue: UInt8
    static let digit = Classes(rawValue: 1)
    static let word = Classes(rawValue: 2)
    static let space = Classes(rawValue: 4)
  }

  var ranges: [ClosedRange<UInt32>]
  var negated = false
  var classes: Classes = []

  static func scalar(_ c: Unicode.Scalar) -> ScalarTest { ScalarTest(ranges: [c.value...c.value]) }
  static let digit = ScalarTest(ranges: [48...57], classes: .digit)
  static let word = ScalarTest(ranges: [48...57, 65...90, 95...95, 97...122], classes: .word)
  static let space = ScalarTest(ranges: [9...13, 28...32], classes: .space)
  static let anyButNewline = ScalarTest(ranges: [10...10], negated: true)
  static let any = ScalarTest(ranges: [], negated: true)

  /// Whether `c` passes; ignoring case, a negated test refuses a character whose other case it names, as `re` does.
  func accepts(_ c: Unicode.Scalar, ignoreCase: Bool) -> Bool {
    var named = names(c)
    if !named && ignoreCase {
      // Its other cases, and their other cases (the long s is upper-cased to S, whose lower case is s).
      func single(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.count == 1 ? text.unicodeScalars.first : nil
      }
      let lower = single(c.properties.lowercaseMapping)
      let upper = single(c.properties.uppercaseMapping)
      let variants = [
        lower, upper, lower.flatMap { single($0.properties.uppercaseMapping) },
        upper.flatMap { single($0.properties.lowercaseMapping) },
      ]
      named = variants.contains { $0.map(names) ?? false }
    }
    return named != negated
  }

  /// Which ASCII characters the test accepts, one bit each.
  func asciiMask(ignoreCase: Bool) -> (low: UInt64, high: UInt64) {
    var mask: (low: UInt64, high: UInt64) = (0, 0)
    for v in 0..<128 where accepts(Unicode.Scalar(UInt8(v)), ignoreCase: ignoreCase) {
      if v < 64 { mask.low |= 1 << UInt64(v) } else { mask.high |= 1 << UInt64(v - 64) }
    }
    return mask
  }

  private func names(_ c: Unicode.Scalar) -> Bool {
    if ranges.contains(where: { $0.contains(c.value) }) { return true }
    guard !classes.isEmpty, !c.isASCII else { return false }
    let category = c.properties.generalCategory
    if classes.contains(.digit) && category == .decimalNumber { return true }
    if classes.contains(.word) && (Self.letters.contains(category) || Self.numbers.contains(category)) { return true }
    return classes.contains(.space) && c.properties.isWhitespace
  }

  private static let letters: Set<Unicode.GeneralCategory> = [
    .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
  ]
  private static let numbers: Set<Unicode.GeneralCategory> = [.decimalNumber, .letterNumber, .otherNumber]
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
          test.classes.formUnion(escaped.classes)
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
  /// The character tests `char` instructions refer to by number.
  var tests: [ScalarTest] = []

  mutating func emit(_ node: RegexNode) throws(RegexProblem) {
    guard program.count < LinearRegex.maxProgram else {
      throw RegexProblem("the pattern compiles to more than \(LinearRegex.maxProgram) steps (counted repeats)")
    }
    switch node {
    case .test(let test):
      program.append(.char(tests.count))
      tests.append(test)
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
