import AWSClient
import CloudTrailModel

/// The SELECT trailview sends to Athena for a CloudTrail table: every data column (structs, arrays and maps as
/// `CAST(col AS JSON)`), the partition keys constrained by the time window, and the filter's condition from
/// ``AthenaWhere``.
public struct AthenaQuery: Sendable, Equatable {
  /// The statement.
  public var sql: String
  /// The columns the rows come with, name and type, in order.
  public var columns: [(name: String, type: HiveType)]
  /// The partition constraint in words ("timestamp 2026/11/30 to 2026/12/03"), or why there is none.
  public var partitions: String
  /// True when the partition keys are constrained (the scan is limited to the window's days).
  public var partitionsConstrained: Bool
  /// The window, seconds since 1970.
  public var start: Int64
  /// The window's end, seconds since 1970.
  public var end: Int64

  /// The same statement.
  public static func == (a: AthenaQuery, b: AthenaQuery) -> Bool { a.sql == b.sql }

  /// The statement for `filter` over `database.table` (shape `table`), within `start...end` (seconds since 1970).
  public static func build(
    database: String, table name: String, shape table: AthenaTable, filter: EventFilter, start: Int64, end: Int64
  ) -> AthenaQuery {
    let keys = Set(table.partitionKeys.map { $0.name.lowercased() })
    let columns = table.columns.filter { !keys.contains($0.name.lowercased()) }.map {
      (name: $0.name, type: HiveType.parse($0.type))
    }
    let list = columns.map { column in
      let id = identifier(column.name)
      return column.type.isComplex ? "CAST(\(id) AS JSON) AS \(id)" : id
    }
    var bounded = filter
    bounded.window = (start, end)
    let remote = AthenaWhere.compile(bounded)
    let partition = partitionCondition(table, start: start, end: end)
    let condition = [partition.sql, remote.sql].compactMap { $0 }.joined(separator: " AND ")
    let sql =
      "SELECT \(list.joined(separator: ", ")) FROM \(identifier(database)).\(identifier(name)) WHERE \(condition)"
    return AthenaQuery(
      sql: sql, columns: columns, partitions: partition.words, partitionsConstrained: partition.sql != nil,
      start: start, end: end)
  }

  /// A quoted identifier (double quotes, a quote inside doubled): the same in Trino and DuckDB.
  static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  /// The condition on the partition keys for the days `start...end` touch, widened by a day either way (a log file
  /// is filed under the day it was written, which may follow its events' day): a date-projected key (its
  /// `projection.KEY.format` made of `yyyy`, `MM`, `dd` in that order with separators; `timestamp` as the documented
  /// table's `yyyy/MM/dd` when the table says nothing) as a range, or `year`, `month`, `day` keys as each day.
  static func partitionCondition(_ table: AthenaTable, start: Int64, end: Int64) -> (sql: String?, words: String) {
    let low = start - 86_400
    let high = end + 86_400
    let names = table.partitionKeys.map { $0.name }
    guard !names.isEmpty else { return (nil, "the table has no partitions: the scan reads all of it") }
    for key in names {
      let lower = key.lowercased()
      let format =
        table.parameters["projection.\(lower).format"] ?? table.parameters["projection.\(key).format"]
        ?? (lower == "timestamp" ? "yyyy/MM/dd" : nil)
      guard let format, let from = DateFormat.format(low, pattern: format),
        let to = DateFormat.format(high, pattern: format)
      else { continue }
      let sql = "\(identifier(key)) BETWEEN '\(AthenaWhere.quoted(from))' AND '\(AthenaWhere.quoted(to))'"
      return (sql, "partitions \(key) \(from) to \(to)")
    }
    let lowerNames = Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    if let year = lowerNames["year"], let month = lowerNames["month"], let day = lowerNames["day"] {
      let types = Dictionary(
        table.partitionKeys.map { ($0.name.lowercased(), $0.type.lowercased()) }, uniquingKeysWith: { a, _ in a })
      return (
        dayList(low, high, keys: (year, month, day), types: types),
        "partitions \(year)/\(month)/\(day) \(DateFormat.format(low, pattern: "yyyy/MM/dd") ?? "") to "
          + (DateFormat.format(high, pattern: "yyyy/MM/dd") ?? "")
      )
    }
    return (nil, "partitions \(names.joined(separator: ", ")) are not dates trailview knows: the scan is not narrowed")
  }

  /// `(year = '2026' AND month = '11' AND day IN ('30')) OR ...` for each month `low...high` touches (a year range
  /// beyond 400 days).
  static func dayList(
    _ low: Int64, _ high: Int64, keys: (year: String, month: String, day: String), types: [String: String]
  ) -> String {
    func value(_ number: Int, _ key: String, digits: Int) -> String {
      let type = types[key.lowercased()] ?? "string"
      if type.hasPrefix("int") || type == "bigint" || type == "smallint" { return String(number) }
      let text = String(number)
      return "'" + String(repeating: "0", count: max(0, digits - text.count)) + text + "'"
    }
    let y = identifier(keys.year)
    let m = identifier(keys.month)
    let d = identifier(keys.day)
    guard high - low <= 400 * 86_400 else {
      let (y1, _, _) = DateFormat.civil(low)
      let (y2, _, _) = DateFormat.civil(high)
      return "\(y) BETWEEN \(value(y1, keys.year, digits: 4)) AND \(value(y2, keys.year, digits: 4))"
    }
    var months: [(year: Int, month: Int, days: [Int])] = []
    var t = low - ((low % 86_400) + 86_400) % 86_400
    while t <= high {
      let (year, month, day) = DateFormat.civil(t)
      if let last = months.last, last.year == year, last.month == month {
        months[months.count - 1].days.append(day)
      } else {
        months.append((year, month, [day]))
      }
      t += 86_400
    }
    let parts = months.map { month in
      let days = month.days.map { value($0, keys.day, digits: 2) }.joined(separator: ", ")
      return
        "(\(y) = \(value(month.year, keys.year, digits: 4)) AND \(m) = \(value(month.month, keys.month, digits: 2))"
        + " AND \(d) IN (\(days)))"
    }
    return "(" + parts.joined(separator: " OR ") + ")"
  }
}

/// Dates in a partition projection's format.
enum DateFormat {
  /// `seconds` (UTC) in `pattern` when the pattern is made only of `yyyy`, then optionally `MM`, then optionally
  /// `dd` (so that text order is time order) and separators; nil otherwise.
  static func format(_ seconds: Int64, pattern: String) -> String? {
    let (year, month, day) = civil(seconds)
    var out = ""
    var rest = Substring(pattern)
    var order = 0
    while let c = rest.first {
      let fields: [(String, Int, Int)] = [("yyyy", 1, year), ("MM", 2, month), ("dd", 3, day)]
      if let (token, rank, value) = fields.first(where: { rest.hasPrefix($0.0) }) {
        guard rank == order + 1 else { return nil }
        order = rank
        let text = String(value)
        out += String(repeating: "0", count: max(0, token.count - text.count)) + text
        rest = rest.dropFirst(token.count)
      } else if c.isLetter || c == "'" {
        return nil
      } else {
        out.append(c)
        rest = rest.dropFirst()
      }
    }
    return order > 0 ? out : nil
  }

  /// The UTC calendar date of `seconds` since 1970 (proleptic Gregorian).
  static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int) {
    let days = (seconds - ((seconds % 86_400) + 86_400) % 86_400) / 86_400
    let date = EventTime.civilFromDays(days)
    return (Int(date.year), date.month, date.day)
  }

}
