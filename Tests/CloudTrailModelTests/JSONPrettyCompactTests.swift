import CloudTrailModel
import Foundation
import Testing

@Suite struct JSONPrettyCompactTests {
  func compact(_ text: String) -> String {
    String(decoding: JSONPretty.compact(ArraySlice(Array(text.utf8))), as: UTF8.self)
  }

  @Test func escapesWhatATerminalCouldActOnAndKeepsTheValue() throws {
    let input = "{ \"a\" : \"x\u{7f}y\u{9b}2J\u{202e}z\u{200b}w\u{2028}v\u{feff}\", \"b\": \"é日本\\n\" }"
    let out = compact(input)
    #expect(out == "{\"a\":\"x\\u007fy\\u009b2J\\u202ez\\u200bw\\u2028v\\ufeff\",\"b\":\"é日本\\n\"}")
    let parsedIn = try JSONSerialization.jsonObject(with: Data(input.utf8)) as? NSDictionary
    let parsedOut = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? NSDictionary
    #expect(parsedIn == parsedOut)
  }

  @Test func invalidUTF8AndRawControlsBecomeEscapes() {
    let bytes: [UInt8] = Array("{\"a\":\"".utf8) + [0x9B, 0xC3, 0x28, 0x1B, 0x07] + Array("\"}".utf8)
    let out = String(decoding: JSONPretty.compact(ArraySlice(bytes)), as: UTF8.self)
    #expect(out == "{\"a\":\"\\ufffd\\ufffd(\\u001b\\u0007\"}")
  }

  @Test func aControlAfterABackslashIsEscapedToo() {
    let bytes: [UInt8] = Array("{\"a\":\"x\\".utf8) + [0x1B] + Array("[2J\"}".utf8)
    let out = JSONPretty.compact(ArraySlice(bytes))
    #expect(!out.contains(0x1B))
  }
}
