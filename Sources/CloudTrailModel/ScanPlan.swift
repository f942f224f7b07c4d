/// The scanner's key tables, compiled once from the paths of ``ScanSlot``: for each object level on those paths (a
/// node), the keys to look for and what each leads to, a slot to fill or a deeper node.
///
/// Tables live in fixed buffers so that the record loop reads them without reference counting.
/// `@unchecked Sendable`: every buffer is written only in `init` and never changed or freed afterwards (the plan is
/// a process-wide constant).
final class ScanPlan: @unchecked Sendable {
  /// One key of a node.
  struct Entry {
    /// Offset of the key's bytes in ``keys``.
    var keyStart: Int32
    /// The key's length.
    var keyLength: Int32
    /// The slot filled by the key's value, or -1.
    var slot: Int16
    /// The node the key's object value is read with, or -1.
    var child: Int16
    /// The entry's number in the whole plan (a bit in ``KeyPresence``'s masks).
    var index: Int16
  }

  /// The most entries a plan may have (one bit each in a `UInt64`).
  static let maxEntries = 64

  /// The longest key looked up (longer keys never match).
  static let maxKeyLength = 31

  /// The plan for ``ScanSlot/allCases``.
  static let standard = ScanPlan(ScanSlot.allCases.map { ($0.path, $0.rawValue) })

  let keys: UnsafeMutablePointer<UInt8>
  let entries: UnsafeMutablePointer<Entry>
  /// Per node, `maxKeyLength + 2` offsets into ``entries``: the entries whose key has length `L` are
  /// `starts[node * stride + L] ..< starts[node * stride + L + 1]`.
  let starts: UnsafeMutablePointer<Int32>
  /// Per node, the range of ``resetSlots`` holding the slots under it (cleared when its key repeats).
  let resets: UnsafeMutablePointer<Range<Int32>>
  let resetSlots: UnsafeMutablePointer<Int16>
  let nodeCount: Int
  /// Per slot, the bit of the entry holding its value, and the bits of the entries on the way to it.
  let slotBits: [(leaf: UInt64, ancestors: UInt64)]

  /// Compiles paths (`a.b.c`) with their slot numbers.
  init(_ paths: [(String, Int)]) {
    var nodeEntries: [[(key: [UInt8], slot: Int, child: Int)]] = [[]]
    var nodeSlots: [[Int]] = [[]]
    for (path, slot) in paths {
      precondition(slot < RecordFields.capacity, "RecordFields has room for \(RecordFields.capacity) slots")
      let parts = path.split(separator: ".").map { Array($0.utf8) }
      var node = 0
      for (depth, key) in parts.enumerated() {
        precondition(key.count <= Self.maxKeyLength, "key too long for the scan plan: \(path)")
        nodeSlots[node].append(slot)
        let last = depth == parts.count - 1
        if let k = nodeEntries[node].firstIndex(where: { $0.key == key }) {
          precondition(!last && nodeEntries[node][k].child >= 0, "path is a prefix of another: \(path)")
          node = nodeEntries[node][k].child
        } else if last {
          nodeEntries[node].append((key, slot, -1))
        } else {
          nodeEntries.append([])
          nodeSlots.append([])
          nodeEntries[node].append((key, -1, nodeEntries.count - 1))
          node = nodeEntries.count - 1
        }
      }
    }
    nodeCount = nodeEntries.count
    let stride = Self.maxKeyLength + 2
    let totalEntries = nodeEntries.reduce(0) { $0 + $1.count }
    let totalKeys = nodeEntries.reduce(0) { $0 + $1.reduce(0) { $0 + $1.key.count } }
    keys = .allocate(capacity: max(1, totalKeys))
    entries = .allocate(capacity: max(1, totalEntries))
    starts = .allocate(capacity: nodeCount * stride)
    resets = .allocate(capacity: nodeCount)
    let totalResets = nodeSlots.reduce(0) { $0 + $1.count }
    resetSlots = .allocate(capacity: max(1, totalResets))
    precondition(totalEntries <= Self.maxEntries, "too many keys for the scan plan")
    var keyAt = 0
    var entryAt = 0
    var resetAt = 0
    var numbers: [[[UInt8]: Int]] = Array(repeating: [:], count: nodeCount)
    for node in 0..<nodeCount {
      let sorted = nodeEntries[node].sorted { $0.key.count < $1.key.count }
      for length in 0..<stride {
        starts[node * stride + length] = Int32(entryAt + sorted.filter { $0.key.count < length }.count)
      }
      for entry in sorted {
        for (j, byte) in entry.key.enumerated() { keys[keyAt + j] = byte }
        entries[entryAt] = Entry(
          keyStart: Int32(keyAt), keyLength: Int32(entry.key.count), slot: Int16(entry.slot),
          child: Int16(entry.child), index: Int16(entryAt))
        numbers[node][entry.key] = entryAt
        keyAt += entry.key.count
        entryAt += 1
      }
      let slots = nodeSlots[node]
      for (j, slot) in slots.enumerated() { resetSlots[resetAt + j] = Int16(slot) }
      resets[node] = Int32(resetAt)..<Int32(resetAt + slots.count)
      resetAt += slots.count
    }
    var bits = [(leaf: UInt64, ancestors: UInt64)](repeating: (0, 0), count: RecordFields.capacity)
    for (path, slot) in paths {
      var node = 0
      for key in path.split(separator: ".").map({ Array($0.utf8) }) {
        let bit = UInt64(1) << UInt64(numbers[node][key]!)
        bits[slot].ancestors |= bits[slot].leaf
        bits[slot].leaf = bit
        let child = nodeEntries[node].first { $0.key == key }!.child
        if child >= 0 { node = child }
      }
    }
    slotBits = bits
  }

  /// The entry of `node` whose key equals the `length` bytes at `key`, if any.
  @inline(__always)
  func find(node: Int, key: UnsafePointer<UInt8>, length: Int) -> Entry? {
    guard length <= Self.maxKeyLength else { return nil }
    let row = node * (Self.maxKeyLength + 2) + length
    var e = Int(starts[row])
    let end = Int(starts[row + 1])
    while e < end {
      let entry = entries[e]
      let k = keys + Int(entry.keyStart)
      var j = 0
      while j < length && k[j] == key[j] { j += 1 }
      if j == length { return entry }
      e += 1
    }
    return nil
  }
}
