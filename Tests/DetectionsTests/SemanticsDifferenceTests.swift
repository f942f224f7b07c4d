import Detections
import Foundation
import Testing

/// The deliberate differences between Sigma's semantics (trailview's) and a flattened SQL table's (the oracle's),
/// each on one record: everything else decides the same (OracleConformanceTests).
@Suite struct SemanticsDifferenceTests {
  static let record = ArraySlice(
    Array(
      #"""
      {"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"},"resources":[{"ARN":"arn:aws:s3:::a"},
      {"ARN":"arn:aws:s3:::b"}],"tlsDetails":null,"requestParameters":{"status":"Suspended"}}
      """#.utf8))

  static func decide(_ line: String) throws -> (sigma: Bool, table: Bool) {
    let rule = try SigmaRuleTests.rule("selection:\n  \(line)\ncondition: selection")
    return (rule.matches(record), rule.matches(record, semantics: .flattenedTable))
  }

  @Test func exactValuesIgnoreCaseInSigmaOnly() throws {
    // SigmaHQ's "console login without MFA" writes 'NO'; CloudTrail writes "No".
    #expect(try Self.decide("additionalEventData.MFAUsed: 'NO'") == (true, false))
    #expect(try Self.decide("additionalEventData.MFAUsed: 'N*'") == (true, true), "wildcards ignore case in both")
  }

  @Test func arraysAreLookedIntoInSigmaOnly() throws {
    #expect(try Self.decide("resources.ARN: 'arn:aws:s3:::b'") == (true, false))
    #expect(try Self.decide("resources|contains: 'arn:aws:s3:::b'") == (true, true), "the array's JSON text")
  }

  @Test func aNullFieldExistsInSigmaOnly() throws {
    #expect(try Self.decide("tlsDetails|exists: true") == (true, false))
    #expect(try Self.decide("tlsDetails: null") == (true, true))
  }

  @Test func objectsCompareAsTheirJSONTextInBoth() throws {
    #expect(try Self.decide("requestParameters|contains: Suspended") == (true, true))
  }
}
