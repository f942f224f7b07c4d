import AWSClient
import ArgumentParser
import CloudTrailModel
import EventStore
import Foundation
import Synchronization
import TrailviewDemo

/// `query`: the remote query sources' own work on result pages, without a network or an engine: generated records
/// made into Athena and CloudTrail Lake GetQueryResults pages of 1,000 rows, then (1) rows turned back into records
/// and indexed, per second, and (2) the time from a query's start to the first rows in a published snapshot, with an
/// engine that answers at once (so all of it is trailview's own time).
struct QueryBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query", abstract: "Time turning Athena and Lake result pages into records, and the first rows.")

  @Option(help: "Rows in all.")
  var rows = 100_000

  @Option(help: "Rounds (the best is reported).")
  var rounds = 3

  func run() throws {
    var records: [[String: Any]] = []
    var week: Int64 = 0
    while records.count < rows {
      for json in DemoAccount.records(now: 1_793_491_200 - week * 604_800, seed: UInt64(week + 1)) {
        if let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] { records.append(object) }
      }
      week += 1
    }
    records.removeLast(records.count - rows)
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(AWSCredentials(accessKeyId: "AKID", secretAccessKey: "unused")))
    let athena = AthenaEngine(
      database: "db", table: "t", place: AthenaPlace(database: "db", workgroup: nil, outputLocation: nil),
      client: client)
    let lake = LakeEngine(store: "EDS", client: client)
    for (name, engine, columns, page) in [
      ("Athena", athena as any QueryEngine, AthenaTable.documentedCloudTrail.columns.map(\.name), Pages.athena),
      ("CloudTrail Lake", lake as any QueryEngine, LakeEngine.lakeColumns.map(\.name), Pages.lake),
    ] {
      let plan = engine.plan(EventFilter(), start: 0, end: 1)
      let pages = stride(from: 0, to: records.count, by: 1000).map { start in
        page(Array(records[start..<min(start + 1000, records.count)]), columns, start == 0)
      }
      let bytes = pages.reduce(0) { $0 + $1.count }
      var best = Double.infinity
      for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        var count = 0
        for (i, page) in pages.enumerated() {
          let out = try engine.records(page, first: i == 0, plan: plan)
          let scan = RecordScanner.scan(out.records)
          count += scan.records.count
        }
        precondition(count == records.count, "\(name): \(count) of \(records.count) rows read back")
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
      let first = firstRows(engine, pages: pages)
      print(
        String(
          format: "%@: %d rows in %d pages (%.1f MB): %.3f s, %.0f rows/s, %.2f ms a page; first rows published "
            + "%.1f ms after the query started (median of 5), all %.0f ms",
          name, records.count, pages.count, Double(bytes) / 1e6, best, Double(records.count) / best,
          best * 1000 / Double(pages.count), first.first, first.all))
    }
  }

  /// The milliseconds from a query's start to the first snapshot holding rows, and to the last, with an engine that
  /// answers at once (median of five runs).
  func firstRows(_ inner: any QueryEngine, pages: [[UInt8]]) -> (first: Double, all: Double) {
    var firsts: [Double] = []
    var alls: [Double] = []
    for _ in 0..<5 {
      let collector = SnapshotCollector()
      let store = EventStore { collector.take($0) }
      let source = QuerySource(
        engine: InstantEngine(inner: inner, pages: pages), window: (0, 1), into: store,
        approval: { _, reply in reply(true) })
      let start = DispatchTime.now().uptimeNanoseconds
      source.start(filter: EventFilter())
      _ = collector.wait { $0.total > 0 }
      firsts.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      _ = collector.waitFinished()
      alls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return (firsts.sorted()[2], alls.sorted()[2])
  }
}

