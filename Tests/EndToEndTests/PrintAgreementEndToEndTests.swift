import Foundation
import TestSupport
import Testing

/// `trailview --print --where` and `--summary` over the real records in `../shared/samples`, against the Python
/// evaluation in ``PythonReference`` of the same files.
@Suite(
  .enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"),
  .enabled(if: FixturesSamples.available, "needs ../shared/samples"),
  .enabled(if: PythonReference.python != nil, "needs python3"))
struct PrintAgreementEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  /// Every sample file of CloudTrail records (the index files beside them are lists of something else).
  static let files = FixturesSamples.files().map(\.path).filter { !$0.hasSuffix("-index.json") }

  typealias Condition = PythonReference.Condition

  /// A `--where` expression and the same condition for the reference, on the field's JSON path.
  struct Case: Sendable, CustomTestStringConvertible {
    var wheres: [String]
    var conditions: [(path: String, op: String, value: String)]
    var testDescription: String { wheres.isEmpty ? "(all)" : wheres.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(wheres: [], conditions: []),
    // Column fields, by registry name; the reference reads their JSON path.
    Case(wheres: ["eventSource=s3.amazonaws.com"], conditions: [("eventSource", "=", "s3.amazonaws.com")]),
    Case(wheres: ["region=US-WEST-?"], conditions: [("awsRegion", "=", "US-WEST-?")]),
    Case(wheres: ["userAgent~Console"], conditions: [("userAgent", "~", "Console")]),
    // Paths outside the registry.
    Case(
      wheres: ["requestParameters.bucketName=critical-data-bucket"],
      conditions: [("requestParameters.bucketName", "=", "critical-data-bucket")]),
    Case(
      wheres: ["userIdentity.sessionContext.sessionIssuer.userName=TESTER"],
      conditions: [("userIdentity.sessionContext.sessionIssuer.userName", "=", "TESTER")]),
    Case(wheres: ["resources[].ARN~:s3:::"], conditions: [("resources[].ARN", "~", ":s3:::")]),
    Case(
      wheres: ["requestParameters.bucketName!=*bucket*"],
      conditions: [("requestParameters.bucketName", "!=", "*bucket*")]),
    // Exists, and not-equals ANDed with it.
    Case(wheres: ["errorCode?"], conditions: [("errorCode", "?", "")]),
    Case(
      wheres: ["errorCode?", "errorCode!=accessdenied"],
      conditions: [("errorCode", "?", ""), ("errorCode", "!=", "accessdenied")]),
    // Two = on one field are ORed; fields are ANDed.
    Case(
      wheres: ["eventName=ConsoleLogin", "eventName=Get*"],
      conditions: [("eventName", "=", "ConsoleLogin"), ("eventName", "=", "Get*")]),
    Case(
      wheres: ["eventSource=iam*", "eventName!=Create*", "userIdentity.type?"],
      conditions: [("eventSource", "=", "iam*"), ("eventName", "!=", "Create*"), ("userIdentity.type", "?", "")]),
  ]

  /// `eventID|eventTime|eventName` of each printed record, sorted.
  static func printed(_ arguments: [String], files: [String] = files) throws -> [String] {
    let out = try Subprocess.run(binary, ["--print"] + arguments + files)
    #expect(out.status == 0, "\(out.stderr)")
    return try out.text.split(separator: "\n").map { line in
      let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return ["eventID", "eventTime", "eventName"].map { record[$0] as? String ?? "" }.joined(separator: "|")
    }.sorted()
  }

  static func conditions(_ c: Case) -> [Condition] {
    c.conditions.map { Condition(path: $0.path, op: $0.op, value: $0.value) }
  }

  @Test(arguments: cases)
  func whereAgreesWithThePythonEvaluation(_ c: Case) throws {
    let expected = try PythonReference.events(Self.files, Self.conditions(c))
    let actual = try Self.printed(c.wheres.flatMap { ["--where", $0] })
    #expect(!expected.isEmpty)
    #expect(actual.count == expected.count)
    #expect(actual == expected)
  }

  @Test func theCasesAreNotTrivial() throws {
    // Each case keeps some events and drops others (else it would not tell a wrong rule apart).
    let all = try PythonReference.events(Self.files, []).count
    for c in Self.cases.dropFirst() {
      let kept = try PythonReference.events(Self.files, Self.conditions(c)).count
      #expect(kept > 1 && kept < all, "\(c.testDescription): \(kept) of \(all)")
    }
  }

  /// The user matches its display name, the role behind a session, or its ARN: checked by hand in AWS's examples
  /// (where Alice is an IAM user) and the one session of the `ecs-cluster-instance` role in the samples.
  @Test func userMatchesNameRoleOrARN() throws {
    let alice = [
      "|2014-03-06T21:22:54Z|StartInstances", "|2014-03-06T21:01:59Z|StopInstances",
      "|2014-03-06T17:10:34Z|CreateKeyPair", "|2014-03-24T21:11:59Z|CreateUser",
      "|2014-03-25T21:08:14Z|AddUserToGroup", "|2014-03-25T20:17:37Z|CreateRole",
      "b7d4398e-b2f0-4faa-9c76-e2d316a8d67f|2016-07-14T19:15:45Z|UpdateTrail",
    ].sorted()
    let docs =
      try #require(FixturesSamples.directory).path + "/awsdocs-cloudtrail-user-guide/awsdocs-example-events.json"
    #expect(try Self.printed(["--where", "user=ALICE"], files: [docs]) == alice)
    #expect(try Self.printed(["--where", "user=arn:aws:iam::123456789012:user/Alice"], files: [docs]) == alice)
    #expect(try Self.printed(["--user", "alice", "--where", "eventName=Create*"], files: [docs]).count == 3)
    // A session named after its instance, found by the role behind it.
    let session = try Self.printed(["--where", "user=ecs-cluster-instance"])
    #expect(session == ["be170ced-ba43-4a02-9b70-f18127034945|2025-03-06T02:25:06Z|UpdateInstanceInformation"])
  }

  @Test(arguments: [("eventSource", "eventSource"), ("region", "awsRegion"), ("errorCode", "errorCode")])
  func summaryCountsAgreeWithThePythonEvaluation(field: String, path: String) throws {
    let expected = try PythonReference.summary(
      Self.files, [Condition(path: "eventSource", op: "=", value: "*2*")], of: path)
    let wheres = ["--where", "eventSource=*2*"]
    let json = try Subprocess.run(
      Self.binary, ["--print", "--summary", field, "--format", "json"] + wheres + Self.files)
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
    #expect(object["field"] as? String == field)
    #expect(object["events"] as? Int == expected.events)
    let values = try #require(object["values"] as? [[String: Any]])
    var counts: [String: Int] = [:]
    for entry in values { counts[entry["value"] as? String ?? "", default: 0] += entry["count"] as? Int ?? -1 }
    #expect(counts == expected.counts)
    #expect(values.map { $0["count"] as? Int ?? 0 } == values.map { $0["count"] as? Int ?? 0 }.sorted(by: >))
    // The table has the same values and counts, the shares in percent.
    let table = try Subprocess.run(Self.binary, ["--print", "--summary", field] + wheres + Self.files)
    let rows = table.text.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
    #expect(rows.count == expected.counts.count)
    for row in rows {
      let value = row.dropLast(2).joined(separator: " ")
      #expect(Int(row[row.count - 2]) == expected.counts[value == "(none)" ? "" : value], "\(row)")
    }
  }
}
