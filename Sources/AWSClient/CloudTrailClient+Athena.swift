import Foundation

/// Where an Athena query stands (`GetQueryExecution`).
public struct AthenaExecution: Sendable, Equatable {
  /// `QUEUED`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`.
  public var state: String
  /// Why it failed or was cancelled, as Athena says it.
  public var reason: String?
  /// Bytes the query has scanned so far (what Athena charges for).
  public var bytesScanned: Int64
  /// Milliseconds the engine has spent so far.
  public var engineMilliseconds: Int64

  /// True once the query will not change any more.
  public var isFinal: Bool { ["SUCCEEDED", "FAILED", "CANCELLED"].contains(state) }

  /// A state as read from a `GetQueryExecution` answer.
  public init(state: String, reason: String? = nil, bytesScanned: Int64 = 0, engineMilliseconds: Int64 = 0) {
    self.state = state
    self.reason = reason
    self.bytesScanned = bytesScanned
    self.engineMilliseconds = engineMilliseconds
  }
}

/// A table's shape as Athena's data catalog knows it (`GetTableMetadata`).
public struct AthenaTable: Sendable, Equatable {
  /// The data columns, name and type (`string`, `struct<type:string,...>`, `array<...>`), in order.
  public var columns: [(name: String, type: String)]
  /// The partition keys, name and type, in order.
  public var partitionKeys: [(name: String, type: String)]
  /// The table's properties (`projection.timestamp.format`, ...).
  public var parameters: [String: String]

  /// A table as read from the catalog.
  public init(
    columns: [(name: String, type: String)], partitionKeys: [(name: String, type: String)],
    parameters: [String: String]
  ) {
    self.columns = columns
    self.partitionKeys = partitionKeys
    self.parameters = parameters
  }

  /// Same columns, keys and properties.
  public static func == (a: AthenaTable, b: AthenaTable) -> Bool {
    a.columns.elementsEqual(b.columns, by: ==) && a.partitionKeys.elementsEqual(b.partitionKeys, by: ==)
      && a.parameters == b.parameters
  }
}

/// Where a query runs and where Athena writes its results.
public struct AthenaPlace: Sendable, Equatable {
  /// The data catalog (`AwsDataCatalog` unless told otherwise).
  public var catalog: String
  /// The database the table is in.
  public var database: String
  /// The workgroup (nil: the account's `primary`).
  public var workgroup: String?
  /// `s3://...` for the results (nil: the workgroup's own).
  public var outputLocation: String?

  /// A place for queries.
  public init(catalog: String = "AwsDataCatalog", database: String, workgroup: String?, outputLocation: String?) {
    self.catalog = catalog
    self.database = database
    self.workgroup = workgroup
    self.outputLocation = outputLocation
  }
}

extension CloudTrailClient {
  /// The `X-Amz-Target` prefix of Athena operations.
  static let athenaTargetPrefix = "AmazonAthena."

  /// `StartQueryExecution`: starts `query` in `place`; hands back the query's id.
  public func startQueryExecution(
    _ query: String, place: AthenaPlace, completion: @escaping @Sendable (Result<String, AWSError>) -> Void
  ) {
    var body: [String: Any] = [
      "QueryString": query, "QueryExecutionContext": ["Database": place.database, "Catalog": place.catalog],
    ]
    if let workgroup = place.workgroup { body["WorkGroup"] = workgroup }
    if let output = place.outputLocation { body["ResultConfiguration"] = ["OutputLocation": output] }
    athena("StartQueryExecution", body) { result in
      completion(
        Self.required(
          Self.decode(result, operation: "StartQueryExecution") { $0.string("QueryExecutionId") }, "QueryExecutionId"))
    }
  }

  /// `GetQueryExecution`: the query's state and statistics.
  public func getQueryExecution(
    _ id: String, completion: @escaping @Sendable (Result<AthenaExecution, AWSError>) -> Void
  ) {
    athena("GetQueryExecution", ["QueryExecutionId": id]) { result in
      completion(Self.decode(result, operation: "GetQueryExecution", Self.execution))
    }
  }

  /// `GetQueryResults`, one page of at most `maxResults` rows (1–1,000): the answer as it came (the store reads the
  /// rows without decoding the page twice).
  public func getQueryResults(
    _ id: String, nextToken: String?, maxResults: Int = 1000,
    completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    var body: [String: Any] = ["QueryExecutionId": id, "MaxResults": min(max(maxResults, 1), 1000)]
    if let nextToken { body["NextToken"] = nextToken }
    athena("GetQueryResults", body, completion: completion)
  }

  /// `StopQueryExecution`: cancels a query that is queued or running.
  public func stopQueryExecution(_ id: String, completion: @escaping @Sendable (Result<Void, AWSError>) -> Void) {
    athena("StopQueryExecution", ["QueryExecutionId": id]) { completion($0.map { _ in () }) }
  }

  /// `GetTableMetadata`: a table's columns, partition keys and properties from the data catalog.
  public func getTableMetadata(
    catalog: String, database: String, table: String,
    completion: @escaping @Sendable (Result<AthenaTable, AWSError>) -> Void
  ) {
    let body = ["CatalogName": catalog, "DatabaseName": database, "TableName": table]
    athena("GetTableMetadata", body) { result in
      completion(
        Self.required(
          Self.decode(result, operation: "GetTableMetadata") { json -> AthenaTable? in
            guard let table = json.object("TableMetadata") else { return nil }
            func pairs(_ key: String) -> [(name: String, type: String)] {
              table.objects(key).compactMap { c in c.string("Name").map { ($0, c.string("Type") ?? "string") } }
            }
            let parameters = (table.fields["Parameters"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
            return AthenaTable(columns: pairs("Columns"), partitionKeys: pairs("PartitionKeys"), parameters: parameters)
          }, "TableMetadata"))
    }
  }

  /// A `GetQueryExecution` answer's state and statistics.
  static func execution(_ json: JSONObject) -> AthenaExecution {
    let execution = json.object("QueryExecution")
    let status = execution?.object("Status")
    let statistics = execution?.object("Statistics")
    let error = status?.object("AthenaError")?.string("ErrorMessage")
    func number(_ key: String) -> Int64 { (statistics?.fields[key] as? NSNumber)?.int64Value ?? 0 }
    return AthenaExecution(
      state: status?.string("State") ?? "UNKNOWN", reason: status?.string("StateChangeReason") ?? error,
      bytesScanned: number("DataScannedInBytes"), engineMilliseconds: number("EngineExecutionTimeInMillis"))
  }

  /// Sends one Athena operation to the client's custom endpoint when it has one, else to Athena in its region.
  private func athena(
    _ operation: String, _ body: [String: Any], completion: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void
  ) {
    let url = customEndpoint ? endpoint : AWSEndpoints.regionalEndpoint(service: "athena", region: region)
    send(
      operation, service: "athena", url: url, signingRegion: region,
      headers: [
        (name: "Content-Type", value: "application/x-amz-json-1.1"),
        (name: "X-Amz-Target", value: Self.athenaTargetPrefix + operation),
      ], body: JSONObject.encode(body), completion: completion)
  }
}
