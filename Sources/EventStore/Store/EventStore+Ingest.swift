import CloudTrailModel

extension EventStore {
  /// Adds a prepared batch (call on the queue): maps its strings, drops duplicate events, updates trails; returns
  /// how many events were new.
  @discardableResult
  func ingest(_ batch: RecordBatch, countsAsUnit: Bool = true) -> Int {
    var added = 0
    var map = [UInt32](repeating: 0, count: batch.strings.count)
    for id in 1..<max(1, batch.strings.count) { map[id] = strings.intern(batch.strings[UInt32(id)]) }
    compiled.extend(to: strings)
    if roles.count < strings.count { roles.append(contentsOf: repeatElement(0, count: strings.count - roles.count)) }
    let chunkIndex = UInt32(chunks.count)
    chunks.append(batch.chunk)
    let width = Field.columnFields.count
    var values = [UInt32](repeating: 0, count: width)
    // The batch's findings (and counted matches) are in row order: a cursor walks them beside the rows.
    var nextFinding = 0
    var nextCounted = 0
    values.withUnsafeMutableBufferPointer { values in
      batch.values.withUnsafeBufferPointer { local in
        for (r, row) in batch.rows.enumerated() {
          var rules: ArraySlice<UInt16>?
          if nextFinding < batch.findingRows.count && batch.findingRows[nextFinding] == r {
            let start = nextFinding == 0 ? 0 : Int(batch.findingEnds[nextFinding - 1])
            rules = batch.findingRules[start..<Int(batch.findingEnds[nextFinding])]
            nextFinding += 1
          }
          let countedStart = nextCounted
          while nextCounted < batch.counted.count && batch.counted[nextCounted].row == r { nextCounted += 1 }
          if !isNew(row, of: batch) {
            if !batch.arrived && !batch.overlaps { progress.duplicates += 1 }
            continue
          }
          added += 1
          for c in 0..<width {
            let id = map[Int(local[r * width + c])]
            values[c] = id
            let bit: UInt32 = 1 << UInt32(c)
            if roles[Int(id)] & bit == 0 && id != 0 {
              roles[Int(id)] |= bit
              columnIDs[c].append(id)
              compiled.noteRole(id, column: c, strings: strings)
            }
          }
          let place = RowPlace(
            time: row.time, seq: UInt64(batch.ordinal) << 32 | UInt64(row.index),
            flags: batch.arrived ? row.flags.union(.arrived) : row.flags,
            chunk: chunkIndex, start: row.start, length: row.length)
          let id = columns.append(place, values: UnsafeBufferPointer(values))
          pending.append(id)
          if let rules { findings.add(row: id, rules: rules) }
          for k in countedStart..<nextCounted {
            correlationInputs.add(batch.counted[k].key, row: id, time: row.time)
          }
        }
      }
    }
    for event in batch.trailEvents { applyTrailEvent(event) }
    progress.problems.append(contentsOf: batch.problems)
    progress.leftOut += batch.dropped
    if countsAsUnit { progress.done += 1 }
    if !publishedRows && !pending.isEmpty {
      // The first rows of a load go out at once rather than after the publish interval.
      publishedRows = true
      publishNow()
    } else {
      schedulePublish()
    }
    return added
  }

