import CloudTrailModel

/// The part of a filter a load can apply before indexing: the tests on column fields and the time bounds.
///
/// A store that will only ever show one filter's events (print mode) leaves out, while batches are built, the records
/// that certainly fail these tests: they are neither interned nor indexed nor kept. The store's own filter still
/// runs over what is kept (search text, JSON paths, read/write), so what it shows is exactly what it would show had
/// everything been loaded.
public struct LoadFilter: Sendable {
  /// One rule over one or more columns (``CompiledFilter/ColumnTest``, without its table).
  struct Test: Sendable {
    var columns: [Int]
    var rule: FilterRule
    /// Every column must pass (`noneOf`), rather than any.
    var needsAll: Bool
  }

  var tests: [Test]
  var low: Int64?
  var high: Int64?

  /// The load-time part of `filter`; nil when it has none, or when it names rows or a detection rule (those need
  /// every event).
  public init?(_ filter: EventFilter) {
    guard filter.rows == nil, filter.rule == nil else { return nil }
    let compiled = CompiledFilter(filter, strings: StringTable())
    tests = compiled.columnTests.map { Test(columns: $0.columns, rule: $0.rule, needsAll: $0.needsAll) }
    low = compiled.low
    high = compiled.high
    if tests.isEmpty && low == nil && high == nil { return nil }
  }
}
