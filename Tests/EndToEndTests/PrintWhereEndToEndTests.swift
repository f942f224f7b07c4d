import Foundation
import TestSupport
import Testing

/// `trailview --print --where`: fields, paths, every operator, and the other filters beside it.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct PrintWhereEndToEndTests {
  @Test func whereTakesFieldsPathsAndEveryOperator() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    let cases: [([String], [String])] = [
      (["requestParameters.bucketName=customer-exports", "errorCode?"], ["q2", "q1"]),
      (["requestParameters.bucketName!=customer-*"], ["q5", "q4", "q3"]),
      (["errorCode=accessdenied"], ["q4", "q1"]),
      (["EVENTNAME=get*", "eventName=ListUsers"], ["q5", "q3", "q0"]),
      (["sourceIPAddress=203.0.113.66", "eventName!=List*"], ["q4"]),
      (["userAgent~SDK-GO"], ["q4"]),
      (["user=deploy-bot"], ["q2", "q1"]),
      (["role=Admin"], ["q2"]),
      (["readOnly=true"], ["q5", "q3", "q0"]),  // q3's read is inferred from its name
      (["text~other-bucket"], ["q5"]),
      (["requestParameters.key=A.CSV", "requestParameters.bucketName=other*"], ["q5"]),
    ]
    for (wheres, expected) in cases {
      let out = try PrintRun.run(wheres.flatMap { ["--where", $0] }, tree: tree)
      #expect(out.status == 0, "\(wheres): \(out.stderr)")
      #expect(PrintRun.ids(out) == expected, "\(wheres)")
    }
  }

  @Test func whereCombinesWithTheOtherFilters() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    let cases: [([String], [String])] = [
      (["--user", "deploy-bot", "--where", "errorCode=AccessDenied"], ["q1"]),
      (["--event-name", "Get*", "--where", "requestParameters.bucketName=customer-exports"], ["q0"]),
      (["--read-only", "false", "--where", "sourceIP=203.0.113.66"], ["q4"]),
      (["--search", "customer-exports", "--where", "errorCode!=AccessDenied"], ["q2", "q0"]),
      (["--start-time", "2024-05-01T10:02", "--where", "errorCode?"], ["q4", "q2"]),
    ]
    for (arguments, expected) in cases {
      let out = try PrintRun.run(arguments, tree: tree)
      #expect(PrintRun.ids(out) == expected, "\(arguments)")
    }
  }

  @Test func usageErrors() throws {
    let tree = PrintRun.tree()
    defer { try? FileManager.default.removeItem(at: tree) }
    try PrintRun.expectUsageError(
      ["--where", "eventName"],
      ["--where \"eventName\" is not a filter", "FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT or FIELD?"], tree: tree)
    try PrintRun.expectUsageError(
      ["--where", "=GetObject"], ["is not a filter", "time, eventName, eventSource, user"], tree: tree)
    try PrintRun.expectUsageError(["--where", "a..b=1"], ["--where \"a..b=1\" is not a filter"], tree: tree)
  }
}
