import Foundation

/// A slow, independent decoder built on `JSONSerialization`, used as the oracle for ``CloudTrailModel/RecordScanner``.
///
/// It applies the same shape rules as the scanner (see `RecordScanner`'s documentation) to valid JSON: a whole-file
/// value, or failing that one value per non-empty line.
public enum ReferenceDecoder {
  /// The records in a file's bytes, or nil when the bytes are not valid JSON (whole or per line).
  public static func records(_ bytes: [UInt8]) -> [ReferenceFields]? {
    var data = Data(bytes)
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
    if let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
      return records(inTopValue: value)
    }
    var out: [ReferenceFields] = []
    for line in data.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
      guard let value = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) else {
        return nil
      }
      out += records(inTopValue: value)
    }
    return out
  }

  private static func records(inTopValue value: Any) -> [ReferenceFields] {
    if let object = value as? [String: Any] {
      if let batch = object["Records"] as? [Any] { return batch.compactMap { ($0 as? [String: Any]).map(fields) } }
      if let events = object["Events"] as? [Any] { return events.compactMap(lookupRecord) }
      if object["digestStartTime"] != nil || object["digestS3Object"] != nil || object["logFiles"] != nil { return [] }
      return qualifies(object) ? [fields(object)] : []
    }
    if let array = value as? [Any] {
      let objects = array.compactMap { $0 as? [String: Any] }
      return objects.contains(where: qualifies) ? objects.map(fields) : []
    }
    return []
  }

  private static func lookupRecord(_ event: Any) -> ReferenceFields? {
    guard let event = event as? [String: Any] else { return nil }
    if let embedded = event["CloudTrailEvent"] as? [String: Any] { return fields(embedded) }
    guard let text = event["CloudTrailEvent"] as? String,
      let record = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else { return nil }
    return fields(record)
  }

  /// The scanner's record rule: an `eventTime` key, or both `eventName` and `eventSource`.
  public static func qualifies(_ object: [String: Any]) -> Bool {
    object["eventTime"] != nil || (object["eventName"] != nil && object["eventSource"] != nil)
  }

  /// The indexed fields of one record dictionary.
  public static func fields(_ r: [String: Any]) -> ReferenceFields {
    var f = ReferenceFields()
    f.eventTime = (r["eventTime"] as? String).flatMap(eventTime)
    f.eventName = r["eventName"] as? String
    f.eventSource = r["eventSource"] as? String
    f.awsRegion = r["awsRegion"] as? String
    f.sourceIPAddress = r["sourceIPAddress"] as? String
    f.userAgent = r["userAgent"] as? String
    f.errorCode = r["errorCode"] as? String
    f.errorMessage = r["errorMessage"] as? String
    f.eventID = r["eventID"] as? String
    f.eventType = r["eventType"] as? String
    f.recipientAccountId = r["recipientAccountId"] as? String
    if let insight = r["insightDetails"] as? [String: Any] {
      f.insightEventName = insight["eventName"] as? String
      f.insightEventSource = insight["eventSource"] as? String
    }
    f.readOnly = readOnly(r["readOnly"])
    if let u = r["userIdentity"] as? [String: Any] {
      f.identityType = u["type"] as? String
      f.userName = u["userName"] as? String
      f.arn = u["arn"] as? String
      f.invokedBy = u["invokedBy"] as? String
      f.accountId = u["accountId"] as? String
      f.principalId = u["principalId"] as? String
      f.accessKeyId = u["accessKeyId"] as? String
      let issuer = (u["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any]
      f.sessionIssuerUserName = issuer?["userName"] as? String
      f.onBehalfOfUserId = (u["onBehalfOf"] as? [String: Any])?["userId"] as? String
    }
    f.requestName = (r["requestParameters"] as? [String: Any])?["name"] as? String
    f.displayName = ReferenceIdentity.displayName(f)
    return f
  }

  private static func readOnly(_ value: Any?) -> Bool? {
    if let s = value as? String { return s == "true" ? true : (s == "false" ? false : nil) }
    guard let n = value as? NSNumber, value is Bool || String(cString: n.objCType) == "c" else { return nil }
    return n.boolValue
  }

  /// ISO 8601 `YYYY-MM-DD(T| )HH:MM:SS[.fff][Z|±HH:MM]` (no zone: UTC) via a regular expression and `Calendar`.
  public static func eventTime(_ text: String) -> Int64? {
    let pattern = #"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))?$"#
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    func group(_ k: Int) -> String? { Range(m.range(at: k), in: text).map { String(text[$0]) } }
    func int(_ k: Int) -> Int { Int(group(k) ?? "") ?? -1 }
    var parts = DateComponents()
    (parts.year, parts.month, parts.day) = (int(1), int(2), int(3))
    (parts.hour, parts.minute, parts.second) = (int(4), int(5), int(6))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard parts.year! >= 1, parts.hour! < 24, parts.minute! < 60, parts.second! < 60,
      parts.isValidDate(in: calendar), let date = calendar.date(from: parts)
    else { return nil }
    var offset = 0
    if let zone = group(8), zone != "Z" {
      guard int(10) < 24, int(11) < 60 else { return nil }
      offset = (int(10) * 3600 + int(11) * 60) * (group(9) == "-" ? -1 : 1)
    }
    return Int64(date.timeIntervalSince1970.rounded(.down)) - Int64(offset)
  }
}
