import CloudTrailModel
import TestSupport
import Testing

/// Invalid, truncated, hostile and oddly typed input.
@Suite struct RecordScannerRobustnessTests {
  private func scan(_ text: String) -> ScanResult { RecordScanner.scan(Array(text.utf8)) }

  @Test func truncatedBatchKeepsCompleteRecords() {
    let full = FixturesRecords.batch
    let cut = String(full.prefix(full.utf8.count - 40))
    let result = scan(cut)
    #expect(result.shape == .records)
    #expect(result.records.count == 1)
    #expect(result.records.first?.fields[.eventName].decode(in: result.buffer) == "ListUsers")
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.hasPrefix("invalid JSON at byte") == true)
  }

  @Test func unterminatedStringReportsItsOffset() {
    let text = "{\"Records\":[" + FixturesRecords.iamUser + ",{\"eventName\":\"Trunc"
    let result = scan(text)
    let quote = text.utf8.count - 6
    #expect(result.problems == ["invalid JSON at byte \(quote): unterminated string"])
    #expect(result.records.count == 1)
  }

  @Test func invalidJSONReasons() {
    #expect(scan("{\"Records\":[{\"eventTime\" 1}]}").problems == ["invalid JSON at byte 25: expected ':'"])
    #expect(scan("{\"Records\":[{\"a\":tru}]}").problems == ["invalid JSON at byte 20: invalid literal"])
    #expect(scan("{\"Records\":[{\"a\":\"\\q\"}]}").problems == ["invalid JSON at byte 18: invalid escape"])
    #expect(scan("{\"Records\":[{\"a\":[1}]}").problems == ["invalid JSON at byte 19: mismatched bracket"])
    #expect(
      scan("{\"Records\":[{\"a\":\"x\ny\"}]}").problems == ["invalid JSON at byte 19: control character in string"])
    #expect(scan("{\"Records\":[{\"a\":01}]}").problems == ["invalid JSON at byte 18: expected ',' or '}'"])
    #expect(scan("{\"Records\":[{\"a\":1,}]}").problems == ["invalid JSON at byte 19: expected object key"])
    #expect(scan("{\"Records\":[").problems == ["invalid JSON at byte 12: unexpected end of input"])
  }

  @Test func ndjsonResumesOnTheNextLineAfterAnError() {
    let text = FixturesRecords.iamUser + "\n{\"eventName\":\"Broken\n" + FixturesRecords.assumedRole + "\n"
    let result = scan(text)
    #expect(result.shape == .ndjson)
    #expect(result.records.map { $0.fields[.eventName].decode(in: result.buffer) } == ["ListUsers", "StopLogging"])
    #expect(result.problems.count == 1)
  }

  @Test func wrongTypesLeaveFieldsAbsent() throws {
    let text = """
      {"eventTime":1714566896,"eventName":["x"],"eventSource":{"a":1},"awsRegion":null,"readOnly":1,
       "userIdentity":"IAMUser","requestParameters":"name","errorCode":false,"eventID":12.5e3}
      """
    let result = scan(text)
    let record = try #require(result.records.first)
    #expect(result.problems.isEmpty)
    #expect(record.fields == RecordFields())
    #expect(Identity.displayName(record.fields, in: result.buffer) == "—")
  }

  @Test func unusableEventTimeIsNilWithoutAProblem() throws {
    let result = scan(
      "{\"Records\":[{\"eventTime\":\"May 1st\",\"eventName\":\"A\"},{\"eventName\":\"B\"}]}")
    #expect(result.records.count == 2)
    #expect(result.records.allSatisfy { $0.fields.eventTime == nil })
    #expect(result.problems.isEmpty)
  }

  @Test func nestedKeysAtTheWrongDepthAreIgnored() throws {
    let text = """
      {"requestParameters":{"eventName":"Nested","userIdentity":{"type":"Root"},"inner":{"name":"deep"}},
       "responseElements":{"eventTime":"2001-01-01T00:00:00Z","userName":"x"},
       "userIdentity":{"type":"IAMUser","attributes":{"userName":"deep"},"sessionIssuer":{"userName":"shallow"}},
       "eventSource":"s3.amazonaws.com","eventName":"GetObject"}
      """
    let result = scan(text)
    let f = try #require(result.records.first).fields
    #expect(f[.eventName].decode(in: result.buffer) == "GetObject")
    #expect(f.eventTime == nil)
    #expect(f[.identityType].decode(in: result.buffer) == "IAMUser")
    #expect(!f[.userName].isPresent)
    #expect(!f[.sessionIssuerUserName].isPresent)
    #expect(!f[.requestName].isPresent)
  }

  @Test func duplicateKeysLastOneWins() throws {
    let text = """
      {"eventName":"First","eventName":"Second","eventSource":"a","readOnly":true,"readOnly":"false",
       "userIdentity":{"type":"IAMUser","userName":"u1"},"userIdentity":{"type":"Root"}}
      """
    let result = scan(text)
    let f = try #require(result.records.first).fields
    #expect(f[.eventName].decode(in: result.buffer) == "Second")
    #expect(f.readOnly == false)
    #expect(f[.identityType].decode(in: result.buffer) == "Root")
    #expect(!f[.userName].isPresent)
  }

  @Test func escapedFieldsAreFlaggedAndDecoded() throws {
    let text = #"{"eventTime":"2024-05-01T12:34:56Z","eventName":"A\"B\u00e9\ud83d\ude00","userAgent":"plain"}"#
    let result = scan(text)
    let f = try #require(result.records.first).fields
    #expect(f[.eventName].hasEscapes)
    #expect(!f[.userAgent].hasEscapes)
    #expect(f[.eventName].decode(in: result.buffer) == "A\"Bé😀")
    #expect(f.eventTime == 1_714_566_896)
  }

  @Test func escapedEventTimeStillParses() throws {
    let result = scan(#"{"eventTime":"2024-05-01T12:34:56\u005a"}"#)
    #expect(try #require(result.records.first).fields.eventTime == 1_714_566_896)
  }

  @Test func millionLevelNestingDoesNotOverflow() {
    let depth = 1_000_000
    var bytes = Array("{\"Records\":[{\"eventName\":\"Deep\",\"requestParameters\":".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "["), count: depth)
    bytes += [UInt8](repeating: UInt8(ascii: "]"), count: depth)
    bytes += Array("}]}".utf8)
    let result = RecordScanner.scan(bytes)
    #expect(result.problems.isEmpty)
    #expect(result.records.count == 1)
    let unclosed = [UInt8](repeating: UInt8(ascii: "["), count: depth)
    let broken = RecordScanner.scan(unclosed)
    #expect(broken.shape == .unknown)
    #expect(broken.problems == ["invalid JSON at byte \(depth): unexpected end of input"])
  }

  @Test func readOnlyForms() {
    let forms: [(String, Bool?)] = [
      ("true", true), ("false", false), ("\"true\"", true), ("\"false\"", false),
      ("\"yes\"", nil), ("null", nil),
    ]
    for (value, expected) in forms {
      let result = scan("{\"eventTime\":\"x\",\"readOnly\":\(value)}")
      #expect(result.records.first?.fields.readOnly == expected, "\(value)")
    }
  }
}
