/// Which detection rules each loaded event matched, and each rule's events, kept in blocks so that a snapshot shares
/// everything but the newest block with the store (adding to a block a snapshot holds copies that block only).
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
  /// How many events matched a rule.
  public private(set) var flaggedCount = 0

  static let chunk = 1 << 16
  static let shift = 12

  /// An empty index.
  public init() {}

  /// True when no event matched a rule.
  public var isEmpty: Bool { flaggedCount == 0 }

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

  /// The rules event `row` matched, or nil.
  public subscript(row: UInt32) -> [UInt16]? {
    let b = Int(row) >> Self.shift
    let i = Int(row) & (1 << Self.shift - 1)
    guard b < blocks.count, i + 1 < blocks[b].starts.count else { return nil }
    let (start, end) = (Int(blocks[b].starts[i]), Int(blocks[b].starts[i + 1]))
    return start < end ? Array(blocks[b].rules[start..<end]) : nil
  }

  /// The rules with at least one event.
  public var rulesWithHits: [Int] { byRule.indices.filter { !byRule[$0].isEmpty } }

  /// How many events rule `rule` matched.
  public func count(ofRule rule: Int) -> Int {
    rule < byRule.count ? byRule[rule].reduce(0) { $0 + $1.count } : 0
  }

  /// The events rule `rule` matched, in load order.
  public func rows(ofRule rule: Int) -> [UInt32] {
    rule < byRule.count ? Array(byRule[rule].joined()) : []
  }

  /// Calls `body` with each chunk of rule `rule`'s events.
  func forEachChunk(ofRule rule: Int, _ body: ([UInt32]) -> Void) {
    guard rule < byRule.count else { return }
    for chunk in byRule[rule] { body(chunk) }
  }
}
