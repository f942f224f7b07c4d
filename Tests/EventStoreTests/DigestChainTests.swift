import Crypto
import EventStore
import Foundation
import TestSupport
import Testing

/// Validating a trail's evidence from bytes: a chain of four hourly digests signed as CloudTrail signs them (by the
/// AWS CLI's own signer code, scripts/digest-oracle.py), the third restarting the chain (logging was stopped), each
/// listing one log file; then the evidence altered one way at a time, each verdict worked out by hand.
@Suite(.enabled(if: DigestOracle.available, "python3 with awscli and rsa is not installed; skipped"))
struct DigestChainTests {
  static let bucket = "trail-logs"

  struct Trail {
    var digests: [DigestChain.Input]
    var logs: [String: [UInt8]]
    var publicKeys: [String: [UInt8]]
    var signatures: [String]
    var texts: [String]
    static func place(_ key: String) -> String { "\(DigestChainTests.bucket)/\(key)" }
  }

  static func digestKey(_ n: Int) -> String { "AWSLogs/1/CloudTrail-Digest/us-east-1/2026/12/01/d\(n).json.gz" }
  static func logKey(_ n: Int) -> String { "AWSLogs/1/CloudTrail/us-east-1/2026/12/01/l\(n).json.gz" }

  static let trail: Trail = {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var logs: [String: [UInt8]] = [:]
    var entries: [[String: Any]] = []
    for n in 0..<4 {
      let content = Array(
        LogTree.recordsFile([LogTree.record(time: "2026-12-01T0\(n):30:00Z", name: "ListBuckets", eventID: "e\(n)")])
          .utf8)
      logs[Trail.place(logKey(n))] = content
      entries.append([
        "bucket": bucket, "key": digestKey(n), "link": true, "restart": n == 2,
        "logs": [logKey(n): Data(content).base64EncodedString()],
        "fields": [
          "awsAccountId": "1", "digestStartTime": "2026-12-01T0\(n):00:00Z",
          "digestEndTime": "2026-12-01T0\(n + 1):00:00Z", "digestS3Bucket": bucket, "digestS3Object": digestKey(n),
          "digestPublicKeyFingerprint": "fp1", "digestSignatureAlgorithm": "SHA256withRSA",
        ],
      ])
    }
    let signed = (try? DigestOracle.run("sign", entries, in: folder)) as? [String: Any] ?? [:]
    let digests = signed["digests"] as? [[String: String]] ?? []
    let texts = digests.map { $0["text"] ?? "" }
    return Trail(
      digests: texts.enumerated().map {
        DigestChain.Input(bucket: bucket, key: digestKey($0.offset), bytes: Array($0.element.utf8))
      }, logs: logs,
      publicKeys: ["fp1": Array(Data(base64Encoded: signed["publicKey"] as? String ?? "") ?? Data())],
      signatures: digests.map { $0["signature"] ?? "" }, texts: texts)
  }()

