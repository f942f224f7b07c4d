import AWSClient
import CloudTrailModel
import Dispatch
import Foundation

/// Reads CloudTrail events through a distributed SQL engine (``QueryEngine``: Athena, CloudTrail Lake): one statement
/// per filter, asked about once before the first scan (``QueryApproval``), its state polled with the statistics in
/// the status line, then its result pages turned back into records as they come. The rows are a superset of what
/// the filter keeps; the store's filter does the rest. A new filter whose statement differs is a new query (the
/// running one is stopped); ``cancel(waitingUpTo:)`` stops a running one. Failures are problems naming the source;
/// what was loaded stays, marked partial.
public final class QuerySource: EventSource {
  let engine: any QueryEngine
  let window: (start: Int64, end: Int64)
  let reporter: SourceReporter
  let approval: QueryApproval
  private let queue = DispatchQueue(label: "trailview.query")
  // State, on `queue`.
  nonisolated(unsafe) private var prepared = false
  nonisolated(unsafe) private var preparing = false
  nonisolated(unsafe) private var approved: Bool?
  nonisolated(unsafe) private var asking = false
  nonisolated(unsafe) private var wanted: EventFilter?
  nonisolated(unsafe) private var asked = Set<String>()
  nonisolated(unsafe) private var running: (id: String, sql: String)?
  nonisolated(unsafe) private var generation = 0
  nonisolated(unsafe) private var pages: UInt32 = 0

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  /// A source over `engine` feeding `store`; `window` (seconds since 1970) when the filter has none; `approval` is
  /// asked before the first query.
  public init(
    engine: any QueryEngine, window: (start: Int64, end: Int64), into store: EventStore,
    approval: @escaping QueryApproval
  ) {
    self.engine = engine
    self.window = window
    self.reporter = store.makeReporter()
    self.approval = approval
  }

  var label: String { engine.label }

  /// Starts a query for `filter` unless one with the same statement already ran or runs.
  public func start(filter: EventFilter) {
    queue.async { [self] in
      wanted = filter
      if prepared { return run(filter) }
      guard !preparing else { return }
      preparing = true
      reporter.begin(label: label, unit: "pages", total: nil)
      engine.prepare { [self] notice in
        queue.async { [self] in
          if let notice { reporter.notice(notice) }
          prepared = true
          if let wanted { run(wanted) }
        }
      }
    }
  }

  /// Stops the running query, if any, waiting up to `seconds` for the engine to take it; what was loaded stays.
  public func cancel(waitingUpTo seconds: Double) {
    let stopped = DispatchSemaphore(value: 0)
    queue.async { [self] in
      guard let (id, sql) = running else {
        stopped.signal()
        return
      }
      running = nil
      asked.remove(sql)  // asked again, it runs again
      generation += 1
      engine.stop(id) { stopped.signal() }
      reporter.problem(
        LoadProblem(source: label, reason: "the query was cancelled; the rows loaded so far are partial"))
      reporter.finish()
    }
    if seconds > 0 { _ = stopped.wait(timeout: .now() + seconds) }
  }

  /// Runs the statement for `filter` (on `queue`), asking first when nothing was approved yet.
  private func run(_ filter: EventFilter) {
    // The filter's window when it has one, else the source's (so that the same filter is the same statement).
    let plan = engine.plan(filter, start: filter.startTime ?? window.start, end: filter.endTime ?? window.end)
    guard !asked.contains(plan.sql) else { return }
    guard approved == true else {
      guard approved == nil, !asking else { return }
      asking = true
      reporter.activity("waiting for the go-ahead to scan")
      approval(plan.summary) { [self] yes in
        queue.async { [self] in
          asking = false
          approved = yes
          if yes, let wanted {
            run(wanted)
          } else if !yes {
            reporter.problem(LoadProblem(source: label, reason: "no query was run: the scan was not approved"))
            reporter.finish()
          }
        }
      }
      return
    }
    asked.insert(plan.sql)
    if let (old, _) = running { engine.stop(old) {} }
    generation += 1
    let current = generation
    running = nil
    reporter.begin(label: label, unit: "pages", total: nil, query: engine.service)
    reporter.activity("starting the query")
    engine.start(plan.sql) { [self] result in
      queue.async { [self] in
        guard current == generation else {
          if case .success(let id) = result { engine.stop(id) {} }
          return
        }
        switch result {
        case .failure(let error):
          asked.remove(plan.sql)
          fail("the query did not start: \(error.explanation)")
        case .success(let id):
          running = (id, plan.sql)
          reporter.cancellable(true)
          poll(id, plan: plan, generation: current, delay: 0.05)
        }
      }
    }
  }

  /// Ends the query with a problem (on `queue`).
  private func fail(_ reason: String) {
    running = nil
    reporter.problem(LoadProblem(source: label, reason: reason))
    reporter.finish()
  }

  /// Polls the query's state every `delay` seconds (growing to 1 s) until it ends.
  private func poll(_ id: String, plan: QueryPlan, generation current: Int, delay: Double) {
    // Polls and pages are reads: a throttled, dropped or garbled answer is asked again (TransientRetry).
    TransientRetry.run({ [engine] done in engine.poll(id, done) }) { [self] result in
      queue.async { [self] in
        guard current == generation else { return }
        switch result {
        case .failure(let error):
          fail("asking how the query stands failed: \(error.explanation)")
        case .success(let progress):
          switch progress.state {
          case .finished:
            reporter.activity("\(engine.service) finished: \(progress.statistics)")
            fetch(id, plan: plan, statistics: progress.statistics, token: nil, rows: 0, generation: current)
          case .ended(let state, let reason):
            if engine.replan(after: reason) {
              running = nil
              reporter.notice("\(label): \(reason); asking again without the optional columns")
              if let wanted { run(wanted) }
              return
            }
            reporter.notice("\(label): \(state), \(progress.statistics)")
            fail("the query \(state): \(reason)")
          case .running(let state):
            reporter.activity("\(engine.service) \(state): \(progress.statistics)")
            queue.asyncAfter(deadline: .now() + delay) { [self] in
              guard current == generation else { return }
              poll(id, plan: plan, generation: current, delay: min(delay * 2, 1))
            }
          }
        }
      }
    }
  }

  /// Fetches the page after `token`, then the next, turning rows into records.
  private func fetch(
    _ id: String, plan: QueryPlan, statistics: String, token: String?, rows: Int, generation current: Int
  ) {
    TransientRetry.run({ [engine] done in engine.page(id, token: token, done) }) { [self] result in
      queue.async { [self] in
        guard current == generation else { return }
        switch result {
        case .failure(let error):
          fail("reading the results failed: \(error.explanation); the rows loaded so far are partial")
        case .success(let bytes):
          let page: (records: [UInt8], rows: Int, next: String?)
          do throws(ResultsPageError) {
            page = try engine.records(bytes, first: token == nil, plan: plan)
          } catch {
            return fail(
              "a results page could not be read (\(error.reason) at byte \(error.offset)); the rows loaded so far "
                + "are partial")
          }
          let total = rows + page.rows
          if page.rows > 0 {
            pages += 1
            let batch = RecordBatch(
              scan: RecordScanner.scan(page.records), source: "\(label) page \(pages)", ordinal: pages,
              detector: reporter.store.detector)
            reporter.batch(batch)
          }
          reporter.activity("\(total) rows, \(statistics)")
          if let next = page.next, next != token {
            fetch(id, plan: plan, statistics: statistics, token: next, rows: total, generation: current)
          } else {
            running = nil
            reporter.notice("\(label): \(total) rows, \(statistics)")
            reporter.finish()
          }
        }
      }
    }
  }
}
