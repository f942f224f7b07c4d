import Detections
import Foundation
import Testing

/// Wildcard values (`*`, `?`, ignoring case or `|cased`) against ICU regular expressions built from the same
/// patterns, on generated ASCII text and text with a character outside ASCII (which takes the Unicode path).
struct WildcardAgreementTests {
  static func generated(_ count: Int, from alphabet: [Character], seed: UInt64, maxLength: Int) -> [String] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return String(
        (0..<Int(state >> 60) % maxLength).map { _ in
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          return alphabet[Int(state >> 33) % alphabet.count]
        })
    }
  }

  /// The pattern as an anchored ICU expression: `*` any run, `?` one character, the rest literal.
  static func icu(_ pattern: String, cased: Bool) throws -> NSRegularExpression {
    let body = pattern.map { c -> String in
      c == "*" ? ".*" : c == "?" ? "." : NSRegularExpression.escapedPattern(for: String(c))
    }.joined()
    return try NSRegularExpression(
      pattern: "^" + body + "$",
      options: cased
        ? [.dotMatchesLineSeparators]
        : [
          .caseInsensitive, .dotMatchesLineSeparators,
        ])
  }

  @Test(arguments: [false, true])
  func valuesMatchWhatICUFinds(cased: Bool) throws {
    let patterns = Self.generated(120, from: Array("abAB*?./-"), seed: 7, maxLength: 7).filter { !$0.isEmpty }
    let texts =
      Self.generated(60, from: Array("abcAB./- "), seed: 11, maxLength: 9)
      + Self.generated(20, from: Array("abAéB."), seed: 13, maxLength: 6)
    var matched = 0
    for pattern in patterns {
      var set = RuleSet()
      set.add(
        """
        title: t
        logsource: {product: aws, service: cloudtrail}
        detection:
          selection:
            userAgent\(cased ? "|cased" : ""): '\(pattern)'
          condition: selection
        """, source: "test")
      let rule = try #require(set.rules.first, "\(set.problems)")
      let expected = try Self.icu(pattern, cased: cased)
      for text in texts {
        let record = Array(#"{"eventName":"X","userAgent":"\#(text)"}"#.utf8)
        let theirs = expected.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(rule.matches(record[...]) == theirs, "\(pattern) on \(text)")
        if theirs { matched += 1 }
      }
    }
    #expect(matched > 200)
  }
}
