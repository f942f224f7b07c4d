import AWSClient
import CloudTrailModel
import Dispatch
import Foundation

/// Asks the user whether a query that AWS charges for may run: the summary of what is known (table, window,
/// partitions, price), and a reply (true: run it). Asked once per source, before its first query.
public typealias QueryApproval = @Sendable (_ summary: String, _ reply: @escaping @Sendable (Bool) -> Void) -> Void

/// Reads a CloudTrail table in Athena (`athena://DATABASE.TABLE`): the table's shape from the data catalog
/// (GetTableMetadata; AWS's documented table when the catalog cannot be asked), one SELECT per filter (its condition
/// from ``AthenaWhere``, its partitions constrained by the window), GetQueryExecution polled with its statistics in the
/// status line, then GetQueryResults pages turned back into records as they come. The rows are a superset of what
/// the filter keeps; the store's filter does the rest. A new filter the loaded rows may not cover is a new query
/// (the running one is stopped); ``cancel()`` stops a running query. Only query and catalog reads are sent.
public final class AthenaSource: EventSource {
  let database: String
  let table: String
  let place: AthenaPlace
  let client: CloudTrailClient
  let window: (start: Int64, end: Int64)
  let reporter: SourceReporter
  let approval: QueryApproval
  let pageSize: Int
  private let queue = DispatchQueue(label: "trailview.athena")
  // State, on `queue`.
  nonisolated(unsafe) private var shape: AthenaTable?
  nonisolated(unsafe) private var approved: Bool?
  nonisolated(unsafe) private var asking = false
  nonisolated(unsafe) private var wanted: EventFilter?
  nonisolated(unsafe) private var asked = Set<String>()
  nonisolated(unsafe) private var running: (id: String, sql: String)?
  nonisolated(unsafe) private var generation = 0
  nonisolated(unsafe) private var pages: UInt32 = 0

