import CloudTrailModel
import Testing

@testable import EventStore

/// What CloudWatch Logs is asked to filter: only values it cannot compare differently from trailview.
struct LogFilterPatternTests {
  static func pattern(_ wheres: [(Predicate.Target, Predicate.Test)]) -> String? {
    LogFilterPattern.compile(EventFilter(wheres.map { Predicate($0.0, $0.1) }))
  }

  @Test func lettersWildcardsAndOtherFieldsStayLocal() {
    #expect(
      Self.pattern([(.field(.sourceIP), .equals("198.51.100.7"))]) == "{ ($.sourceIPAddress = \"198.51.100.7\") }")
    #expect(
      Self.pattern([
        (.field(.sourceIP), .equals("10.0.0.1")), (.field(.sourceIP), .equals("10.0.0.2")),
        (.field(.recipientAccount), .equals("123456789012")),
      ])
        == "{ ($.sourceIPAddress = \"10.0.0.1\" || $.sourceIPAddress = \"10.0.0.2\") && "
        + "($.recipientAccountId = \"123456789012\") }")
    // An IPv6 address has letters; a wildcard; a quote; an exclusion; a field CloudWatch would compare with case.
    for local: (Predicate.Target, Predicate.Test) in [
      (.field(.sourceIP), .equals("2001:db8::1")), (.field(.sourceIP), .equals("10.*")),
      (.field(.sourceIP), .equals("1\"")), (.field(.sourceIP), .notEquals("10.0.0.1")),
      (.field(.eventName), .equals("123")), (.field(.sourceIP), .contains("10.0")), (.field(.sourceIP), .equals("")),
    ] {
      #expect(Self.pattern([local]) == nil, "\(local)")
    }
    // One value on a field that cannot go keeps the field's other values local too (they are ORed).
    #expect(
      Self.pattern([
        (.field(.sourceIP), .equals("10.0.0.1")), (.field(.sourceIP), .equals("bad-host")),
        (.field(.accountId), .equals("111122223333")),
      ]) == "{ ($.userIdentity.accountId = \"111122223333\") }")
  }

  /// No hostile value reaches the pattern: each stays local, whatever the field.
  @Test func hostileValuesAreNeverSent() {
    let hostile = AthenaWhereTests.hostile + ["1\" || $.x = \"1", "1.2.3.4\"}", "1\\", "1 2", "1\n2", "1*"]
    for value in hostile {
      for field in [Field.sourceIP, .recipientAccount, .accountId] {
        #expect(Self.pattern([(.field(field), .equals(value))]) == nil, "\(field) \(value)")
      }
    }
  }
}
