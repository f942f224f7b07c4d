import AWSClient
import CloudTrailModel
import Foundation
import Synchronization

/// A CloudTrail Lake event data store (`lake://ID` or `lake://ARN`) as a ``QueryEngine``: the store's name and
/// retention from ListEventDataStores, one SELECT per filter over the documented event schema (``lakeColumns``, the
/// condition from ``AthenaWhere`` in its Lake dialect), StartQuery, DescribeQuery (events matched, bytes scanned),
/// GetQueryResults pages, CancelQuery.
public final class LakeEngine: QueryEngine {
  let store: String
  let client: CloudTrailClient
  let pageSize: Int
  private let described = Mutex<EventDataStoreInfo?>(nil)
  /// Whether the optional columns are asked for (until a query fails for want of one).
  private let withOptional = Mutex(true)

  /// Lake's price per terabyte scanned ($0.005 per GB), for the running estimate.
  public static let dollarsPerTerabyte = 5.0

  /// The columns of the documented CloudTrail event schema that make a record (the rest are not fetched).
  public static let lakeColumns: [(name: String, type: HiveType)] = [
    ("eventversion", "string"),
    (
      "useridentity",
      "struct<type:string,principalid:string,arn:string,accountid:string,accesskeyid:string,username:string,"
        + "sessioncontext:struct<attributes:struct<creationdate:timestamp,mfaauthenticated:string>,"
        + "sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,"
        + "webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>,"
        + "sourceidentity:string,ec2roledelivery:string,ec2issuedinvpc:string>,invokedby:string,"
        + "identityprovider:string>"
    ),
    ("eventtime", "timestamp"), ("eventsource", "string"), ("eventname", "string"), ("awsregion", "string"),
    ("sourceipaddress", "string"), ("useragent", "string"), ("errorcode", "string"), ("errormessage", "string"),
    ("requestparameters", "map<string,string>"), ("responseelements", "map<string,string>"),
    ("additionaleventdata", "map<string,string>"), ("requestid", "string"), ("eventid", "string"),
    ("readonly", "boolean"), ("resources", "array<struct<accountid:string,type:string,arn:string,arnprefix:string>>"),
    ("eventtype", "string"), ("apiversion", "string"), ("managementevent", "boolean"),
    ("recipientaccountid", "string"), ("sharedeventid", "string"), ("vpcendpointid", "string"),
    ("eventcategory", "string"),
  ].map { ($0.0, HiveType.parse($0.1)) }

  /// Columns of the documented schema that not every store may have (a query naming a column a store lacks fails):
  /// asked for until a query fails for want of one, then left out.
  public static let optionalColumns: [(name: String, type: HiveType)] = [
    ("vpcendpointaccountid", "string"), ("serviceeventdetails", "map<string,string>"),
    ("addendum", "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>"),
    ("sessioncredentialfromconsole", "string"),
    ("tlsdetails", "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>"),
  ].map { ($0.0, HiveType.parse($0.1)) }

  /// An engine for the store `store` (an ID or an ARN) over `client` (CloudTrail in the store's region), `pageSize`
  /// rows a page.
  public init(store: String, client: CloudTrailClient, pageSize: Int = 1000) {
    self.store = store
    self.client = client
    self.pageSize = pageSize
  }

  /// `lake://ID` or `lake://ARN` as the ID or ARN; an empty string for `lake://` (list the stores); nil when `text`
  /// is not one or the ID holds anything but letters, digits and `-` (it goes into the statement as it is).
  public static func parse(_ text: String) -> String? {
    guard text.hasPrefix("lake://") else { return nil }
    let store = String(text.dropFirst(7))
    let id = EventDataStoreInfo.id(store)
    guard store.isEmpty || (!id.isEmpty && id.utf8.allSatisfy { isIDByte($0) }) else { return nil }
    return store
  }

