import CloudTrailModel
import Detections
import Dispatch

/// What the store tells its owner. Delivered through the sink, on the store's queue.
public enum StoreUpdate: Sendable {
  /// New rows, progress, or a new filter result.
  case snapshot(EventSnapshot)
}

/// The event store: records as raw bytes plus indexed columns, filters over the columns, sources feeding it.
///
/// Methods return at once; results leave only through the sink as ``StoreUpdate`` values.
///
/// `@unchecked Sendable`: every mutable stored property below is read and written only on `queue` (each public
/// method hops onto it with `queue.async`, and the private methods are called only from there).
public final class EventStore: @unchecked Sendable {
  let queue = DispatchQueue(label: "trailview.store")
  private let sink: @Sendable (StoreUpdate) -> Void
  /// Milliseconds between snapshots while loading.
  private let publishInterval: Int

  var columns = EventColumns()
  var strings = StringTable()
  var chunks: [RecordChunk] = []
  var seen = RecordHashSet()
  var order: [UInt32] = []
  var pending: [UInt32] = []
  var filter = EventFilter()
  var compiled = CompiledFilter(EventFilter(), strings: StringTable())
  var visible: [UInt32] = []
  var generation = 0
  var progress = LoadProgress()
  var trails: [String: TrailState] = [:]
  var trailsFromAPI = false
  /// Per string id, bit `c` set when the string appears in column `c` (of ``Field/columnFields``).
  var roles: [UInt32] = []
  /// Per column, the distinct string ids used in it, in order of first use.
  var columnIDs = [[UInt32]](repeating: [], count: Field.columnFields.count)
  var publishedRows = false
  var publishScheduled = false
  /// The detection rules every loaded event is checked against (sources build their batches with them), and the
  /// rules each flagged row matched.
  public let detector: Detector?
  var findings = FindingsIndex()
  /// The events correlation rules count.
  var correlationInputs = CorrelationInputs()
  /// The SHA-256 of each log file the sources read, when validation will want them.
  public let fileHashes: FileHashes?
  /// What validation said of the files events came from.
  var evidence = FileEvidence()
  /// The problems and notices the last ``setEvidence(_:problems:notice:)`` added.
  var evidenceSaid: (problems: [LoadProblem], notices: [String]) = ([], [])
  /// Records failing this are left out while batches are built (print mode, whose filter never changes).
  let loadFilter: LoadFilter?
  /// Whether gzip chunks are repacked as zstd once loading settles, and how far that has gone.
  let packsChunks: Bool
  var packState = PackState()

  /// Creates a store that reports to `sink`.
  ///
  /// - Parameters:
  ///   - publishIntervalMilliseconds: how often snapshots are sent while data arrives.
  ///   - sink: receives every update, on the store's queue.
  ///   - detector: the detection rules to check every event against, if any.
  ///   - hashingFiles: whether sources take each log file's SHA-256 (``fileHashes``) for validation.
  ///   - packingChunks: whether chunks kept as gzip are repacked as zstd once every source has finished (for stores
  ///     that stay open: search over them is then three to four times faster).
  ///   - loadFilter: records that fail it are left out as they are read (for a store whose filter never changes;
  ///     ignored with a `detector`, which must see every event).
  public init(
    publishIntervalMilliseconds: Int = 100, detector: Detector? = nil, hashingFiles: Bool = false,
    packingChunks: Bool = false, loadFilter: LoadFilter? = nil, sink: @escaping @Sendable (StoreUpdate) -> Void
  ) {
    self.loadFilter = detector == nil ? loadFilter : nil
    self.packsChunks = packingChunks
    self.detector = detector
    self.fileHashes = hashingFiles ? FileHashes() : nil
    self.sink = sink
    self.publishInterval = publishIntervalMilliseconds
  }

  /// Applies a new filter to everything loaded and to what still arrives; bumps the generation.
  public func setFilter(_ newFilter: EventFilter) {
    queue.async { [self] in
      filter = newFilter
      compiled = CompiledFilter(newFilter, strings: strings, columnIDs: columnIDs)
      if let rule = newFilter.rule {
        compiled.rule = (UInt16(clamping: rule), RowSet(rule: rule, of: findings, below: columns.count))
      }
      generation += 1
      mergePending()
      visible = allMatching()
      publishNow()
    }
  }

  /// Adds problems found outside any source (rule files that could not be used).
  public func addProblems(_ problems: [LoadProblem]) {
    guard !problems.isEmpty else { return }
    queue.async { [self] in
      progress.problems.append(contentsOf: problems)
      schedulePublish()
    }
  }

  /// Registers a new source and returns the reporter it reports through. Call it from outside the store's queue (it
  /// waits for the queue, so that the source's id is known at once).
  public func makeReporter() -> SourceReporter {
    queue.sync {
      let id = SourceID(value: progress.sources.count)
      progress.sources.append(SourceProgress(id: id))
      return SourceReporter(store: self, id: id)
    }
  }

  /// Changes one source's progress (call on the queue).
  func updateSource(_ id: SourceID, _ change: (inout SourceProgress) -> Void) {
    change(&progress.sources[id.value])
  }

