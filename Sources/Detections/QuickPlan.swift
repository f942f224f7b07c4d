import CloudTrailModel

/// An answer that may not be known yet.
enum Tri: UInt8, Sendable {
  case no = 1
  case yes = 2
  case unknown = 3

  init(_ value: Bool) { self = value ? .yes : .no }

  var negated: Tri {
    switch self {
    case .no: return .yes
    case .yes: return .no
    case .unknown: return .unknown
    }
  }
}

/// The rules flattened for the detector's first pass: every test on a field the scanner already located (a
/// ``ScanSlot`` path) is decided from that slot's value, remembered per distinct value, and every other test is
/// unknown. A rule whose condition comes out yes or no from those alone is decided without reading the record;
/// the rest are read in full (Kleene's three-valued logic keeps the first pass exact).
///
/// The plan is plain numbers in flat arrays (the tests themselves are read only when a record is), so that the loop
/// over records touches few reference counts.
struct QuickPlan: Sendable {
  /// One test of an alternative: decided from a slot (`test` numbers ``slotTests``), or -1 when only the record
  /// can tell.
  struct Step: Sendable {
    var slot: Int8
    var test: Int32
  }

  /// A range of another table.
  struct Span: Sendable {
    var start: Int32
    var end: Int32
  }

  /// One node of a condition: its parts are `parts[start..<end]` (node numbers) for `and`, `or` and `not`, and the
  /// search number is `start` for a search.
  struct Node: Sendable {
    enum Kind: UInt8, Sendable { case search, not, and, or, never }
    var kind: Kind
    var start: Int32
    var end: Int32
  }

  private(set) var steps: [Step] = []
  /// Per step, its test (read from the record when the slot cannot answer).
  private(set) var tests: [SigmaFieldTest] = []
  private(set) var alternatives: [Span] = []
  private(set) var searches: [Span] = []
  private(set) var nodes: [Node] = []
  private(set) var parts: [Int32] = []
  /// Per rule, the node number of its condition.
  private(set) var roots: [Int32] = []
  /// The tests decided from slots, with their slot.
  private(set) var slotTests: [(slot: ScanSlot, test: SigmaFieldTest)] = []
  /// Per slot test, its answer when the field is missing.
  private(set) var whenMissing: [Tri] = []

  /// Every slot, by number.
  static let slots = ScanSlot.allCases

  /// The string slots by the JSON path they are read from.
  static let slotsByPath: [JSONPath: ScanSlot] = {
    var found: [JSONPath: ScanSlot] = [:]
    for slot in ScanSlot.allCases where slot.kind == .string {
      if let path = JSONPath(slot.path) { found[path] = slot }
    }
    return found
  }()

  init(_ rules: [SigmaRule]) {
    for rule in rules {
      var numbers: [String: Int32] = [:]
      for (name, search) in rule.searches {
        numbers[name] = Int32(searches.count)
        add(search)
      }
      roots.append(emit(rule.condition, numbers))
    }
  }

  private mutating func add(_ search: SigmaSearch) {
    let first = Int32(alternatives.count)
    for tests in search.alternatives {
      let start = Int32(steps.count)
      for test in tests {
        steps.append(step(test))
        self.tests.append(test)
      }
      alternatives.append(Span(start: start, end: Int32(steps.count)))
    }
    searches.append(Span(start: first, end: Int32(alternatives.count)))
  }

  private mutating func step(_ test: SigmaFieldTest) -> Step {
    let refersElsewhere = test.matchers.contains {
      if case .fieldref = $0 { return true }
      return false
    }
    guard !refersElsewhere, let slot = Self.slotsByPath[test.path] else { return Step(slot: -1, test: -1) }
    slotTests.append((slot, test))
    whenMissing.append(Tri(test.decide([], semantics: .specification)))
    return Step(slot: Int8(slot.rawValue), test: Int32(slotTests.count - 1))
  }

  /// Adds the condition's nodes; returns the number of its top node.
  private mutating func emit(_ condition: SigmaCondition, _ numbers: [String: Int32]) -> Int32 {
    var node: Node
    switch condition {
    case .search(let name):
      node = numbers[name].map { Node(kind: .search, start: $0, end: $0) } ?? Node(kind: .never, start: 0, end: 0)
    case .not(let inner): node = group(.not, [emit(inner, numbers)])
    case .and(let items): node = group(.and, items.map { emit($0, numbers) })
    case .or(let items): node = group(.or, items.map { emit($0, numbers) })
    }
    nodes.append(node)
    return Int32(nodes.count - 1)
  }

  private mutating func group(_ kind: Node.Kind, _ children: [Int32]) -> Node {
    let start = Int32(parts.count)
    parts += children
    return Node(kind: kind, start: start, end: Int32(parts.count))
  }
}

/// A detector's working memory: the distinct values met in each slot and every slot test's answer on them, kept from
/// batch to batch (``Detector/withMemo(_:)`` lends one per thread) and passed to each ``Detector/matches``.
public struct DetectionMemo: Sendable {
  var values = [ByteKeys](repeating: ByteKeys(), count: ScanSlot.allCases.count)
  /// Per slot test, per value number: 0 not worked out yet, else a ``Tri`` raw value.
  var answers: [[UInt8]]
  /// Per slot, the value number of each column string id of the current batch (-1: not looked up yet).
  /// One table for every slot, column string id first (`id * 32 + slot`): one bounds check per look-up.
  var byColumnID: [Int32] = []
  /// The candidate rules of each event name met (bounded).
  var candidates: [String: [UInt16]] = [:]

  init(tests: Int) {
    answers = [[UInt8]](repeating: [], count: tests)
  }

  /// Forgets the column string ids of the previous batch (each batch numbers its strings afresh).
  public mutating func startBatch() {
    byColumnID.removeAll(keepingCapacity: true)
  }

  /// Whether the memo is small enough to keep for the next batch (values met: at most 100,000 and 16 MiB).
  var isWorthKeeping: Bool {
    var count = 0
    var bytes = 0
    for keys in values {
      count += keys.count
      bytes += keys.bytes
    }
    return count <= 100_000 && bytes <= 16 << 20
  }
}
