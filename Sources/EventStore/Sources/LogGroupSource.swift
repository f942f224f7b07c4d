import AWSClient
import CloudTrailModel
import Dispatch
import Foundation

/// Reads a CloudWatch Logs group that a trail delivers to (`cwl://LOG_GROUP`): FilterLogEvents pages over the time
/// window, in the background, each page's log event messages read as records by the scanner. The window is sent
/// (widened by ``margin`` either way: a log event's timestamp is the event's time as CloudTrail set it, not
/// necessarily `eventTime` to the second) with the JSON filter pattern of the predicates CloudWatch can apply
/// without differing from the local filter (``LogFilterPattern``); the local filter applies every predicate to what
/// comes back. A filter with another pattern reads the group again (unless everything was read); following polls
/// the window's end again every few seconds, without a pattern; the store drops what it already holds. A
/// failed page is a problem naming the group and AWS's explanation.
public final class LogGroupSource: EventSource {
  let group: String
  let client: CloudTrailClient
  let window: (start: Int64?, end: Int64?)
  let reporter: SourceReporter
  let pageLimit: Int
  private let started = OnceFlag()
  private let queue = DispatchQueue(label: "trailview.log-group")
  /// The follow timer and the end of the last poll (on `queue`).
  nonisolated(unsafe) private var timer: DispatchSourceTimer?
  nonisolated(unsafe) private var polledUpTo: Int64 = 0
  nonisolated(unsafe) private var pages: UInt32 = 0
  /// The patterns read so far ("" for everything) (on `queue`).
  nonisolated(unsafe) private var readPatterns = Set<String>()

  /// Seconds added to the window on either side.
  public static let margin: Int64 = 3600

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  /// A source for the log group `group` (a name or an ARN) over `client` (its region's CloudWatch Logs) feeding
  /// `store`; `window` in seconds (nil: unbounded); `pageLimit` log events per page (1–10,000).
  public init(
    group: String, client: CloudTrailClient, window: (start: Int64?, end: Int64?), into store: EventStore,
    pageLimit: Int = 10_000
  ) {
    self.group = group
    self.client = client
    self.window = window
    self.reporter = store.makeReporter()
    self.pageLimit = pageLimit
  }

  /// A log group's ARN as DescribeTrails gives it (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`): the group's
  /// name and region; nil when `text` is not such an ARN. A trail's group is in the trail's own account, so its name
  /// is enough (and what every emulator takes; an ARN as `logGroupIdentifier` is for other accounts' groups).
  public static func arn(_ text: String) -> (name: String, region: String)? {
    let parts = text.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
    guard parts.count == 7, parts[0] == "arn", parts[2] == "logs", !parts[3].isEmpty, parts[5] == "log-group"
    else { return nil }
    let name = parts[6].hasSuffix(":*") ? parts[6].dropLast(2) : parts[6]
    return name.isEmpty ? nil : (String(name), String(parts[3]))
  }

  /// `cwl://LOG_GROUP` (the group's name, slashes and all), or nil when `text` is not one.
  public static func parse(_ text: String) -> String? {
    guard text.hasPrefix("cwl://") else { return nil }
    let group = String(text.dropFirst(6))
    return group.isEmpty ? nil : group
  }

  var label: String { "cwl://\(group)" }

  /// Pages through the window in the background, the first time and whenever the filter's pattern is one not read
  /// yet (and not everything was read).
  public func start(filter: EventFilter) {
    let wanted = LogFilterPattern.compile(filter)
    let first = started.first()
    queue.async { [self] in
      if first { polledUpTo = window.end ?? Int64(Date().timeIntervalSince1970) }
      guard !readPatterns.contains(""), !readPatterns.contains(wanted ?? "") else { return }
      readPatterns.insert(wanted ?? "")
      reporter.begin(label: label, unit: "pages", total: nil, query: wanted.map { "filter pattern \($0)" })
      let start = window.start.map { $0 - Self.margin }
      let end = window.end.map { $0 + Self.margin }
      fetch(start: start, end: end, token: nil, events: 0, arrived: nil, pattern: wanted) { [reporter] in
        reporter.finish()
      }
    }
  }

  /// Fetches one page and, while there is a next one, the rest; `arrived` (the poll's time) marks a follow poll.
  private func fetch(
    start: Int64?, end: Int64?, token: String?, events: Int, arrived: Int64?, pattern: String?,
    done: @escaping @Sendable () -> Void
  ) {
    client.filterLogEvents(
      group: group, start: start, end: end, nextToken: token, limit: pageLimit, pattern: pattern
    ) { [self] result in
      switch result {
      case .failure(let error):
        reporter.problem(LoadProblem(source: label, reason: "FilterLogEvents: \(error.explanation)"))
        done()
      case .success(let page):
        queue.async { [self] in
          pages += 1
          let scan = RecordScanner.scan(page.bytes)
          let batch = RecordBatch(
            scan: scan, source: "\(label) page \(pages)", ordinal: pages, detector: reporter.store.detector)
          let total = events + batch.rows.count
          if let arrived {
            reporter.arrived(batch, polledAt: arrived)
          } else {
            reporter.batch(batch)
            reporter.activity("\(total) log events")
          }
          // A token that does not change would page forever.
          if let next = page.nextToken, next != token {
            fetch(
              start: start, end: end, token: next, events: total, arrived: arrived, pattern: pattern, done: done)
          } else {
            done()
          }
        }
      }
    }
  }

  /// Polls every `seconds` for log events from ten minutes before the last poll's end up to now (nil: stops).
  public func follow(every seconds: Int?) {
    queue.async { [self] in
      timer?.cancel()
      timer = nil
      reporter.following(every: seconds)
      guard let seconds, seconds > 0 else { return }
      let timer = DispatchSource.makeTimerSource(queue: queue)
      timer.schedule(deadline: .now() + .seconds(seconds), repeating: .seconds(seconds))
      timer.setEventHandler { [self] in poll() }
      self.timer = timer
      timer.resume()
    }
  }

  /// One follow poll (on `queue`).
  private func poll() {
    let now = Int64(Date().timeIntervalSince1970)
    let from = polledUpTo - 600
    polledUpTo = now
    // Polls read everything new (a few minutes of events): the filter may have changed since.
    fetch(start: from, end: now, token: nil, events: 0, arrived: now, pattern: nil) { [reporter] in
      reporter.polled(at: now)
    }
  }
}
