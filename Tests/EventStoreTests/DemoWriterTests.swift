import Foundation
import Testing

@testable import EventStore
@testable import TrailviewDemo

@Suite struct DemoWriterTests {
  @Test func escapesPerRFC8259() throws {
    let text = "a\"b\\c\n\r\t\u{1}\u{1B}\u{1F} é ✓"
    let bytes = DemoRecordWriter.encode(
      .object([("k", .string(text)), ("n", .null), ("b", .bool(false)), ("i", .int(-7))]))
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "{\"k\":\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001b\\u001f é ✓\",\"n\":null,\"b\":false,\"i\":-7}")
    let back = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect(back["k"] as? String == text)
  }

  @Test func civilCalendarMatchesFoundation() {
    #expect(DemoTime.iso(0) == "1970-01-01T00:00:00Z")
    #expect(DemoTime.iso(-1) == "1969-12-31T23:59:59Z")
    #expect(DemoTime.iso(951_782_400) == "2000-02-29T00:00:00Z")
    #expect(DemoTime.iso(4_107_542_399) == "2100-02-28T23:59:59Z")
    var r = DemoRandom(seed: 9)
    for _ in 0..<2000 {
      let t = Int64(r.int(0..<4_102_444_800))
      #expect(DemoFixture.seconds(DemoTime.iso(t)) == t)
    }
    #expect(DemoTime.weekday(0) == 4)
    #expect(DemoTime.iamStyle(1_795_700_000) == "Nov 26, 2026, 1:33:20 PM")
  }
}
