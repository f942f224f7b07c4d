import CSearch
import CloudTrailModel

/// A filter resolved against the store: per-id verdict tables for column fields (matching a row is a few array
/// reads), bounds for the time, the accepted read/write kinds (reads, writes, and Insights events, which are neither),
/// and tests on the raw record for everything else.
struct CompiledFilter {
  /// One rule over one or more columns, with a verdict per string id.
  ///
  /// With several columns (the user: its name, role and ARN), a row passes when the rule passes on any of them;
  /// for a `noneOf` rule, on all of them.
  struct ColumnTest {
    var columns: [Int]
    var rule: FilterRule
    /// 1 when the string with that id passes the rule (only ids used in these columns are evaluated).
    var table: [UInt8]

    func verdict(_ value: String) -> UInt8 { rule.passes(value) ? 1 : 0 }

    /// True when a row must pass on every column (`noneOf`) rather than on any.
    var needsAll: Bool {
      if case .noneOf = rule { return true }
      return false
    }

    /// The row's verdict from its ids in ``columns``.
    @inline(__always) func passes(_ id: (Int) -> UInt32) -> Bool {
      if columns.count == 1 { return table[Int(id(columns[0]))] != 0 }
      if needsAll { return columns.allSatisfy { table[Int(id($0))] != 0 } }
      return columns.contains { table[Int(id($0))] != 0 }
    }
  }

  /// Rules on values read from the raw record (on-demand fields, JSON paths, times as text).
  struct RowTest {
    var source: RowValues
    var rules: [FilterRule]
  }

  /// Where a row test's values come from.
  enum RowValues {
    case path(JSONPath)
    case time
  }

  var columnTests: [ColumnTest] = []
  var rowTests: [RowTest] = []
  var low: Int64?
  var high: Int64?
  /// Which read/write kinds pass: bit 1 reads, bit 2 writes, bit 4 neither (Insights events; 7: no test).
  var readWrite: UInt8 = 7
  /// The texts every record must contain (ASCII case folded).
  var needles: [[UInt8]] = []
  /// Only these rows (marked events), when set.
  var rows: RowSet?
  /// Only the events of this detection rule, and those known when the filter was compiled (rows loaded later are
  /// checked by the store against its findings).
  var rule: (index: UInt16, rows: RowSet)?

  /// Compiles `filter`. `columnIDs` lists, per column, the string ids used in it (the only ones evaluated);
  /// ``noteRole(_:column:strings:)`` evaluates an id that appears in a column later.
  init(_ filter: EventFilter, strings: StringTable, columnIDs: [[UInt32]] = []) {
    rows = filter.rows.map(RowSet.init)
    var groups: [Predicate.Target: [Predicate]] = [:]
    var order: [Predicate.Target] = []
    for predicate in filter.predicates {
      if groups[predicate.target] == nil { order.append(predicate.target) }
      groups[predicate.target, default: []].append(predicate)
    }
    for target in order {
      let predicates = groups[target]!
      switch target {
      case .text:
        for p in predicates {
          switch p.test {
          case .contains(let text), .equals(let text): needles.append(Array(text.utf8).map(Pattern.lowerASCII))
          default: break
          }
        }
      case .path(let path):
        rowTests.append(RowTest(source: .path(path), rules: FilterRule.rules(for: predicates)))
      case .field(let field):
        compile(field, predicates, strings: strings, columnIDs: columnIDs)
      }
    }
  }

  private mutating func compile(
    _ field: Field, _ predicates: [Predicate], strings: StringTable, columnIDs: [[UInt32]]
  ) {
    let rules = FilterRule.rules(for: predicates)
    switch field.spec.source {
    case .time:
      for p in predicates {
        if case .between(let a, let b) = p.test {
          if let a { low = max(low ?? a, a) }
          if let b { high = min(high ?? b, b) }
        }
      }
      if !rules.isEmpty { rowTests.append(RowTest(source: .time, rules: rules)) }
    case .readOnly:
      guard !rules.isEmpty else { return }
      // The kinds pass as their `readOnly` text does: "true", "false", and "" for Insights events.
      let read = rules.allSatisfy { $0.passes("true") }
      let write = rules.allSatisfy { $0.passes("false") }
      let neither = rules.allSatisfy { $0.passes("") }
      readWrite &= (read ? 1 : 0) | (write ? 2 : 0) | (neither ? 4 : 0)
    case .onDemand:
      if let path = JSONPath(field.spec.path), !rules.isEmpty {
        rowTests.append(RowTest(source: .path(path), rules: rules))
      }
    case .slot, .slotOr, .user, .role, .mfa, .issuedKey:
      // A user matches by its name, the role behind it, or its ARN.
      let fields: [Field] = field == .user ? [.user, .role, .arn] : [field]
      let columns = fields.compactMap(\.columnIndex)
      for rule in rules {
        var test = ColumnTest(columns: columns, rule: rule, table: [UInt8](repeating: 0, count: strings.count))
        test.table[0] = test.verdict("")
        if columns.allSatisfy({ $0 < columnIDs.count }) {
          for column in columns {
            for id in columnIDs[column] where id > 0 { test.table[Int(id)] = test.verdict(strings[id]) }
          }
        } else {
          for id in 1..<max(1, strings.count) { test.table[id] = test.verdict(strings[UInt32(id)]) }
        }
        columnTests.append(test)
      }
    }
  }

