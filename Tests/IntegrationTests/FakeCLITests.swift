import Foundation
import TestSupport
import Testing

@testable import EventStore
@testable import LookupEmulator
@testable import TrailviewDemo

extension Tag {
  /// Tests that need the real SigV4 signer/verifier in AWSClient (they fail while `SigV4.verify` is a stub).
  @Tag static var needsSigV4: Self
}

/// The real AWS CLI as an independent client of `cloudtrail-fake`.
@Suite(
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct FakeCLITests {
  static let demoArguments = ["--demo", "--now", String(FakeFixture.now)]

  /// The event IDs in a `lookup-events` output.
  func ids(_ output: FakeAWSCLI.Output) -> [String] {
    (output.json["Events"] as? [[String: Any]] ?? []).map { $0["EventId"] as? String ?? "" }
  }

  /// Each region's endpoint answers with that region's events only (the demo has four regions).
  @Test(arguments: ["us-east-1", "eu-west-1"])
  func lookupEventsPagesThroughTheRegionsManagementEvents(region: String) async throws {
    let server = try FakeServer(Self.demoArguments + ["--no-auth", "--rate", "1000"])
    defer { server.stop() }
    let output = try await FakeAWSCLI.cloudtrail(["lookup-events"], endpoint: server.endpoint, region: region)
    #expect(output.status == 0, "\(output.stderr)")
    let expected = FakeFixture.events(in: region)
    #expect(expected.count > 500 && expected.count < FakeFixture.index.events.count)
    let got = ids(output)
    #expect(got.count == expected.count)
    #expect(got == expected.map(\.eventId))
    let events = output.json["Events"] as? [[String: Any]] ?? []
    let first = try #require(events.first)
    #expect(first["EventTime"] != nil)
    let record = try #require(first["CloudTrailEvent"] as? String)
    #expect(record.contains(first["EventId"] as? String ?? "?"))
    #expect(record.contains("\"awsRegion\":\"\(region)\""))
    #expect(server.log.contains("LookupEvents 200 - AKIDTRAILVIEWFAKE"))
    #expect(!server.log.contains("trailview-fake-secret"))
  }

  @Test func lookupEventsWithAnAttributeAndTimeWindow() async throws {
    let server = try FakeServer(Self.demoArguments + ["--no-auth", "--rate", "1000", "--quiet"])
    defer { server.stop() }
    let stop = try await FakeAWSCLI.cloudtrail(
      ["lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=StopLogging"],
      endpoint: server.endpoint)
    #expect(stop.status == 0, "\(stop.stderr)")
    #expect(ids(stop) == [try #require(FakeFixture.index.latest(named: "StopLogging")).eventId])
    let home = FakeFixture.events(in: "us-east-1")
    let middle = home[500].eventTime
    let window = try await FakeAWSCLI.cloudtrail(
      ["lookup-events", "--start-time", String(middle - 600), "--end-time", String(middle)], endpoint: server.endpoint)
    #expect(window.status == 0, "\(window.stderr)")
    let expected = home.filter { $0.eventTime >= middle - 600 && $0.eventTime <= middle }
    #expect(ids(window) == expected.map(\.eventId))
  }

  @Test func throttledAtTwoPerSecondTheCLIStillGetsEverything() async throws {
    let dir = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let records = Array(FakeFixture.records.prefix(360))
    let joined = records.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
    let file = dir.appendingPathComponent("small.json")
    try Data("{\"Records\":[\(joined)]}".utf8).write(to: file)
    let expected = FakeFixture.events(in: "us-east-1", of: LookupIndex(records: records)).map(\.eventId)
    let server = try FakeServer(["--logs", file.path, "--no-auth", "--rate", "2"])
    defer { server.stop() }
    let output = try await FakeAWSCLI.cloudtrail(["lookup-events", "--page-size", "25"], endpoint: server.endpoint)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(ids(output) == expected)
    #expect(expected.count > 150)
    #expect(server.log.contains("LookupEvents 400 ThrottlingException"))
  }

  /// With `--region`, a scope naming another region is refused as a regional AWS endpoint refuses it, whether the
  /// fake checks signatures or not; several `--region`s make one endpoint stand for several regions.
  @Test(arguments: [[], ["--no-auth"]])
  func regionsNotServedAreRefused(auth: [String]) async throws {
    let server = try FakeServer(Self.demoArguments + auth + ["--rate", "1000", "--region", "us-east-1"])
    defer { server.stop() }
    for operation in [["lookup-events", "--max-items", "5"], ["list-trails"]] {
      let refused = try await FakeAWSCLI.cloudtrail(
        operation, endpoint: server.endpoint, region: "eu-west-1", environment: ["AWS_MAX_ATTEMPTS": "1"])
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("(InvalidSignatureException)"), "\(refused.stderr)")
      #expect(refused.stderr.contains("Credential should be scoped to a valid region."), "\(refused.stderr)")
      let served = try await FakeAWSCLI.cloudtrail(operation, endpoint: server.endpoint, region: "us-east-1")
      #expect(served.status == 0, "\(served.stderr)")
    }
    let two = try FakeServer(
      Self.demoArguments + auth + ["--rate", "1000", "--region", "us-east-1", "--region", "eu-west-1"])
    defer { two.stop() }
    let eu = try await FakeAWSCLI.cloudtrail(["lookup-events"], endpoint: two.endpoint, region: "eu-west-1")
    #expect(eu.status == 0, "\(eu.stderr)")
    #expect(ids(eu) == FakeFixture.events(in: "eu-west-1").map(\.eventId))
    let west = try await FakeAWSCLI.cloudtrail(
      ["lookup-events", "--max-items", "5"], endpoint: two.endpoint, region: "us-west-2",
      environment: ["AWS_MAX_ATTEMPTS": "1"])
    #expect(west.stderr.contains("Credential should be scoped to a valid region."), "\(west.stderr)")
  }

  @Test func trailOperationsParse() async throws {
    let server = try FakeServer(Self.demoArguments + ["--no-auth", "--quiet", "--trails-page-size", "2"])
    defer { server.stop() }
    let describe = try await FakeAWSCLI.cloudtrail(["describe-trails"], endpoint: server.endpoint)
    #expect(describe.status == 0, "\(describe.stderr)")
    let names = (describe.json["trailList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
    #expect(names == ["main-trail", DemoAccount.incidentTrailName])
    let status = try await FakeAWSCLI.cloudtrail(
      ["get-trail-status", "--name", DemoAccount.incidentTrailName], endpoint: server.endpoint)
    #expect(status.status == 0, "\(status.stderr)")
    #expect(status.json["IsLogging"] as? Bool == false)
    let stop = try #require(FakeFixture.index.latest(named: "StopLogging"))
    #expect((status.json["StopLoggingTime"] as? Double).map { Int64($0) } == stop.eventTime)
    let list = try await FakeAWSCLI.cloudtrail(["list-trails"], endpoint: server.endpoint)
    #expect(list.status == 0, "\(list.stderr)")
    let listed = (list.json["Trails"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
    #expect(listed == ["main-trail", "eu-audit", DemoAccount.incidentTrailName])
    let eu = try await FakeAWSCLI.cloudtrail(
      ["get-trail-status", "--name", "eu-audit"], endpoint: server.endpoint, region: "eu-west-1")
    #expect(eu.json["IsLogging"] as? Bool == false)
    let missing = try await FakeAWSCLI.cloudtrail(
      ["get-trail-status", "--name", "eu-audit"], endpoint: server.endpoint)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("TrailNotFoundException"))
  }

  @Test func deniedKeyGetsAccessDenied() async throws {
    let server = try FakeServer(Self.demoArguments + ["--no-auth", "--quiet", "--deny-key", "AKIDDENIED"])
    defer { server.stop() }
    let output = try await FakeAWSCLI.cloudtrail(["list-trails"], endpoint: server.endpoint, accessKey: "AKIDDENIED")
    #expect(output.status != 0)
    #expect(output.stderr.contains("AccessDeniedException"))
  }

  /// Needs `SigV4.verify`: fails until the signer lands in AWSClient.
  @Test(.tags(.needsSigV4)) func signaturesAreVerified() async throws {
    let server = try FakeServer(Self.demoArguments + ["--rate", "1000"])
    defer { server.stop() }
    let wrong = try await FakeAWSCLI.cloudtrail(
      ["list-trails"], endpoint: server.endpoint, secret: "not-the-secret", environment: ["AWS_MAX_ATTEMPTS": "1"])
    #expect(wrong.status != 0)
    #expect(wrong.stderr.contains("InvalidSignatureException"))
    let unknown = try await FakeAWSCLI.cloudtrail(
      ["list-trails"], endpoint: server.endpoint, accessKey: "AKIDNOBODY", environment: ["AWS_MAX_ATTEMPTS": "1"])
    #expect(unknown.stderr.contains("UnrecognizedClientException"))
    let right = try await FakeAWSCLI.cloudtrail(["lookup-events", "--max-items", "120"], endpoint: server.endpoint)
    #expect(right.status == 0, "\(right.stderr)")
    let got = ids(right)
    #expect(got.count == 120)
    if got.count == 120 { #expect(got == FakeFixture.events(in: "us-east-1").prefix(120).map(\.eventId)) }
  }

  /// Needs `SigV4.verify`: a server clock 20 minutes ahead rejects the CLI's signature as expired.
  @Test(.tags(.needsSigV4)) func skewedServerClockRejectsSignatures() async throws {
    let server = try FakeServer(Self.demoArguments + ["--quiet", "--skew", "1200"])
    defer { server.stop() }
    let output = try await FakeAWSCLI.cloudtrail(
      ["list-trails"], endpoint: server.endpoint, environment: ["AWS_MAX_ATTEMPTS": "1"])
    #expect(output.status != 0)
    #expect(output.stderr.contains("InvalidSignatureException"))
  }
}
