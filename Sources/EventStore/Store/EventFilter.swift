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

/// The filters a user can set, shared by the screen and print mode.
///
/// `user` and `eventName` are patterns matched ignoring case against the whole value: plain text matches exactly,
/// `*` matches any run of characters and `?` any one character. `search` matches the record's raw JSON, ignoring
/// ASCII case.
public struct EventFilter: Sendable, Equatable {
  /// User display name pattern.
  public var user: String?
  /// Event name pattern.
  public var eventName: String?
  /// Read/write kind.
  public var readWrite: ReadWriteFilter
  /// Free text over the whole record.
  public var search: String?
  /// Inclusive lower bound, seconds since 1970.
  public var startTime: Int64?
  /// Inclusive upper bound, seconds since 1970.
  public var endTime: Int64?

  /// Creates a filter; empty strings mean no filter.
  public init(
    user: String? = nil, eventName: String? = nil, readWrite: ReadWriteFilter = .all, search: String? = nil,
    startTime: Int64? = nil, endTime: Int64? = nil
  ) {
    self.user = user.flatMap { $0.isEmpty ? nil : $0 }
    self.eventName = eventName.flatMap { $0.isEmpty ? nil : $0 }
    self.readWrite = readWrite
    self.search = search.flatMap { $0.isEmpty ? nil : $0 }
    self.startTime = startTime
    self.endTime = endTime
  }

  /// True when nothing is filtered.
  public var isEmpty: Bool {
    user == nil && eventName == nil && readWrite == .all && search == nil && startTime == nil && endTime == nil
  }
}

/// A filter resolved against the string table: per-id verdicts, so matching a row is a few array reads.
struct CompiledFilter {
  var users: [Bool]?
  var eventNames: [Bool]?
  var readWrite: ReadWriteFilter
  var needle: [UInt8]?
  var startTime: Int64?
  var endTime: Int64?
  private var userPattern: Pattern?
  private var namePattern: Pattern?

  /// Compiles `filter`. `roles` (per string id, bit 1: names a user, bit 2: names an event) lets the patterns skip
  /// strings no row uses in that column; ``noteRole(_:_:strings:)`` evaluates an id that gains a role later.
  init(_ filter: EventFilter, strings: StringTable, roles: [UInt8] = []) {
    userPattern = filter.user.map(Pattern.init)
    namePattern = filter.eventName.map(Pattern.init)
    users = userPattern.map { _ in [] }
    eventNames = namePattern.map { _ in [] }
    readWrite = filter.readWrite
    needle = filter.search.map { Array($0.utf8).map(Self.lowerASCII) }
    startTime = filter.startTime
    endTime = filter.endTime
    if let userPattern {
      users = (0..<strings.count).map { id in
        id > 0 && (id >= roles.count || roles[id] & 1 != 0) && userPattern.matches(strings[UInt32(id)])
      }
    }
    if let namePattern {
      eventNames = (0..<strings.count).map { id in
        id > 0 && (id >= roles.count || roles[id] & 2 != 0) && namePattern.matches(strings[UInt32(id)])
      }
    }
  }

  /// Evaluates the patterns for `id`, which has just gained `role` (1: user, 2: event name).
  mutating func noteRole(_ id: UInt32, _ role: UInt8, strings: StringTable) {
    let i = Int(id)
    if role == 1, let userPattern, users != nil, i < users!.count {
      users![i] = i > 0 && userPattern.matches(strings[id])
    }
    if role == 2, let namePattern, eventNames != nil, i < eventNames!.count {
      eventNames![i] = i > 0 && namePattern.matches(strings[id])
    }
  }

  /// Evaluates the patterns for strings added to the table since the last call.
  mutating func extend(to strings: StringTable) {
    if let userPattern, var list = users, list.count < strings.count {
      for id in list.count..<strings.count { list.append(id > 0 && userPattern.matches(strings[UInt32(id)])) }
      users = list
    }
    if let namePattern, var list = eventNames, list.count < strings.count {
      for id in list.count..<strings.count { list.append(id > 0 && namePattern.matches(strings[UInt32(id)])) }
      eventNames = list
    }
  }

  @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 {
    b >= 65 && b <= 90 ? b | 0x20 : b
  }

  /// True when the row passes every column filter (not the text search).
  @inline(__always) func matchesColumns(_ row: ColumnRow) -> Bool {
    if let startTime, row.time < startTime { return false }
    if let endTime, row.time > endTime { return false }
    if let users, !users[Int(row.user)] { return false }
    if let eventNames, !eventNames[Int(row.eventName)] { return false }
    switch readWrite {
    case .all: break
    case .readsOnly: if !row.flags.contains(.readOnly) { return false }
    case .writesOnly: if row.flags.contains(.readOnly) { return false }
    }
    return true
  }

  /// True when some column test is set.
  var hasColumnTests: Bool {
    startTime != nil || endTime != nil || users != nil || eventNames != nil || readWrite != .all
  }

