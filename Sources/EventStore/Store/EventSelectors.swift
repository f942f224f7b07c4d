import CloudTrailModel

/// What a PutEventSelectors call leaves of a trail's management events: selectors can silence a trail as surely as
/// StopLogging.
enum EventSelectors {
  /// The calls that set a trail's selectors (`PutAdvancedEventSelectors` is how some tools name the advanced form).
  static let calls: Set<String> = ["PutEventSelectors", "PutAdvancedEventSelectors"]

  /// Management events under the new selectors.
  enum Management: Sendable, Equatable {
    /// Reads and writes are logged.
    case all
    /// Only writes (a common cost saving, not a blind spot for changes).
    case writesOnly
    /// Only reads: changes are no longer logged.
    case readsOnly
    /// None.
    case off
  }

  /// Reads `requestParameters.eventSelectors` (`includeManagementEvents`, default true; `readWriteType`) or
  /// `requestParameters.advancedEventSelectors` (a selector with `eventCategory` equal to `Management`, narrowed by
  /// a `readOnly` field selector); nil when the record has neither.
  static func managementEvents(in record: ArraySlice<UInt8>) -> Management? {
    let basic = values("requestParameters.eventSelectors[]", record)
    let advanced = values("requestParameters.advancedEventSelectors[]", record)
    guard basic != nil || advanced != nil else { return nil }
    var reads = false
    var writes = false
    for selector in basic ?? [] {
      let bytes = ArraySlice(selector.utf8)
      guard first("includeManagementEvents", bytes) != "false" else { continue }
      switch first("readWriteType", bytes) ?? "All" {
      case "ReadOnly": reads = true
      case "WriteOnly": writes = true
      default: (reads, writes) = (true, true)
      }
    }
    for selector in advanced ?? [] {
      let bytes = ArraySlice(selector.utf8)
      var management = false
      var readOnly: String?
      for field in values("fieldSelectors[]", bytes) ?? [] {
        let fieldBytes = ArraySlice(field.utf8)
        let name = first("field", fieldBytes)
        let equals = values("equals[]", fieldBytes) ?? []
        if name == "eventCategory" && equals.contains("Management") { management = true }
        if name == "readOnly" { readOnly = equals.first }
      }
      guard management else { continue }
      switch readOnly {
      case "true": reads = true
      case "false": writes = true
      default: (reads, writes) = (true, true)
      }
    }
    switch (reads, writes) {
    case (true, true): return .all
    case (false, true): return .writesOnly
    case (true, false): return .readsOnly
    case (false, false): return .off
    }
  }

  /// The values at `path`, or nil when the path is absent.
  private static func values(_ path: String, _ bytes: ArraySlice<UInt8>) -> [String]? {
    guard let parent = JSONPath(String(path.dropLast(2))), !parent.values(in: bytes).isEmpty else { return nil }
    return JSONPath(path)?.values(in: bytes) ?? []
  }

  private static func first(_ path: String, _ bytes: ArraySlice<UInt8>) -> String? {
    JSONPath(path)?.values(in: bytes).first
  }
}
