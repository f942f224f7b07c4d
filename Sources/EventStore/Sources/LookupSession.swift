import AWSClient
import CloudTrailModel
import Detections
import Dispatch
import Foundation

/// Fetches LookupEvents pages from a service (the live API or the demo) into a store, in the background.
///
/// One query at a time: its EndTime is fixed and its one server-side attribute is the most selective exact filter;
/// the other filters are applied to the rows in the store. A filter change that needs another server-side attribute
/// starts a new query; late pages of the old one are dropped. Lazy mode fetches the first page and then a page
/// whenever ``needMore()`` is called, until ``loadAll()``.
///
/// `@unchecked Sendable`: all mutable state is touched only on `queue`.
public final class LookupSession: EventSource, @unchecked Sendable {
  let service: any LookupEventsService
  let reporter: SourceReporter
  let label: String
  /// The window of the current query; its end is fixed while the query pages so that NextToken stays valid.
  var window: (start: Int64?, end: Int64)
  /// The window the filter asked for last (an open end means "now" when the query started).
  var requested: (start: Int64?, end: Int64?)
  let clock: @Sendable () -> Int64
  let minInterval: Int
  let explain: @Sendable (LookupError) -> String
  let queue = DispatchQueue(label: "trailview.lookup")
  private let clockStart = DispatchTime.now().uptimeNanoseconds

  var machine: PagingMachine
  var query = 0
  private var pending: (request: LookupEventsRequest, due: Int)?
  var pageCounter: UInt32 = 0
  private var inFlight = false
  private var finished = false
  private var wanted = 0
  private var loadEverything: Bool
  /// Following: how often to look for new events (seconds), the poll loop's generation (a change stops the old
  /// loop), and where the next poll's window starts.
  var followEvery: Int?
  var followGeneration = 0
  var pollFrom: Int64 = 0
  /// The cache: its folder (one account and region), the cache of each event category once opened, and the window
  /// each category's cached events were last shown for.
  let cacheFolder: String?
  var caches: [String: LookupCache] = [:]
  var cacheShown: [String: (start: Int64?, end: Int64)] = [:]
  /// The current query's whole request (window, attribute, category), the part of its window being fetched, and
  /// the parts still to fetch after it (newest first): the parts the cache does not cover.
  var queryKey = LookupEventsRequest()
  var segment: (start: Int64?, end: Int64) = (nil, 0)
  var segments: [(start: Int64?, end: Int64)] = []

  /// Creates a session; nothing is fetched until ``start(filter:)``.
  ///
  /// - Parameters:
  ///   - window: the first query's time window; a filter with another window starts a new query, whose open end is
  ///     `clock()` at that moment (a query's end stays fixed so that NextToken stays valid).
  ///   - minIntervalMilliseconds: spacing between requests (500 ms is LookupEvents' 2 per second).
  ///   - lazy: fetch on demand after the first page.
  ///   - clock: seconds since 1970, for the end of a window that is open.
  public init(
    service: any LookupEventsService, store: EventStore, label: String, window: (start: Int64?, end: Int64),
    minIntervalMilliseconds: Int = 500, lazy: Bool = true,
    explain: @escaping @Sendable (LookupError) -> String = { "\($0.code): \($0.message)" },
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
    cacheFolder: String? = nil
  ) {
    self.cacheFolder = cacheFolder
    self.clock = clock
    self.requested = (window.start, nil)
    self.explain = explain
    self.service = service
    self.reporter = store.makeReporter()
    self.label = label
    self.window = window
    self.minInterval = minIntervalMilliseconds
    self.loadEverything = !lazy
    self.machine = PagingMachine(template: LookupEventsRequest(), minIntervalMilliseconds: minIntervalMilliseconds)
  }

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  private var now: Int { Int((DispatchTime.now().uptimeNanoseconds - clockStart) / 1_000_000) }

  /// The fields LookupEvents can filter on, most selective first, with their attribute.
  static let serverFields: [(Field, LookupAttributeKey)] = [
    (.eventID, .eventId), (.accessKeyId, .accessKeyId), (.user, .username), (.resources, .resourceName),
    (.eventName, .eventName), (.resourceType, .resourceType), (.eventSource, .eventSource), (.readOnly, .readOnly),
  ]

