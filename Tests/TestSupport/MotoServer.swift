import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A running `moto_server` (an independent AWS emulator) on a free loopback port, set up with a multi-region trail
/// `main` that is logging, a single-region trail `audit-eu` in eu-west-1 that is not, and an IAM user `reader`
/// allowed only CloudTrail reads and EC2 DescribeRegions, whose access key it hands back.
///
/// `INITIAL_NO_AUTH_ACTION_COUNT=7` lets exactly the seven setup calls through unauthenticated; after them moto checks
/// SigV4 signatures and IAM policies. Stopped with SIGKILL by ``stop()`` or when released.
public final class MotoServer: Sendable {
  /// The port it listens on.
  public let port: Int
  /// The access key ID of `reader`.
  public let accessKeyId: String
  /// The secret access key of `reader`.
  public let secretAccessKey: String
  /// Where moto's output goes.
  public let logURL: URL
  private let process: Process

  /// `http://127.0.0.1:PORT`.
  public var endpoint: String { "http://127.0.0.1:\(port)" }

  /// `moto_server` on `PATH`, or nil.
  public static let binary: String? = executable("moto_server")

  /// Whether moto and a python3 with boto3 can be run.
  public static let isAvailable: Bool = {
    guard binary != nil, let python = executable("python3") else { return false }
    let check = Process()
    check.executableURL = URL(fileURLWithPath: python)
    check.arguments = ["-c", "import boto3"]
    check.standardOutput = FileHandle.nullDevice
    check.standardError = FileHandle.nullDevice
    guard (try? check.run()) != nil else { return false }
    check.waitUntilExit()
    return check.terminationStatus == 0
  }()

  /// Why the moto tests are skipped, for `.enabled(if:)` comments.
  public static let missingMessage = "moto_server or python3 with boto3 is not available; moto tests skipped"

  /// The seven unauthenticated setup calls; prints `KEY SECRET`.
  static let setupScript = """
    import sys, json, boto3
    endpoint = sys.argv[1]
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup",
              aws_secret_access_key="setup")
    boto3.client("s3", **kw).create_bucket(Bucket="trail-bucket")
    ct = boto3.client("cloudtrail", **kw)
    ct.create_trail(Name="main", S3BucketName="trail-bucket", IsMultiRegionTrail=True)
    ct.start_logging(Name="main")
    eu = dict(kw, region_name="eu-west-1")
    boto3.client("cloudtrail", **eu).create_trail(Name="audit-eu", S3BucketName="trail-bucket")
    iam = boto3.client("iam", **kw)
    iam.create_user(UserName="reader")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
        "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents",
        "ec2:DescribeRegions"],
        "Resource": "*"}]}
    iam.put_user_policy(UserName="reader", PolicyName="read-cloudtrail", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    print(key["AccessKeyId"], key["SecretAccessKey"])
    """

  /// Starts moto on a free port, waits up to `timeout` seconds for it to answer, and runs the setup. With
  /// `authenticated: false` moto checks no signature and no policy (its S3 signature check refuses the AWS CLI's own
  /// requests for prefixes holding `/` and for non-ASCII keys, so S3 tests run without it).
  public init(timeout: Double = 30, authenticated: Bool = true) throws {
    guard let binary = MotoServer.binary, let python = MotoServer.executable("python3") else {
      throw MotoError(message: MotoServer.missingMessage)
    }
    let port = try MotoServer.freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment["INITIAL_NO_AUTH_ACTION_COUNT"] = authenticated ? "7" : "1000000000"
    process.environment = environment
    logURL = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
    let log = try FileHandle(forWritingTo: logURL)
    process.standardOutput = log
    process.standardError = log
    try process.run()
    self.process = process
    self.port = port
    guard MotoServer.waitForListener(port: port, timeout: timeout) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw MotoError(message: "moto_server did not start: \(MotoServer.read(logURL))")
    }
    let setup = Process()
    setup.executableURL = URL(fileURLWithPath: python)
    setup.arguments = ["-c", MotoServer.setupScript, "http://127.0.0.1:\(port)"]
    setup.environment = environment
    let out = logURL.appendingPathExtension("setup")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out) }
    setup.standardOutput = try FileHandle(forWritingTo: out)
    setup.standardError = log
    try setup.run()
    setup.waitUntilExit()
    let words = MotoServer.read(out).split(whereSeparator: \.isWhitespace).map(String.init)
    guard setup.terminationStatus == 0, words.count == 2 else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw MotoError(message: "moto setup failed: \(MotoServer.read(logURL))")
    }
    accessKeyId = words[0]
    secretAccessKey = words[1]
  }

  /// Moto's output so far.
  public var log: String { MotoServer.read(logURL) }

  /// Stops the process (idempotent).
  public func stop() { process.killAndWait() }

  deinit {
    stop()
    try? FileManager.default.removeItem(at: logURL)
  }

  static func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

  static func executable(_ name: String) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// A port the kernel says is free right now.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw MotoError(message: "socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemBind(fd, $0, length) }
    }
    guard bound == 0 else { throw MotoError(message: "bind() failed") }
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw MotoError(message: "getsockname() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Polls until a TCP connection to the port succeeds, or the deadline passes.
  static func waitForListener(port: Int, timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      close(fd)
      if connected == 0 { return true }
      // Not listening yet: wait a little (a bounded poll on no descriptors) and try again.
      _ = poll(nil, 0, 50)
    }
    return false
  }
}

#if canImport(Glibc)
  private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Glibc.bind(fd, address, length)
  }
#else
  private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Darwin.bind(fd, address, length)
  }
#endif

/// A moto server that could not be started or set up.
public struct MotoError: Error, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// The message.
  public var description: String { message }
}