  static func isIDByte(_ b: UInt8) -> Bool {
    (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D
  }

  /// The store's ID.
  var id: String { EventDataStoreInfo.id(store) }

  /// `lake://ID`.
  public var label: String { "lake://\(id)" }
  /// "CloudTrail Lake".
  public var service: String { "CloudTrail Lake" }

  /// Finds the store in ListEventDataStores (its name, status and retention for the question).
  public func prepare(_ done: @escaping @Sendable (String?) -> Void) {
    Self.allStores(client) { [self] result in
      switch result {
      case .success(let stores):
        guard let found = stores.first(where: { $0.id == id }) else {
          return done("\(label): ListEventDataStores does not list this store; querying it anyway")
        }
        described.withLock { $0 = found }
        done(nil)
      case .failure(let error):
        done("\(label): ListEventDataStores failed (\(error.explanation)); querying the store anyway")
      }
    }
  }

  /// Every page of ListEventDataStores.
  public static func allStores(
    _ client: CloudTrailClient, token: String? = nil, found: [EventDataStoreInfo] = [],
    _ done: @escaping @Sendable (Result<[EventDataStoreInfo], AWSError>) -> Void
  ) {
    client.listEventDataStores(nextToken: token) { result in
      switch result {
      case .failure(let error): done(.failure(error))
      case .success(let page):
        if let next = page.next, next != token {
          allStores(client, token: next, found: found + page.stores, done)
        } else {
          done(.success(found + page.stores))
        }
      }
    }
  }

  /// The SELECT for `filter` within `start...end` and the question asked before the first.
  public func plan(_ filter: EventFilter, start: Int64, end: Int64) -> QueryPlan {
    var bounded = filter
    bounded.window = (start, end)
    let condition = AthenaWhere.compile(bounded, dialect: .lake)
    let columns = Self.lakeColumns + (withOptional.withLock { $0 } ? Self.optionalColumns : [])
    let list = columns.map { column in
      let name = AthenaQuery.identifier(column.name)
      return column.type.isComplex ? "CAST(\(name) AS JSON) AS \(name)" : name
    }
    let sql = "SELECT \(list.joined(separator: ", ")) FROM \(id) WHERE \(condition.sql)"
    var what = "the event data store \(id)"
    if let info = described.withLock({ $0 }) {
      what = "the event data store \"\(info.name)\" (\(id)"
      if let days = info.retentionDays { what += ", events kept \(days) days" }
      what += ")"
    }
    let summary =
      "CloudTrail Lake scans \(what) from \(EventTime.formatISO(start)) to \(EventTime.formatISO(end)). Lake "
      + "charges about $0.005 per GB scanned ($\(Int(Self.dollarsPerTerabyte)) per TB)."
    return QueryPlan(sql: sql, summary: summary, columns: columns)
  }

  /// StartQuery.
  public func start(_ sql: String, _ done: @escaping @Sendable (Result<String, AWSError>) -> Void) {
    client.startQuery(sql, completion: done)
  }

  /// DescribeQuery: the status, the events matched and the bytes scanned with their price.
  public func poll(_ id: String, _ done: @escaping @Sendable (Result<QueryProgress, AWSError>) -> Void) {
    client.describeQuery(id) { result in
      done(
        result.map { query in
          let seconds = String(format: "%.1f", Double(query.executionMilliseconds) / 1000)
          let statistics =
            "\(query.eventsMatched) events matched of \(query.eventsScanned) scanned, "
            + scanCost(query.bytesScanned, dollarsPerTerabyte: Self.dollarsPerTerabyte, minimumBytes: 0)
            + ", \(seconds) s"
          let state: QueryProgress.State
          switch query.status {
          case "FINISHED": state = .finished
          case "FAILED", "CANCELLED", "TIMED_OUT":
            state = .ended(
              query.status.lowercased().replacingOccurrences(of: "_", with: " "),
              reason: query.errorMessage ?? "no reason given")
          default: state = .running(query.status.lowercased())
          }
          return QueryProgress(state: state, statistics: statistics)
        })
    }
  }

  /// GetQueryResults, one page.
  public func page(_ id: String, token: String?, _ done: @escaping @Sendable (Result<[UInt8], AWSError>) -> Void) {
    client.getLakeQueryResults(id, nextToken: token, maxResults: pageSize, completion: done)
  }

  /// The page's rows as records.
  public func records(_ bytes: [UInt8], first: Bool, plan: QueryPlan) throws(ResultsPageError)
    -> (records: [UInt8], rows: Int, next: String?)
  {
    let page = try LakeResultsPage.read(bytes, expected: plan.columns.map(\.name))
    let out = writeRecords(page.rows, columns: page.columns, page: bytes, plan: plan)
    return (out, page.rows.count, page.nextToken)
  }

  /// After a failure that names one of the optional columns: leaves them out from now on (true, once).
  public func replan(after reason: String) -> Bool {
    let lower = reason.lowercased()
    guard Self.optionalColumns.contains(where: { lower.contains($0.name) }) else { return false }
    return withOptional.withLock { asked in
      defer { asked = false }
      return asked
    }
  }

  /// CancelQuery.
  public func stop(_ id: String, _ done: @escaping @Sendable () -> Void) {
    client.cancelQuery(id) { _ in done() }
  }
}