  func validate(_ trail: Trail) -> DigestChain.Report {
    let hashes = trail.logs.mapValues { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
    return DigestChain.validate(digests: trail.digests, logs: hashes, publicKeys: trail.publicKeys)
  }

  func digest(_ report: DigestChain.Report, _ n: Int) -> Evidence? { report.digests[Trail.place(Self.digestKey(n))] }
  func log(_ report: DigestChain.Report, _ n: Int) -> Evidence? { report.logs[Trail.place(Self.logKey(n))] }

  @Test func anIntactLocalTreeIsValidButForTheDigestsNoLaterOneNames() {
    let report = validate(Self.trail)
    #expect(digest(report, 0) == .valid && digest(report, 2) == .valid)
    // d1 (before the gap) and d3 (the newest) are named by no later digest: offline, their signatures are unknown.
    #expect(digest(report, 1)?.isUnchecked == true && digest(report, 3)?.isUnchecked == true)
    #expect((0..<4).allSatisfy { log(report, $0) == .valid })
    #expect(report.gaps == [ChainGap(from: "2026-12-01T02:00:00Z", to: "2026-12-01T02:00:00Z")])
  }

  @Test func withEachDigestsOwnSignatureEveryDigestIsValid() {
    var trail = Self.trail
    for n in 0..<4 { trail.digests[n].signature = trail.signatures[n] }
    let report = validate(trail)
    #expect((0..<4).allSatisfy { digest(report, $0) == .valid })
  }

  @Test func aLogFileChangedByOneByteIsModified() {
    var trail = Self.trail
    trail.logs[Trail.place(Self.logKey(0))]![20] ^= 1
    let report = validate(trail)
    #expect(log(report, 0) == .modified("its SHA-256 is not the one its digest holds"))
    #expect(log(report, 1) == .valid && digest(report, 0) == .valid)
  }

  @Test func aDeletedLogFileIsMissing() {
    var trail = Self.trail
    trail.logs[Trail.place(Self.logKey(1))] = nil
    #expect(log(validate(trail), 1) == .missing)
  }

  @Test func aDeletedDigestIsMissingAndItsLogFileUncovered() {
    var trail = Self.trail
    trail.digests.remove(at: 0)
    let report = validate(trail)
    #expect(digest(report, 0) == .missing)
    #expect(log(report, 0) == .notCovered)
  }

  @Test func aChangedDigestIsModified() {
    var trail = Self.trail
    trail.digests[2].bytes = Array(
      trail.texts[2].replacingOccurrences(of: "\"awsAccountId\": \"1\"", with: "\"awsAccountId\": \"2\"").utf8)
    let report = validate(trail)
    #expect(digest(report, 2) == .modified("its SHA-256 is not the one the next digest holds"))
    // Its log file is listed by no valid digest any more.
    #expect(log(report, 2) == .notCovered)
  }

  @Test func aDigestReadFromAnotherPlaceIsInvalidAndAStrayLogIsUncovered() {
    var trail = Self.trail
    trail.digests[0].key += ".copy"
    trail.logs[Trail.place("AWSLogs/1/CloudTrail/us-east-1/2026/12/01/extra.json")] = Array("{}".utf8)
    let report = validate(trail)
    #expect(report.digests[Trail.place(Self.digestKey(0) + ".copy")]?.isInvalid == true)
    #expect(report.logs[Trail.place("AWSLogs/1/CloudTrail/us-east-1/2026/12/01/extra.json")] == .notCovered)
  }
}

extension Evidence {
  var isUnchecked: Bool {
    if case .notChecked = self { return true }
    return false
  }

  var isInvalid: Bool {
    if case .invalid = self { return true }
    return false
  }
}

extension DigestChainTests {
  /// `trailview --print --validate` over the chain written out as a local copy of the bucket (gzip, the S3 layout)
  /// with the public key in `list-public-keys` form: a report line per file, exit status 0; with a log file changed
  /// by one byte, that file is INVALID and the status is 3.
  @Test(.enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"))
  func printValidateReportsEachFileAndFailsOnTampering() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let trail = Self.trail
    for input in trail.digests { LogTree.write(input.bytes, to: "copy/\(input.key)", under: folder, gzip: true) }
    for (place, bytes) in trail.logs {
      LogTree.write(bytes, to: "copy/" + place.dropFirst(Self.bucket.count + 1), under: folder, gzip: true)
    }
    let keys =
      #"{"PublicKeyList":[{"Value":""# + Data(trail.publicKeys["fp1"]!).base64EncodedString()
      + #"","ValidityStartTime":"2026-01-01T00:00:00Z","ValidityEndTime":"2027-01-01T00:00:00Z","Fingerprint":"fp1"}]}"#
    let keyFile = LogTree.write(keys, to: "keys.json", under: folder).path
    let binary = BuiltProducts.path("trailview")!
    let args = ["--print", "--validate", folder.appendingPathComponent("copy").path, "--public-keys", keyFile]
    let intact = try Subprocess.run(binary, args)
    #expect(intact.status == 0, "\(intact.stderr)")
    let lines = intact.text.split(separator: "\n").map(String.init)
    for n in 0..<4 {
      #expect(lines.contains("Log file\t\(Trail.place(Self.logKey(n)))\tvalid"), "\(intact.text)")
    }
    #expect(lines.contains("Digest file\t\(Trail.place(Self.digestKey(0)))\tvalid"))
    #expect(lines.contains { $0.hasPrefix("Digest file\t\(Trail.place(Self.digestKey(3)))\tnot checked: ") })
    #expect(lines.contains("Gap\t2026-12-01T02:00:00Z to 2026-12-01T02:00:00Z\tno digest chain"))
    #expect(
      lines.last == "Results: digest files 2/4 valid, 2 not checked; log files 4/4 valid; 1 gap in the chain",
      "\(intact.text)")
    var changed = trail.logs[Trail.place(Self.logKey(2))]!
    changed[30] ^= 1
    LogTree.write(changed, to: "copy/" + Self.logKey(2), under: folder, gzip: true)
    let tampered = try Subprocess.run(binary, args)
    #expect(tampered.status == 3)
    #expect(
      tampered.text.contains(
        "Log file\t\(Trail.place(Self.logKey(2)))\tINVALID: modified (its SHA-256 is not the one its digest holds)"))
    // The events of the changed file follow, marked; no other event is listed.
    let listed = tampered.text.components(separatedBy: "1 event from log files that are not valid:\n")
    #expect(listed.count == 2, "\(tampered.text)")
    let rows = listed.last?.split(separator: "\n") ?? []
    #expect(rows.first?.hasPrefix("EVIDENCE") == true && rows.count == 2)
    #expect(rows.last?.hasPrefix("MODIFIED") == true && rows.last?.contains("ListBuckets") == true)
  }
}

