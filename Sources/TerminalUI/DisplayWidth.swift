/// Display width of text in terminal columns, computed without libc's locale-dependent `wcwidth`.
///
/// The rules follow what terminals do with `wcwidth` in a UTF-8 locale:
/// - 0 for C0/C1 controls and DEL (they must be sanitized before drawing; here they draw as nothing),
///   combining marks (Mn, Me), format characters (Cf: zero-width joiners, bidi marks, BOM) and Hangul medial
///   and final jamo;
/// - 2 for East Asian Wide and Fullwidth characters (CJK, Hangul syllables, fullwidth forms, emoji with
///   emoji presentation);
/// - 1 otherwise.
///
/// The tables are in `DisplayWidth+Tables.swift` and are searched by bisection.
public enum DisplayWidth {
  /// Columns taken by one Unicode scalar: 0 for combining and zero-width, 2 for East Asian wide, else 1.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v < 0x300 { return 1 }
    if contains(zeroWidthRanges, v) { return 0 }
    if v >= 0x1100, contains(wideRanges, v) { return 2 }
    return 1
  }

  /// Columns taken by one grapheme cluster: the widest of its scalars, so at most 2.
  ///
  /// A base letter with combining marks is 1; an emoji ZWJ sequence or a CJK character with a variation
  /// selector is 2; a cluster made only of zero-width scalars is 0.
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

  /// Whether `value` lies in one of the inclusive ranges of `table` (flat, sorted start/end pairs).
  static func contains(_ table: [UInt32], _ value: UInt32) -> Bool {
    var low = 0
    var high = table.count / 2 - 1
    while low <= high {
      let mid = (low + high) / 2
      if value < table[2 * mid] {
        high = mid - 1
      } else if value > table[2 * mid + 1] {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }
}
