import CloudTrailModel
import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// `K`: the chain behind an access key, back to a long-term key or a console sign-in.
@Suite struct TraceTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  static func record(
    _ time: String, _ name: String, type: String, arn: String, key: String?, issued: String? = nil,
    created: String? = nil, extra: String = ""
  ) -> String {
    var identity = "\"type\":\"\(type)\",\"arn\":\"\(arn)\",\"accountId\":\"123456789012\""
    if type == "IAMUser" { identity += ",\"userName\":\"\(arn.split(separator: "/").last!)\"" }
    if let key { identity += ",\"accessKeyId\":\"\(key)\"" }
    var response = "null"
    if let issued { response = "{\"credentials\":{\"accessKeyId\":\"\(issued)\",\"sessionToken\":\"x\"}}" }
    if let created { response = "{\"accessKey\":{\"accessKeyId\":\"\(created)\",\"status\":\"Active\"}}" }
    return """
      {"eventVersion":"1.09","userIdentity":{\(identity)},"eventTime":"\(time)","eventSource":"iam.amazonaws.com",\
      "eventName":"\(name)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.66","responseElements":\(response),\
      "eventID":"\(name)-\(time)"\(extra)}
      """
  }

  static let bot = "arn:aws:iam::123456789012:user/deploy-bot"
  static let records = [
    record("2024-05-01T10:00:00Z", "AssumeRole", type: "IAMUser", arn: bot, key: "AKIABOT", issued: "ASIAONE"),
    record(
      "2024-05-01T10:05:00Z", "AssumeRole", type: "AssumedRole", arn: "arn:aws:sts::123456789012:assumed-role/A/s1",
      key: "ASIAONE", issued: "ASIATWO"),
    record(
      "2024-05-01T10:10:00Z", "DeleteTrail", type: "AssumedRole", arn: "arn:aws:sts::123456789012:assumed-role/B/s2",
      key: "ASIATWO"),
    record("2024-05-01T10:20:00Z", "CreateAccessKey", type: "IAMUser", arn: bot, key: "AKIABOT", created: "AKIANEW"),
    record(
      "2024-05-01T10:30:00Z", "StopLogging", type: "IAMUser", arn: "arn:aws:iam::123456789012:user/backup-admin",
      key: "AKIANEW"),
    record(
      "2024-05-01T11:00:00Z", "ConsoleLogin", type: "IAMUser", arn: "arn:aws:iam::123456789012:user/alice", key: nil,
      extra: ",\"additionalEventData\":{\"MFAUsed\":\"No\"}"),
    record(
      "2024-05-01T11:01:00Z", "ListUsers", type: "IAMUser", arn: "arn:aws:iam::123456789012:user/alice",
      key: "ASIACONSOLE"),
  ]

  func fixture() -> (LiveFixture, URL) {
    let root = LogTree.temporaryFolder()
    LogTree.write(LogTree.recordsFile(Self.records), to: "r.json", under: root)
    return (LiveFixture(paths: [root.path], width: 120, height: 30), root)
  }

  func select(_ name: String, _ f: LiveFixture) throws {
    let index = try #require((0..<f.state.snapshot.count).first { f.state.snapshot.text(.eventName, at: $0) == name })
    f.press(.char("g"))
    for _ in 0..<index { f.press(.down) }
  }

  @Test func roleChainBackToALongTermKey() throws {
    let (f, root) = fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    try select("DeleteTrail", f)
    f.press(.char("K"))
    guard case .trace(let trace)? = f.state.screens.last else {
      Issue.record("no trace screen")
      return
    }
    #expect(trace.links.map(\.key) == ["ASIATWO", "ASIAONE", "AKIABOT"])
    #expect(trace.links[0].origin == "issued by AssumeRole at 2024-05-01T10:05:00Z by s1 with ASIAONE")
    #expect(trace.links[1].origin == "issued by AssumeRole at 2024-05-01T10:00:00Z by deploy-bot with AKIABOT")
    #expect(trace.links[2].origin.hasPrefix("a long-term key of deploy-bot"))
    #expect(trace.links[2].events == 2)
    assertSnapshot(render(f.state, env: env).lines, named: "trace-120x30")
    // Enter on a link filters to that key's events.
    f.press(.down, .down, .enter)
    #expect(f.state.filter.predicates == [Predicate(.accessKeyId, .equals("AKIABOT"))])
    #expect(f.state.snapshot.count == 2)
  }

  @Test func createdKeysAndConsoleSessions() throws {
    let (f, root) = fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    try select("StopLogging", f)
    f.press(.char("K"))
    guard case .trace(let created)? = f.state.screens.last else { return }
    #expect(created.links.map(\.key) == ["AKIANEW", "AKIABOT"])
    #expect(created.links[0].origin.hasPrefix("issued by CreateAccessKey"))
    f.press(.escape)
    try select("ListUsers", f)
    f.press(.char("K"))
    guard case .trace(let console)? = f.state.screens.last else { return }
    #expect(console.links.map(\.key) == ["ASIACONSOLE"])
    #expect(console.links[0].origin == "a console session: ConsoleLogin at 2024-05-01T11:00:00Z (MFA: No)")
    f.press(.escape)
    try select("ConsoleLogin", f)
    #expect(f.press(.char("K")).isEmpty)
    #expect(f.state.message?.hasPrefix("this event has no access key") == true)
  }

  @Test func traceAt80x24() throws {
    let (f, root) = fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = update(&f.state, .resize(width: 80, height: 24))
    try select("DeleteTrail", f)
    f.press(.char("K"))
    assertSnapshot(render(f.state, env: env).lines, named: "trace-80x24")
  }
}
