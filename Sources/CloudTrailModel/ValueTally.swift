/// The kind of one top-level value in a file.
enum ValueKind {
  case batch, lookup, digest, record, array, other, failed
}

/// Counts the top-level values of a file and derives its ``FileShape``.
struct ValueTally {
  /// Values started (complete or not).
  var values = 0
  /// Values read to their end.
  var completed = 0
  /// Offsets of complete values that are not CloudTrail.
  var otherOffsets: [Int] = []
  private var first: ValueKind = .failed
  private var seenLookup = false
  private var seenRecords = false
  private var seenDigest = false

  /// Counts a value; `complete` is false when reading it stopped at an error.
  mutating func add(_ kind: ValueKind, at offset: Int, complete: Bool) {
    if values == 0 { first = kind }
    values += 1
    if complete { completed += 1 }
    switch kind {
    case .batch, .record, .array: seenRecords = true
    case .lookup: seenLookup = true
    case .digest: seenDigest = true
    case .other: otherOffsets.append(offset)
    case .failed: break
    }
  }

  /// The shape: one value keeps its own kind; several are NDJSON unless they are all lookup pages or digests.
  var shape: FileShape {
    if values == 0 { return .empty }
    if values == 1 {
      switch first {
      case .batch: return .records
      case .lookup: return .lookupEvents
      case .digest: return .digest
      case .record: return .single
      case .array: return .array
      case .other, .failed: return .unknown
      }
    }
    if seenLookup && !seenRecords && !seenDigest { return .lookupEvents }
    if seenDigest && !seenRecords && !seenLookup { return .digest }
    return seenRecords || seenLookup ? .ndjson : .unknown
  }
}
