import Foundation
import TestSupport
import Testing

/// W on a trail in the trails pane reads the CloudWatch Logs group it delivers to: the live API (cloudtrail-fake, no
/// events of its own) names a trail whose `CloudWatchLogsLogGroupArn` is a group in moto's CloudWatch Logs (events put
/// by the AWS CLI); after W its events load into the same table, and a second W does not read it twice.
@Suite(
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed; terminal tests skipped"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct TrailLogGroupEndToEndTests {
  @Test func wOnATrailReadsItsLogGroup() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let group = "CloudTrail/audit"
    let hourAgo = Int64(Date().timeIntervalSince1970) - 3600
    let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(hourAgo)))
    let logEvents = (0..<3).map { i in
      [
        "timestamp": hourAgo * 1000 + Int64(i),
        "message": LogTree.record(time: time, name: "GetSecretValue", user: "log-reader-\(i)", eventID: "cwl-\(i)"),
      ] as [String: Any]
    }
    let file = folder.appendingPathComponent("events.json")
    try JSONSerialization.data(withJSONObject: logEvents).write(to: file)
    for arguments in [
      ["create-log-group", "--log-group-name", group],
      ["create-log-stream", "--log-group-name", group, "--log-stream-name", "s"],
      ["put-log-events", "--log-group-name", group, "--log-stream-name", "s", "--log-events", "file://" + file.path],
    ] {
      let out = try await FakeAWSCLI.cloudtrail(
        arguments, service: "logs", endpoint: moto.endpoint, accessKey: moto.accessKeyId,
        secret: moto.secretAccessKey)
      try #require(out.status == 0, "\(arguments[0]): \(out.stderr)")
    }
    let arn = "arn:aws:logs:us-east-1:123456789012:log-group:\(group):*"
    let trails = LogTree.write(
      #"[{"Name":"audit","HomeRegion":"us-east-1","S3BucketName":"audit-logs","CloudWatchLogsLogGroupArn":"\#(arn)","#
        + #""IsLogging":true},{"Name":"quiet","HomeRegion":"us-east-1","S3BucketName":"quiet-logs","IsLogging":true}]"#,
      to: "trails.json", under: folder)
    let fake = try FakeServer(["--no-auth", "--quiet", "--trails", trails.path])
    defer { fake.stop() }
    let session = try LiveTerminal.start(
      cloudTrail: fake.endpoint,
      extra: [
        "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": moto.endpoint, "XDG_CONFIG_HOME": folder.appendingPathComponent("c").path,
      ])
    defer { session.kill() }
    _ = try session.waitFor(text: "quiet")
    try session.sendKeys(.tab, .tab)
    _ = try session.waitFor(text: "1 of 2")
    try session.sendKeys("W")
    let screen = try session.waitFor(text: "log-reader-2")
    #expect(screen.filter { $0.tableRow.hasPrefix("20") && $0.tableRow.contains("GetSecretValue") }.count == 3)
    try session.sendKeys("W")
    _ = try session.waitFor(text: "is already read")
    // The other trail delivers to no group: said, nothing read.
    try session.sendKeys(.down, "W")
    _ = try session.waitFor(text: "quiet delivers to no CloudWatch Logs group")
  }
}
