import CloudTrailModel
import Testing

/// ISO 8601 parsing and formatting.
@Suite struct EventTimeTests {
  private func parse(_ text: String) -> Int64? { EventTime.parse(ArraySlice(text.utf8)) }

  @Test func parsesUTC() {
    #expect(parse("1970-01-01T00:00:00Z") == 0)
    #expect(parse("2024-05-01T12:34:56Z") == 1_714_566_896)
    #expect(parse("2000-02-29T23:59:59Z") == 951_868_799)
    #expect(parse("1969-12-31T23:59:59Z") == -1)
    #expect(parse("9999-12-31T23:59:59Z") == 253_402_300_799)
  }

  @Test func fractionsAreTruncatedAndOffsetsApplied() {
    #expect(parse("2024-05-01T12:34:56.999Z") == 1_714_566_896)
    #expect(parse("2024-05-01T12:34:56.1234567890Z") == 1_714_566_896)
    #expect(parse("2021-11-18T09:41:02-08:00") == parse("2021-11-18T17:41:02Z"))
    #expect(parse("2024-05-01T14:34:56.5+02:00") == 1_714_566_896)
  }

  @Test func acceptsSpaceSeparatorAndMissingZoneAsUTC() {
    #expect(parse("2024-05-01 12:34:56Z") == 1_714_566_896)
    #expect(parse("2024-05-01T12:34:56") == 1_714_566_896)
    #expect(parse("2025-01-21 17:49:47.000000000") == parse("2025-01-21T17:49:47Z"))
  }

  @Test func exactlyNineteenBytesReadsNothingPastTheEnd() {
    // The bytes after the slice are a '.' and digits: reading past the end would take them as a fraction.
    let bytes = Array("2024-05-01T12:34:56.x".utf8)
    #expect(EventTime.parse(bytes[0..<19]) == 1_714_566_896)
  }

  @Test func rejectsGarbage() {
    let bad = [
      "", "2024-05-01", "2024-05-01T12:34", "2024-05-01_12:34:56Z", "2024-05-01T12:34:56z", "2024-13-01T00:00:00Z",
      "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z",
      "2024-05-01T12:00:60Z", "0000-01-01T00:00:00Z", "2024-05-01T12:34:56.Z", "2024-05-01T12:34:56+0200",
      "2024-05-01T12:34:56+02:00Z", "2024-05-01T12:34:56+24:00", "2024-05-01T12:34:56ZZ", "２024-05-01T12:34:56Z",
      "2024-5-01T12:34:56Z", " 2024-05-01T12:34:56Z", "2024-05-01T12:34:5xZ",
    ]
    for text in bad { #expect(parse(text) == nil, "\(text)") }
  }

  @Test func parsesFromASliceOffset() {
    let bytes = Array("xx2024-05-01T12:34:56Zyy".utf8)
    #expect(EventTime.parse(bytes[2..<22]) == 1_714_566_896)
  }

  @Test func formats() {
    #expect(EventTime.format(0) == "1970-01-01 00:00:00")
    #expect(EventTime.format(1_714_566_896) == "2024-05-01 12:34:56")
    #expect(EventTime.format(1_714_566_896, offsetSeconds: -8 * 3600) == "2024-05-01 04:34:56")
    #expect(EventTime.format(-1) == "1969-12-31 23:59:59")
    #expect(EventTime.formatISO(951_868_799) == "2000-02-29T23:59:59Z")
  }

  @Test func formatRoundTripsParse() {
    var t: Int64 = -86_400 * 400
    while t < 4_102_444_800 {
      #expect(parse(EventTime.formatISO(t)) == t)
      t += 7_777_777
    }
  }
}
