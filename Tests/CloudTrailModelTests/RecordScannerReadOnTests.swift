import CloudTrailModel
import Testing

/// Reading on after a broken record inside an array of records: the valid records after it still load.
@Suite struct RecordScannerReadOnTests {
  static func record(_ n: Int, extra: String = "") -> String {
    #"{"eventVersion":"1.08","eventTime":"2024-05-01T10:00:0\#(n)Z","eventName":"Call\#(n)","#
      + #""eventSource":"iam.amazonaws.com","eventID":"id-\#(n)"\#(extra)}"#
  }

  static func names(_ result: ScanResult) -> [String] {
    result.records.map { $0.fields[.eventName].decode(in: result.buffer) }
  }

  @Test func aBrokenRecordInTheMiddleOfRecordsLosesOnlyItself() {
    // Record 2 has a raw NUL in a string (invalid JSON); records 3 and 4 come after it.
    let broken = #"{"eventTime":"2024-05-01T10:00:02Z","eventName":"Bro"# + "\u{0}" + #"ken","x":1}"#
    let text =
      #"{"Records":["#
      + [Self.record(0), Self.record(1), broken, Self.record(3), Self.record(4)].joined(
        separator: ",\n") + "]}"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0", "Call1", "Call3", "Call4"])
    #expect(result.shape == .records)
    #expect(result.problems.count == 2, "\(result.problems)")
    #expect(result.problems.first?.hasPrefix("invalid JSON at byte") == true)
    #expect(result.problems.last?.contains("2 more records after the error") == true)
  }

  @Test func severalBreaksAndNestedObjectArraysAreNotTakenForRecords() {
    // After the first break, a nested array of objects inside the broken record's parameters must not become
    // records (they do not qualify); the second break is skipped the same way.
    let nested = #","requestParameters":{"items":[{"a":1},{"b":2},{"eventName":"NotARecord"}]}"#
    let brokenOne = #"{"eventTime":"2024-05-01T10:00:02Z","eventName":"x","y":tru"# + nested + "}"
    let brokenTwo = #"{"eventTime":"2024-05-01T10:00:05Z","bad":"\q"}"#
    let parts = [
      Self.record(0), brokenOne, Self.record(3, extra: nested), brokenTwo, Self.record(6), Self.record(7),
    ]
    let text = #"{"Records":["# + parts.joined(separator: ",") + "]}"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0", "Call3", "Call6", "Call7"], "\(result.problems)")
  }

  @Test func bareArrayReadsOnToo() {
    let text =
      "[" + [Self.record(0), Self.record(1), #"{"eventTime":"2024"#, Self.record(3)].joined(separator: ",")
      + "]"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0", "Call1", "Call3"], "\(result.problems) \(result.records.map(\.range))")
  }

  @Test func aTruncatedFileHasNothingToReadOn() {
    let text = #"{"Records":["# + Self.record(0) + "," + String(Self.record(1).prefix(30))
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0"])
    #expect(result.problems.count == 1)
  }

  @Test func readingOnAlwaysMovesForward() {
    // Thousands of "},{" places that never parse: bounded work, no records invented.
    let junk = String(repeating: #"},{"a"#, count: 20_000)
    let text = #"{"Records":["# + Self.record(0) + #",{"eventTime":"x"# + junk
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0"])
  }

  @Test func recordsReadOnNeverOverlapOrRepeat() {
    // After reading on, a second break sends the search on from the last record kept, not from where it started
    // (the fuzz target found records kept twice, overlapping).
    let parts = [
      Self.record(0), #"{"eventTime":"2024"#, Self.record(2), Self.record(3), #"{"bad":tru}"#, Self.record(5),
    ]
    let text = #"{"Records":["# + parts.joined(separator: ",") + "]}"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0", "Call2", "Call3", "Call5"], "\(result.problems)")
    let ranges = result.records.map(\.range)
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
  }

  @Test func readingOnStaysInsideItsOwnLineOfBatches() {
    // NDJSON of Records batches: the first batch breaks in its last element; the next line's records all load
    // (its first record follows `[`, so reading on must not take the line's second record for the next element).
    let lines = [
      #"{"Records":["# + Self.record(8) + "]}",
      #"{"Records":["# + Self.record(9) + #",{"eventTime":"2024"]}"#,
      #"{"Records":["# + [Self.record(0), Self.record(1), Self.record(2)].joined(separator: ",") + "]}",
    ]
    let result = RecordScanner.scan(Array(lines.joined(separator: "\n").utf8))
    #expect(Self.names(result) == ["Call8", "Call9", "Call0", "Call1", "Call2"], "\(result.problems)")
  }

  @Test func manyBreaksStopAtTheErrorLimitAndSaySo() {
    var parts: [String] = []
    for n in 0..<3_000 { parts += [Self.record(n % 10), #"{"eventTime":"x","y":tru}"#] }
    let text = #"{"Records":["# + parts.joined(separator: ",") + "]}"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(result.problems.count <= 25, "\(result.problems.count) problems")
    #expect(result.problems.contains("stopped after 20 errors"))
    #expect(result.records.count >= 19 && result.records.count < 3_000, "\(result.records.count) \(result.problems)")
  }

  @Test func nestedObjectsThatAreNotRecordsAreSkippedOnce() {
    // 2,000 nested levels of `,{"a":"…","b":[0,{…` after a break: none qualifies; each is parsed a bounded number
    // of times (this input took minutes when every place was parsed again and again).
    let filler = String(repeating: "x", count: 200)
    let nested = String(repeating: #",{"a":"\#(filler)","b":[0"#, count: 2_000)
    let text = #"{"Records":["# + Self.record(0) + #",{"eventTime":"x" "# + nested
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0"])
  }

  @Test func elementsThatStartTheirOwnLinesReadOnToo() {
    // `json.dumps(..., indent=0)` puts every element at the start of a line, after a line that ends with `,`.
    let broken = #"{"eventTime":"2024-05-01T10:00:02Z","eventName":"x","y":tru}"#
    let text =
      "{\n\"Records\": [\n" + [Self.record(0), broken, Self.record(2), Self.record(3)].joined(separator: ",\n")
      + "\n]\n}"
    let result = RecordScanner.scan(Array(text.utf8))
    #expect(Self.names(result) == ["Call0", "Call2", "Call3"], "\(result.problems)")
  }
}
