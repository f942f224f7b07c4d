import AWSClient
import CloudTrailModel
import Foundation

extension LookupIndex {
  /// What kind of event a record is, for Event History.
  enum Kind {
    case management, data, insight
  }

  /// One record's LookupEvents view and kind; nil when it has no `eventID` or readable `eventTime`.
  static func entry(_ record: [UInt8]) -> (event: LookupEvent, kind: Kind)? {
    let scan = RecordScanner.scan(record)
    guard let scanned = scan.records.first, let time = scanned.fields.eventTime else { return nil }
    let buffer = scan.buffer
    let f = scanned.fields
    func text(_ ref: JSONStringRef) -> String? { ref.isPresent ? ref.decode(in: buffer) : nil }
    guard let eventId = text(f[.eventID]), !eventId.isEmpty else { return nil }
    let json = Array(buffer[scanned.range])
    // Fields the scanner does not index; this is not a hot path.
    let object = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] ?? [:]
    var kind = Kind.management
    if object["managementEvent"] as? Bool == false || object["eventCategory"] as? String == "Data" { kind = .data }
    if text(f[.eventType]) == "AwsCloudTrailInsight" || object["eventCategory"] as? String == "Insight" {
      kind = .insight
    }
    let resources = (object["resources"] as? [[String: Any]] ?? []).map {
      LookupResource(type: $0["type"] as? String, name: ($0["ARN"] as? String) ?? ($0["ARNPrefix"] as? String))
    }
    // An Insights event names the call it is about in `insightDetails` (Event History answers with those).
    let insight = kind == .insight
    let event = LookupEvent(
      eventId: eventId, eventName: text(f[insight ? .insightEventName : .eventName]) ?? "",
      readOnly: insight ? nil : f.readOnly.map { $0 ? "true" : "false" },
      accessKeyId: text(f[.accessKeyId]).flatMap { $0.isEmpty ? nil : $0 }, eventTime: time,
      eventSource: text(f[insight ? .insightEventSource : .eventSource]) ?? "",
      username: kind == .insight ? nil : Identity.displayName(f, in: buffer), resources: resources,
      cloudTrailEvent: String(decoding: json, as: UTF8.self))
    return (event, kind)
  }
}
