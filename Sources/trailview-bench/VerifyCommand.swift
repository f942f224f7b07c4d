import ArgumentParser
import CloudTrailModel
import EventStore
import Foundation

/// `verify`: loads files through the store's fast path and checks every event's columns against the slow path
/// (the record re-scanned on its own, strings decoded, ``Identity/displayName(_:in:)``).
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check the store's indexed columns against the slow decoding path.")

  @Argument(help: "Files and folders (a built-in file of identity edge cases is always added).")
  var paths: [String] = []

  func run() throws {
    let edge = NSTemporaryDirectory() + "/trailview-bench-edge-\(getpid()).json"
    try Data(EdgeCases.file.utf8).write(to: URL(fileURLWithPath: edge))
    defer { try? FileManager.default.removeItem(atPath: edge) }
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load(paths + [edge], into: store)
    let snapshot = collector.waitFinished()!
    var mismatches = 0
    for i in 0..<snapshot.count {
      let event = snapshot.event(at: i)
      let bytes = Array(snapshot.record(at: i))
      guard let f = RecordScanner.scan(bytes).records.first?.fields else { continue }
      let expected = [
        "\(f.eventTime ?? EventSummary.unknownTime)", f[.eventName].decode(in: bytes),
        f[.eventSource].decode(in: bytes),
        Identity.displayName(f, in: bytes), f[.awsRegion].decode(in: bytes), f[.sourceIPAddress].decode(in: bytes),
        f[.errorCode].decode(in: bytes), "\(f.readOnly ?? event.readOnly)", "\(f.readOnly == nil)",
      ]
      let got = [
        "\(event.time)", event.eventName, event.eventSource, event.user, event.region, event.sourceIP, event.errorCode,
        "\(event.readOnly)", "\(event.inferred)",
      ]
      if expected != got {
        mismatches += 1
        if mismatches <= 10 { print("mismatch in \(snapshot.source(at: i)):\n  store \(got)\n  slow  \(expected)") }
      }
    }
    print("\(snapshot.count) events checked, \(mismatches) mismatches")
    for needle in ["AccessDenied", "a", "A", "zz", "StopLogging", "é", "\"eventName\":\"Get", "x-", "1.2.3"] {
      let found = collector.refilter(store, EventFilter(search: needle)).count
      let lowered = Array(needle.utf8).map(Self.lower)
      var expected = 0
      for i in 0..<snapshot.count where Self.naiveContains(snapshot.record(at: i).map(Self.lower), lowered) {
        expected += 1
      }
      if found != expected {
        mismatches += 1
        print("search \(needle): store \(found), naive \(expected)")
      }
    }
    print("text search checked")
    if mismatches > 0 { throw ExitCode.failure }
  }
}

extension VerifyCommand {
  static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

  static func naiveContains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard hay.count >= needle.count else { return false }
    for i in 0...(hay.count - needle.count) where Array(hay[i..<i + needle.count]) == needle { return true }
    return false
  }
}

/// Records whose identities take the unusual paths: escapes, non-ASCII, empty values, every identity type.
enum EdgeCases {
  static let identities = [
    #"{"type":"IAMUser","userName":"al\u0069ce"}"#,
    #"{"type":"IAMUser","userName":"","principalId":"AIDA1"}"#,
    #"{"type":"IAMUser"}"#,
    #"{"type":"IAM\u0055ser","userName":"escaped-type"}"#,
    #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/sess\u00e9"}"#,
    #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/séss"}"#,
    #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/\u0301x"}"#,
    #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/","sessionContext":{"sessionIssuer":{"userName":"R"}}}"#,
    #"{"type":"AssumedRole","arn":"noslash","principalId":"P"}"#,
    #"{"type":"Role","arn":"arn:aws:iam::1:role/path/Rl"}"#,
    #"{"type":"Root","userName":"x"}"#,
    #"{"type":"FederatedUser","arn":"arn:aws:sts::1:federated-user/Bob"}"#,
    #"{"type":"FederatedUser","arn":"arn:aws:sts::1:federated-user/","userName":"u"}"#,
    #"{"type":"FederatedUser","arn":"arn:aws:sts:1:federated-user/Bob","principalId":"p"}"#,
    #"{"type":"AWSService","invokedBy":"ec2.amazonaws.com"}"#,
    #"{"type":"AWSAccount","accountId":"111"}"#,
    #"{"type":"AWSAccount"}"#,
    #"{"type":"IdentityCenterUser","onBehalfOf":{"userId":"u-1"}}"#,
    #"{"type":"IdentityCenterUser"}"#,
    #"{"type":"\u212AIAMUser","userName":"kelvin"}"#,
    #"{"type":"Unknown","principalId":"pp"}"#,
    #"{"type":"","invokedBy":"svc"}"#,
    #"{"invokedBy":"insights"}"#,
    #"{"userName":"n"}"#,
    #"{}"#,
    #"{"type":"IAMUser","userName":"bad\#u{FF}utf8"}"#,
  ]

  static var file: String {
    var records: [String] = []
    for (i, identity) in identities.enumerated() {
      records.append(
        #"{"eventTime":"2024-01-01T00:00:0\#(i % 10)Z","eventName":"Ge\u0074Thing\#(i)","eventSource":"s.amazonaws.com","#
          + #""awsRegion":"eu-west-\#(i)","sourceIPAddress":"1.2.3.\#(i)","userIdentity":\#(identity)}"#)
    }
    records.append(
      #"{"eventTime":"2024-01-02T00:00:00Z","eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","#
        + #""errorCode":"AccessDenied","readOnly":false,"requestParameters":{"name":"arn:aws:cloudtrail:x:1:trail/t"},"#
        + #""userIdentity":{"type":"IAMUser","userName":"mallory"}}"#)
    return #"{"Records":["# + records.joined(separator: ",") + "]}"
  }
}