  /// Updates the trails pane from one trail-management call (only successful calls change state).
  func applyTrailEvent(_ event: TrailEvent) {
    guard !trailsFromAPI else { return }
    var trail = trails[event.trail] ?? TrailState(name: event.trail, region: event.region)
    // Selectors and the logging switch change apart: the newest successful selector call sets the warning.
    if let selectors = event.selectors, !event.failed, trail.selectorsChangedAt.map({ $0 <= event.time }) ?? true {
      trail.selectorsChangedAt = event.time
      switch selectors {
      case .all, .writesOnly: trail.selectorWarning = nil
      case .readsOnly: trail.selectorWarning = "writes not logged"
      case .off: trail.selectorWarning = "management events off"
      }
      trails[event.trail] = trail
    }
    // The latest call is what the pane describes; the logging switch follows the newest call that flips it.
    if event.selectors != nil {
      if !event.failed, trail.changedAt.map({ $0 <= event.time }) ?? true {
        trail.lastEventName = event.eventName
        trail.changedAt = event.time
        trail.changedBy = event.user
      }
      trails[event.trail] = trail
      return
    }
    // The newest successful CreateTrail or UpdateTrail naming a bucket says where the logs go (Enter reads it).
    if let bucket = event.bucket, !bucket.isEmpty, !event.failed, trail.bucketNamedAt.map({ $0 <= event.time }) ?? true
    {
      trail.bucketNamedAt = event.time
      trail.bucket = bucket
      if event.keyPrefix != nil || event.eventName == "CreateTrail" { trail.keyPrefix = event.keyPrefix }
    }
    if let seenAt = trail.switchedAt, seenAt > event.time {
      trails[event.trail] = trail
      return
    }
    guard !event.failed else {
      if trail.lastEventName == nil { trail.lastEventName = "\(event.eventName) (failed)" }
      trails[event.trail] = trail
      return
    }
    trail.switchedAt = event.time
    if trail.changedAt.map({ $0 <= event.time }) ?? true {
      trail.lastEventName = event.eventName
      trail.changedAt = event.time
      trail.changedBy = event.user
    }
    switch event.eventName {
    case "StartLogging": trail.isLogging = true
    case "StopLogging": trail.isLogging = false
    case "DeleteTrail":
      trail.deleted = true
      trail.isLogging = false
    case "CreateTrail":
      trail.deleted = false
      if trail.isLogging == nil { trail.isLogging = false }
    default: break
    }
    trails[event.trail] = trail
  }
}

extension EventStore {
  /// Replaces the trails pane with what the CloudTrail API says (calls seen in the data no longer change it).
  public func setTrails(_ list: [TrailState], problem: LoadProblem?) {
    setTrails(list, problems: problem.map { [$0] } ?? [])
  }

  /// Replaces the trails pane with what the CloudTrail API says, with the problems met asking for it.
  public func setTrails(_ list: [TrailState], problems: [LoadProblem]) {
    queue.async { [self] in
      trailsFromAPI = true
      trails = Dictionary(list.map { ($0.name + "\u{0}" + $0.region, $0) }, uniquingKeysWith: { a, _ in a })
      progress.problems.append(contentsOf: problems)
      publishNow()
    }
  }
}

extension EventStore {
  /// Whether `row` of `batch` is not an event already loaded (call on the queue, before appending it). A row known
  /// by its event ID and time is new when no earlier row had that key; when one did, the two are compared whole
  /// (whitespace aside): a pretty-printed copy of a delivered file is the same events, distinct records that reuse an
  /// ID (test corpora) are kept. Rows without an ID are compared whole at once.
  func isNew(_ row: RecordBatch.Row, of batch: RecordBatch) -> Bool {
    guard row.identity.b & 1 == 1 else { return seen.insert(row.identity) }
    guard let earlier = seen.insert(row.identity, row: UInt32(columns.count)) else { return true }
    if earlier != RecordHashSet.handedBack {
      // The first time the key comes again: the earlier row's whole hash joins the set.
      let place = columns.place(earlier)
      _ = seen.insert(Self.fullHash(chunks[Int(place.chunk)].bytes, Int(place.start), Int(place.length)))
    }
    return seen.insert(Self.fullHash(batch.chunk.bytes, Int(row.start), Int(row.length)))
  }

  /// The whole hash of the record at `start` (`length` bytes) in `bytes`.
  static func fullHash(_ bytes: [UInt8], _ start: Int, _ length: Int) -> RecordHash {
    bytes.withUnsafeBufferPointer { RecordHash.full(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
  }
}
