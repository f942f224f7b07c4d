/// Display width of text in terminal columns, computed without libc's locale-dependent `wcwidth`.
public enum DisplayWidth {
  /// Columns taken by one Unicode scalar: 0 for combining and zero-width, 2 for East Asian wide, else 1.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v < 0x300 { return 1 }
    if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
      return 0
    }
    if v >= 0x1100 && (v <= 0x115F || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
      || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
      || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1FAFF) || (v >= 0x20000 && v <= 0x3FFFD))
    {
      return 2
    }
    return 1
  }

  /// Columns taken by one grapheme cluster (its first scalar decides, at most 2).
  public static func of(_ character: Character) -> Int {
    var width = 0
    for scalar in character.unicodeScalars {
      width = max(width, of(scalar))
      if width == 2 { break }
    }
    return width
  }

  /// Columns taken by a string.
  public static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }
}
