import AWSClient
import Foundation
import LookupEmulator

/// A JSON value the fake writes (keys keep their order).
enum JSONOut: Sendable {
  case string(String)
  case bool(Bool)
  case int(Int64)
  case array([JSONOut])
  case object([(String, JSONOut)])

  /// Compact JSON text.
  var text: String {
    var out = ""
    write(into: &out)
    return out
  }

  func write(into out: inout String) {
    switch self {
    case .string(let s): JSONOut.quote(s, into: &out)
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        JSONOut.quote(key, into: &out)
        out += ":"
        value.write(into: &out)
      }
      out += "}"
    }
  }

  /// Appends `s` as a JSON string literal.
  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

/// LookupEvents request decoding and response encoding in the `awsJson1_1` protocol.
enum LookupJSON {
  /// The request and its `EventCategory`, or the API error for a malformed one.
  static func decode(_ body: [String: Any]) -> Result<(LookupEventsRequest, String?), LookupError> {
    var request = LookupEventsRequest()
    if let raw = body["MaxResults"] {
      guard let n = raw as? Int else {
        return .failure(LookupError(code: "InvalidMaxResultsException", message: "MaxResults must be a number."))
      }
      request.maxResults = n
    }
    if let raw = body["LookupAttributes"] {
      guard let list = raw as? [[String: Any]] else {
        return .failure(
          LookupError(code: "InvalidLookupAttributesException", message: "LookupAttributes must be a list."))
      }
      for item in list {
        guard let keyText = item["AttributeKey"] as? String, let key = LookupAttributeKey(rawValue: keyText) else {
          let shown = item["AttributeKey"].map { "\($0)" } ?? "(missing)"
          return .failure(
            LookupError(
              code: "InvalidLookupAttributesException", message: "Lookup attribute key \(shown) is not supported."))
        }
        guard let value = item["AttributeValue"] as? String else {
          return .failure(
            LookupError(code: "InvalidLookupAttributesException", message: "AttributeValue is required."))
        }
        request.lookupAttributes.append(LookupAttribute(key: key, value: value))
      }
    }
    for (name, isStart) in [("StartTime", true), ("EndTime", false)] {
      guard let raw = body[name] else { continue }
      guard let seconds = raw as? Double, seconds.isFinite, abs(seconds) < 1e12 else {
        return .failure(LookupError(code: "InvalidTimeRangeException", message: "\(name) is not a valid time."))
      }
      // Events have whole-second times: a fractional bound includes the events inside it.
      if isStart {
        request.startTime = Int64(seconds.rounded(.up))
      } else {
        request.endTime = Int64(seconds.rounded(.down))
      }
    }
    if let raw = body["NextToken"] {
      guard let token = raw as? String else {
        return .failure(LookupError(code: "InvalidNextTokenException", message: "NextToken must be a string."))
      }
      request.nextToken = token
    }
    let category = body["EventCategory"].map { ($0 as? String) ?? "\($0)" }
    return .success((request, category))
  }

  /// The response body; `cache` holds pre-encoded events by ID (events missing from it are encoded here).
  static func encode(_ response: LookupEventsResponse, cache: [String: String] = [:]) -> String {
    var out = "{\"Events\":["
    for (i, e) in response.events.enumerated() {
      if i > 0 { out += "," }
      if let text = cache[e.eventId] { out += text } else { event(e).write(into: &out) }
    }
    out += "]"
    if let token = response.nextToken {
      out += ",\"NextToken\":"
      JSONOut.quote(token, into: &out)
    }
    return out + "}"
  }

  /// Every event of `index` encoded once, by event ID.
  static func cache(_ index: LookupIndex) -> [String: String] {
    var cache: [String: String] = [:]
    for e in index.events + index.insightEvents { cache[e.eventId] = event(e).text }
    return cache
  }

  /// One `Event`.
  static func event(_ e: LookupEvent) -> JSONOut {
    var m: [(String, JSONOut)] = [("EventId", .string(e.eventId)), ("EventName", .string(e.eventName))]
    if let readOnly = e.readOnly { m.append(("ReadOnly", .string(readOnly))) }
    if let key = e.accessKeyId { m.append(("AccessKeyId", .string(key))) }
    m.append(("EventTime", .int(e.eventTime)))
    m.append(("EventSource", .string(e.eventSource)))
    if let username = e.username { m.append(("Username", .string(username))) }
    let resources = e.resources.map { r -> JSONOut in
      var fields: [(String, JSONOut)] = []
      if let type = r.type { fields.append(("ResourceType", .string(type))) }
      if let name = r.name { fields.append(("ResourceName", .string(name))) }
      return .object(fields)
    }
    m.append(("Resources", .array(resources)))
    m.append(("CloudTrailEvent", .string(e.cloudTrailEvent)))
    return .object(m)
  }
}
