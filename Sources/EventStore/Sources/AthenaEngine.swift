import AWSClient
import CloudTrailModel
import Synchronization

/// A CloudTrail table in Athena (`athena://DATABASE.TABLE`) as a ``QueryEngine``: its shape from the data catalog
/// (GetTableMetadata; AWS's documented CloudTrail table when the catalog cannot be asked), statements from
/// ``AthenaQuery``, StartQueryExecution, GetQueryExecution, GetQueryResults pages, StopQueryExecution.
public final class AthenaEngine: QueryEngine {
  let database: String
  let table: String
  let place: AthenaPlace
  let client: CloudTrailClient
  let pageSize: Int
  private let shape = Mutex<AthenaTable>(.documentedCloudTrail)

  /// Athena's price per terabyte scanned in most regions (US East), for the running estimate.
  public static let dollarsPerTerabyte = 5.0

  /// An engine for `database.table` in `place` over `client` (Athena in its region), `pageSize` rows a page.
  public init(database: String, table: String, place: AthenaPlace, client: CloudTrailClient, pageSize: Int = 1000) {
    self.database = database
    self.table = table
    self.place = place
    self.client = client
    self.pageSize = pageSize
  }

  /// `athena://DATABASE.TABLE` as (database, table), or nil when `text` is not one.
  public static func parse(_ text: String) -> (database: String, table: String)? {
    guard text.hasPrefix("athena://") else { return nil }
    let rest = text.dropFirst(9)
    guard let dot = rest.firstIndex(of: "."), dot != rest.startIndex, rest.index(after: dot) != rest.endIndex
    else { return nil }
    return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
  }

  /// `athena://DATABASE.TABLE`.
  public var label: String { "athena://\(database).\(table)" }
  /// "Athena".
  public var service: String { "Athena" }

  /// Asks the catalog for the table's shape (GetTableMetadata).
  public func prepare(_ done: @escaping @Sendable (String?) -> Void) {
    client.getTableMetadata(catalog: place.catalog, database: database, table: table) { [self] result in
      switch result {
      case .success(let found) where !found.columns.isEmpty:
        shape.withLock { $0 = found }
        done(nil)
      case .success:
        done("\(label): the catalog lists no columns; using AWS's documented CloudTrail table")
      case .failure(let error):
        done("\(label): GetTableMetadata failed (\(error.explanation)); querying as AWS's documented CloudTrail table")
      }
    }
  }

  /// The SELECT for `filter` (``AthenaQuery``) and the question asked before the first.
  public func plan(_ filter: EventFilter, start: Int64, end: Int64) -> QueryPlan {
    let query = AthenaQuery.build(
      database: database, table: table, shape: shape.withLock { $0 }, filter: filter, start: start, end: end)
    let summary =
      "Athena scans \(database).\(table) from \(EventTime.formatISO(start)) to \(EventTime.formatISO(end)); "
      + "\(query.partitions). Athena charges about $\(Int(Self.dollarsPerTerabyte)) per TB scanned (10 MB at least "
      + "per query)."
    return QueryPlan(sql: query.sql, summary: summary, columns: query.columns)
  }

  /// StartQueryExecution.
  public func start(_ sql: String, _ done: @escaping @Sendable (Result<String, AWSError>) -> Void) {
    client.startQueryExecution(sql, place: place, completion: done)
  }

  /// GetQueryExecution: the state and the bytes scanned with their price.
  public func poll(_ id: String, _ done: @escaping @Sendable (Result<QueryProgress, AWSError>) -> Void) {
    client.getQueryExecution(id) { result in
      done(
        result.map { execution in
          let seconds = String(format: "%.1f", Double(execution.engineMilliseconds) / 1000)
          let statistics =
            scanCost(execution.bytesScanned, dollarsPerTerabyte: Self.dollarsPerTerabyte, minimumBytes: 10_000_000)
            + ", \(seconds) s in the engine"
          let state: QueryProgress.State
          switch execution.state {
          case "SUCCEEDED": state = .finished
          case "FAILED", "CANCELLED":
            state = .ended(execution.state.lowercased(), reason: execution.reason ?? "no reason given")
          default: state = .running(execution.state.lowercased())
          }
          return QueryProgress(state: state, statistics: statistics)
        })
    }
  }

  /// GetQueryResults, one page.
  public func page(_ id: String, token: String?, _ done: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void) {
    client.getQueryResults(id, nextToken: token, maxResults: pageSize, completion: done)
  }

  /// The page's rows (the first page's header row dropped) as records.
  public func records(_ bytes: [UInt8], first: Bool, plan: QueryPlan) throws(ResultsPageError)
    -> (records: [UInt8], rows: Int, next: String?)
  {
    var page = try AthenaResultsPage.read(bytes)
    if first { page.dropHeader(in: bytes) }
    // The page names the SELECT's columns; their types come from the plan.
    let out = writeRecords(page.rows, columns: page.columns, page: bytes, plan: plan)
    return (out, page.rows.count, page.nextToken)
  }

  /// StopQueryExecution.
  public func stop(_ id: String, _ done: @escaping @Sendable () -> Void) {
    client.stopQueryExecution(id) { _ in done() }
  }
}