  /// The LookupEvents attribute for the most selective exact `equals` predicate the server can apply, or nil when
  /// none can go to the server (patterns with wildcards, several values of one field, or user ARNs: the server's
  /// Username is a name, while the filter also matches roles and ARNs).
  public static func serverAttribute(for filter: EventFilter) -> LookupAttribute? {
    let insights = category(for: filter) != nil
    for (field, key) in serverFields where !insights || insightFields.contains(field) {
      guard let value = filter.equalsValue(.field(field)).flatMap(Pattern.literal), !value.isEmpty else { continue }
      if field == .user && value.contains(":") { continue }
      if field == .readOnly && value != "true" && value != "false" { continue }
      return LookupAttribute(key: key, value: value)
    }
    return nil
  }

  /// The fields LookupEvents can filter Insights events on.
  static let insightFields: Set<Field> = [.eventID, .eventName, .eventSource]

  /// `insight` when the filter asks for Insights events only (`eventCategory=insight`, any case), else nil.
  public static func category(for filter: EventFilter) -> String? {
    filter.equalsValue(.field(.eventCategory)).map { $0.lowercased() } == "insight" ? "insight" : nil
  }

  /// Starts (or restarts) the query for `filter`; keeps the current query when its server attribute is the same.
  public func start(filter: EventFilter) {
    queue.async { [self] in
      let asked = filter.window
      if asked.start != requested.start || asked.end != requested.end {
        // Another window: a new query, ending now when the window is open.
        requested = asked
        window = (asked.start, asked.end ?? clock())
        finished = false
      }
      let attribute = Self.serverAttribute(for: filter)
      var template = LookupEventsRequest(
        lookupAttributes: attribute.map { [$0] } ?? [], startTime: window.start, endTime: window.end)
      template.maxResults = 50
      template.eventCategory = Self.category(for: filter)
      if query > 0 && queryKey == template { return }
      // Everything in the window is already loaded: the store filters it, no new query needed.
      if query > 0 && finished && pending == nil && queryKey.lookupAttributes.isEmpty
        && queryKey.eventCategory == template.eventCategory
      {
        return
      }
      query += 1
      queryKey = template
      pollFrom = window.end
      finished = false
      inFlight = false
      wanted = 1
      var description = attribute.map { "\($0.key.rawValue)=\($0.value)" } ?? "all events"
      if let category = template.eventCategory { description = "EventCategory=\(category), " + description }
      reporter.begin(label: label, unit: "pages", total: nil, query: description)
      reporter.moreAvailable(true)
      segments = planSegments(template)
      guard !segments.isEmpty else {
        reporter.notice("\(label): the whole window came from the cache")
        finished = true
        reporter.moreAvailable(false)
        reporter.finish()
        return
      }
      startSegment(segments.removeFirst())
    }
  }

  /// Asks for one more page (the cursor neared the end, or the filter has not filled the screen).
  public func needMore() {
    queue.async { [self] in
      guard !finished else { return }
      wanted = max(wanted, machine.pages + 1)
      sendIfWanted()
    }
  }

  /// Fetches every remaining page of the window.
  public func loadAll() {
    queue.async { [self] in
      loadEverything = true
      sendIfWanted()
    }
  }

  private func sendIfWanted() {
    guard !inFlight, let next = pending, loadEverything || machine.pages < wanted else { return }
    pending = nil
    send(next.request, delay: max(0, next.due - now), query: query)
  }

  /// Starts fetching one part of the query's window.
  func startSegment(_ part: (start: Int64?, end: Int64)) {
    segment = part
    var request = queryKey
    request.startTime = part.start
    request.endTime = part.end
    machine = PagingMachine(template: request, minIntervalMilliseconds: minInterval)
    perform(machine.start(now: now))
  }