  /// Writes ``matchesColumns(_:)`` (1 or 0) for one block's rows into `out[base...]`, one column test at a time.
  func fillMask(
    _ out: UnsafeMutableBufferPointer<UInt8>, from base: Int, time: UnsafeBufferPointer<Int64>,
    user: UnsafeBufferPointer<UInt32>, name: UnsafeBufferPointer<UInt32>, flags: UnsafeBufferPointer<UInt8>
  ) {
    let n = time.count
    let o = UnsafeMutableBufferPointer(rebasing: out[base..<base + n])
    if startTime != nil || endTime != nil {
      let low = startTime ?? .min
      let high = endTime ?? .max
      for i in 0..<n { o[i] = time[i] >= low && time[i] <= high ? 1 : 0 }
    } else {
      o.update(repeating: 1)
    }
    switch readWrite {
    case .all: break
    case .readsOnly: for i in 0..<n { o[i] &= flags[i] & EventFlags.readOnly.rawValue }
    case .writesOnly: for i in 0..<n { o[i] &= ~flags[i] & EventFlags.readOnly.rawValue }
    }
    if let users {
      users.withUnsafeBufferPointer { users in
        for i in 0..<n { o[i] &= users[Int(user[i])] ? 1 : 0 }
      }
    }
    if let eventNames {
      eventNames.withUnsafeBufferPointer { names in
        for i in 0..<n { o[i] &= names[Int(name[i])] ? 1 : 0 }
      }
    }
  }

  /// True when the record bytes contain the needle, ignoring ASCII case.
  static func contains(_ haystack: ArraySlice<UInt8>, needle: [UInt8]) -> Bool {
    haystack.withUnsafeBufferPointer { hay in
      let n = needle.count
      guard n > 0 else { return true }
      guard hay.count >= n else { return false }
      let first = needle[0]
      var i = 0
      let last = hay.count - n
      // Skip eight start positions at a time while none can start a match (checked on the first two needle bytes):
      // for a letter, OR-ing 0x20 folds both cases onto the lowercase letter and nothing else onto it; other bytes
      // must be equal. The zero-byte test never misses a match (it may flag extra positions, checked below).
      let ones: UInt64 = 0x0101_0101_0101_0101
      func fold(_ b: UInt8) -> UInt64 { b >= 0x61 && b <= 0x7A ? ones &* 0x20 : 0 }
      let fold0 = fold(first)
      let target0 = ones &* UInt64(first)
      let second = n > 1 ? needle[1] : first
      let fold1 = n > 1 ? fold(second) : ones &* 0xFF
      let target1 = n > 1 ? ones &* UInt64(second) : ones &* 0xFF
      let raw = UnsafeRawPointer(hay.baseAddress!)
      while i <= last {
        if i + 9 <= hay.count {
          let x0 = (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | fold0) ^ target0
          let x1 = (raw.loadUnaligned(fromByteOffset: i + 1, as: UInt64.self) | fold1) ^ target1
          if (x0 &- ones) & ~x0 & (x1 &- ones) & ~x1 & (ones &* 0x80) == 0 {
            i += 8
            continue
          }
        }
        if lowerASCII(hay[i]) == first {
          var j = 1
          while j < n && lowerASCII(hay[i + j]) == needle[j] { j += 1 }
          if j == n { return true }
        }
        i += 1
      }
      return false
    }
  }
}

/// A case-insensitive whole-value pattern with `*` and `?` wildcards.
public struct Pattern: Sendable, Equatable {
  private let characters: [Character]
  /// The pattern as lowercased bytes when it is ASCII without CR (one byte per character): the fast path.
  private let ascii: [UInt8]?

  /// Creates a pattern.
  public init(_ text: String) {
    characters = Array(text.lowercased())
    ascii = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.map(CompiledFilter.lowerASCII) : nil
  }

  /// True when `value` matches the whole pattern, ignoring case.
  public func matches(_ value: String) -> Bool {
    if let ascii {
      var value = value
      if let verdict = value.withUTF8({ Self.matchASCII(ascii, $0) }) { return verdict }
    }
    return Self.glob(characters, Array(value.lowercased()), star: "*", any: "?") { $0 }
  }

  /// The same glob match over bytes, or nil when `value` is not ASCII without CR (then characters decide).
  static func matchASCII(_ pattern: [UInt8], _ value: UnsafeBufferPointer<UInt8>) -> Bool? {
    for b in value where b >= 0x80 || b == 0x0D { return nil }
    return glob(pattern, value, star: UInt8(ascii: "*"), any: UInt8(ascii: "?"), map: CompiledFilter.lowerASCII)
  }

  /// Whole-value glob match with `*` and `?` (backtracking to the last star), elements mapped by `map` first.
  static func glob<P: RandomAccessCollection, V: RandomAccessCollection>(
    _ pattern: P, _ value: V, star: P.Element, any: P.Element, map: (V.Element) -> P.Element
  ) -> Bool where P.Element: Equatable, P.Index == Int, V.Index == Int {
    var p = 0
    var s = 0
    var starAt = -1
    var mark = 0
    while s < value.count {
      if p < pattern.count && (pattern[p] == any || pattern[p] == map(value[s])) {
        p += 1
        s += 1
      } else if p < pattern.count && pattern[p] == star {
        starAt = p
        mark = s
        p += 1
      } else if starAt >= 0 {
        p = starAt + 1
        mark += 1
        s = mark
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == star { p += 1 }
    return p == pattern.count
  }
}
