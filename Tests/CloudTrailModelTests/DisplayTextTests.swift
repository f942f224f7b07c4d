import CloudTrailModel
import Testing

/// The one sanitizer.
@Suite struct DisplayTextTests {
  @Test func plainTextIsUnchanged() {
    #expect(DisplayText.sanitize("ListUsers by alice@example.com") == "ListUsers by alice@example.com")
    #expect(DisplayText.sanitize("café 中文 😀") == "café 中文 😀")
    #expect(DisplayText.spans("abc") == [DisplaySpan(text: "abc", isToken: false)])
    #expect(DisplayText.spans("").isEmpty)
  }

  @Test func terminalEscapes() {
    #expect(DisplayText.sanitize("a\u{1B}[31mred") == "a\\x1b[31mred")
    #expect(DisplayText.sanitize("\u{1B}]0;title\u{07}") == "\\x1b]0;title\\x07")
    #expect(DisplayText.sanitize("\u{1B}]8;;http://x\u{1B}\\link") == "\\x1b]8;;http://x\\x1b\\link")
    #expect(DisplayText.sanitize("x\u{9B}2J") == "x\\u009b2J")
    #expect(DisplayText.sanitize("\u{9D}\u{9C}\u{80}") == "\\u009d\\u009c\\u0080")
    #expect(DisplayText.sanitize("del\u{7F}") == "del\\x7f")
    #expect(DisplayText.sanitize("\u{0}\u{1F}") == "\\x00\\x1f")
  }

  @Test func lineBreaksAndTabs() {
    #expect(DisplayText.sanitize("ok\rFAKE\nline\tx") == "ok\\rFAKE\\nline\\tx")
  }

  @Test func bidiAndInvisibles() {
    #expect(DisplayText.sanitize("user\u{202E}gnp.exe") == "user<U+202E>gnp.exe")
    #expect(
      DisplayText.sanitize("\u{2066}a\u{2069}\u{200E}\u{200F}\u{061C}") == "<U+2066>a<U+2069><U+200E><U+200F><U+61C>")
    #expect(DisplayText.sanitize("ad\u{200B}min\u{200D}\u{2060}\u{FEFF}") == "ad<U+200B>min<U+200D><U+2060><U+FEFF>")
    #expect(DisplayText.sanitize("a\u{2028}b\u{2029}") == "a<U+2028>b<U+2029>")
  }

  @Test func spansMarkTokensAndMergeAdjacentOnes() {
    #expect(
      DisplayText.spans("a\u{1B}\u{202E}b")
        == [
          DisplaySpan(text: "a", isToken: false), DisplaySpan(text: "\\x1b<U+202E>", isToken: true),
          DisplaySpan(text: "b", isToken: false),
        ])
  }

  @Test func invalidUTF8Bytes() {
    #expect(DisplayText.sanitize(bytes: [0x61, 0xFF, 0x62]) == "a\\xffb")
    #expect(DisplayText.sanitize(bytes: [0xC0, 0x80]) == "\\xc0\\x80")
    #expect(DisplayText.sanitize(bytes: [0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")
    #expect(DisplayText.sanitize(bytes: [0xE4, 0xB8]) == "\\xe4\\xb8")
    #expect(DisplayText.sanitize(bytes: Array("é\u{1B}".utf8)) == "é\\x1b")
    #expect(DisplayText.sanitize(bytes: [0xC2, 0x9B]) == "\\u009b")
    #expect(DisplayText.spans(bytes: [0xFF]) == [DisplaySpan(text: "\\xff", isToken: true)])
  }

  @Test func combiningFloodIsCapped() {
    let flood = "Z" + String(repeating: "\u{0301}", count: 50) + "ok"
    let expected = "Z" + String(repeating: "\u{0301}", count: 4) + "<+46 marks>ok"
    #expect(DisplayText.sanitize(flood) == expected)
    let fine = "e\u{0301}\u{0302}"
    #expect(DisplayText.sanitize(fine) == fine)
  }
}
