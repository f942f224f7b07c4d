import CloudTrailModel
import Foundation
import TestSupport
import Testing

/// Compares the scanner with the `JSONSerialization` reference decoder on real samples and random records.
@Suite struct ConformanceTests {
  private func compare(_ bytes: [UInt8], label: String) throws -> Int {
    let expected = try #require(ReferenceDecoder.records(bytes), "reference could not read \(label)")
    let result = RecordScanner.scan(bytes)
    #expect(result.records.count == expected.count, "\(label)")
    for (index, (record, reference)) in zip(result.records, expected).enumerated() {
      let actual = ReferenceFields(scanned: record.fields, in: result.buffer)
      #expect(actual == reference, "\(label) record \(index)")
    }
    return result.records.count
  }

  @Test(.enabled(if: FixturesSamples.available)) func everySampleMatchesTheReference() throws {
    let files = FixturesSamples.files()
    #expect(files.count >= 8)
    var total = 0
    for url in files {
      let bytes = try FixturesSamples.bytes(of: url)
      let result = RecordScanner.scan(bytes)
      if !result.records.isEmpty { #expect(result.problems.isEmpty, "\(url.lastPathComponent): \(result.problems)") }
      total += try compare(bytes, label: url.lastPathComponent)
    }
    #expect(total > 500)
  }

  @Test(.enabled(if: FixturesSamples.available)) func sampleCountsAndShapes() throws {
    let panther = try #require(try FixturesSamples.sample("panther-analysis/panther-cloudtrail-test-logs.json"))
    let scanned = RecordScanner.scan(panther)
    #expect(scanned.records.count == 491)
    #expect(scanned.shape == .records)
    let docs = try #require(try FixturesSamples.sample("awsdocs-cloudtrail-user-guide/awsdocs-example-events.json"))
    #expect(RecordScanner.scan(docs).records.count == 24)
    let index = try #require(try FixturesSamples.sample("awsdocs-cloudtrail-user-guide/awsdocs-example-index.json"))
    #expect(RecordScanner.scan(index).shape == .unknown)
    let lookup = try #require(
      try FixturesSamples.sample("lookupevents-examples/aws-cli-lookup-events-output.json"))
    let result = RecordScanner.scan(lookup)
    #expect(result.shape == .lookupEvents)
    #expect(result.records.count == 1)
    let record = try #require(result.records.first)
    #expect(record.fields[.eventName].decode(in: result.buffer) == "ConsoleLogin")
    #expect(Identity.displayName(record.fields, in: result.buffer) == "my-session-name")
    #expect(result.buffer[record.range.lowerBound] == UInt8(ascii: "{"))
    #expect(result.buffer[record.range.upperBound - 1] == UInt8(ascii: "}"))
    let snitch = FixturesSamples.files().filter { $0.path.contains("cloud-snitch") && $0.path.hasSuffix(".gz") }
    let snitchCount = try snitch.reduce(0) { $0 + RecordScanner.scan(try FixturesSamples.bytes(of: $1)).records.count }
    #expect(snitchCount == 21)
  }

  @Test func randomRecordsMatchTheReference() throws {
    var rng = FixturesRNG(seed: 0x7EA1_1A11)
    for round in 0..<40 {
      let records = (0..<25).map { _ in FixturesRandom.record(&rng) }
      let batch = "{\"Records\":[" + records.joined(separator: ",\n") + "]}"
      #expect(try compare(Array(batch.utf8), label: "batch \(round)") == 25)
      let ndjson = records.joined(separator: "\n")
      #expect(try compare(Array(ndjson.utf8), label: "ndjson \(round)") == 25)
      #expect(RecordScanner.scan(Array(ndjson.utf8)).shape == .ndjson)
    }
  }

  @Test func randomRecordsInsideLookupEventsMatchTheReference() throws {
    var rng = FixturesRNG(seed: 99)
    let records = (0..<30).map { _ in FixturesRandom.record(&rng) }
    let events = try records.map { text -> String in
      let quoted = try JSONSerialization.data(withJSONObject: [text], options: [])
      let literal = String(decoding: quoted, as: UTF8.self).dropFirst().dropLast()
      return "{\"EventId\":\"x\",\"CloudTrailEvent\":\(literal)}"
    }
    let page = "{\"Events\":[" + events.joined(separator: ",") + "],\"NextToken\":\"t\"}"
    let result = RecordScanner.scan(Array(page.utf8))
    #expect(result.shape == .lookupEvents)
    #expect(result.problems.isEmpty)
    #expect(try compare(Array(page.utf8), label: "lookup") == 30)
  }
}
