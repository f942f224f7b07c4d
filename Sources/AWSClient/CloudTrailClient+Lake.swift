import Foundation

/// Where a CloudTrail Lake query stands (`DescribeQuery`).
public struct LakeQuery: Sendable, Equatable {
  /// `QUEUED`, `RUNNING`, `FINISHED`, `FAILED`, `CANCELLED` or `TIMED_OUT`.
  public var status: String
  /// Why it failed, as CloudTrail says it.
  public var errorMessage: String?
  /// Events that matched so far.
  public var eventsMatched: Int64
  /// Events scanned so far.
  public var eventsScanned: Int64
  /// Bytes scanned so far (what Lake charges for).
  public var bytesScanned: Int64
  /// Milliseconds the query has run.
  public var executionMilliseconds: Int64

  /// A state as read from a `DescribeQuery` answer.
  public init(
    status: String, errorMessage: String? = nil, eventsMatched: Int64 = 0, eventsScanned: Int64 = 0,
    bytesScanned: Int64 = 0, executionMilliseconds: Int64 = 0
  ) {
    self.status = status
    self.errorMessage = errorMessage
    self.eventsMatched = eventsMatched
    self.eventsScanned = eventsScanned
    self.bytesScanned = bytesScanned
    self.executionMilliseconds = executionMilliseconds
  }
}

/// An event data store as `ListEventDataStores` describes it.
public struct EventDataStoreInfo: Sendable, Equatable {
  /// The store's ARN (its ID is the part after `eventdatastore/`).
  public var arn: String
  /// Its name.
  public var name: String
  /// `ENABLED`, `CREATED`, `PENDING_DELETION`, ...
  public var status: String?
  /// Days events are kept.
  public var retentionDays: Int?
  /// Whether it collects every region's events.
  public var multiRegion: Bool?
  /// Whether it collects the organization's events.
  public var organization: Bool?

  /// The ID: the ARN's part after `eventdatastore/`, or the whole text when it is not such an ARN.
  public var id: String { Self.id(arn) }

  /// The ID in an event data store's ARN or the text itself.
  public static func id(_ text: String) -> String {
    guard let range = text.range(of: ":eventdatastore/") else { return text }
    return String(text[range.upperBound...])
  }
}

extension CloudTrailClient {
  /// `StartQuery`: runs `statement` on CloudTrail Lake; hands back the query's id.
  public func startQuery(_ statement: String, completion: @escaping @Sendable (Result<String, AWSError>) -> Void) {
    call("StartQuery", body: JSONObject.encode(["QueryStatement": statement])) { result in
      completion(Self.required(Self.decode(result, operation: "StartQuery") { $0.string("QueryId") }, "QueryId"))
    }
  }

  /// `DescribeQuery`: the query's status and statistics.
  public func describeQuery(_ id: String, completion: @escaping @Sendable (Result<LakeQuery, AWSError>) -> Void) {
    call("DescribeQuery", body: JSONObject.encode(["QueryId": id])) { result in
      completion(
        Self.decode(result, operation: "DescribeQuery") { json in
          let statistics = json.object("QueryStatistics")
          func number(_ key: String) -> Int64 { (statistics?.fields[key] as? NSNumber)?.int64Value ?? 0 }
          return LakeQuery(
            status: json.string("QueryStatus") ?? "UNKNOWN", errorMessage: json.string("ErrorMessage"),
            eventsMatched: number("EventsMatched"), eventsScanned: number("EventsScanned"),
            bytesScanned: number("BytesScanned"), executionMilliseconds: number("ExecutionTimeInMillis"))
        })
    }
  }

  /// `GetQueryResults` of a Lake query, one page of at most `maxResults` rows (1–1,000), as it came.
  public func getLakeQueryResults(
    _ id: String, nextToken: String?, maxResults: Int = 1000,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    var body: [String: Any] = ["QueryId": id, "MaxQueryResults": min(max(maxResults, 1), 1000)]
    if let nextToken { body["NextToken"] = nextToken }
    call("GetQueryResults", body: JSONObject.encode(body), completion: completion)
  }

  /// `CancelQuery`: stops a Lake query that is queued or running.
  public func cancelQuery(_ id: String, completion: @escaping @Sendable (Result<Void, AWSError>) -> Void) {
    call("CancelQuery", body: JSONObject.encode(["QueryId": id])) { completion($0.map { _ in () }) }
  }

  /// `ListEventDataStores`, one page: the stores and the next page's token.
  public func listEventDataStores(
    nextToken: String? = nil,
    completion: @escaping @Sendable (Result<(stores: [EventDataStoreInfo], next: String?), AWSError>) -> Void
  ) {
    let body: [String: Any] = nextToken.map { ["NextToken": $0] } ?? [:]
    call("ListEventDataStores", body: JSONObject.encode(body)) { result in
      completion(
        Self.decode(result, operation: "ListEventDataStores") { json in
          let stores = json.objects("EventDataStores").compactMap { store -> EventDataStoreInfo? in
            guard let arn = store.string("EventDataStoreArn") else { return nil }
            return EventDataStoreInfo(
              arn: arn, name: store.string("Name") ?? "", status: store.string("Status"),
              retentionDays: store.int("RetentionPeriod"), multiRegion: store.bool("MultiRegionEnabled"),
              organization: store.bool("OrganizationEnabled"))
          }
          return (stores, json.string("NextToken").flatMap { $0.isEmpty ? nil : $0 })
        })
    }
  }
}
