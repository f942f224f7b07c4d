import Dispatch

/// How one source tells its store what happened: begin, batch, problem, activity, finish. Every call returns at
/// once; the store applies it on its own queue, in call order.
public struct SourceReporter: Sendable {
  let store: EventStore
  /// The source's id.
  public let id: SourceID

  /// Starts (or restarts) a load: its label ("3 paths", "demo account"), the unit counted, the units in all when
  /// known, and problems found before reading (paths that do not exist).
  public func begin(
    label: String, unit: String, total: Int?, problems: [LoadProblem] = [], query: String? = nil
  ) {
    store.queue.async { [store, id] in
      store.updateSource(id) { source in
        source.label = label
        source.query = query
        source.unit = unit
        source.total = total
        source.finished = false
        source.began = true
      }
      store.progress.problems.append(contentsOf: problems)
      store.publishedRows = false
      store.publishNow()
    }
  }

  /// Adds a prepared batch of records (one file or page).
  func batch(_ batch: RecordBatch, countsAsUnit: Bool = true) {
    store.queue.async { [store, id] in
      store.updateSource(id) { source in
        if countsAsUnit { source.done += 1 }
      }
      store.ingest(batch)
    }
  }

  /// Adds records that arrived while following (not a unit of the load), counting the ones new to the store, and
  /// notes the time of the poll that found them.
  func arrived(_ batch: RecordBatch, polledAt time: Int64) {
    var batch = batch
    batch.arrived = true
    store.queue.async { [store, id, batch] in
      let added = store.ingest(batch, countsAsUnit: false)
      store.updateSource(id) { source in
        source.arrived += added
        source.lastPoll = time
      }
    }
  }

  /// Notes a poll that found nothing new.
  func polled(at time: Int64) {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.lastPoll = time }
      store.schedulePublish()
    }
  }

  /// Starts following every `seconds` (nil: stops).
  public func following(every seconds: Int?) {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.followEvery = seconds }
      store.publishNow()
    }
  }

  /// Records a problem; `countsAsUnit` when it is the end of one unit (a file that could not be read).
  public func problem(_ problem: LoadProblem, countsAsUnit: Bool = false) {
    store.queue.async { [store, id] in
      store.progress.problems.append(problem)
      if countsAsUnit { store.updateSource(id) { $0.done += 1 } }
      store.schedulePublish()
    }
  }

  /// What the source is doing right now ("throttled by AWS (ThrottlingException), retrying in 2 s"), or nil.
  public func activity(_ text: String?) {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.activity = text }
      store.schedulePublish()
    }
  }

  /// Whether the source runs a query on a server that can be cancelled.
  public func cancellable(_ running: Bool) {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.cancellable = running }
      store.schedulePublish()
    }
  }

  /// Whether the source can fetch more on request.
  public func moreAvailable(_ more: Bool) {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.moreAvailable = more }
      store.schedulePublish()
    }
  }

  /// The source is fetching again after it had finished (a lazy query resumed).
  public func resume() {
    store.queue.async { [store, id] in
      store.updateSource(id) { $0.finished = false }
      store.schedulePublish()
    }
  }

  /// The source has finished (for now: a lazy source may resume).
  public func finish() {
    store.queue.async { [store, id] in
      store.updateSource(id) { source in
        source.finished = true
        source.activity = nil
        source.cancellable = false
      }
      store.publishNow()
    }
  }

  /// Adds a notice for the status line and print mode's stderr.
  public func notice(_ text: String) {
    store.addNotice(text)
  }
}
