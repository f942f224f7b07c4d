import CloudTrailModel
import Detections
import Foundation
import TestSupport
import Testing

/// The detector's shortcuts (rules indexed by event name or by event name pattern, tests decided from the scanner's
/// fields and remembered per value, byte prefilters, one field cache per record) never change a decision: on every
/// sample and demo record, and on the same records reshaped the way a hostile file could be (repeated keys, arrays
/// and numbers where strings belong, escaped keys), it finds exactly the rules that match when each rule reads the
/// record itself.
@Suite(.enabled(if: SigmaHQ.folder != nil && FixturesSamples.available, "../shared is absent; skipped"))
struct DetectorShortcutTests {
  static func detectorAndRules() -> (Detector, [SigmaRule]) {
    var set = RuleSet.load([SigmaHQ.folder!])
    for (name, yaml) in BuiltinRules.all { set.add(yaml, source: "builtin:\(name)") }
    return (Detector(set.rules), set.rules)
  }

  /// What the detector finds the way a load runs it: fields from the scanner, one memo for every record.
  static func found(_ detector: Detector, _ record: [UInt8], memo: inout DetectionMemo) -> [UInt16]? {
    let scan = RecordScanner.scan(record)
    guard let scanned = scan.records.first else { return nil }
    let fields = scanned.fields
    let candidates =
      Detector.nameIsKnown(fields)
      ? detector.candidates(eventName: fields[.eventName].decode(in: scan.buffer)) : detector.allRules
    return detector.matches(scan.buffer[scanned.range], fields: fields, candidates: candidates, memo: &memo)
  }

  @Test func theDetectorFindsWhatEachRuleDecides() throws {
    let records = try OracleConformanceTests.records()
    let (detector, rules) = Self.detectorAndRules()
    var memo = detector.makeMemo()
    var flagged = 0
    for record in records {
      // Objects that are not records (no eventTime, no eventName and eventSource) are not loaded at all.
      guard let found = Self.found(detector, record, memo: &memo) else { continue }
      let expected = rules.indices.filter { rules[$0].matches(record[...]) }.map(UInt16.init)
      #expect(found == expected, "\(String(decoding: record.prefix(200), as: UTF8.self))")
      // Read in full, without the scanner's fields, too.
      let full = detector.matches(record[...], candidates: detector.allRules)
      #expect(full == expected)
      if !found.isEmpty { flagged += 1 }
    }
    #expect(flagged > 100)
  }

  @Test func reshapedRecordsDecideAsTheRulesDo() throws {
    let records = try OracleConformanceTests.records()
    let (detector, rules) = Self.detectorAndRules()
    var memo = detector.makeMemo()
    var differing = 0
    for (label, reshape) in HostileReshapes.all {
      var changed = 0
      for record in stride(from: 0, to: records.count, by: records.count / 300).map({ records[$0] }) {
        let text = reshape(String(decoding: record, as: UTF8.self))
        let bytes = Array(text.utf8)
        guard let found = Self.found(detector, bytes, memo: &memo) else { continue }
        let expected = rules.indices.filter { rules[$0].matches(bytes[...]) }.map(UInt16.init)
        #expect(found == expected, "\(label): \(text.prefix(300))")
        let before = rules.indices.filter { rules[$0].matches(record[...]) }.map(UInt16.init)
        if expected != before { changed += 1 }
      }
      if changed > 0 { differing += 1 }
      print("\(label): \(changed) records decided otherwise than before the change")
    }
    // The reshapes matter: most of them change some rule's decision somewhere.
    #expect(differing >= 6)
  }

  /// An escaped value (`\u006b` for k) hides a literal from the byte prefilter: such records are checked in full.
  @Test func escapedTextIsNotRuledOut() throws {
    var set = RuleSet()
    for (name, yaml) in BuiltinRules.all { set.add(yaml, source: "builtin:\(name)") }
    let detector = Detector(set.rules)
    let record = Array(
      #"{"eventName":"ListBuckets","eventSource":"s3.amazonaws.com","userAgent":"Boto3/1.34 os/linux#6.5.0-\u006bali3"}"#
        .utf8)
    let found = detector.matches(record[...], candidates: detector.candidates(eventName: "ListBuckets"))
    let expected = set.rules.indices.filter { set.rules[$0].matches(record[...]) }.map(UInt16.init)
    #expect(!expected.isEmpty && found == expected)
    var memo = detector.makeMemo()
    #expect(Self.found(detector, record, memo: &memo) == expected)
  }
}

extension DetectorShortcutTests {
  /// A correlation rule's group and counted values taken from the scanner's fields are the values read from the
  /// record, on every sample and demo record and their hostile reshapes (a repeated key or an array at the path must
  /// not pass for the slot's string).
  @Test func correlationKeysFromTheScannerAreTheRecordsOwn() throws {
    var set = BuiltinRules.load()
    set.add(CorrelationFixtures.rules, source: "fixtures.yml")
    set.resolveCorrelations()
    let detector = Detector(set.rules)
    let counted = set.rules.indices.filter { detector.isCounted(UInt16($0)) }.map(UInt16.init)
    #expect(counted.count >= 6)
    let records = try OracleConformanceTests.records()
    var compared = 0
    let unchanged: @Sendable (String) -> String = { $0 }
    for (label, reshape) in [(name: "as is", reshape: unchanged)] + HostileReshapes.all {
      for record in stride(from: 0, to: records.count, by: 7).map({ records[$0] }) {
        let bytes = Array(reshape(String(decoding: record, as: UTF8.self)).utf8)
        let scan = RecordScanner.scan(bytes)
        guard let scanned = scan.records.first else { continue }
        let slice = scan.buffer[scanned.range]
        withUnsafePointer(to: scanned.fields) { fields in
          for rule in counted {
            let read = detector.correlationKeys(rule: rule, record: slice)
            #expect(detector.correlationKeys(rule: rule, record: slice, fields: fields) == read, "\(label)")
            compared += read.count
          }
        }
      }
    }
    #expect(compared > 1_000)
  }
}
