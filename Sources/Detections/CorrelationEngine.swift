/// One event a correlation rule counts: a match of one of its referenced rules, with the values it groups and counts
/// by (interned by the caller: equal ids are equal values, ignoring case).
public struct CorrelationEvent: Sendable, Equatable {
  /// The event (the store's row id).
  public var row: UInt32
  /// When it happened, in seconds.
  public var time: Int64
  /// Which referenced rule matched it (its position in the correlation's `rules`).
  public var slot: UInt8
  /// Its group-by values.
  public var group: UInt32
  /// Its value of the counted field (`value_count`), or nil when it has none.
  public var value: UInt32?

  /// An event.
  public init(row: UInt32, time: Int64, slot: UInt8, group: UInt32, value: UInt32? = nil) {
    (self.row, self.time, self.slot, self.group, self.value) = (row, time, slot, group, value)
  }
}

/// Evaluates correlation rules over the events they count, with the windows Sigma's SQL backends use: one window
/// ending at each event's time and reaching back the time span (both ends included), per group; a window whose count
/// satisfies the condition is an alert, and its events are the rule's events (for `temporal_ordered`, the first event
/// of each rule in order).
public enum CorrelationEngine {
  /// What a correlation found.
  public struct Result: Sendable, Equatable {
    /// The events in some alert's window, in row order.
    public var rows: [UInt32] = []
    /// The alerts: each window's group and end time, in group then time order.
    public var alerts: [(group: UInt32, end: Int64)] = []

    /// No events, no alerts.
    public init() {}

    /// Same events and same alerts.
    public static func == (a: Result, b: Result) -> Bool {
      a.rows == b.rows && a.alerts.elementsEqual(b.alerts) { $0.group == $1.group && $0.end == $1.end }
    }
  }

  /// The alerts and events of `correlation` among `events` (in any order).
  public static func evaluate(_ correlation: SigmaCorrelation, _ events: [CorrelationEvent]) -> Result {
    var sorted = events.sorted { ($0.group, $0.time, $0.slot, $0.row) < ($1.group, $1.time, $1.slot, $1.row) }
    // An event counted twice by the same rule (a repeated input) counts once.
    sorted = sorted.enumerated().filter { i, e in
      i == 0 || !(sorted[i - 1].row == e.row && sorted[i - 1].slot == e.slot && sorted[i - 1].group == e.group)
    }.map(\.1)
    var result = Result()
    var marked: [UInt32] = []
    var start = 0
    while start < sorted.count {
      var end = start
      while end < sorted.count && sorted[end].group == sorted[start].group { end += 1 }
      Group(correlation: correlation, events: sorted[start..<end]).evaluate(into: &result, marked: &marked)
      start = end
    }
    result.rows = Array(Set(marked)).sorted()
    return result
  }

  /// One group's events, in time order.
  private struct Group {
    let correlation: SigmaCorrelation
    let events: ArraySlice<CorrelationEvent>

