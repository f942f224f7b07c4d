import CloudTrailModel

/// The part of a filter a load can apply before indexing: the tests on column fields and the time bounds.
///
/// A store that will only ever show one filter's events (print mode) leaves out, while batches are built, the records
/// that certainly fail these tests: they are neither interned nor indexed nor kept. The store's own filter still
/// runs over what is kept (search text, JSON paths, read/write), so what it shows is exactly what it would show had
/// everything been loaded.
public struct LoadFilter: Sendable {
  /// The column tests, as the store compiles them (their verdict tables unused: a batch keeps its own).
  var tests: [CompiledFilter.ColumnTest]
  var low: Int64?
  var high: Int64?

  /// The load-time part of `filter`; nil when it has none, or when it names rows or a detection rule (those need
  /// every event).
  public init?(_ filter: EventFilter) {
    guard filter.rows == nil, filter.rule == nil else { return nil }
    let compiled = CompiledFilter(filter, strings: StringTable())
    tests = compiled.columnTests
    low = compiled.low
    high = compiled.high
    if tests.isEmpty && low == nil && high == nil { return nil }
  }
}
