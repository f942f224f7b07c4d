import CloudTrailModel
import Foundation
import TestSupport
import Testing

/// The file shapes the scanner recognises.
@Suite struct RecordScannerShapeTests {
  private func scan(_ text: String) -> ScanResult { RecordScanner.scan(Array(text.utf8)) }

  private func names(_ result: ScanResult) -> [String] {
    result.records.map { $0.fields[.eventName].decode(in: result.buffer) }
  }

  @Test func recordsBatch() {
    let result = scan(FixturesRecords.batch)
    #expect(result.shape == .records)
    #expect(result.problems.isEmpty)
    #expect(names(result) == ["ListUsers", "StopLogging"])
    let first = result.records[0]
    #expect(result.buffer[first.range.lowerBound] == UInt8(ascii: "{"))
    #expect(Array(result.buffer[first.range]) == Array(FixturesRecords.iamUser.utf8))
  }

  @Test func recordsKeyAfterOtherKeysAndExtraTopLevelKeys() {
    let text = "{\"meta\":{\"Records\":[1]},\"Records\":[" + FixturesRecords.iamUser + "],\"tail\":[{}]}"
    let result = scan(text)
    #expect(result.shape == .records)
    #expect(names(result) == ["ListUsers"])
  }

  @Test func emptyRecordsIsQuiet() {
    let result = scan("{\"Records\":[]}")
    #expect(result.shape == .records)
    #expect(result.records.isEmpty)
    #expect(result.problems.isEmpty)
  }

  @Test func bareArray() {
    let result = scan(FixturesRecords.array)
    #expect(result.shape == .array)
    #expect(names(result) == ["ListUsers", "StopLogging"])
  }

  @Test func arrayOfNonRecordsIsUnknown() {
    for text in ["[1,2]", "[{\"file\":\"x\"},{\"a\":1}]"] {
      let result = scan(text)
      #expect(result.shape == .unknown)
      #expect(result.records.isEmpty)
      #expect(result.problems == ["not CloudTrail: no Records, Events or event fields"])
    }
  }

  @Test func ndjsonOfRecordsAndBatches() {
    let text = FixturesRecords.ndjson + FixturesRecords.batch + "\n\n"
    let result = scan(text)
    #expect(result.shape == .ndjson)
    #expect(result.problems.isEmpty)
    #expect(names(result) == ["ListUsers", "StopLogging", "ListUsers", "StopLogging"])
  }

  @Test func ndjsonSkipsNonRecordValuesWithAProblem() {
    let result = scan(FixturesRecords.iamUser + "\n{\"foo\":1}\n" + FixturesRecords.assumedRole)
    #expect(result.shape == .ndjson)
    #expect(names(result) == ["ListUsers", "StopLogging"])
    #expect(result.problems.count == 1)
    #expect(result.problems.first?.hasPrefix("skipped 1 values that are not CloudTrail records") == true)
  }

  @Test func singleRecord() {
    let result = scan("  \n" + FixturesRecords.assumedRole + "\n")
    #expect(result.shape == .single)
    #expect(names(result) == ["StopLogging"])
  }

  @Test func byteOrderMark() {
    for text in [FixturesRecords.batch, FixturesRecords.array, FixturesRecords.ndjson, FixturesRecords.iamUser] {
      let plain = RecordScanner.scan(Array(text.utf8))
      let result = RecordScanner.scan([0xEF, 0xBB, 0xBF] + Array(text.utf8))
      #expect(result.shape == plain.shape)
      #expect(result.problems.isEmpty)
      #expect(names(result) == names(plain))
      #expect(result.records.first?.range.lowerBound == (plain.records.first?.range.lowerBound ?? -9) + 3)
    }
  }

