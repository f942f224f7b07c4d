import Foundation
import TestSupport
import Testing

/// Enter on a trail in the trails pane reads its bucket in place: the live API (cloudtrail-fake, no events of its
/// own) names a trail whose bucket and prefix are in moto's S3 (uploaded by the AWS CLI); after Enter its events
/// load into the same table, and a second Enter does not read it twice.
@Suite(
  .enabled(if: TmuxSession.isTmuxAvailable, "tmux is not installed; terminal tests skipped"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
  .enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"),
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
struct TrailBucketEndToEndTests {
  @Test func enterOnATrailReadsItsBucket() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Three events an hour ago, in today's folder of the trail's prefix.
    let hourAgo = Int64(Date().timeIntervalSince1970) - 3600
    let time = Date(timeIntervalSince1970: TimeInterval(hourAgo)).formatted(.iso8601)
    let stamp = String(time.filter { $0 != "-" && $0 != ":" }.prefix(13)) + "Z"
    let records = (0..<3).map {
      LogTree.record(time: time, name: "GetObject", user: "bucket-reader-\($0)", eventID: "bucket-event-\($0)")
    }
    LogTree.write(
      LogTree.recordsFile(records), to: "logs/" + LogTree.s3Key(stamp: stamp), under: folder, gzip: true)
    for arguments in [
      ["mb", "s3://audit-logs"], ["cp", "--recursive", folder.path + "/logs", "s3://audit-logs/org/"],
    ] {
      let out = try await FakeAWSCLI.cloudtrail(
        arguments, service: "s3", endpoint: moto.endpoint, accessKey: moto.accessKeyId, secret: moto.secretAccessKey)
      try #require(out.status == 0, "\(out.stderr)")
    }
    let trails = LogTree.write(
      #"[{"Name":"audit","HomeRegion":"us-east-1","S3BucketName":"audit-logs","S3KeyPrefix":"org","IsLogging":true}]"#,
      to: "trails.json", under: folder)
    let fake = try FakeServer(["--no-auth", "--quiet", "--trails", trails.path])
    defer { fake.stop() }
    let session = try LiveTerminal.start(
      cloudTrail: fake.endpoint,
      extra: ["AWS_ENDPOINT_URL_S3": moto.endpoint, "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path])
    defer { session.kill() }
    _ = try session.waitFor(text: "audit")
    try session.sendKeys(.tab, .tab)
    _ = try session.waitFor(text: "1 of 1")
    try session.sendKeys(.key("Enter"))
    let screen = try session.waitFor(text: "bucket-reader-2")
    #expect(screen.filter { $0.contains("GetObject") && $0.contains("bucket-reader-") }.count >= 3)
    #expect(screen.contains { $0.contains("s3://audit-logs/org/") })
    try session.sendKeys(.key("Enter"))
    _ = try session.waitFor(text: "is already read")
  }
}
