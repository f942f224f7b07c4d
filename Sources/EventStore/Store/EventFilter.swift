import CloudTrailModel

/// Which calls to show by their read/write kind.
public enum ReadWriteFilter: String, Sendable, Equatable, CaseIterable {
  /// Reads and writes.
  case all
  /// Only calls that change something.
  case writesOnly
  /// Only read-only calls.
  case readsOnly

  /// The next mode in the `w` key's cycle.
  public var next: ReadWriteFilter {
    switch self {
    case .all: return .writesOnly
    case .writesOnly: return .readsOnly
    case .readsOnly: return .all
    }
  }
}

/// The filter shared by the screen and print mode: a list of predicates (see ``Predicate`` for how they combine).
///
/// The accessors below (`user`, `eventName`, `readWrite`, `search`, the time bounds) read and replace the one
/// predicate of that kind, for the prompts and options that set exactly one.
public struct EventFilter: Sendable, Equatable {
  /// The predicates, in the order they were added (the header shows them as breadcrumbs).
  public var predicates: [Predicate]
  /// Only these events (row ids from snapshots of the same store, such as marked events), when set.
  public var rows: [UInt32]?
  /// Only events this detection rule (its index in the store's detector) matched, when set: events that arrive
  /// later are checked too.
  public var rule: Int?

  /// Creates a filter from predicates.
  public init(_ predicates: [Predicate]) {
    self.predicates = predicates
  }

  /// Creates a filter; empty strings mean no filter.
  public init(
    user: String? = nil, eventName: String? = nil, readWrite: ReadWriteFilter = .all, search: String? = nil,
    startTime: Int64? = nil, endTime: Int64? = nil
  ) {
    predicates = []
    self.startTime = startTime
    self.endTime = endTime
    self.user = user
    self.eventName = eventName
    self.readWrite = readWrite
    self.search = search
  }

  /// True when nothing is filtered.
  public var isEmpty: Bool { predicates.isEmpty && rows == nil && rule == nil }

  /// The `equals` pattern on `target` when there is exactly one.
  public func equalsValue(_ target: Predicate.Target) -> String? {
    let values = predicates.compactMap { p -> String? in
      guard p.target == target, case .equals(let value) = p.test else { return nil }
      return value
    }
    return values.count == 1 ? values[0] : nil
  }

  /// Replaces the `equals` predicates on `target` by one with `value` (none when nil or empty).
  public mutating func setEquals(_ target: Predicate.Target, _ value: String?) {
    let at = predicates.firstIndex { $0.target == target && $0.isEquals }
    predicates.removeAll { $0.target == target && $0.isEquals }
    guard let value, !value.isEmpty else { return }
    predicates.insert(Predicate(target, .equals(value)), at: min(at ?? predicates.count, predicates.count))
  }

  /// User display name pattern.
  public var user: String? {
    get { equalsValue(.field(.user)) }
    set { setEquals(.field(.user), newValue) }
  }

  /// Event name pattern.
  public var eventName: String? {
    get { equalsValue(.field(.eventName)) }
    set { setEquals(.field(.eventName), newValue) }
  }

  /// Read/write kind.
  public var readWrite: ReadWriteFilter {
    get {
      switch equalsValue(.field(.readOnly)) {
      case "true": return .readsOnly
      case "false": return .writesOnly
      default: return .all
      }
    }
    set {
      let value: String? = newValue == .all ? nil : (newValue == .readsOnly ? "true" : "false")
      setEquals(.field(.readOnly), value)
    }
  }

  /// Free text over the whole record.
  public var search: String? {
    get {
      for p in predicates where p.target == .text {
        if case .contains(let text) = p.test { return text }
      }
      return nil
    }
    set {
      let at = predicates.firstIndex { $0.target == .text }
      predicates.removeAll { $0.target == .text }
      guard let newValue, !newValue.isEmpty else { return }
      predicates.insert(Predicate(.text, .contains(newValue)), at: min(at ?? predicates.count, predicates.count))
    }
  }

  /// The time window's bounds (inclusive), seconds since 1970.
  public var window: (start: Int64?, end: Int64?) {
    get {
      for p in predicates where p.target == .field(.time) {
        if case .between(let low, let high) = p.test { return (low, high) }
      }
      return (nil, nil)
    }
    set {
      let at = predicates.firstIndex { $0.target == .field(.time) }
      predicates.removeAll { $0.target == .field(.time) }
      guard newValue.start != nil || newValue.end != nil else { return }
      predicates.insert(
        Predicate(.time, .between(newValue.start, newValue.end)), at: min(at ?? 0, predicates.count))
    }
  }

  /// Inclusive lower bound, seconds since 1970.
  public var startTime: Int64? {
    get { window.start }
    set { window = (newValue, window.end) }
  }

  /// Inclusive upper bound, seconds since 1970.
  public var endTime: Int64? {
    get { window.end }
    set { window = (window.start, newValue) }
  }

  /// The same filter without its time window.
  public var withoutWindow: EventFilter {
    var filter = EventFilter(predicates.filter { $0.target != .field(.time) })
    filter.rows = rows
    filter.rule = rule
    return filter
  }
}
