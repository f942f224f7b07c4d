import AWSClient
import EventStore
import Foundation
import TestSupport
import Testing

/// A trail's CloudWatch Logs group as a source (`cwl://GROUP`), against moto's CloudWatch Logs, the log events put
/// there by the real AWS CLI as CloudTrail delivers them (each event's JSON one message): every record loads across
/// pages, a message that is not a record is named, the time window and `--where` pick what they should in print
/// mode, and a group that does not exist is named with AWS's reason. Only FilterLogEvents is sent.
@Suite(
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct LogGroupMotoTests {
  static let group = "/aws/cloudtrail/management"

  /// 25 events a minute apart ending ten and a half minutes ago (no event near a whole minute from now), alternately GetObject and PutObject, and one log event that is
  /// not JSON; returns the events' IDs and times.
  static func put(_ moto: MotoServer, now: Int64) async throws -> [(id: String, time: Int64, name: String)] {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var events: [(id: String, time: Int64, name: String)] = []
    var logEvents: [[String: Any]] = []
    for i in 0..<25 {
      let time = now - 630 - Int64(24 - i) * 60
      let name = i % 2 == 0 ? "PutObject" : "GetObject"
      let record = LogTree.record(
        time: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(time))), name: name,
        source: "s3.amazonaws.com", eventID: "cwl-\(i)")
      events.append(("cwl-\(i)", time, name))
      logEvents.append(["timestamp": time * 1000, "message": record])
    }
    // Between the 13th and the 14th event: PutLogEvents takes events in time order.
    logEvents.insert(["timestamp": (now - 1320) * 1000, "message": "not a record"], at: 13)
    let file = folder.appendingPathComponent("events.json")
    try JSONSerialization.data(withJSONObject: logEvents).write(to: file)
    for arguments in [
      ["create-log-group", "--log-group-name", group],
      ["create-log-stream", "--log-group-name", group, "--log-stream-name", "123456789012_CloudTrail_us-east-1"],
      [
        "put-log-events", "--log-group-name", group, "--log-stream-name", "123456789012_CloudTrail_us-east-1",
        "--log-events", "file://" + file.path,
      ],
    ] {
      let out = try await FakeAWSCLI.cloudtrail(
        arguments, service: "logs", endpoint: moto.endpoint, accessKey: moto.accessKeyId,
        secret: moto.secretAccessKey)
      #expect(out.status == 0, "\(arguments[0]): \(out.stderr) \(out.stdout)")
    }
    return events
  }

  @Test func everyRecordLoadsAcrossPagesAndAMessageThatIsNotOneIsNamed() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let now = Int64(Date().timeIntervalSince1970)
    let events = try await Self.put(moto, now: now)
    let operations = OperationLog()
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey)),
      operationLog: { operations.add($0) })
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    let source = LogGroupSource(
      group: Self.group, client: client, window: (now - 86_400, now), into: store, pageLimit: 7)
    source.start(filter: EventFilter())
    let loaded = try #require(collector.waitFinished(until: .now() + .seconds(60)))
    #expect(Set(loaded.visible.map { loaded.text(.eventID, row: $0) }) == Set(events.map(\.id)))
    #expect(operations.all.count >= 4 && Set(operations.all) == ["FilterLogEvents"], "\(operations.all)")
    #expect(
      loaded.progress.problems.contains { $0.reason.contains("message of events[") }, "\(loaded.progress.problems)")
  }

  @Test func printModeTakesTheWindowAndTheFilterAndNamesAMissingGroup() async throws {
    let binary = try #require(BuiltProducts.path("trailview"))
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let now = Int64(Date().timeIntervalSince1970)
    let events = try await Self.put(moto, now: now)
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment["AWS_ACCESS_KEY_ID"] = moto.accessKeyId
    environment["AWS_SECRET_ACCESS_KEY"] = moto.secretAccessKey
    environment["AWS_CONFIG_FILE"] = "/dev/null"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    environment["XDG_CONFIG_HOME"] = "/nonexistent"
    func run(_ arguments: [String]) async throws -> Subprocess.Output {
      try await Subprocess.run(
        binary, ["--print", "--endpoint-url", moto.endpoint, "--region", "us-east-1", "--no-cache"] + arguments,
        exactEnvironment: environment)
    }
    func ids(_ out: Subprocess.Output) -> Set<String> {
      Set(
        out.text.split(separator: "\n").compactMap {
          (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["eventID"] as? String
        })
    }
    let gets = try await run(["--where", "eventName=get*", "cwl://" + Self.group])
    #expect(ids(gets) == Set(events.filter { $0.name == "GetObject" }.map(\.id)), "\(gets.stderr)")
    // From 20 minutes before the events were put (an absolute time: the runs may start much later on a busy machine):
    // the window is sent widened and cut here to the events' own times.
    let from = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(now - 1200)))
    let recent = try await run(["--start-time", from, "cwl://" + Self.group])
    #expect(ids(recent) == Set(events.filter { $0.time >= now - 1200 }.map(\.id)))
    let missing = try await run(["cwl:///aws/cloudtrail/none"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("cwl:///aws/cloudtrail/none: FilterLogEvents: ResourceNotFoundException"))
  }

  /// Following: a poll after the load finds the log events put since, marks them as arrived, and nothing twice.
  @Test func followingFindsWhatArrivesAfterTheLoad() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let now = Int64(Date().timeIntervalSince1970)
    let events = try await Self.put(moto, now: now)
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey)))
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    let source = LogGroupSource(group: Self.group, client: client, window: (now - 86_400, nil), into: store)
    source.start(filter: EventFilter())
    let loaded = try #require(collector.waitFinished(until: .now() + .seconds(60)))
    #expect(loaded.count == events.count)
    source.follow(every: 1)
    defer { source.follow(every: nil) }

    // Three more, a second old when put: the next poll (from ten minutes before the last one) takes them.
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let later = Int64(Date().timeIntervalSince1970) - 1
    let fresh = (0..<3).map { i in
      [
        "timestamp": later * 1000 + Int64(i),
        "message": LogTree.record(
          time: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(later))),
          name: "DeleteBucket", eventID: "late-\(i)"),
      ] as [String: Any]
    }
    let file = folder.appendingPathComponent("late.json")
    try JSONSerialization.data(withJSONObject: fresh).write(to: file)
    let out = try await FakeAWSCLI.cloudtrail(
      [
        "put-log-events", "--log-group-name", Self.group, "--log-stream-name", "123456789012_CloudTrail_us-east-1",
        "--log-events", "file://" + file.path,
      ], service: "logs", endpoint: moto.endpoint, accessKey: moto.accessKeyId, secret: moto.secretAccessKey)
    #expect(out.status == 0, "\(out.stderr)")
    let arrived = collector.wait(until: .now() + .seconds(30)) { $0.count == events.count + 3 }
    let snapshot = try #require(arrived, "the three late events did not arrive")
    #expect(snapshot.progress.sources.first?.arrived == 3)
    let late = snapshot.visible.map { snapshot.text(.eventID, row: $0) }.filter { $0.hasPrefix("late-") }
    #expect(Set(late) == ["late-0", "late-1", "late-2"])
  }
}