  /// Adds a notice for the status line and print mode's stderr (once per text, the 20 latest); any thread.
  public func addNotice(_ notice: String) {
    queue.async { [self] in
      guard progress.notices.last != notice else { return }
      progress.notices.removeAll { $0 == notice }
      progress.notices.append(notice)
      if progress.notices.count > 20 { progress.notices.removeFirst() }
      schedulePublish()
    }
  }

  func passes(_ id: UInt32) -> Bool {
    if let rule = compiled.rule, !(findings[id]?.contains(rule.index) ?? false) { return false }
    return compiled.matchesColumns(id, in: columns) && passesRecord(id)
  }

  func passesRecord(_ id: UInt32) -> Bool {
    guard compiled.hasRecordTests else { return true }
    let place = columns.place(id)
    let bytes = chunks[Int(place.chunk)].bytes
    return compiled.matchesRecord(
      bytes[Int(place.start)..<Int(place.start) + Int(place.length)], time: place.time)
  }

  /// Every loaded row passing the filter, in order: column tests run block by block into a mask first.
  func allMatching() -> [UInt32] {
    if let rows = compiled.rows, rows.ids.count <= max(64, columns.count / 64) {
      // A few chosen rows (marked events): check them alone, in sort order. Many (a rule's events) go through the
      // mask below, which keeps the order for free.
      return Set(rows.ids).filter { Int($0) < columns.count && passes($0) }.sorted(by: columns.precedes)
    }
    if !compiled.hasColumnTests {
      return compiled.hasRecordTests ? recordsPassing(order) : order
    }
    let mask = columns.columnMask(compiled)
    let matching = mask.withUnsafeBufferPointer { mask in
      order.withUnsafeBufferPointer { ids in
        [UInt32](unsafeUninitializedCapacity: ids.count) { out, n in
          // Branch-free: always write, advance only past rows that pass (n never passes the read position).
          var k = 0
          for id in ids {
            out[k] = id
            k += Int(mask[Int(id)])
          }
          n = k
        }
      }
    }
    return compiled.hasRecordTests ? recordsPassing(matching) : matching
  }

  func schedulePublish() {
    guard !publishScheduled else { return }
    publishScheduled = true
    queue.asyncAfter(deadline: .now() + .milliseconds(publishInterval)) { [self] in
      publishScheduled = false
      publishNow()
    }
  }

  /// Marks events by what validation said of their files, adds its problems (tampered evidence, digests that could
  /// not be read) and its notice, and publishes.
  /// A later call replaces what an earlier one added.
  public func setEvidence(_ evidence: FileEvidence, problems: [LoadProblem], notice: String?) {
    queue.async { [self] in
      progress.problems.removeAll { evidenceSaid.problems.contains($0) }
      progress.notices.removeAll { evidenceSaid.notices.contains($0) }
      self.evidence = evidence
      evidenceSaid = (problems, notice.map { [$0] } ?? [])
      progress.problems.append(contentsOf: problems)
      progress.notices.append(contentsOf: evidenceSaid.notices)
      publishNow()
    }
  }

  /// Sends a snapshot of the current state (call on the queue).
  func publishNow() {
    let newRows = mergePending()
    if !newRows.isEmpty {
      if !compiled.hasColumnTests && !compiled.hasRecordTests {
        visible = order
      } else {
        let matching = newRows.filter(passes)
        visible = Self.merge(visible, matching, by: columns.precedes)
      }
    }
    progress.summarize()
    evaluateCorrelations(finished: progress.finished)
    let snapshot = EventSnapshot(
      columns: columns, strings: strings.strings, chunks: chunks, visible: visible, filter: filter,
      generation: generation, progress: progress, trails: trails.values.sorted { $0.name < $1.name },
      columnIDs: columnIDs, findings: findings, detector: detector, evidence: evidence)
    sink(.snapshot(snapshot))
    packWhenSettled()
  }

  /// Sorts the rows that arrived since the last merge into `order`; returns them sorted.
  @discardableResult
  func mergePending() -> [UInt32] {
    guard !pending.isEmpty else { return [] }
    let cols = columns
    let fresh = pending.sorted(by: cols.precedes)
    pending.removeAll(keepingCapacity: true)
    order = Self.merge(order, fresh, by: cols.precedes)
    return fresh
  }

  /// Merges two sorted arrays.
  static func merge(_ a: [UInt32], _ b: [UInt32], by precedes: (UInt32, UInt32) -> Bool) -> [UInt32] {
    if b.isEmpty { return a }
    if a.isEmpty { return b }
    var out = [UInt32]()
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if precedes(b[j], a[i]) {
        out.append(b[j])
        j += 1
      } else {
        out.append(a[i])
        i += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }
}

extension EventStore {
  /// Publishes a snapshot of everything queued so far, then calls `done` (used by print modes).
  public func flush(_ done: @escaping @Sendable () -> Void) {
    queue.async { [self] in
      publishNow()
      done()
    }
  }
}
