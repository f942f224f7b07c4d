/// A regular expression that runs in time linear in the input (a Pike VM over a compiled program), for Sigma's `re`
/// modifier: rule files are input, and a pattern built to backtrack must not hang the screen.
///
/// The flavor is Sigma's: `.`, `^`, `$`, `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (a lazy `?` after a quantifier is
/// accepted: only whether there is a match matters), classes `[a-z]`, `[^a-z]`, the escapes `\d \w \s \D \W \S` and
/// escaped metacharacters, `|`, `(...)` and `(?:...)`. Flags: `i` (ignore case), `m` (`^`/`$` at line ends), `s` (`.`
/// matches a newline). Anything else (back-references, look-around, named groups) is refused with the reason.
/// Matching finds the pattern anywhere in the text, as `re.search` does.
public struct LinearRegex: Sendable {
  /// Pattern and program limits: longer patterns, and counted repeats that would compile past the program limit,
  /// are refused.
  public static let maxPatternLength = 4_096
  static let maxProgram = 20_000

  enum Instruction: Sendable {
    /// A character that passes test number N.
    case char(Int)
    case split(Int, Int)
    case jump(Int)
    case lineStart
    case lineEnd
    case match
  }

  let program: [Instruction]
  /// The character tests, and which ASCII characters each accepts (so ASCII input needs no Unicode tables).
  let tests: [ScalarTest]
  let asciiMasks: [(low: UInt64, high: UInt64)]
  /// The ASCII characters a match can start with (any other character can start one too), or nil when a match
  /// can start without a character (an empty match, `^`, `$`): positions where no match can start are skipped.
  let firstASCII: (low: UInt64, high: UInt64)?
  let ignoreCase: Bool
  let multiline: Bool
  /// Runs of ASCII characters every match holds (lower-cased when ignoring case): text without one of them is
  /// refused before the VM runs.
  let literals: [[UInt8]]

  /// Compiles `pattern` with the flags (`i`, `m`, `s`); throws the reason it cannot be used.
  public init(_ pattern: String, ignoreCase: Bool = false, multiline: Bool = false, dotAll: Bool = false)
    throws(RegexProblem)
  {
    guard pattern.unicodeScalars.count <= Self.maxPatternLength else {
      throw RegexProblem("the pattern is longer than \(Self.maxPatternLength) characters")
    }
    var parser = RegexParser(Array(pattern.unicodeScalars), dotAll: dotAll)
    let tree = try parser.parse()
    var compiler = RegexCompiler()
    try compiler.emit(tree)
    compiler.program.append(.match)
    program = compiler.program
    tests = compiler.tests
    asciiMasks = compiler.tests.map { $0.asciiMask(ignoreCase: ignoreCase) }
    firstASCII = Self.firstASCII(program, asciiMasks)
    literals = Self.requiredLiterals(tree).map { ignoreCase ? $0.map(\.lowercasedASCII) : $0 }
    self.ignoreCase = ignoreCase
    self.multiline = multiline
  }

  /// Whether the pattern occurs anywhere in `text`.
  public func matches(_ text: String) -> Bool {
    for literal in literals where !mayHold(literal, text) { return false }
    let input = Array(text.unicodeScalars)
    var current = ThreadList(count: program.count)
    var next = ThreadList(count: program.count)
    var stack: [Int] = []
    var position = 0
    while true {
      if current.items.isEmpty, let first = firstASCII {
        while position < input.count && !Self.admits(first, input[position]) { position += 1 }
        if position == input.count { return false }
      }
      // A new thread starts at every position (an unanchored search).
      if add(0, at: position, input: input, to: &current, stack: &stack) { return true }
      guard position < input.count else { break }
      let scalar = input[position]
      next.clear()
      for pc in current.items {
        guard case .char(let t) = program[pc], accepts(t, scalar) else { continue }
        if add(pc + 1, at: position + 1, input: input, to: &next, stack: &stack) { return true }
      }
      swap(&current, &next)
      position += 1
    }
    return false
  }

  /// The runs of plain ASCII characters (two or more) in the pattern's top-level sequence, longest first: every
  /// match contains each of them.
  static func requiredLiterals(_ node: RegexNode) -> [[UInt8]] {
    guard case .sequence(let items) = node else { return [] }
    var runs: [[UInt8]] = []
    var run: [UInt8] = []
    for item in items {
      if case .test(let t) = item, !t.negated, t.classes.isEmpty, t.ranges.count == 1,
        t.ranges[0].lowerBound == t.ranges[0].upperBound, t.ranges[0].lowerBound < 128
      {
        run.append(UInt8(t.ranges[0].lowerBound))
        continue
      }
      if run.count >= 2 { runs.append(run) }
      run = []
    }
    if run.count >= 2 { runs.append(run) }
    return runs.sorted { $0.count > $1.count }
  }

