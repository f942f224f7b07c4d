import CloudTrailModel
import Detections
import Foundation
import TestSupport
import Testing

/// Sigma rules for CloudTrail: what a detection means on real-shaped records (maps AND, lists OR, wildcards, case,
/// null, arrays, modifiers, conditions), and what is refused with a reason.
@Suite struct SigmaRuleTests {
  /// A rule whose detection is `detection` (YAML lines, indented under `detection:`).
  static func rule(_ detection: String, level: String = "high") throws -> SigmaRule {
    let text = """
      title: test rule
      id: 00000000-0000-0000-0000-000000000001
      level: \(level)
      tags: [attack.defense-evasion, attack.t1562.008]
      logsource:
        product: aws
        service: cloudtrail
      detection:
      \(detection.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      """
    return try SigmaLoader.rule(text, source: "test.yml").get()
  }

  static func record(_ json: String) -> ArraySlice<UInt8> { ArraySlice(Array(json.utf8)) }

  static let stop = record(
    LogTree.record(
      time: "2026-11-30T21:09:00Z", name: "StopLogging", user: "backup-admin", source: "cloudtrail.amazonaws.com",
      ip: "203.0.113.66", requestParameters: #"{"name":"management-events"}"#,
      extra: #""resources":[{"ARN":"arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events"},"#
        + #"{"ARN":"arn:aws:s3:::logs-bucket"}],"tlsDetails":null"#))

  @Test func mapsAreAndListsAreOrAndCaseIsIgnored() throws {
    let rule = try Self.rule(
      """
      selection:
        eventSource: cloudtrail.amazonaws.com
        eventName:
          - DeleteTrail
          - STOPLOGGING
      condition: selection
      """)
    #expect(rule.level == .high && rule.tags.contains("attack.t1562.008"))
    #expect(rule.matches(Self.stop))
    let other = Self.record(LogTree.record(time: "2026-11-30T21:09:00Z", name: "StartLogging"))
    #expect(!rule.matches(other))
    #expect(rule.explain(Self.stop) == ["selection: eventSource=cloudtrail.amazonaws.com, eventName=StopLogging"])
  }

  @Test(arguments: [
    ("eventName: Stop*", true), ("eventName: S?opLogging", true), ("eventName: Stop", false),
    ("eventName|contains: pLog", true), ("eventName|startswith: stop", true), ("eventName|endswith: Trail", false),
    ("eventName|cased: stoplogging", false), ("eventName|cased: StopLogging", true),
    ("requestParameters.name: management-*", true), ("userIdentity.userName: backup-admin", true),
    ("resources.ARN|endswith: :logs-bucket", true), ("resources.ARN: 'arn:aws:s3:::other'", false),
    ("sourceIPAddress|cidr: 203.0.113.0/24", true), ("sourceIPAddress|cidr: 198.51.100.0/24", false),
    ("errorCode: null", true), ("tlsDetails: null", true), ("eventName: null", false),
    ("errorCode|exists: false", true), ("eventName|exists: true", true), ("readOnly: 'false'", true),
    ("readOnly: false", true), ("userIdentity.arn|re: ':user/backup-.+$'", true),
    ("userIdentity.arn|re: ':USER/'", false), ("userIdentity.arn|re|i: ':USER/'", true),
    ("eventName|neq: StartLogging", true), ("eventName|neq: StopLogging", false),
    ("eventName|contains|all: [Stop, Logging]", true), ("eventName|contains|all: [Stop, Trail]", false),
    ("userIdentity.userName|fieldref: userIdentity.userName", true), ("eventName|fieldref: eventSource", false),
    ("eventName: 'Stop\\*'", false), ("eventVersion|gte: 1.05", true), ("eventVersion|lt: 1.05", false),
  ])
  func modifiersAndValues(line: String, expected: Bool) throws {
    let rule = try Self.rule("selection:\n  \(line)\ncondition: selection")
    #expect(rule.matches(Self.stop) == expected, "\(line)")
  }

  @Test(arguments: [
    ("a and not b", true), ("a and not 1 of filter_*", false), ("1 of filter_*", true), ("all of filter_*", false),
    ("all of them", false), ("1 of them", true), ("a or b", true), ("not (a and b)", true), ("(a or b) and c", true),
    ("a and c and not filter_x", true),
  ])
  func conditions(condition: String, expected: Bool) throws {
    let rule = try Self.rule(
      """
      a:
        eventName: StopLogging
      b:
        eventName: DeleteTrail
      c:
        sourceIPAddress: 203.0.113.66
      filter_x:
        userIdentity.type: Root
      filter_y:
        userIdentity.userName: backup-admin
      condition: \(condition)
      """)
    #expect(rule.matches(Self.stop) == expected, "\(condition)")
  }

  @Test func aListOfMapsIsOrAndSeveralConditionsAreOr() throws {
    let rule = try Self.rule(
      """
      selection:
        - eventName: DeleteTrail
        - eventName: StopLogging
          sourceIPAddress: 203.0.113.66
      other:
        eventName: Nothing
      condition:
        - other
        - selection
      """)
    #expect(rule.matches(Self.stop))
  }

  @Test(arguments: [
    ("correlation:\n  type: value_sum\n  rules: [a]\n  timespan: 1h\n", "correlation type value_sum: not supported"),
    ("correlation:\n  type: temporal\n  rules: [a, b]\n  timespan: 1h\n  condition: a and not b\n", "extended"),
    ("correlation:\n  type: event_count\n  rules: [a]\n  timespan: 1M\n  condition: {gte: 2}\n", "timespan"),
    ("correlation:\n  type: event_count\n  rules: [a]\n  timespan: 1h\n", "no condition"),
    (
      "correlation:\n  type: value_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n",
      "needs a condition field"
    ),
    ("logsource:\n  product: windows\n  service: security\n", "is not AWS CloudTrail"),
    ("detection:\n  selection:\n    eventName|base64: x\n  condition: selection\n", "modifier 'base64'"),
    ("detection:\n  selection:\n    - StopLogging\n  condition: selection\n", "keyword searches"),
    ("detection:\n  selection:\n    eventName: x\n  condition: selection | count() > 5\n", "aggregations"),
    ("detection:\n  selection:\n    eventName: x\n  condition: selection and missing\n", "no search named 'missing'"),
    ("detection:\n  selection:\n    eventName|re: '(a)\\1'\n  condition: selection\n", "regular expression"),
    ("detection:\n  selection:\n    eventName: x\n  timeframe: 5m\n  condition: selection\n", "timeframe"),
    ("title: [unclosed\n", "not YAML"),
  ])
  func unsupportedConstructsAreNamed(yaml: String, reason: String) {
    var text = yaml
    if !yaml.contains("logsource:") { text += "logsource:\n  product: aws\n  service: cloudtrail\n" }
    if !yaml.contains("detection:") { text += "detection:\n  selection:\n    eventName: x\n  condition: selection\n" }
    switch SigmaLoader.rule(text, source: "bad.yml") {
    case .success: Issue.record("accepted: \(yaml)")
    case .failure(let problem): #expect(problem.description.contains(reason), "\(problem)")
    }
  }

  /// References are checked once every file is in: a name no rule has, two rules with one name, and a correlation of
  /// correlations are each refused with the reason, and the rules they counted report alone again.
  @Test func correlationReferencesAreResolvedOrRefused() {
    let base = "logsource: {product: aws, service: cloudtrail}\ndetection: {s: {eventName: x}, condition: s}\n"
    func correlation(_ id: String, _ rules: String) -> String {
      "title: \(id)\nid: \(id)\ncorrelation: {type: event_count, rules: [\(rules)], timespan: 1h, condition: {gte: 2}}\n"
    }
    var set = RuleSet()
    set.add("title: A\nname: a\n" + base, source: "a.yml")
    set.add("title: B1\nname: b\n" + base + "---\ntitle: B2\nname: b\n" + base, source: "b.yml")
    set.add(correlation("c-ok", "a"), source: "ok.yml")
    set.add(correlation("c-missing", "nobody"), source: "missing.yml")
    set.add(correlation("c-twice", "b"), source: "twice.yml")
    set.add(correlation("c-chain", "c-ok"), source: "chain.yml")
    set.resolveCorrelations()
    #expect(set.rules.map(\.title) == ["A", "B1", "B2", "c-ok"])
    #expect(set.rules.map(\.reportsAlone) == [false, true, true, true])
    let reasons = Dictionary(uniqueKeysWithValues: set.problems.map { ($0.source, $0.reason) })
    #expect(reasons["missing.yml"]?.contains("no loaded rule has the id or name nobody") == true)
    #expect(reasons["twice.yml"]?.contains("2 rules have the id or name b") == true)
    #expect(reasons["chain.yml"]?.contains("chained correlations are not supported") == true)
  }
}
