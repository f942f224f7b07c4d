import CloudTrailModel
import Testing

/// Escape resolution and UTF-8 repair.
@Suite struct JSONStringRefTests {
  private func decode(_ raw: String) -> String {
    let bytes = Array(raw.utf8)
    return JSONStringRef(start: 0, end: bytes.count, hasEscapes: raw.contains("\\")).decode(in: bytes)
  }

  @Test func simpleEscapes() {
    #expect(decode(#"a\"b\\c\/d\be\ff\ng\rh\ti"#) == "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti")
  }

  @Test func unicodeEscapes() {
    #expect(decode(#"\u0041\u00e9\u4E2D"#) == "Aé中")
    #expect(decode(#"\ud83d\ude00!"#) == "😀!")
    #expect(decode(#"\uD83D\uDE00"#) == "😀")
  }

  @Test func loneSurrogatesBecomeReplacement() {
    #expect(decode(#"a\ud800b"#) == "a\u{FFFD}b")
    #expect(decode(#"\udc00"#) == "\u{FFFD}")
    #expect(decode(#"\ud800\u0041"#) == "\u{FFFD}A")
    #expect(decode(#"\ud800"#) == "\u{FFFD}")
  }

  @Test func invalidUTF8IsRepaired() {
    let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3]
    #expect(JSONStringRef(start: 0, end: 4, hasEscapes: false).decode(in: bytes) == "a\u{FFFD}b\u{FFFD}")
    let escaped: [UInt8] = [0x5C, 0x6E, 0xFF]
    #expect(JSONStringRef(start: 0, end: 3, hasEscapes: true).decode(in: escaped) == "\n\u{FFFD}")
  }

  @Test func absentAndOutOfRange() {
    #expect(JSONStringRef.absent.decode(in: [1, 2]) == "")
    #expect(!JSONStringRef.absent.isPresent)
    #expect(JSONStringRef(start: 0, end: 9, hasEscapes: false).decode(in: [0x61]) == "")
    #expect(JSONStringRef(start: 1, end: 1, hasEscapes: false).isPresent)
  }
}
