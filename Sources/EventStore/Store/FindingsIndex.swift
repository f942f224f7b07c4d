/// Which detection rules each loaded event matched, and each rule's events, kept in blocks so that a snapshot shares
/// everything but the newest block with the store (adding to a block a snapshot holds copies that block only).
/// Correlation rules' events are worked out over all loaded events and replaced as a whole when more arrive.
public struct FindingsIndex: Sendable {
  /// Per block of 4,096 rows: the rules of every row in one array, row `i`'s at `starts[i]..<starts[i + 1]`
  /// (`starts` stops after the last row that matched a rule).
  private struct Block: Sendable {
    var starts: [UInt32] = []
    var rules: [UInt16] = []
  }

  private var blocks: [Block] = []
  /// Per rule, its events' row ids in load order, in chunks of ``chunk``.
  private var byRule: [[[UInt32]]] = []
  /// How many events matched a rule (correlation rules aside).
  public private(set) var flaggedCount = 0
  /// Per correlation rule, its events (row ids in order) and their set.
  private var correlated: [(rule: Int, rows: [UInt32], set: RowSet)] = []

  static let chunk = 1 << 16
  static let shift = 12

  /// An empty index.
  public init() {}

  /// True when no event matched a rule.
  public var isEmpty: Bool { flaggedCount == 0 && correlated.isEmpty }

  /// Replaces correlation rule `rule`'s events with `rows` (row ids in increasing order).
  mutating func setCorrelated(rule: Int, rows: [UInt32]) {
    correlated.removeAll { $0.rule == rule }
    if !rows.isEmpty { correlated.append((rule, rows, RowSet(rows))) }
    correlated.sort { $0.rule < $1.rule }
  }

  /// Records that event `row` matched `rules` (rows are added in increasing order).
  mutating func add(row: UInt32, rules: ArraySlice<UInt16>) {
    let b = Int(row) >> Self.shift
    while blocks.count <= b { blocks.append(Block()) }
    let i = Int(row) & (1 << Self.shift - 1)
    while blocks[b].starts.count <= i { blocks[b].starts.append(UInt32(blocks[b].rules.count)) }
    blocks[b].rules.append(contentsOf: rules)
    blocks[b].starts.append(UInt32(blocks[b].rules.count))
    flaggedCount += 1
    for rule in rules {
      let r = Int(rule)
      while byRule.count <= r { byRule.append([]) }
      if byRule[r].last.map({ $0.count == Self.chunk }) ?? true { byRule[r].append([]) }
      byRule[r][byRule[r].count - 1].append(row)
    }
  }

  /// The rules event `row` matched (correlation rules last), or nil.
  public subscript(row: UInt32) -> [UInt16]? {
    let b = Int(row) >> Self.shift
    let i = Int(row) & (1 << Self.shift - 1)
    var found: [UInt16] = []
    if b < blocks.count, i + 1 < blocks[b].starts.count {
      found = Array(blocks[b].rules[Int(blocks[b].starts[i])..<Int(blocks[b].starts[i + 1])])
    }
    for events in correlated where events.set.contains(row) { found.append(UInt16(events.rule)) }
    return found.isEmpty ? nil : found
  }

  /// The rules with at least one event.
  public var rulesWithHits: [Int] {
    (byRule.indices.filter { !byRule[$0].isEmpty } + correlated.map(\.rule)).sorted()
  }

  /// How many events rule `rule` matched.
  public func count(ofRule rule: Int) -> Int {
    if let events = correlated.first(where: { $0.rule == rule }) { return events.rows.count }
    return rule < byRule.count ? byRule[rule].reduce(0) { $0 + $1.count } : 0
  }

  /// The events rule `rule` matched, in load order (a correlation rule's: in row order).
  public func rows(ofRule rule: Int) -> [UInt32] {
    if let events = correlated.first(where: { $0.rule == rule }) { return events.rows }
    return rule < byRule.count ? Array(byRule[rule].joined()) : []
  }

  /// Calls `body` with each chunk of rule `rule`'s events.
  func forEachChunk(ofRule rule: Int, _ body: ([UInt32]) -> Void) {
    if let events = correlated.first(where: { $0.rule == rule }) { return body(events.rows) }
    guard rule < byRule.count else { return }
    for chunk in byRule[rule] { body(chunk) }
  }
}