  /// Athena's price per terabyte scanned in most regions (US East), for the running estimate.
  public static let dollarsPerTerabyte = 5.0

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  /// A source for `database.table` in `place` over `client` (Athena in its region) feeding `store`, the window in
  /// seconds since 1970; `approval` is asked before the first query; `pageSize` rows per GetQueryResults page.
  public init(
    database: String, table: String, place: AthenaPlace, client: CloudTrailClient, window: (start: Int64, end: Int64),
    into store: EventStore, approval: @escaping QueryApproval, pageSize: Int = 1000
  ) {
    self.database = database
    self.table = table
    self.place = place
    self.client = client
    self.window = window
    self.reporter = store.makeReporter()
    self.approval = approval
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

  var label: String { "athena://\(database).\(table)" }

  /// Starts a query for `filter` unless one with the same statement already ran or runs.
  public func start(filter: EventFilter) {
    queue.async { [self] in
      wanted = filter
      guard let shape else {
        if pages == 0 && generation == 0 && running == nil { describe() }
        return
      }
      run(filter, shape: shape)
    }
  }

  /// Stops the running query, if any (StopQueryExecution), waiting up to `seconds` for Athena to take it; what was
  /// loaded stays.
  public func cancel(waitingUpTo seconds: Double) {
    let stopped = DispatchSemaphore(value: 0)
    queue.async { [self] in
      guard let (id, sql) = running else {
        stopped.signal()
        return
      }
      running = nil
      asked.remove(sql)  // asked again, it runs again
      generation += 1
      client.stopQueryExecution(id) { _ in stopped.signal() }
      reporter.problem(
        LoadProblem(source: label, reason: "the query was cancelled; the rows loaded so far are partial"))
      reporter.finish()
    }
    if seconds > 0 { _ = stopped.wait(timeout: .now() + seconds) }
  }

  /// Asks the catalog for the table's shape (once), then the user, then runs the wanted filter.
  private func describe() {
    generation = 1
    reporter.begin(label: label, unit: "pages", total: nil)
    reporter.activity("GetTableMetadata \(database).\(table)")
    client.getTableMetadata(catalog: place.catalog, database: database, table: table) { [self] result in
      queue.async { [self] in
        switch result {
        case .success(let found) where !found.columns.isEmpty:
          shape = found
        case .success:
          shape = AthenaTable.documentedCloudTrail
          reporter.notice("\(label): the catalog lists no columns; using AWS's documented CloudTrail table")
        case .failure(let error):
          shape = AthenaTable.documentedCloudTrail
          reporter.notice(
            "\(label): GetTableMetadata failed (\(error.explanation)); querying as AWS's documented CloudTrail table")
        }
        if let wanted, let shape { run(wanted, shape: shape) }
      }
    }
  }

  /// Runs the query for `filter` (on `queue`), asking first when nothing was approved yet.
  private func run(_ filter: EventFilter, shape: AthenaTable) {
    // The filter's window when it has one, else the source's (so that the same filter is the same statement).
    let query = AthenaQuery.build(
      database: database, table: table, shape: shape, filter: filter, start: filter.startTime ?? window.start,
      end: filter.endTime ?? window.end)
    guard !asked.contains(query.sql) else { return }
    guard approved == true else {
      guard approved == nil, !asking else { return }
      asking = true
      reporter.activity("waiting for the go-ahead to scan")
      approval(summary(query)) { [self] yes in
        queue.async { [self] in
          asking = false
          approved = yes
          if yes, let wanted {
            run(wanted, shape: shape)
          } else if !yes {
            reporter.problem(LoadProblem(source: label, reason: "no query was run: the scan was not approved"))
            reporter.finish()
          }
        }
      }
      return
    }
    asked.insert(query.sql)
    if let (old, _) = running { client.stopQueryExecution(old) { _ in } }
    generation += 1
    let current = generation
    running = nil
    reporter.begin(label: label, unit: "pages", total: nil, query: "Athena \(database).\(table)")
    reporter.activity("StartQueryExecution")
    client.startQueryExecution(query.sql, place: place) { [self] result in
      queue.async { [self] in
        guard current == generation else {
          if case .success(let id) = result { client.stopQueryExecution(id) { _ in } }
          return
        }
        switch result {
        case .failure(let error):
          reporter.problem(LoadProblem(source: label, reason: "StartQueryExecution: \(error.explanation)"))
          reporter.finish()
        case .success(let id):
          running = (id, query.sql)
          reporter.cancellable(true)
          poll(id, query: query, generation: current, delay: 0.05)
        }
      }
    }
  }

  /// What the user is asked before the first query.
  func summary(_ query: AthenaQuery) -> String {
    let from = EventTime.formatISO(query.start)
    let to = EventTime.formatISO(query.end)
    return "Athena scans \(database).\(table) from \(from) to \(to); \(query.partitions). Athena charges about "
      + "$\(Int(Self.dollarsPerTerabyte)) per TB scanned (10 MB at least per query)."
  }

  /// Polls the query's state every `delay` seconds (growing to 1 s) until it finishes.
  private func poll(_ id: String, query: AthenaQuery, generation current: Int, delay: Double) {
    client.getQueryExecution(id) { [self] result in
      queue.async { [self] in
        guard current == generation else { return }
        switch result {
        case .failure(let error):
          running = nil
          reporter.problem(LoadProblem(source: label, reason: "GetQueryExecution: \(error.explanation)"))
          reporter.finish()
        case .success(let execution):
          reporter.activity("Athena \(execution.state.lowercased()): " + Self.statistics(execution))
          switch execution.state {
          case "SUCCEEDED":
            fetch(id, query: query, execution: execution, token: nil, rows: 0, generation: current)
          case "FAILED", "CANCELLED":
            running = nil
            let reason = execution.reason ?? "no reason given"
            reporter.problem(
              LoadProblem(source: label, reason: "the query \(execution.state.lowercased()): \(reason)"))
            reporter.notice("\(label): \(execution.state.lowercased()), " + Self.statistics(execution))
            reporter.finish()
          default:
            queue.asyncAfter(deadline: .now() + delay) { [self] in
              guard current == generation else { return }
              poll(id, query: query, generation: current, delay: min(delay * 2, 1))
            }
          }
        }
      }
    }
  }

  /// Fetches the results page after `token`, then the next, turning rows into records.
  private func fetch(
    _ id: String, query: AthenaQuery, execution: AthenaExecution, token: String?, rows: Int, generation current: Int
  ) {
    client.getQueryResults(id, nextToken: token, maxResults: pageSize) { [self] result in
      queue.async { [self] in
        guard current == generation else { return }
        switch result {
        case .failure(let error):
          running = nil
          reporter.problem(
            LoadProblem(
              source: label, reason: "GetQueryResults: \(error.explanation); the rows loaded so far are partial"))
          reporter.finish()
        case .success(let bytes):
          var page: AthenaResultsPage
          do throws(ResultsPageError) {
            page = try AthenaResultsPage.read(bytes)
          } catch {
            running = nil
            reporter.problem(
              LoadProblem(
                source: label,
                reason: "GetQueryResults answered with something unreadable (\(error.reason) at byte \(error.offset)); "
                  + "the rows loaded so far are partial"))
            reporter.finish()
            return
          }
          if token == nil { page.dropHeader(in: bytes) }
          let total = rows + page.rows.count
          ingest(page, bytes, query: query)
          let next = page.nextToken.flatMap { $0 == token ? nil : $0 }
          reporter.activity("\(total) rows, " + Self.statistics(execution))
          if let next {
            fetch(id, query: query, execution: execution, token: next, rows: total, generation: current)
          } else {
            running = nil
            reporter.notice("\(label): \(total) rows, " + Self.statistics(execution))
            reporter.finish()
          }
        }
      }
    }
  }

  /// Turns a page's rows into records and hands them to the store.
  private func ingest(_ page: AthenaResultsPage, _ bytes: [UInt8], query: AthenaQuery) {
    guard !page.rows.isEmpty else { return }
    pages += 1
    // The page's columns name the SELECT's; their types come from the query.
    let types = Dictionary(query.columns.map { ($0.name.lowercased(), $0.type) }, uniquingKeysWith: { a, _ in a })
    let columns = page.columns.map { (name: $0, type: types[$0.lowercased()] ?? .scalar("string")) }
    let writer = AthenaRecordWriter(columns: columns, partitionKeys: [])
    var records: [UInt8] = []
    records.reserveCapacity(bytes.count)
    for row in page.rows { writer.append(row: row, page: bytes, to: &records) }
    let batch = RecordBatch(
      scan: RecordScanner.scan(records), source: "\(label) page \(pages)", ordinal: pages,
      detector: reporter.store.detector)
    reporter.batch(batch)
  }

  /// "12.3 MB scanned (about $0.00006), 2.1 s in the engine".
  static func statistics(_ execution: AthenaExecution) -> String {
    let bytes = execution.bytesScanned
    let billed = max(bytes, 10_000_000)
    let dollars = Double(billed) / 1e12 * dollarsPerTerabyte
    let size = ByteCountFormatter.string(fromByteCount: bytes, countStyle: .decimal)
    let seconds = String(format: "%.1f", Double(execution.engineMilliseconds) / 1000)
    return "\(size) scanned (about $\(String(format: dollars < 0.01 ? "%.5f" : "%.2f", dollars))), \(seconds) s in "
      + "the engine"
  }
}
