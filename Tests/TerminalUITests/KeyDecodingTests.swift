import Testing

@testable import TerminalUI

struct KeyDecodingTests {
  @Test(arguments: [
    (UInt32(9), Key.tab),
    (10, .enter),
    (13, .enter),
    (27, .escape),
    (8, .backspace),
    (127, .backspace),
    (1, .ctrl("a")),
    (3, .ctrl("c")),
    (12, .ctrl("l")),
    (26, .ctrl("z")),
    (0x61, .char("a")),
    (0x20, .char(" ")),
    (0x7E, .char("~")),
    (0xE9, .char("é")),
    (0x4E2D, .char("中")),
    (0x1F680, .char("🚀")),
  ])
  func decodes(_ code: UInt32, _ key: Key) {
    #expect(Key(terminalCharacter: code) == key)
  }

  @Test(arguments: [UInt32(0), 28, 31, 0x85, 0x9B, 0xD800, 0x110000])
  func ignoresOtherControlsAndInvalidScalars(_ code: UInt32) {
    #expect(Key(terminalCharacter: code) == nil)
  }
}