extension DigestChainTests {
  /// The same chain in moto's S3, each digest with its signature in its object metadata as CloudTrail delivers it
  /// (uploaded with the AWS CLI's `--metadata`): `trailview --print --validate s3://...` checks every digest with its
  /// own signature, so all four are valid; a log file replaced by one changed by one byte makes the status 3.
  @Test(
    .enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"),
    .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
    .enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
  func printValidateReadsTheBucketWithEachDigestsSignature() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let trail = Self.trail
    func cli(_ arguments: [String]) async throws {
      let out = try await FakeAWSCLI.cloudtrail(
        arguments, service: "s3", endpoint: moto.endpoint, accessKey: moto.accessKeyId, secret: moto.secretAccessKey)
      #expect(out.status == 0, "\(out.stderr)")
    }
    try await cli(["mb", "s3://\(Self.bucket)"])
    for (n, input) in trail.digests.enumerated() {
      let file = LogTree.write(input.bytes, to: "d\(n).json.gz", under: folder, gzip: true).path
      try await cli([
        "cp", file, "s3://\(Self.bucket)/\(input.key)", "--metadata",
        "signature=\(trail.signatures[n]),signature-algorithm=SHA256withRSA",
      ])
    }
    for (place, bytes) in trail.logs {
      LogTree.write(bytes, to: "logs/" + place.dropFirst(Self.bucket.count + 1), under: folder, gzip: true)
    }
    try await cli(["cp", "--recursive", folder.appendingPathComponent("logs").path, "s3://\(Self.bucket)/"])
    let keys =
      #"{"PublicKeyList":[{"Value":""# + Data(trail.publicKeys["fp1"]!).base64EncodedString()
      + #"","Fingerprint":"fp1"}]}"#
    let keyFile = LogTree.write(keys, to: "keys.json", under: folder).path
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment["AWS_ACCESS_KEY_ID"] = moto.accessKeyId
    environment["AWS_SECRET_ACCESS_KEY"] = moto.secretAccessKey
    environment["AWS_CONFIG_FILE"] = "/dev/null"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    environment["AWS_EC2_METADATA_DISABLED"] = "true"
    let args = [
      "--print", "--validate", "s3://\(Self.bucket)/", "--public-keys", keyFile, "--endpoint-url", moto.endpoint,
      "--region", "us-east-1",
    ]
    let binary = BuiltProducts.path("trailview")!
    let intact = try await Subprocess.run(binary, args, exactEnvironment: environment)
    #expect(intact.status == 0, "\(intact.stderr)")
    #expect(
      intact.text.split(separator: "\n").last
        == "Results: digest files 4/4 valid; log files 4/4 valid; 1 gap in the chain",
      "\(intact.text)")
    var changed = trail.logs[Trail.place(Self.logKey(1))]!
    changed[25] ^= 1
    let file = LogTree.write(changed, to: "changed.json.gz", under: folder, gzip: true).path
    try await cli(["cp", file, "s3://\(Self.bucket)/\(Self.logKey(1))"])
    let tampered = try await Subprocess.run(binary, args, exactEnvironment: environment)
    #expect(tampered.status == 3)
    #expect(tampered.text.contains("Log file\t\(Trail.place(Self.logKey(1)))\tINVALID: modified"))
  }
}

