import Detections
import Foundation
import Testing

/// The `re` modifier's engine: Sigma's flavor, searched anywhere, in linear time; what it refuses, it names.
@Suite struct LinearRegexTests {
  @Test(arguments: [
    (".+:assumed-role/aws:.+", "arn:aws:sts::123456789012:assumed-role/aws:ec2-instance/i-0abc", true),
    (".+:assumed-role/aws:.+", "arn:aws:sts::123456789012:assumed-role/Admin/alice", false),
    ("^ab+c$", "abbbc", true), ("^ab+c$", "xabbbc", false), ("b{2,3}", "abbc", true), ("^b{2,3}$", "bbbb", false),
    ("colou?r", "my color", true), ("gr(a|e)y", "grey", true), ("gr(?:a|e)y", "gruy", false),
    ("[a-c]x[^0-9]", "bxz", true), ("[a-c]x[^0-9]", "bx1", false), ("\\d+\\.\\d+", "v1.25", true),
    ("^\\w+$", "snake_case9", true), ("^\\w+$", "with space", false), ("a.c", "a\nc", false),
    ("", "anything", true), ("x*", "", true), ("(a|ab)(c|bcd)(d*)", "abcd", true),
  ])
  func matchesLikeASearch(pattern: String, text: String, expected: Bool) throws {
    #expect(try LinearRegex(pattern).matches(text) == expected, "\(pattern) on \(text)")
  }

  @Test func flagsChangeCaseNewlinesAndLines() throws {
    #expect(try !LinearRegex("ADMIN").matches("admin"))
    #expect(try LinearRegex("ADMIN", ignoreCase: true).matches("xadminx"))
    #expect(try LinearRegex("[A-Z]+", ignoreCase: true).matches("abc"))
    #expect(try LinearRegex("a.c", dotAll: true).matches("a\nc"))
    #expect(try !LinearRegex("^b$").matches("a\nb\nc"))
    #expect(try LinearRegex("^b$", multiline: true).matches("a\nb\nc"))
    // Ignoring case, `re` folds the Kelvin sign to k and the long s to s: a run of plain letters is not searched
    // for in text beyond ASCII.
    #expect(try LinearRegex("ok:", ignoreCase: true).matches("o\u{212A}:"))
    #expect(try LinearRegex("sss", ignoreCase: true).matches("s\u{17F}S"))
    #expect(try !LinearRegex("ok:").matches("o\u{212A}:"))
    #expect(try LinearRegex("ok:", ignoreCase: true).matches("xOK:"))
  }

  @Test(arguments: [
    ("(?=x)", "look-around"), ("(a)\\1", "escape \\1"), ("(?<name>a)", "look-around"), ("a{3,1}", "reversed"),
    ("(ab", "not closed"), ("ab)", "unbalanced"), ("[ab", "not closed"), ("*a", "repeats nothing"),
    ("a{1000000}", "more than"),
  ])
  func unsupportedOrBrokenPatternsAreNamed(pattern: String, reason: String) {
    #expect(throws: RegexProblem.self) { try LinearRegex(pattern) }
    do {
      _ = try LinearRegex(pattern)
    } catch {
      #expect(error.description.contains(reason), "\(pattern): \(error)")
    }
  }

  /// `(a+)+$` on 5,000 a's and a b backtracks exponentially in a backtracking engine; here it answers at once (a
  /// correctness check: the timing is in docs/PERFORMANCE.md).
  @Test func aCatastrophicPatternAnswers() throws {
    let regex = try LinearRegex("(a+)+$")
    #expect(!regex.matches(String(repeating: "a", count: 5_000) + "b!"))
    #expect(regex.matches(String(repeating: "a", count: 5_000)))
    #expect(try LinearRegex("(x+x+)+y").matches(String(repeating: "x", count: 3_000) + "y"))
  }
}

/// LinearRegex against Foundation's NSRegularExpression (ICU, a backtracking engine) on the flavor both share:
/// patterns that start with literals, classes, alternations and anchors (the VM skips positions where no match can
/// start) over generated text, with and without ignoring case.
struct LinearRegexAgreementTests {
  static let patterns = [
    #""names":\["[^"]*"(,"[^"]*"){2,}"#, "ab+c", "^ab", "c$", "(ab|cd)e?", "[a-c]{2}x", "\\d{3}-\\d", "x|^a",
    "a.c", "(?:b|c)+d$", "\\w+@\\w+", "[^ab]c", "\\s\\S", "é+a", "A[B-D]", "q?a",
    // Runs of plain characters every match holds (the text is searched for them before the VM runs).
    "names", "ab,c", "B:a+", "x[ab]cd", "^1 2", "e\\[a", "aé:", "(ab)+ab-",
  ]

  /// Text over a small alphabet (so that the patterns match often), from a fixed seed.
  static func texts() -> [String] {
    let alphabet = Array("abcdexAB,\"[]:@ 1234-é\nnames")
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    return (0..<400).map { _ in
      var text = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for _ in 0..<Int(state >> 59) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.append(alphabet[Int(state >> 33) % alphabet.count])
      }
      return text
    } + [#"{"names":["a","b","c"]}"#, #"{"names":["a"]}"#]
  }

  @Test(arguments: [false, true])
  func matchesWhatICUFinds(ignoreCase: Bool) throws {
    var found = 0
    for pattern in Self.patterns {
      let ours = try LinearRegex(pattern, ignoreCase: ignoreCase)
      let icu = try NSRegularExpression(pattern: pattern, options: ignoreCase ? [.caseInsensitive] : [])
      for text in Self.texts() {
        let theirs = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(ours.matches(text) == theirs, "\(pattern) on \(text.debugDescription)")
        if theirs { found += 1 }
      }
    }
    #expect(found > 300)
  }
}
