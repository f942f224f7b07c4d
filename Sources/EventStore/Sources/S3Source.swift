import AWSClient
import CloudTrailModel
import Dispatch
import Foundation
import Synchronization

/// Reads a trail's S3 bucket in place (`s3://BUCKET/PREFIX`): only the CloudTrail layout's keys
/// (`AWSLogs/[o-ID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`), only the days of the time window when there is one,
/// newest first, objects fetched in parallel (bounded) and loaded like local files. A prefix or key that cannot be
/// read is a problem naming it; the rest loads.
public final class S3Source: EventSource {
  let bucket: String
  let prefix: String
  let client: S3Client
  let window: (start: Int64?, end: Int64)
  let reporter: SourceReporter
  let concurrency: Int
  let maxFileBytes: Int
  private let plainBudget: Int
  private let started = OnceFlag()

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  /// A source for `s3://bucket/prefix` over `client` feeding `store`; `window` (seconds; no start: every day)
  /// decides which days are listed.
  public init(
    bucket: String, prefix: String, client: S3Client, window: (start: Int64?, end: Int64), into store: EventStore,
    concurrency: Int = 8, maxFileBytes: Int = LogFileSource.defaultMaxFileBytes,
    plainBudget: Int = LogFileSource.defaultPlainBudget
  ) {
    self.bucket = bucket
    self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    self.client = client
    self.window = window
    self.reporter = store.makeReporter()
    self.concurrency = max(1, concurrency)
    self.maxFileBytes = maxFileBytes
    self.plainBudget = plainBudget
  }

  /// `s3://BUCKET/PREFIX` split, or nil when `text` is not an S3 URL with a bucket.
  public static func parse(_ text: String) -> (bucket: String, prefix: String)? {
    guard text.hasPrefix("s3://") else { return nil }
    let rest = text.dropFirst(5)
    let bucket = rest.prefix { $0 != "/" }
    guard !bucket.isEmpty else { return nil }
    return (String(bucket), String(rest.dropFirst(bucket.count).drop { $0 == "/" }))
  }

  /// Lists and reads in the background, the first time only.
  public func start(filter: EventFilter) {
    guard started.first() else { return }
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      var problems: [LoadProblem] = []
      let label = "s3://\(bucket)/\(prefix)"
      // Listing shows first (keys found so far), then fetching (objects counted, bytes as activity).
      reporter.begin(label: label, unit: "objects", total: nil)
      reporter.activity(Self.listingText(0))
      let keys = S3Listing(client: client, bucket: bucket).logKeys(
        under: prefix, days: days, problems: &problems,
        listed: { [reporter] in reporter.activity(Self.listingText($0)) }
      )
      reporter.begin(label: label, unit: "objects", total: keys.count, problems: problems)
      fetch(keys)
      reporter.finish()
    }
  }

  /// The activity while listing: "listing keys: 1,204 found".
  static func listingText(_ found: Int) -> String { "listing keys: \(found) found" }

  /// The activity while fetching: "12.4 MiB fetched".
  static func fetchedText(_ bytes: Int) -> String {
    bytes < 1 << 20
      ? "\(bytes >> 10) KiB fetched" : "\(Double(bytes * 10 >> 20) / 10) MiB fetched"
  }

  /// The days listed for the window (``S3Window/days(_:)``).
  var days: [String]? { S3Window.days(window) }

  /// Fetches the objects, `concurrency` at a time, in the order given, and loads each like a file.
  private func fetch(_ keys: [String]) {
    let plainUsed = Atomic<Int>(0)
    let (bucket, reporter, maxFileBytes, plainBudget) = (
      self.bucket, self.reporter, self.maxFileBytes, self.plainBudget
    )
    let fetched = Atomic<Int>(0)
    client.forEachObject(bucket: bucket, keys: keys, concurrency: concurrency) { index, answer in
      let source = "s3://\(bucket)/\(keys[index])"
      switch answer {
      case .success(let object):
        let total = fetched.add(object.bytes.count, ordering: .relaxed).newValue
        reporter.activity(Self.fetchedText(total))
        guard object.bytes.count <= maxFileBytes else {
          return reporter.problem(
            LoadProblem(source: source, reason: "object is \(object.bytes.count >> 20) MiB, over the cap"),
            countsAsUnit: true)
        }
        switch LogFileSource.fileBytes(object.bytes, source: source, maxBytes: maxFileBytes) {
        case .success(let bytes):
          reporter.batch(
            LogFileSource.batch(
              bytes, source: source, ordinal: UInt32(index), reporter: reporter, plainUsed: plainUsed,
              plainBudget: plainBudget))
        case .failure(let problem): reporter.problem(problem, countsAsUnit: true)
        }
      case .failure(let error):
        reporter.problem(LoadProblem(source: source, reason: error.explanation), countsAsUnit: true)
      }
    }
  }
}
/// Which day folders a time window needs.
enum S3Window {
  /// The UTC days (`YYYY/MM/DD`) whose folders can hold the window's events, newest first: from the start's day to
  /// the day after the end (files are filed under their delivery day, minutes after the events); nil without a start.
  static func days(_ window: (start: Int64?, end: Int64)) -> [String]? {
    guard let start = window.start else { return nil }
    let first = start - start % 86_400
    let last = window.end - window.end % 86_400 + 86_400
    guard last >= first, (last - first) / 86_400 < 3_660 else { return nil }
    return stride(from: last, through: first, by: -86_400).map { day in
      String(EventTime.formatISO(day).prefix(10)).replacingOccurrences(of: "-", with: "/")
    }
  }
}
