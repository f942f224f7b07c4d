import Testing

@testable import TerminalUI

struct DisplayWidthTests {
  struct ScalarCase: CustomTestStringConvertible, Sendable {
    let value: UInt32
    let width: Int
    let note: String
    var testDescription: String { "U+\(String(value, radix: 16, uppercase: true)) \(note) -> \(width)" }
  }

  static let scalarCases: [ScalarCase] = [
    .init(value: 0x41, width: 1, note: "Latin A"),
    .init(value: 0x20, width: 1, note: "space"),
    .init(value: 0x07, width: 0, note: "BEL control"),
    .init(value: 0x1B, width: 0, note: "ESC control"),
    .init(value: 0x7F, width: 0, note: "DEL"),
    .init(value: 0x9B, width: 0, note: "C1 CSI"),
    .init(value: 0xE9, width: 1, note: "é precomposed"),
    .init(value: 0xAD, width: 1, note: "soft hyphen (visible in terminals)"),
    .init(value: 0x301, width: 0, note: "combining acute (Mn)"),
    .init(value: 0x20DD, width: 0, note: "combining enclosing circle (Me)"),
    .init(value: 0x0903, width: 1, note: "Devanagari visarga (Mc, spacing)"),
    .init(value: 0x093F, width: 1, note: "Devanagari vowel sign I (Mc)"),
    .init(value: 0x0941, width: 0, note: "Devanagari vowel sign U (Mn)"),
    .init(value: 0x200B, width: 0, note: "zero width space (Cf)"),
    .init(value: 0x200D, width: 0, note: "zero width joiner"),
    .init(value: 0x200C, width: 0, note: "zero width non-joiner"),
    .init(value: 0x202E, width: 0, note: "right-to-left override (Cf)"),
    .init(value: 0x2060, width: 0, note: "word joiner"),
    .init(value: 0xFEFF, width: 0, note: "BOM"),
    .init(value: 0xFE0F, width: 0, note: "variation selector 16"),
    .init(value: 0xE0101, width: 0, note: "variation selector 18"),
    .init(value: 0xE0041, width: 0, note: "tag latin A"),
    .init(value: 0x1100, width: 2, note: "Hangul leading jamo"),
    .init(value: 0x1161, width: 0, note: "Hangul medial jamo"),
    .init(value: 0x11A8, width: 0, note: "Hangul final jamo"),
    .init(value: 0xAC00, width: 2, note: "Hangul syllable GA"),
    .init(value: 0xD7A3, width: 2, note: "last Hangul syllable"),
    .init(value: 0xD7A4, width: 1, note: "after Hangul syllables"),
    .init(value: 0x4E2D, width: 2, note: "CJK 中"),
    .init(value: 0x3000, width: 2, note: "ideographic space"),
    .init(value: 0x3042, width: 2, note: "Hiragana あ"),
    .init(value: 0x30A2, width: 2, note: "Katakana ア"),
    .init(value: 0xFF21, width: 2, note: "fullwidth A"),
    .init(value: 0xFF61, width: 1, note: "halfwidth ideographic full stop"),
    .init(value: 0xFF76, width: 1, note: "halfwidth katakana KA"),
    .init(value: 0xFFE0, width: 2, note: "fullwidth cent"),
    .init(value: 0x1F600, width: 2, note: "grinning face emoji"),
    .init(value: 0x1F680, width: 2, note: "rocket emoji"),
    .init(value: 0x1F9D1, width: 2, note: "person emoji"),
    .init(value: 0x1FAE9, width: 2, note: "Unicode 16 emoji"),
    .init(value: 0x231A, width: 2, note: "watch (emoji presentation)"),
    .init(value: 0x2764, width: 1, note: "heavy heart (text presentation)"),
    .init(value: 0x1F321, width: 1, note: "thermometer (text presentation)"),
    .init(value: 0x20BB7, width: 2, note: "CJK extension B"),
    .init(value: 0x2500, width: 1, note: "box drawing"),
    .init(value: 0x2191, width: 1, note: "arrow"),
    .init(value: 0x0410, width: 1, note: "Cyrillic A"),
    .init(value: 0x05D0, width: 1, note: "Hebrew alef"),
  ]

  @Test(arguments: scalarCases)
  func scalarWidth(_ testCase: ScalarCase) throws {
    let scalar = try #require(Unicode.Scalar(testCase.value))
    #expect(DisplayWidth.of(scalar) == testCase.width)
  }

  @Test(arguments: [
    ("e\u{301}", 1),
    ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", 2),
    ("\u{1F44D}\u{1F3FD}", 2),
    ("\u{1100}\u{1161}\u{11A8}", 2),
    ("\u{200B}", 0),
    ("中\u{FE00}", 2),
    ("a", 1),
  ])
  func characterWidth(_ text: String, _ width: Int) throws {
    #expect(text.count == 1)
    let character = try #require(text.first)
    #expect(DisplayWidth.of(character) == width)
  }

  @Test(arguments: [
    ("", 0),
    ("hello", 5),
    ("日本語", 6),
    ("a中b", 4),
    ("cafe\u{301}", 4),
    ("ｆｕｌｌ", 8),
    ("x\u{200D}y", 2),
    ("tab\there", 7),
    ("🚀 launch", 9),
  ])
  func stringWidth(_ text: String, _ width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func tablesAreSortedAndDisjoint() {
    for table in [DisplayWidth.zeroWidthRanges, DisplayWidth.wideRanges] {
      #expect(table.count % 2 == 0)
      for pair in stride(from: 0, to: table.count, by: 2) {
        #expect(table[pair] <= table[pair + 1])
        if pair >= 2 { #expect(table[pair - 1] < table[pair]) }
      }
    }
  }

  @Test func bisectionFindsRangeEdges() {
    let table: [UInt32] = [10, 20, 30, 30, 40, 50]
    let inside: [UInt32] = [10, 15, 20, 30, 40, 50]
    let outside: [UInt32] = [0, 9, 21, 29, 31, 39, 51, 1000]
    for v in inside { #expect(DisplayWidth.contains(table, v), "\(v)") }
    for v in outside { #expect(!DisplayWidth.contains(table, v), "\(v)") }
    #expect(!DisplayWidth.contains([], 5))
  }

  @Test func combiningMarksAgreeWithStandardLibrary() {
    // Every nonspacing or enclosing mark the standard library knows is zero width here.
    var mismatches: [UInt32] = []
    for v in UInt32(0x300)...0x10FFFF {
      guard let scalar = Unicode.Scalar(v) else { continue }
      let category = scalar.properties.generalCategory
      if category == .nonspacingMark || category == .enclosingMark, DisplayWidth.of(scalar) != 0 {
        mismatches.append(v)
      }
    }
    #expect(mismatches.isEmpty)
  }
}
