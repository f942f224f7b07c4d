import AWSClient
import Foundation
import Testing

@testable import EventStore

/// The statement trailview sends to Athena: partition keys constrained by the window's days (checked against
/// Foundation's calendar), every data column selected, structs as JSON.
struct AthenaQueryTests {
  static func day(_ seconds: Int64, _ format: String) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = format
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  @Test func projectionFormatsMatchFoundationsCalendar() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let t = Int64.random(in: -2_000_000_000...8_000_000_000, using: &generator)
      for format in ["yyyy/MM/dd", "yyyy-MM-dd", "yyyyMMdd", "yyyy/MM"] {
        #expect(DateFormat.format(t, pattern: format) == Self.day(t, format), "\(t) \(format)")
      }
    }
    for unordered in ["dd/MM/yyyy", "MM-dd", "yyyy/MM/dd HH", "'x'yyyy", "nothing"] {
      #expect(DateFormat.format(0, pattern: unordered) == nil, "\(unordered)")
    }
  }

  static func table(keys: [(String, String)], parameters: [String: String] = [:]) -> AthenaTable {
    AthenaTable(
      columns: [("eventid", "string"), ("useridentity", "struct<type:string>")] + keys, partitionKeys: keys,
      parameters: parameters)
  }

  @Test func partitionKeysAreConstrainedByTheWindowsDaysOneEitherSide() throws {
    let start = Int64(1_717_113_600)  // 2024-05-31T00:00:00Z
    let end = start + 2 * 86_400 - 1  // through 2024-06-01
    let documented = AthenaQuery.partitionCondition(
      Self.table(keys: [("timestamp", "string")]), start: start, end: end)
    #expect(documented.sql == "\"timestamp\" BETWEEN '2024/05/30' AND '2024/06/02'")
    let projected = AthenaQuery.partitionCondition(
      Self.table(keys: [("dt", "string")], parameters: ["projection.dt.format": "yyyy-MM-dd"]), start: start, end: end)
    #expect(projected.sql == "\"dt\" BETWEEN '2024-05-30' AND '2024-06-02'")
    let ymd = AthenaQuery.partitionCondition(
      Self.table(keys: [("region", "string"), ("year", "string"), ("month", "string"), ("day", "string")]),
      start: start, end: end)
    #expect(
      ymd.sql
        == "((\"year\" = '2024' AND \"month\" = '05' AND \"day\" IN ('30', '31')) OR (\"year\" = '2024' AND "
        + "\"month\" = '06' AND \"day\" IN ('01', '02')))")
    let integers = AthenaQuery.partitionCondition(
      Self.table(keys: [("year", "int"), ("month", "int"), ("day", "int")]), start: start, end: start)
    #expect(
      integers.sql == "((\"year\" = 2024 AND \"month\" = 5 AND \"day\" IN (30, 31)) OR (\"year\" = 2024 AND "
        + "\"month\" = 6 AND \"day\" IN (1)))")
    let none = AthenaQuery.partitionCondition(Self.table(keys: []), start: start, end: end)
    #expect(none.sql == nil && none.words.contains("no partitions"))
    let unknown = AthenaQuery.partitionCondition(Self.table(keys: [("shard", "string")]), start: start, end: end)
    #expect(unknown.sql == nil && unknown.words.contains("shard"))
  }

  @Test func theStatementSelectsEveryColumnAndQuotesNames() {
    let table = AthenaTable(
      columns: [("eventid", "string"), ("useridentity", "struct<type:string>"), ("timestamp", "string")],
      partitionKeys: [("timestamp", "string")], parameters: [:])
    let query = AthenaQuery.build(
      database: "my\"db", table: "logs", shape: table, filter: EventFilter([Predicate(.eventName, .equals("Get*"))]),
      start: 1_717_113_600, end: 1_717_113_600)
    #expect(
      query.sql.hasPrefix(
        "SELECT \"eventid\", CAST(\"useridentity\" AS JSON) AS \"useridentity\" FROM "
          + "\"my\"\"db\".\"logs\" WHERE \"timestamp\" BETWEEN '2024/05/30' AND '2024/06/01' AND "))
    #expect(query.sql.contains("lower(eventname) LIKE 'get%'"))
    #expect(query.columns.map(\.name) == ["eventid", "useridentity"] && query.partitionsConstrained)
  }
}
