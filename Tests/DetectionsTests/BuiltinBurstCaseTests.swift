import CloudTrailModel
import Detections
import Testing

/// The built-in correlation rules on sequences of real-shaped records: a burst they must flag (every event of it),
/// and near misses (the same events spread wider than the window, split between identities, one short) they must not.
@Suite struct BuiltinBurstCaseTests {
  typealias C = BuiltinRuleCaseTests

  /// `record` at `seconds` after 2026-11-30 17:00:00.
  static func at(_ seconds: Int, _ record: String) -> String {
    record.replacingOccurrences(
      of: #""eventTime":"2026-11-30T17:51:31Z""#,
      with: #""eventTime":""# + EventTime.formatISO(1_795_971_600 + Int64(seconds)) + #"""#)
  }

  struct Case: Sendable {
    let rule: String
    let burst: [String]
    let nearMisses: [[String]]
  }

  static let denied = [
    "kms", "organizations", "secretsmanager", "iam", "ec2", "rds", "lambda", "ssm", "dynamodb", "sns",
  ].enumerated().map { i, service in
    C.event(service, "List\(i)", by: .user("deploy-bot"), error: "AccessDeniedException")
  }

  static func signInFailure(_ user: String) -> String { C.signIn(.user(user), result: "Failure", mfa: "No") }

  static func secretRead(_ id: String) -> String {
    C.event(
      "secretsmanager", "GetSecretValue", by: .role("etl", session: "i-0abc"), request: #"{"secretId":""# + id + #""}"#)
  }

  static func terminate(_ by: C.Who) -> String { C.event("ec2", "TerminateInstances", by: by, request: C.terminate) }

  static let cases: [Case] = [
    Case(
      rule: "discovery-denied-reads-burst",
      burst: denied.enumerated().map { at($0 * 50, $1) },
      nearMisses: [
        // 70 seconds apart: any ten minutes hold nine.
        denied.enumerated().map { at($0 * 70, $1) },
        // Ten identities.
        ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon"].enumerated().map { i, user in
          at(i, C.event("ec2", "DescribeInstances", by: .user(user), error: "Client.UnauthorizedOperation"))
        },
      ]),
    Case(
      rule: "discovery-denied-across-services",
      burst: denied.prefix(5).enumerated().map { at($0 * 140, $1) },
      nearMisses: [
        (0..<12).map { at($0 * 10, denied[$0 % 4]) },
        // The fifth service 10m01s after the first.
        [at(0, denied[0]), at(60, denied[1]), at(120, denied[2]), at(180, denied[3]), at(601, denied[4])],
      ]),
    Case(
      rule: "console-login-failure-burst",
      burst: ["carol", "dave", "erin", "frank", "grace"].enumerated().map { at($0 * 100, signInFailure($1)) },
      nearMisses: [
        (0..<4).map { at($0 * 100, signInFailure("carol")) }
          + [at(450, C.signIn(.user("carol"), result: "Success", mfa: "Yes"))],
        (0..<5).map { at($0 * 151, signInFailure("carol")) },
      ]),
    Case(
      rule: "secrets-read-in-bulk",
      burst: ["prod/db", "prod/api", "prod/tls", "prod/smtp", "prod/stripe"].enumerated().map {
        at($0 * 30, secretRead($1))
      },
      nearMisses: [
        (0..<10).map { at($0 * 30, secretRead("prod/db")) },
        ["prod/db", "prod/api", "prod/tls", "prod/smtp", "PROD/DB"].enumerated().map { at($0 * 30, secretRead($1)) },
      ]),
    Case(
      rule: "mass-deletion-burst",
      burst: (0..<10).map { at($0 * 60, terminate(.user("deploy-bot"))) },
      nearMisses: [
        (0..<9).map { at($0 * 60, terminate(.user("deploy-bot"))) },
        (0..<10).map { at($0 * 60, terminate($0 < 5 ? .user("deploy-bot") : .user("carol-admin"))) },
        (0..<10).map { at($0 * 67, terminate(.user("deploy-bot"))) },
      ]),
  ]

  static let pack = BuiltinRules.load()

  /// The record indices `name` flags among `records`.
  static func flagged(_ name: String, _ records: [String]) throws -> [UInt32] {
    let index = try #require(Self.pack.rules.firstIndex { $0.source == "builtin:\(name)" })
    return CorrelationRun.evaluate(Self.pack.rules, records.map { Array($0.utf8) })[index]?.rows ?? []
  }

  @Test func everyCorrelationRuleHasCases() {
    let correlations = Self.pack.rules.filter { $0.correlation != nil }.map { String($0.source.dropFirst(8)) }
    #expect(Set(correlations) == Set(Self.cases.map(\.rule)))
    #expect(Self.cases.allSatisfy { !$0.nearMisses.isEmpty })
  }

  @Test(arguments: cases.map(\.rule))
  func burstsAreFlaggedAndNearMissesAreNot(rule name: String) throws {
    let row = try #require(Self.cases.first { $0.rule == name })
    for record in row.burst { try C.expectRealShaped(record) }
    #expect(try Self.flagged(name, row.burst) == Array(0..<UInt32(row.burst.count)), "the burst of \(name)")
    for (index, records) in row.nearMisses.enumerated() {
      for record in records { try C.expectRealShaped(record) }
      #expect(try Self.flagged(name, records) == [], "near miss \(index) of \(name)")
    }
  }
}
