import Foundation

/// One page of CloudWatch Logs' FilterLogEvents: the answer as it came (the store's scanner reads the records in
/// the log events' messages) and the token of the next page.
public struct LogEventsPage: Sendable {
  /// The response body, `{"events":[{"message":"…"},…],"nextToken":"…"}`.
  public var bytes: [UInt8]
  /// The next page's token; nil on the last page.
  public var nextToken: String?
}

extension CloudTrailClient {
  /// The `X-Amz-Target` prefix of CloudWatch Logs operations.
  static let logsTargetPrefix = "Logs_20140328."

  /// `FilterLogEvents` over a log group (a name, or an ARN as `logGroupIdentifier`), one page: log events from
  /// `start` to `end` (seconds since 1970, inclusive), at most `limit` (1–10,000), only those matching `pattern` (a
  /// filter pattern) when given. Read-only. Sent to the client's
  /// custom endpoint when it has one, else to CloudWatch Logs in the client's region.
  public func filterLogEvents(
    group: String, start: Int64?, end: Int64?, nextToken: String?, limit: Int = 10_000, pattern: String? = nil,
    completion: @escaping @Sendable (Result<LogEventsPage, AWSError>) -> Void
  ) {
    var body: [String: Any] = ["limit": min(max(limit, 1), 10_000)]
    body[group.hasPrefix("arn:") ? "logGroupIdentifier" : "logGroupName"] = group
    if let start { body["startTime"] = start * 1000 }
    if let end { body["endTime"] = end * 1000 + 999 }
    if let nextToken { body["nextToken"] = nextToken }
    if let pattern { body["filterPattern"] = pattern }
    let url = customEndpoint ? endpoint : AWSEndpoints.regionalEndpoint(service: "logs", region: region)
    send(
      "FilterLogEvents", service: "logs", url: url, signingRegion: region,
      headers: [
        (name: "Content-Type", value: "application/x-amz-json-1.1"),
        (name: "X-Amz-Target", value: Self.logsTargetPrefix + "FilterLogEvents"),
      ], body: JSONObject.encode(body)
    ) { result in
      completion(result.map { LogEventsPage(bytes: $0, nextToken: Self.topLevelString("nextToken", in: $0)) })
    }
  }

  /// The string value of `key` in a JSON object's text, found without decoding the rest (a FilterLogEvents page is
  /// up to a megabyte of escaped records): `"key"` then `:` and a string. Inside a string value a quote is always
  /// escaped, so the unescaped `"key"` is a key. Nil when absent, not a string, or empty.
  static func topLevelString(_ key: String, in bytes: [UInt8]) -> String? {
    let pattern = Array("\"\(key)\"".utf8)
    guard bytes.count > pattern.count else { return nil }
    var i = 0
    while i + pattern.count <= bytes.count {
      guard bytes[i] == 0x22, Array(bytes[i..<i + pattern.count]) == pattern, i == 0 || bytes[i - 1] != 0x5C else {
        i += 1
        continue
      }
      var j = i + pattern.count
      func skipSpace() { while j < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 } }
      skipSpace()
      guard j < bytes.count, bytes[j] == 0x3A else {
        i += 1
        continue
      }
      j += 1
      skipSpace()
      guard j < bytes.count, bytes[j] == 0x22 else { return nil }
      var k = j + 1
      while k < bytes.count, bytes[k] != 0x22 { k += bytes[k] == 0x5C ? 2 : 1 }
      guard k < bytes.count,
        let text = try? JSONSerialization.jsonObject(with: Data(bytes[j...k]), options: .fragmentsAllowed) as? String
      else { return nil }
      return text.isEmpty ? nil : text
    }
    return nil
  }
}
