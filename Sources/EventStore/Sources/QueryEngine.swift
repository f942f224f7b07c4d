import AWSClient
import CloudTrailModel

/// Asks the user whether a query that AWS charges for may run: the summary of what is known (table, window,
/// partitions, price), and a reply (true: run it). Asked once per source, before its first query.
public typealias QueryApproval = @Sendable (_ summary: String, _ reply: @escaping @Sendable (Bool) -> Void) -> Void

/// One statement for a filter: the SQL, what the user is asked before the first one runs, and the columns its rows
/// come with.
public struct QueryPlan: Sendable {
  /// The statement.
  public var sql: String
  /// The table or store, the window, the partitions and the price, in words.
  public var summary: String
  /// The columns the rows come with, name and type.
  public var columns: [(name: String, type: HiveType)]

  /// A plan.
  public init(sql: String, summary: String, columns: [(name: String, type: HiveType)]) {
    self.sql = sql
    self.summary = summary
    self.columns = columns
  }
}

/// Where a query stands, in the engine's words, with its statistics ("12.3 MB scanned (about $0.00006)").
public struct QueryProgress: Sendable, Equatable {
  /// How a query ends, or that it has not yet.
  public enum State: Sendable, Equatable {
    /// Queued or running (the engine's word for it).
    case running(String)
    /// Its rows can be read.
    case finished
    /// It failed, was cancelled or timed out (the state and the engine's reason).
    case ended(String, reason: String)
  }

  /// The state.
  public var state: State
  /// The statistics in words.
  public var statistics: String

  /// A progress report.
  public init(state: State, statistics: String) {
    self.state = state
    self.statistics = statistics
  }
}

/// A distributed SQL engine that holds CloudTrail events where they live (Athena over a trail's bucket, CloudTrail
/// Lake's event data stores): what ``QuerySource`` needs of it. Calls come from the source's queue, one at a time;
/// completions may come on any queue.
public protocol QueryEngine: Sendable {
  /// What the sources list calls it (`athena://db.table`, `lake://ID`).
  var label: String { get }
  /// The engine's name for the status line ("Athena", "CloudTrail Lake").
  var service: String { get }
  /// Learns what it needs before the first plan (a table's shape); `done` with a notice for the user, if any.
  func prepare(_ done: @escaping @Sendable (String?) -> Void)
  /// The statement for `filter` within `start...end` (seconds since 1970).
  func plan(_ filter: EventFilter, start: Int64, end: Int64) -> QueryPlan
  /// Starts `sql`; hands back the query's id.
  func start(_ sql: String, _ done: @escaping @Sendable (Result<String, AWSError>) -> Void)
  /// Where the query stands.
  func poll(_ id: String, _ done: @escaping @Sendable (Result<QueryProgress, AWSError>) -> Void)
  /// One page of a finished query's rows after `token` (nil: the first).
  func page(_ id: String, token: String?, _ done: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void)
  /// A page's rows as records (one JSON object a line), how many, and the next page's token.
  func records(_ page: [UInt8], first: Bool, plan: QueryPlan) throws(ResultsPageError)
    -> (records: [UInt8], rows: Int, next: String?)
  /// Cancels the query; `done` once the engine has answered.
  func stop(_ id: String, _ done: @escaping @Sendable () -> Void)
  /// After a query failed for `reason`: true when the engine changed how it plans (it asked for something the table
  /// lacks) and the same filter should be planned and run again.
  func replan(after reason: String) -> Bool
}

extension QueryEngine {
  /// Engines whose plans do not change never run a failed query again.
  public func replan(after reason: String) -> Bool { false }
}

/// A page's rows (cells in `columns`' order) as records, one JSON object a line, the columns' types from `plan`.
func writeRecords(_ rows: [[JSONStringRef]], columns: [String], page: [UInt8], plan: QueryPlan) -> [UInt8] {
  let types = Dictionary(plan.columns.map { ($0.name.lowercased(), $0.type) }, uniquingKeysWith: { a, _ in a })
  let writer = AthenaRecordWriter(
    columns: columns.map { (name: $0, type: types[$0.lowercased()] ?? .scalar("string")) }, partitionKeys: [])
  var out: [UInt8] = []
  out.reserveCapacity(page.count)
  for row in rows { writer.append(row: row, page: page, to: &out) }
  return out
}

/// "12.3 MB scanned (about $0.00006)" at `dollarsPerTerabyte`, billing at least `minimumBytes`.
func scanCost(_ bytes: Int64, dollarsPerTerabyte: Double, minimumBytes: Int64) -> String {
  let dollars = Double(max(bytes, minimumBytes)) / 1e12 * dollarsPerTerabyte
  let size = ByteCount.decimal(bytes)
  return "\(size) scanned (about $\(String(format: dollars < 0.01 ? "%.5f" : "%.2f", dollars)))"
}

/// Byte counts in words, decimal units ("12.3 MB").
enum ByteCount {
  static func decimal(_ bytes: Int64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
  }
}
