import CloudTrailModel
import Testing

/// Inputs found by the libFuzzer target in `Fuzz/` (see `Fuzz/README.md`), minimized.
@Suite struct FuzzRegressionTests {
  /// The scanner only bracket-counts containers it skips, so a record can carry stray bytes outside strings
  /// (here ESC, BEL, an encoded C1 CSI and an invalid byte inside `x`). `compact` (print mode's output) copied them
  /// raw, so a crafted log file could drive the terminal. Found as fuzz crash-0255b39a (and three like it).
  @Test func compactEscapesStrayBytesOutsideStrings() {
    let input: [UInt8] =
      Array(#"{"eventName":"a","eventSource":"b","x":["#.utf8) + [0x1B] + Array("[31m".utf8)
      + [0x07, 0xC2, 0x9B, 0xFF] + Array("]]}".utf8)
    let result = RecordScanner.scan(input)
    #expect(result.shape == .single)
    #expect(result.records.count == 1)
    guard let record = result.records.first else { return }
    let out = JSONPretty.compact(result.buffer[record.range])
    #expect(!out.contains(where: { $0 < 0x20 || $0 == 0x7F }))
    #expect(
      String(decoding: out, as: UTF8.self)
        == #"{"eventName":"a","eventSource":"b","x":[\u001b[31m\u0007\u009b\ufffd]]}"#)
    #expect(JSONPretty.compact(out[...]) == out)
  }

  /// Valid JSON is unchanged by the fix: whitespace outside strings goes, safe non-ASCII stays raw.
  @Test func compactKeepsValidJSONOutsideStrings() {
    let input = Array("{ \"a\" : [ 1 , -2.5e3 , true , null , \"é\" ] }".utf8)
    #expect(String(decoding: JSONPretty.compact(input[...]), as: UTF8.self) == "{\"a\":[1,-2.5e3,true,null,\"é\"]}")
  }
}
