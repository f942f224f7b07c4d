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
