import CloudTrailModel
import Testing

/// The JSON detail-pane printer.
@Suite struct JSONPrettyTests {
  private func render(_ lines: [PrettyLine]) -> [String] {
    lines.map { String(repeating: " ", count: $0.indent) + $0.spans.map(\.text).joined() }
  }

  private func lines(_ text: String, width: Int = 80) -> [PrettyLine] {
    JSONPretty.lines(ArraySlice(text.utf8), width: width)
  }

  @Test func smallRecordExactly() {
    let text =
      #"{"eventName":"ListUsers","n":-1.5e3,"ok":true,"userIdentity":{"type":"IAMUser"},"e":{},"r":[1,null,[]]}"#
    let result = lines(text)
    #expect(
      render(result) == [
        "{", "  \"eventName\": \"ListUsers\",", "  \"n\": -1.5e3,", "  \"ok\": true,", "  \"userIdentity\": {",
        "    \"type\": \"IAMUser\"", "  },", "  \"e\": {},", "  \"r\": [", "    1,", "    null,", "    []", "  ]", "}",
      ])
    #expect(
      result[1]
        == PrettyLine(
          indent: 2,
          spans: [
            PrettySpan(text: "\"eventName\"", kind: .key), PrettySpan(text: ": ", kind: .punctuation),
            PrettySpan(text: "\"ListUsers\"", kind: .string), PrettySpan(text: ",", kind: .punctuation),
          ], path: "eventName", value: "ListUsers"))
    #expect(result[2].spans[2] == PrettySpan(text: "-1.5e3", kind: .number))
    #expect(result[3].spans[2] == PrettySpan(text: "true", kind: .literal))
    // Every line knows the path and the scalar value it shows.
    #expect(
      result.map(\.path) == [
        nil, "eventName", "n", "ok", "userIdentity", "userIdentity.type", nil, "e", "r", "r[]", "r[]", "r[]", nil, nil,
      ])
    #expect(
      result.map(\.value) == [
        nil, "ListUsers", "-1.5e3", "true", nil, "IAMUser", nil, nil, nil, "1", "null", nil, nil, nil,
      ])
  }

  @Test func wrappedValuesKeepTheirPathOnEveryLine() {
    let long = String(repeating: "x", count: 100)
    let result = lines(#"{"a":{"b.c":[{"d":"\#(long)"}]}}"#, width: 30)
    let wrapped = result.filter { $0.path == "a.b.c[].d" }
    #expect(wrapped.count > 2)
    #expect(wrapped.allSatisfy { $0.value == long })
  }

  @Test func stringsAreDecodedAndSanitized() {
    let result = lines(#"{"ua":"a\u001b[2Jb\nc\u202e"}"#)
    #expect(
      result[1].spans == [
        PrettySpan(text: "\"ua\"", kind: .key), PrettySpan(text: ": ", kind: .punctuation),
        PrettySpan(text: "\"a", kind: .string), PrettySpan(text: "\\x1b", kind: .token),
        PrettySpan(text: "[2Jb", kind: .string), PrettySpan(text: "\\n", kind: .token),
        PrettySpan(text: "c", kind: .string), PrettySpan(text: "<U+202E>", kind: .token),
        PrettySpan(text: "\"", kind: .string),
      ])
  }

  @Test func longStringsWrapAtWidth() {
    let result = lines("{\"k\":\"" + String(repeating: "x", count: 30) + "\"}", width: 16)
    #expect(
      render(result) == [
        "{", "  \"k\": \"xxxxxxxx", "    xxxxxxxxxxxx", "    xxxxxxxxxx\"", "}",
      ])
    for line in result {
      #expect(line.indent + line.spans.map(\.text.count).reduce(0, +) <= 16)
    }
    let wide = lines("[\"" + String(repeating: "中", count: 10) + "\"]", width: 12)
    #expect(render(wide) == ["[", "  \"中中中中", "    中中中中", "    中中\"", "]"])
  }

  @Test func invalidInputKeepsParsedLinesAndShowsTheRest() {
    let result = lines("{\"a\":1,\"b\":tru\u{1B}e}")
    #expect(render(result) == ["{", "  \"a\": 1,", "  \"b\": ", "invalid JSON at byte 11: tru\\x1be}"])
    #expect(result.last?.spans.contains(PrettySpan(text: "\\x1b", kind: .token)) == true)
    let truncated = lines("[1,")
    #expect(render(truncated) == ["[", "  1,", "invalid JSON at byte 3: unexpected end of input"])
  }

  @Test func printsASliceWithOffsetsFromItsStart() {
    let bytes = Array("xxxx[1,}".utf8)
    #expect(render(JSONPretty.lines(bytes[4...], width: 80)) == ["[", "  1,", "invalid JSON at byte 3: }"])
  }

  @Test func deepNestingDoesNotCrash() {
    let depth = 100_000
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth - 1) + "]"
    let result = lines(text)
    #expect(result.count == 2 * depth - 1)
    let unclosed = lines(String(repeating: "{\"a\":", count: depth))
    #expect(unclosed.count == depth + 2)
  }

  @Test func compactRemovesWhitespaceOutsideStrings() {
    let text = "{\n  \"a b\" : [ 1 ,\t2 ],\r\n  \"c\": \"x \\\" y\\\\\" }\n"
    #expect(
      String(decoding: JSONPretty.compact(ArraySlice(text.utf8)), as: UTF8.self) == #"{"a b":[1,2],"c":"x \" y\\"}"#)
  }
}
