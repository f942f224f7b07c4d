/// CloudTrail records reshaped the way a hostile file could be: each change gives a record a second value where the
/// scanner keeps one, or a value the scanner does not keep (an array, a number, null, an escaped key), so that a rule
/// reading the record can decide otherwise than the scanner's field alone would. For tests of detection shortcuts.
public enum HostileReshapes {
  /// Each reshape with its name.
  public static let all: [(name: String, reshape: @Sendable (String) -> String)] = [
    ("a repeated eventName", { insertFirst(#""eventName":"StopLogging","#, $0) }),
    ("a repeated userAgent", { insertFirst(#""userAgent":"Boto3 os/linux#6.5.0-kali3","#, $0) }),
    ("a repeated userIdentity", { insertFirst(#""userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root"},"#, $0) }),
    ("userIdentity in an array", { insertFirst(#""userIdentity":[{"type":"Root"}],"#, $0) }),
    (
      "sessionIssuer in an array",
      {
        insertFirst(#""userIdentity":{"type":"AssumedRole","sessionContext":[{"sessionIssuer":{"type":"Role"}}]},"#, $0)
      }
    ),
    (
      "eventName in an array",
      {
        $0.replacingOccurrences(of: #""eventName":""#, with: #""eventName":["StopLogging"],"eventNameWas":""#)
      }
    ),
    ("errorCode a number", { insertFirst(#""errorCode":403,"#, $0) }),
    ("errorCode null", { insertFirst(#""errorCode":null,"#, $0) }),
    ("an escaped key", { insertFirst(#""user\u0041gent":"kali","#, $0) }),
    ("an escaped value", { insertFirst(#""userAgent":"\u006bali linux","#, $0) }),
  ]

  /// `record` (a JSON object's text) with `member` (`"key":value,`) added as its first member.
  public static func insertFirst(_ member: String, _ record: String) -> String {
    guard let brace = record.firstIndex(of: "{") else { return record }
    return String(record[...brace]) + member + String(record[record.index(after: brace)...])
  }
}