  @Test func lookupEventsUnescapesIntoANewBuffer() {
    let event = FixturesRecords.assumedRole.replacingOccurrences(of: "\"", with: "\\\"")
    let text = "{\"Events\":[{\"EventId\":\"e-2\",\"CloudTrailEvent\":\"" + event + "\"}],\"NextToken\":\"abc\"}"
    let result = scan(text)
    #expect(result.shape == .lookupEvents)
    #expect(result.problems.isEmpty)
    #expect(names(result) == ["StopLogging"])
    #expect(Array(result.buffer[result.records[0].range]) == Array(FixturesRecords.assumedRole.utf8))
    #expect(result.records[0].fields[.requestName].decode(in: result.buffer) == "main-trail")
  }

  @Test func lookupEventsProblems() {
    let text = "{\"Events\":[{\"EventId\":\"1\"},{\"CloudTrailEvent\":\"{\\\"eventName\\\":\"},7]}"
    let result = scan(text)
    #expect(result.shape == .lookupEvents)
    #expect(result.records.isEmpty)
    #expect(result.problems.count == 3)
    #expect(result.problems[0] == "skipped Events[0]: no CloudTrailEvent")
    #expect(result.problems[1].hasPrefix("invalid JSON in CloudTrailEvent of Events[1] at byte"))
    #expect(result.problems[2] == "skipped Events[2]: not an object")
  }

  /// CloudWatch Logs' FilterLogEvents answer (what `aws logs filter-log-events` prints): each log event's `message`
  /// is a record; other keys and other top-level keys are skipped; a message that is not a record is named.
  @Test func filterLogEventsMessagesAreRecords() {
    let event = FixturesRecords.assumedRole.replacingOccurrences(of: "\"", with: "\\\"")
    let text =
      "{\"events\":[{\"logStreamName\":\"s\",\"timestamp\":1,\"message\":\"" + event + "\",\"eventId\":\"1\"},"
      + "{\"message\":\"not a record\"},{\"timestamp\":2},3],\"searchedLogStreams\":[],\"nextToken\":\"t\"}"
    let result = scan(text)
    #expect(result.shape == .lookupEvents)
    #expect(names(result) == ["StopLogging"])
    #expect(Array(result.buffer[result.records[0].range]) == Array(FixturesRecords.assumedRole.utf8))
    #expect(result.problems.count == 3, "\(result.problems)")
    #expect(result.problems[0].hasPrefix("invalid JSON in message of events[1] at byte"), "\(result.problems)")
    #expect(result.problems[1] == "skipped events[2]: no message")
    #expect(result.problems[2] == "skipped events[3]: not an object")
  }

  @Test func plainRecordsMixedWithLookupPagesShareTheNewBuffer() {
    let event = FixturesRecords.assumedRole.replacingOccurrences(of: "\"", with: "\\\"")
    let page = "{\"Events\":[{\"CloudTrailEvent\":\"" + event + "\"}]}"
    let result = scan(FixturesRecords.iamUser + "\n" + page + "\n" + FixturesRecords.iamUser)
    #expect(result.shape == .ndjson)
    #expect(names(result) == ["ListUsers", "StopLogging", "ListUsers"])
    #expect(Array(result.buffer[result.records[2].range]) == Array(FixturesRecords.iamUser.utf8))
  }

  @Test func digestIsQuiet() {
    let result = scan(FixturesRecords.digest)
    #expect(result.shape == .digest)
    #expect(result.records.isEmpty)
    #expect(result.problems.isEmpty)
  }

  @Test func emptyAndWhitespace() {
    for bytes: [UInt8] in [[], Array(" \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF, 0x0A]] {
      let result = RecordScanner.scan(bytes)
      #expect(result.shape == .empty)
      #expect(result.problems == ["empty file"])
    }
  }

  @Test func notCloudTrail() {
    for text in ["{\"foo\":1}", "\"a string\"", "42", "{\"eventName\":\"OnlyName\"}"] {
      let result = scan(text)
      #expect(result.shape == .unknown, "\(text)")
      #expect(result.problems == ["not CloudTrail: no Records, Events or event fields"])
    }
  }

  @Test func recordRuleAcceptsTimeOrNameAndSource() {
    #expect(scan("{\"eventTime\":5}").shape == .single)
    #expect(scan("{\"eventName\":\"A\",\"eventSource\":\"b\"}").shape == .single)
  }
}