  /// Whether `text` may hold `literal`: false only when it certainly does not. Ignoring case, text beyond ASCII is
  /// not ruled out (`re` folds the Kelvin sign to `k`, the long s to `s`).
  private func mayHold(_ literal: [UInt8], _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      let n = literal.count
      guard bytes.count >= n else { return ignoreCase && bytes.contains { $0 >= 0x80 } }
      let first = literal[0]
      var sawWide = false
      var i = 0
      while i <= bytes.count - n {
        var b = bytes[i]
        if b >= 0x80 { sawWide = true }
        if ignoreCase { b = b.lowercasedASCII }
        if b == first {
          var k = 1
          while k < n {
            let c = ignoreCase ? bytes[i + k].lowercasedASCII : bytes[i + k]
            if c != literal[k] { break }
            k += 1
          }
          if k == n { return true }
        }
        i += 1
      }
      if ignoreCase && !sawWide { sawWide = bytes[(bytes.count - n + 1)...].contains { $0 >= 0x80 } }
      return ignoreCase && sawWide
    }
  }

  private static func admits(_ mask: (low: UInt64, high: UInt64), _ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 64 { return mask.low & (1 << UInt64(v)) != 0 }
    if v < 128 { return mask.high & (1 << UInt64(v - 64)) != 0 }
    return true
  }

  private static func firstASCII(
    _ program: [Instruction], _ masks: [(low: UInt64, high: UInt64)]
  ) -> (low: UInt64, high: UInt64)? {
    var mask: (low: UInt64, high: UInt64) = (0, 0)
    var seen = Set<Int>()
    var stack = [0]
    while let pc = stack.popLast() {
      guard seen.insert(pc).inserted else { continue }
      switch program[pc] {
      case .char(let t):
        mask.low |= masks[t].low
        mask.high |= masks[t].high
      case .jump(let to): stack.append(to)
      case .split(let a, let b): stack += [a, b]
      case .match, .lineStart, .lineEnd: return nil
      }
    }
    return mask
  }

  @inline(__always)
  private func accepts(_ t: Int, _ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 64 { return asciiMasks[t].low & (1 << UInt64(v)) != 0 }
    if v < 128 { return asciiMasks[t].high & (1 << UInt64(v - 64)) != 0 }
    return tests[t].accepts(scalar, ignoreCase: ignoreCase)
  }

  /// Follows jumps, splits and assertions from `pc` at `position`, adding the threads that wait for a character;
  /// true when one reaches `match`.
  private func add(
    _ start: Int, at position: Int, input: [Unicode.Scalar], to list: inout ThreadList, stack: inout [Int]
  ) -> Bool {
    stack.removeAll(keepingCapacity: true)
    stack.append(start)
    while let pc = stack.popLast() {
      guard list.insert(pc) else { continue }
      switch program[pc] {
      case .match: return true
      case .jump(let to): stack.append(to)
      case .split(let a, let b):
        stack.append(b)
        stack.append(a)
      case .lineStart:
        if position == 0 || (multiline && input[position - 1] == "\n") { stack.append(pc + 1) }
      case .lineEnd:
        // As in `re`: the end, or just before a newline that ends the text (or any newline with `m`).
        let beforeNewline = position < input.count && input[position] == "\n"
        if position == input.count || (beforeNewline && (multiline || position == input.count - 1)) {
          stack.append(pc + 1)
        }
      case .char: break
      }
    }
    return false
  }
}

/// Why a pattern cannot be used.
public struct RegexProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// The reason.
  public var description: String
  init(_ description: String) { self.description = description }
}

/// The program counters live in one step of the VM, each once, in the order added.
struct ThreadList {
  var items: [Int] = []
  private var seen: [Bool]

  init(count: Int) { seen = [Bool](repeating: false, count: count) }

  /// Adds `pc`; false when it was there already.
  mutating func insert(_ pc: Int) -> Bool {
    guard !seen[pc] else { return false }
    seen[pc] = true
    items.append(pc)
    return true
  }

  mutating func clear() {
    for pc in items { seen[pc] = false }
    items.removeAll(keepingCapacity: true)
  }
}
