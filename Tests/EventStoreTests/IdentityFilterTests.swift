import AWSClient
import CloudTrailModel
import EventStore
import Foundation
import TestSupport
import Testing

/// Filtering by user matches the session name, the role name or the ARN; IAM users without `userName` are named
/// from their ARN.
@Suite struct IdentityFilterTests {
  static let records = [
    LogTree.record(time: "2024-05-01T10:00:00Z", name: "A", user: "alice", eventID: "1"),
    LogTree.record(
      time: "2024-05-01T10:01:00Z", name: "B", user: "gh-actions-42", identityType: "AssumedRole", eventID: "2"),
    LogTree.record(time: "2024-05-01T10:02:00Z", name: "C", user: "bob", eventID: "3"),
    // An IAM user record without userName (some services write them so).
    """
    {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAX","arn":"arn:aws:iam::123456789012:user/ops/carol",\
    "accountId":"123456789012"},"eventTime":"2024-05-01T10:03:00Z","eventSource":"s3.amazonaws.com","eventName":"D",\
    "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.1","eventID":"4"}
    """,
  ]

  func names(_ filter: EventFilter) throws -> [String] {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records), to: "r.json", under: root)
    let snapshot = StoreHarness.load([root.path], filter: filter)
    return (0..<snapshot.count).map { snapshot.text(.eventName, at: $0) }.sorted()
  }

  @Test func userMatchesSessionRoleOrARN() throws {
    #expect(try names(EventFilter(user: "gh-actions-42")) == ["B"])
    #expect(try names(EventFilter(user: "admin")) == ["B"])  // the role behind the session
    #expect(try names(EventFilter(user: "arn:aws:iam::123456789012:user/bob")) == ["C"])
    #expect(try names(EventFilter(user: "*:user/*")) == ["A", "C", "D"])
    #expect(try names(EventFilter([Predicate(.user, .notEquals("admin"))])) == ["A", "C", "D"])
  }

  @Test func iamUserWithoutUserNameIsNamedFromItsARN() throws {
    #expect(try names(EventFilter(user: "carol")) == ["D"])
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    LogTree.write(LogTree.recordsFile(Self.records), to: "r.json", under: root)
    let snapshot = StoreHarness.load([root.path])
    let users = (0..<snapshot.count).map { snapshot.text(.user, at: $0) }
    #expect(users.contains("carol"))
    let roles = (0..<snapshot.count).map { snapshot.text(.role, at: $0) }
    #expect(roles.filter { !$0.isEmpty } == ["Admin"])
  }

  @Test func serverAttributeSkipsARNsAndWildcards() {
    #expect(LookupSession.serverAttribute(for: EventFilter(user: "alice"))?.value == "alice")
    #expect(LookupSession.serverAttribute(for: EventFilter(user: "arn:aws:iam::1:user/a")) == nil)
    #expect(LookupSession.serverAttribute(for: EventFilter(user: "a\\*b"))?.value == "a*b")
    let both = EventFilter([Predicate(.user, .equals("a")), Predicate(.user, .equals("b"))])
    #expect(LookupSession.serverAttribute(for: both) == nil)
    let key = EventFilter([Predicate(.accessKeyId, .equals("AKIAEXAMPLE")), Predicate(.eventName, .equals("X"))])
    #expect(LookupSession.serverAttribute(for: key)?.key == .accessKeyId)
  }
}