    func evaluate(into result: inout Result, marked: inout [UInt32]) {
      let span = correlation.timespan
      let ordered = correlation.kind == .temporalOrdered
      let slots = correlation.references.count
      // Sliding counts over the window [lo, hi].
      var rows: [UInt32: Int] = [:]
      var values: [UInt32: Int] = [:]
      var slotCounts = [Int](repeating: 0, count: max(slots, Int(events.map(\.slot).max() ?? 0) + 1))
      var distinctSlots = 0
      var lo = events.startIndex
      var hi = events.startIndex
      // Per slot, the indices of its events, for ordered windows.
      let bySlot = ordered ? slotIndices(count: slotCounts.count) : []
      // Window coverage to mark: +1 at a window's first event, -1 after its last.
      var cover = [Int](repeating: 0, count: events.count + 1)
      while hi < events.endIndex {
        let t = events[hi].time
        // Take in every event at time t.
        while hi < events.endIndex && events[hi].time == t {
          let e = events[hi]
          rows[e.row, default: 0] += 1
          if let v = e.value { values[v, default: 0] += 1 }
          if slotCounts[Int(e.slot)] == 0 { distinctSlots += 1 }
          slotCounts[Int(e.slot)] += 1
          hi += 1
        }
        // Drop events before t - span.
        while events[lo].time < t - span {
          let e = events[lo]
          rows[e.row]! -= 1
          if rows[e.row] == 0 { rows[e.row] = nil }
          if let v = e.value {
            values[v]! -= 1
            if values[v] == 0 { values[v] = nil }
          }
          slotCounts[Int(e.slot)] -= 1
          if slotCounts[Int(e.slot)] == 0 { distinctSlots -= 1 }
          lo += 1
        }
        let metric: Int
        switch correlation.kind {
        case .eventCount: metric = rows.count
        case .valueCount: metric = values.count
        case .temporal, .temporalOrdered: metric = distinctSlots
        }
        guard correlation.condition.allSatisfy({ $0.holds(metric) }) else { continue }
        if ordered {
          let chosen = orderedEvidence(from: t - span, to: t, present: slotCounts, bySlot: bySlot)
          guard !chosen.isEmpty else { continue }
          marked += chosen.map { events[$0].row }
        } else {
          cover[lo - events.startIndex] += 1
          cover[hi - events.startIndex] -= 1
        }
        result.alerts.append((events[lo].group, t))
      }
      var depth = 0
      for (k, i) in events.indices.enumerated() {
        depth += cover[k]
        if depth > 0 { marked.append(events[i].row) }
      }
    }

    /// The position in `indices` (events in time order) of the first event at or after `time`.
    private func firstAt(_ time: Int64, in indices: [Int]) -> Int {
      var (low, high) = (0, indices.count)
      while low < high {
        let mid = (low + high) / 2
        if events[indices[mid]].time < time { low = mid + 1 } else { high = mid }
      }
      return low
    }

    private func slotIndices(count: Int) -> [[Int]] {
      var out = [[Int]](repeating: [], count: count)
      for i in events.indices { out[Int(events[i].slot)].append(i) }
      return out
    }

    /// For a `temporal_ordered` window [from, to]: the events chosen in the rules' order (each rule's first event
    /// after the previous rule's), or none when the window does not hold them in order. A count condition of "at
    /// least k" asks for k of the rules in order (any k, as pySigma's backends read it); otherwise every rule present in
    /// the window must follow the previous ones.
    private func orderedEvidence(from: Int64, to: Int64, present: [Int], bySlot: [[Int]]) -> [Int] {
      let all = Array(0..<correlation.references.count)
      var clauses: [[Int]] = [all]
      var partial = false
      if correlation.condition.count == 1, let c = correlation.condition.first, c.op == "gt" || c.op == "gte" {
        let required = max(0, c.op == "gt" ? Int(c.value.rounded(.down)) + 1 : Int(c.value.rounded(.up)))
        clauses = combinations(all, required)
        partial = true
      }
      var chosen: [Int] = []
      for clause in clauses {
        if partial && !clause.allSatisfy({ present[$0] > 0 }) { continue }
        var previous: Int64?
        var picks: [(slot: Int, at: Int)] = []
        var holds = true
        for slot in clause {
          let indices = bySlot[slot]
          // Its first event in the window after the previous pick (times are whole seconds).
          let k = firstAt(max(from, previous.map { $0 + 1 } ?? from), in: indices)
          if k < indices.count && events[indices[k]].time <= to {
            previous = events[indices[k]].time
            picks.append((slot, k))
          } else if present[slot] > 0 {
            holds = false
            break
          }
        }
        guard holds else { continue }
        for (slot, k) in picks {
          let indices = bySlot[slot]
          var j = k
          while j < indices.count && events[indices[j]].time == events[indices[k]].time {
            chosen.append(indices[j])
            j += 1
          }
        }
      }
      return chosen
    }
  }

  /// Every `k`-element subset of `items`, in order (the loader refuses ordered rules of more than 10 references).
  static func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
    guard k <= items.count else { return [] }
    var out: [[Int]] = []
    var pick: [Int] = []
    func walk(_ from: Int) {
      if pick.count == k { return out.append(pick) }
      for i in from..<items.count where items.count - i >= k - pick.count {
        pick.append(items[i])
        walk(i + 1)
        pick.removeLast()
      }
    }
    walk(0)
    return out
  }
}