extension DigestChainTests {
  /// A multi-region trail: a chain per region, named the CloudTrail way, both starting at midnight. Neither start is
  /// a gap in the other's chain; stopping one region's chain for an hour is one gap, in that region only.
  @Test func eachRegionIsItsOwnChain() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func key(_ region: String, _ hour: Int) -> String {
      "AWSLogs/123456789012/CloudTrail-Digest/\(region)/2026/12/01/123456789012_CloudTrail-Digest_\(region)_org_trail"
        + "_us-east-1_20261201T0\(hour + 1)0000Z.json.gz"
    }
    var entries: [[String: Any]] = []
    for region in ["us-east-1", "eu-west-1"] {
      for hour in region == "us-east-1" ? [0, 1, 2] : [0, 2] {
        entries.append([
          "bucket": Self.bucket, "key": key(region, hour), "link": true, "restart": hour == 0 || region == "eu-west-1",
          "fields": [
            "awsAccountId": "123456789012", "digestStartTime": "2026-12-01T0\(hour):00:00Z",
            "digestEndTime": "2026-12-01T0\(hour + 1):00:00Z", "digestS3Bucket": Self.bucket,
            "digestS3Object": key(region, hour), "digestPublicKeyFingerprint": "fp1",
            "digestSignatureAlgorithm": "SHA256withRSA",
          ],
        ])
      }
    }
    let signed = try #require(try DigestOracle.run("sign", entries, in: folder) as? [String: Any])
    let texts = (signed["digests"] as? [[String: String]] ?? []).map { $0["text"] ?? "" }
    let inputs = zip(entries, texts).map {
      DigestChain.Input(bucket: Self.bucket, key: $0["key"] as? String ?? "", bytes: Array($1.utf8))
    }
    let report = DigestChain.validate(digests: inputs, logs: [:], publicKeys: [:])
    #expect(report.digests.count == 5 && report.digests.values.allSatisfy { $0.isUnchecked || $0 == .valid })
    #expect(report.gaps == [ChainGap(from: "2026-12-01T01:00:00Z", to: "2026-12-01T02:00:00Z")])
  }
}

extension DigestChainTests {
  /// A backfill digest read from S3 carries the time it was made in its metadata (the AWS CLI finds its public key
  /// by it); one without is not a valid backfill digest. Its public keys are asked for around that time.
  @Test func aBackfillDigestNeedsItsGenerationTime() {
    let key =
      "AWSLogs/1/CloudTrail-Digest/us-east-1/2026/12/01/1_CloudTrail-Digest_us-east-1_t_us-east-1_20261201T010000Z"
      + "_backfill.json.gz"
    let text = Self.trail.texts[0].replacingOccurrences(of: Self.digestKey(0), with: key)
    var input = DigestChain.Input(bucket: Self.bucket, key: key, bytes: Array(text.utf8), signature: "00")
    #expect(input.isBackfill)
    let report = DigestChain.validate(digests: [input], logs: [:], publicKeys: Self.trail.publicKeys)
    #expect(report.digests[Trail.place(key)]?.isInvalid == true)
    input.backfillGeneratedAt = "2026-12-20T10:00:00Z"
    let requests = DigestChain.keyRequests([input])
    #expect(requests.count == 1 && requests[0].region == "us-east-1")
    // From the digest's start to an hour after it was made.
    #expect(requests[0].start == 1_796_083_200 && requests[0].end == 1_797_760_800 + 3_600)
  }
}