/// GetQueryResults pages as the services write them.
enum Pages {
  /// A cell's text as the tables hold it: strings as they are, structs and maps as JSON with lower-case keys.
  static func text(_ value: Any?, lowerKeys: Bool) -> String? {
    guard let value, !(value is NSNull) else { return nil }
    if let text = value as? String { return text }
    if let flag = value as? Bool { return flag ? "true" : "false" }
    func lowered(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return Dictionary(object.map { ($0.key.lowercased(), lowered($0.value)) }, uniquingKeysWith: { a, _ in a })
      }
      if let array = value as? [Any] { return array.map(lowered) }
      return value
    }
    let shaped = lowerKeys ? lowered(value) : value
    let data = (try? JSONSerialization.data(withJSONObject: shaped, options: [.fragmentsAllowed])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  static func cells(_ record: [String: Any], _ columns: [String]) -> [String?] {
    let lower = Dictionary(record.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    let structs: Set = ["useridentity", "resources", "addendum", "tlsdetails"]
    return columns.map { text(lower[$0], lowerKeys: structs.contains($0)) }
  }

  /// `{"ResultSet":{"Rows":[…],"ResultSetMetadata":{…}}}`, the first page with its header row.
  static func athena(_ records: [[String: Any]], _ columns: [String], _ first: Bool) -> [UInt8] {
    var rows: [[String: Any]] = first ? [["Data": columns.map { ["VarCharValue": $0] }]] : []
    for record in records {
      rows.append(["Data": cells(record, columns).map { $0.map { ["VarCharValue": $0] } ?? [:] }])
    }
    let page: [String: Any] = [
      "ResultSet": ["Rows": rows, "ResultSetMetadata": ["ColumnInfo": columns.map { ["Name": $0] }]],
      "NextToken": "next",
    ]
    return Array((try? JSONSerialization.data(withJSONObject: page)) ?? Data())
  }

  /// `{"QueryStatus":"FINISHED","QueryResultRows":[[{"col":"value"},…],…]}` (Lake's time as `YYYY-MM-DD HH:MM:SS.000`).
  static func lake(_ records: [[String: Any]], _ columns: [String], _ first: Bool) -> [UInt8] {
    let rows = records.map { record in
      zip(columns, cells(record, columns)).compactMap { column, value -> [String: String]? in
        guard var value else { return nil }
        if column == "eventtime" {
          value = value.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ".000")
        }
        return [column: value]
      }
    }
    let page: [String: Any] = ["QueryStatus": "FINISHED", "QueryResultRows": rows, "NextToken": "next"]
    return Array((try? JSONSerialization.data(withJSONObject: page)) ?? Data())
  }
}

/// An engine that answers at once from pages in memory (the rows decoded by `inner`).
final class InstantEngine: QueryEngine {
  let inner: any QueryEngine
  let pages: [[UInt8]]
  /// Pages read so far (the source reads them in order).
  private let read = Mutex(0)

  init(inner: any QueryEngine, pages: [[UInt8]]) {
    self.inner = inner
    self.pages = pages
  }

  var label: String { inner.label }
  var service: String { inner.service }
  func prepare(_ done: @escaping @Sendable (String?) -> Void) { done(nil) }
  func plan(_ filter: EventFilter, start: Int64, end: Int64) -> QueryPlan { inner.plan(filter, start: start, end: end) }
  func start(_ sql: String, _ done: @escaping @Sendable (Result<String, AWSError>) -> Void) { done(.success("q")) }
  func poll(_ id: String, _ done: @escaping @Sendable (Result<QueryProgress, AWSError>) -> Void) {
    done(.success(QueryProgress(state: .finished, statistics: "")))
  }
  func page(_ id: String, token: String?, _ done: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void) {
    done(.success(pages[Int(token ?? "0") ?? 0]))
  }
  func records(_ page: [UInt8], first: Bool, plan: QueryPlan) throws(ResultsPageError)
    -> (records: [UInt8], rows: Int, next: String?)
  {
    let out = try inner.records(page, first: first, plan: plan)
    let index = read.withLock { count in
      defer { count += 1 }
      return count
    }
    return (out.records, out.rows, index + 1 < pages.count ? String(index + 1) : nil)
  }
  func stop(_ id: String, _ done: @escaping @Sendable () -> Void) { done() }
}
