import CloudTrailModel

/// One record as the plan reads it: its bytes, the scanner's fields (nil: none), the slot values looked up so far,
/// and the fields read from the bytes so far.
struct RecordUnderTest {
  let record: ArraySlice<UInt8>
  /// The scanner's fields (read in place, not copied: a record's fields take 400 bytes).
  let fields: UnsafePointer<RecordFields>?
  /// The row's string ids in the store's columns (``Field/columnFields`` order), when the caller has them.
  let columns: UnsafeBufferPointer<UInt32>?
  /// Per slot: not looked at yet (-2), unknown (-3), missing (-1), or the value's number in the memo.
  var numbers = InlineArray<32, Int32>(repeating: -2)
  var cache: FieldCache
  /// Whether a test the slots cannot answer reads the record (else it is unknown).
  var readsRecord = false

  init(_ record: ArraySlice<UInt8>, fields: UnsafePointer<RecordFields>?, columns: UnsafeBufferPointer<UInt32>?) {
    self.record = record
    self.fields = fields
    self.columns = columns
    cache = FieldCache(record: record)
  }
}

extension QuickPlan {
  /// Rule `rule`'s answer: from the slots alone (possibly unknown), or, with `readsRecord` set, in full.
  func evaluate(rule: Int, _ r: inout RecordUnderTest, memo: inout DetectionMemo) -> Tri {
    node(Int(roots[rule]), &r, memo: &memo)
  }

  /// A node's answer; `and` and `or` stop at the first part that settles them.
  private func node(_ n: Int, _ r: inout RecordUnderTest, memo: inout DetectionMemo) -> Tri {
    let node = nodes[n]
    switch node.kind {
    case .search: return search(Int(node.start), &r, memo: &memo)
    case .never: return .no
    case .not: return self.node(Int(parts[Int(node.start)]), &r, memo: &memo).negated
    case .and, .or:
      let settles: Tri = node.kind == .and ? .no : .yes
      var result: Tri = node.kind == .and ? .yes : .no
      for p in Int(node.start)..<Int(node.end) {
        let part = self.node(Int(parts[p]), &r, memo: &memo)
        if part == settles { return settles }
        if part == .unknown { result = .unknown }
      }
      return result
    }
  }

  /// A search: any alternative whose tests all hold.
  private func search(_ k: Int, _ r: inout RecordUnderTest, memo: inout DetectionMemo) -> Tri {
    var any = Tri.no
    let span = searches[k]
    for a in Int(span.start)..<Int(span.end) {
      var all = Tri.yes
      let tests = alternatives[a]
      for s in Int(tests.start)..<Int(tests.end) {
        let answer = self.answer(s, &r, memo: &memo)
        if answer == .no {
          all = .no
          break
        }
        if answer == .unknown { all = .unknown }
      }
      if all == .yes { return .yes }
      if all == .unknown { any = .unknown }
    }
    return any
  }

  /// Step `s`'s answer: from its slot's remembered answer when the slot can tell, else from the record (when
  /// reading it) or unknown.
  private func answer(_ s: Int, _ r: inout RecordUnderTest, memo: inout DetectionMemo) -> Tri {
    let step = steps[s]
    if step.slot >= 0, let fields = r.fields {
      let slot = Int(step.slot)
      var number = r.numbers.span[slot]
      if number == -2 {
        number = Self.lookUp(slot, r.record, fields, r.columns, memo: &memo)
        r.numbers[slot] = number
      }
      let t = Int(step.test)
      if number == -1 { return whenMissing[t] }
      if number >= 0 { return remembered(t, slot: slot, value: Int(number), r.record, fields, memo: &memo) }
    }
    return r.readsRecord ? Tri(tests[s].matches(&r.cache)) : .unknown
  }

  /// Slot test `t`'s answer on value number `v` of its slot, worked out the first time it is asked.
  private func remembered(
    _ t: Int, slot: Int, value v: Int, _ record: ArraySlice<UInt8>, _ fields: UnsafePointer<RecordFields>,
    memo: inout DetectionMemo
  ) -> Tri {
    if memo.answers[t].count <= v {
      memo.answers[t].append(contentsOf: repeatElement(0, count: memo.values[slot].count - memo.answers[t].count))
    }
    if let known = Tri(rawValue: memo.answers[t][v]) { return known }
    let ref = fields.pointee[Self.slots[slot]]
    let bytes = Array(record[ref.start..<ref.end])
    let text = JSONStringRef(start: 0, end: bytes.count, hasEscapes: ref.hasEscapes).decode(in: bytes)
    let found = Tri(slotTests[t].test.decide([.string(text)], semantics: .specification))
    memo.answers[t][v] = found.rawValue
    return found
  }

  /// The slot's value number (-1 missing, -3 unknown): through the row's column string id when the slot is a
  /// column (each id is hashed once per batch), else by hashing the value's bytes.
  private static func lookUp(
    _ slot: Int, _ record: ArraySlice<UInt8>, _ fields: UnsafePointer<RecordFields>,
    _ columns: UnsafeBufferPointer<UInt32>?, memo: inout DetectionMemo
  ) -> Int32 {
    let scanSlot = slots[slot]
    switch fields.pointee.pathValue(scanSlot) {
    case .unknown: return -3
    case .missing: return -1
    case .string:
      let ref = fields.pointee[scanSlot]
      guard ref.start >= record.startIndex, ref.end <= record.endIndex else { return -3 }
      // A column keeps at most 2 KiB of a value: ids of shorter values only.
      let column = columnOfSlot[slot]
      if let columns, column >= 0, ref.end - ref.start < 1_024 {
        let id = Int(columns[column])
        let at = id &* RecordFields.capacity &+ slot
        if at < memo.byColumnID.count, memo.byColumnID[at] >= 0 { return memo.byColumnID[at] }
        let number = hashed(slot, ref, record, memo: &memo)
        if memo.byColumnID.count <= at {
          memo.byColumnID.append(
            contentsOf: repeatElement(-1, count: (id + 1) * RecordFields.capacity - memo.byColumnID.count))
        }
        memo.byColumnID[at] = number
        return number
      }
      return hashed(slot, ref, record, memo: &memo)
    }
  }

  private static func hashed(
    _ slot: Int, _ ref: JSONStringRef, _ record: ArraySlice<UInt8>, memo: inout DetectionMemo
  ) -> Int32 {
    record.withUnsafeBytes { whole in
      let bytes = UnsafeRawBufferPointer(
        rebasing: whole[(ref.start - record.startIndex)..<(ref.end - record.startIndex)])
      return Int32(memo.values[slot].number(bytes).number)
    }
  }

  /// Per slot, the index among ``Field/columnFields`` of the column that holds its value whenever the slot is
  /// present, or -1.
  static let columnOfSlot: [Int] = {
    var columns = [Int](repeating: -1, count: ScanSlot.allCases.count)
    for (c, field) in Field.columnFields.enumerated() {
      switch field.spec.source {
      case .slot(let slot), .slotOr(let slot, _): columns[slot.rawValue] = c
      default: break
      }
    }
    return columns
  }()
}