  /// Evaluates the tests on `column` for `id`, which has just appeared in that column.
  mutating func noteRole(_ id: UInt32, column: Int, strings: StringTable) {
    for k in columnTests.indices where columnTests[k].columns.contains(column) && Int(id) < columnTests[k].table.count {
      columnTests[k].table[Int(id)] = columnTests[k].verdict(strings[id])
    }
  }

  /// Makes room in the tables for strings added to the table since the last call.
  mutating func extend(to strings: StringTable) {
    for k in columnTests.indices where columnTests[k].table.count < strings.count {
      columnTests[k].table.append(contentsOf: repeatElement(0, count: strings.count - columnTests[k].table.count))
    }
  }

  /// True when some test runs on the columns (time, read/write, column fields).
  var hasColumnTests: Bool {
    low != nil || high != nil || readWrite != 7 || !columnTests.isEmpty || rows != nil || rule != nil
  }

  /// True when some test needs the raw record.
  var hasRecordTests: Bool { !needles.isEmpty || !rowTests.isEmpty }

  /// True when row `id` passes every column test.
  func matchesColumns(_ id: UInt32, in columns: EventColumns) -> Bool {
    let time = columns.time(id)
    if let low, time < low { return false }
    if let high, time > high { return false }
    if readWrite != 7 && readWrite & Self.kind(columns.flags(id).rawValue) == 0 { return false }
    if let rows, !rows.contains(id) { return false }
    for test in columnTests where !test.passes({ columns.value(id, column: $0) }) { return false }
    return true
  }

  /// True when the record passes the tests on its raw bytes.
  func matchesRecord(_ bytes: ArraySlice<UInt8>, time: Int64) -> Bool {
    for needle in needles where !Self.contains(bytes, needle: needle) { return false }
    for test in rowTests {
      let values: [String]
      switch test.source {
      case .path(let path): values = path.values(in: bytes)
      case .time: values = time == EventSummary.unknownTime ? [] : [EventTime.formatISO(time)]
      }
      for rule in test.rules where !rule.passes(values) { return false }
    }
    return true
  }

  /// Writes ``matchesColumns(_:in:)`` (1 or 0) for one block's rows into `out[base...]`, one test at a time.
  func fillMask(_ out: UnsafeMutableBufferPointer<UInt8>, from base: Int, block: ColumnBlock) {
    let n = block.count
    let o = UnsafeMutableBufferPointer(rebasing: out[base..<base + n])
    if low != nil || high != nil {
      let low = low ?? .min
      let high = high ?? .max
      block.time.withUnsafeBufferPointer { time in
        for i in 0..<n { o[i] = time[i] >= low && time[i] <= high ? 1 : 0 }
      }
    } else {
      o.update(repeating: 1)
    }
    if readWrite != 7 {
      let pass = (0...UInt8.max).map { readWrite & Self.kind($0) == 0 ? UInt8(0) : 1 }  // per flags byte
      block.flags.withUnsafeBufferPointer { flags in
        for i in 0..<n { o[i] &= pass[Int(flags[i])] }
      }
    }
    for test in columnTests {
      if test.columns.count == 1 {
        let values = block.values[test.columns[0]]
        test.table.withUnsafeBufferPointer { table in
          if values.isEmpty {
            if table[0] == 0 { o.update(repeating: 0) }
            return
          }
          values.withUnsafeBufferPointer { ids in
            for i in 0..<n { o[i] &= table[Int(ids[i])] }
          }
        }
      } else {
        // Several columns: combine their verdicts (any, or all for noneOf) into one row verdict.
        var combined = [UInt8](repeating: test.needsAll ? 1 : 0, count: n)
        for column in test.columns {
          let values = block.values[column]
          for i in 0..<n {
            let v = test.table[Int(values.isEmpty ? 0 : values[i])]
            if test.needsAll { combined[i] &= v } else { combined[i] |= v }
          }
        }
        for i in 0..<n { o[i] &= combined[i] }
      }
    }
    if let rows {
      for i in 0..<n where o[i] != 0 && !rows.contains(UInt32(base + i)) { o[i] = 0 }
    }
    if let rule {
      for i in 0..<n where o[i] != 0 && !rule.rows.contains(UInt32(base + i)) { o[i] = 0 }
    }
  }

  /// The read/write kind bit of a row's flags: 1 read, 2 write, 4 neither (an Insights event).
  static func kind(_ flags: UInt8) -> UInt8 {
    if flags & EventFlags.insight.rawValue != 0 { return 4 }
    return flags & EventFlags.readOnly.rawValue != 0 ? 1 : 2
  }

  /// True when the record bytes contain the needle (lowercase), ignoring ASCII case (``trailview_contains_folded``:
  /// sixteen start positions per step).
  static func contains(_ haystack: ArraySlice<UInt8>, needle: [UInt8]) -> Bool {
    haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { needle in
        trailview_contains_folded(hay.baseAddress, hay.count, needle.baseAddress, needle.count) != 0
      }
    }
  }
}
