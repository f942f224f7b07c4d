import EventStore
import Foundation
import Synchronization

/// Builds CloudTrail records and log trees in a temporary folder for tests.
public enum LogTree {
  /// One realistic CloudTrail record as JSON text.
  public static func record(
    time: String, name: String, user: String = "alice", identityType: String = "IAMUser",
    source: String = "iam.amazonaws.com", region: String = "us-east-1", ip: String = "198.51.100.7",
    readOnly: Bool? = false, errorCode: String? = nil, eventID: String = UUID().uuidString.lowercased(),
    requestParameters: String = "null", extra: String = ""
  ) -> String {
    var identity: String
    switch identityType {
    case "AssumedRole":
      identity = """
        {"type":"AssumedRole","principalId":"AROAEXAMPLE:\(user)","arn":"arn:aws:sts::123456789012:assumed-role/Admin/\(user)",\
        "accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","userName":"Admin"}}}
        """
    case "Root":
      identity = #"{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root"}"#
    case "AWSService":
      identity = "{\"type\":\"AWSService\",\"invokedBy\":\"\(user)\"}"
    default:
      identity = """
        {"type":"\(identityType)","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/\(user)",\
        "accountId":"123456789012","userName":"\(user)"}
        """
    }
    var fields = [
      "\"eventVersion\":\"1.09\"", "\"userIdentity\":\(identity)", "\"eventTime\":\"\(time)\"",
      "\"eventSource\":\"\(source)\"", "\"eventName\":\"\(name)\"", "\"awsRegion\":\"\(region)\"",
      "\"sourceIPAddress\":\"\(ip)\"", "\"userAgent\":\"aws-cli/2.15.0\"",
      "\"requestParameters\":\(requestParameters)", "\"responseElements\":null", "\"eventID\":\"\(eventID)\"",
      "\"eventType\":\"AwsApiCall\"", "\"recipientAccountId\":\"123456789012\"",
    ]
    if let readOnly { fields.append("\"readOnly\":\(readOnly)") }
    if let errorCode { fields.append("\"errorCode\":\"\(errorCode)\",\"errorMessage\":\"denied\"") }
    if !extra.isEmpty { fields.append(extra) }
    return "{" + fields.joined(separator: ",") + "}"
  }

  /// `{"Records":[...]}` around records.
  public static func recordsFile(_ records: [String]) -> String {
    "{\"Records\":[" + records.joined(separator: ",") + "]}"
  }

  /// A fresh temporary folder, inside ``root``: tests may remove it when done, and whatever they leave (shared
  /// fixtures made once per process, say) goes when the process exits. Paths stay short (`/tmp/tvtest-PID-ID/N`):
  /// screens show them, and a long one would push what follows off the edge.
  public static func temporaryFolder() -> URL {
    let url = root.appendingPathComponent(String(folders.add(1, ordering: .relaxed).newValue))
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private static let folders = Atomic<Int>(0)

  /// This test process's one folder in the system's temporary directory, removed at exit.
  public static let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tvtest-\(getpid())-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: LogTree.root) }
    return url
  }()

  /// Writes `text` (gzipped when `gzip`) at `relative` under `root`, creating folders.
  @discardableResult
  public static func write(_ text: String, to relative: String, under root: URL, gzip: Bool = false) -> URL {
    write(Array(text.utf8), to: relative, under: root, gzip: gzip)
  }

  /// Writes bytes (gzipped when `gzip`) at `relative` under `root`, creating folders.
  @discardableResult
  public static func write(_ bytes: [UInt8], to relative: String, under root: URL, gzip: Bool = false) -> URL {
    let url = root.appendingPathComponent(relative)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let data = gzip ? Gzip.compress(bytes) : bytes
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(data))
    return url
  }

  /// The S3 key of a delivered log file.
  public static func s3Key(
    account: String = "123456789012", region: String = "us-east-1", stamp: String, org: String? = nil
  )
    -> String
  {
    let day = "\(stamp.prefix(4))/\(stamp.dropFirst(4).prefix(2))/\(stamp.dropFirst(6).prefix(2))"
    let orgPart = org.map { "\($0)/" } ?? ""
    return
      "AWSLogs/\(orgPart)\(account)/CloudTrail/\(region)/\(day)/\(account)_CloudTrail_\(region)_\(stamp)_abcd.json.gz"
  }
}