  private func perform(_ action: PagingMachine.Action) {
    switch action {
    case .finish:
      segmentFetched()
      if !segments.isEmpty { return startSegment(segments.removeFirst()) }
      finished = true
      reporter.moreAvailable(false)
      reporter.finish()
    case .fail(let message):
      finished = true
      reporter.problem(LoadProblem(source: "LookupEvents (\(label))", reason: message))
      reporter.moreAvailable(false)
      reporter.finish()
    case .send(let request, let delay):
      if loadEverything || machine.pages < wanted || request.nextToken == nil {
        send(request, delay: delay, query: query)
      } else {
        pending = (request, now + delay)
        reporter.finish()
      }
    }
  }

  private func send(_ request: LookupEventsRequest, delay: Int, query: Int) {
    inFlight = true
    reporter.resume()
    queue.asyncAfter(deadline: .now() + .milliseconds(delay)) { [self] in
      guard query == self.query else { return }
      service.lookupEvents(request) { result in self.queue.async { self.handle(result, query: query) } }
    }
  }

  private func handle(_ result: Result<LookupEventsResponse, LookupError>, query: Int) {
    guard query == self.query else { return }  // a late page of a replaced query
    inFlight = false
    switch result {
    case .success(let page):
      let batch = Self.batch(
        from: machine.unseen(page), ordinal: pageCounter, label: label, detector: reporter.store.detector)
      pageCounter += 1
      reporter.activity(nil)
      reporter.batch(batch)
      pageFetched(page)
      perform(machine.received(page, now: now))
    case .failure(let error):
      let action = machine.failed(error, now: now, jitter: Double.random(in: 0..<1))
      switch action {
      case .send(_, let delay):
        if delay == 0 {
          let what = Self.describe(error.code)
          reporter.activity("\(what), \(Self.verb(error.code)) now")
        }
        countdown(error.code, until: now + delay, query: query)
        perform(action)
      case .fail:
        let message = explain(error)
        finished = true
        reporter.problem(LoadProblem(source: "LookupEvents (\(label))", reason: message))
        reporter.moreAvailable(false)
        reporter.finish()
        reporter.activity(message)
      case .finish:
        perform(action)
      }
    }
  }

  /// Shows "throttled by AWS (ThrottlingException), retrying in N s" and counts it down every second until the
  /// retry is sent.
  private func countdown(_ code: String, until due: Int, query: Int) {
    let left = due - now
    guard left > 0, query == self.query, inFlight || pending == nil else { return }
    let seconds = (left + 999) / 1000
    let what = Self.describe(code)
    let verb = Self.verb(code)
    reporter.activity("\(what), \(verb) in \(seconds) s")
    queue.asyncAfter(deadline: .now() + .milliseconds(min(1000, left))) { [self] in
      countdown(code, until: due, query: query)
    }
  }

  /// What a retryable error code means, for the status line: "throttled by AWS (ThrottlingException)".
  static func describe(_ code: String) -> String {
    if PagingMachine.throttlingCodes.contains(code) { return "throttled by AWS (\(code))" }
    switch code {
    case "NetworkError", "RequestTimeout": return "network error (\(code))"
    case "MalformedResponse": return "unreadable answer (\(code))"
    case "InvalidNextTokenException": return "NextToken refused (\(code))"
    default: return "server error (\(code))"
    }
  }

  /// "resuming" for a refused NextToken (the query restarts where it got to), else "retrying".
  static func verb(_ code: String) -> String { code == "InvalidNextTokenException" ? "resuming" : "retrying" }

  /// Turns a page's `CloudTrailEvent` strings into one NDJSON buffer and scans it like a file.
  static func batch(
    from page: LookupEventsResponse, ordinal: UInt32, label: String, detector: Detector? = nil
  ) -> RecordBatch {
    var bytes: [UInt8] = []
    for event in page.events {
      bytes.append(contentsOf: event.cloudTrailEvent.utf8)
      bytes.append(0x0A)
    }
    let scan =
      bytes.isEmpty ? ScanResult(buffer: [], records: [], shape: .empty, problems: []) : RecordScanner.scan(bytes)
    var batch = RecordBatch(
      scan: scan, source: "\(label) page \(ordinal + 1)", ordinal: ordinal, detector: detector)
    batch.overlaps = true  // the cache's and the polls' windows overlap the pages'
    return batch
  }
}
