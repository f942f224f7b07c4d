/// How one source is doing.
public struct SourceProgress: Sendable, Equatable {
  /// The source.
  public var id: SourceID
  /// What it loads ("3 paths", "CloudTrail us-east-1").
  public var label: String = ""
  /// What was asked of the server ("EventName=StopLogging", "all events"), for paged sources.
  public var query: String?
  /// The unit counted: "files" or "pages".
  public var unit: String = "files"
  /// Units finished.
  public var done: Int = 0
  /// Units in all, when known.
  public var total: Int?
  /// True once the source has begun a load.
  public var began = false
  /// True when the source has finished (successfully or not).
  public var finished = false
  /// The source can fetch more on request.
  public var moreAvailable = false
  /// The source runs a query on a server that ``EventSource/cancel()`` stops.
  public var cancellable = false
  /// What it is doing right now.
  public var activity: String?
  /// How often it looks for new events, in seconds, while following (nil: not following).
  public var followEvery: Int?
  /// When it last looked for new events and got an answer (seconds since 1970).
  public var lastPoll: Int64?
  /// Events that arrived while following (new to the store).
  public var arrived = 0

  /// Creates the progress of a source that has not begun.
  public init(id: SourceID) { self.id = id }
}

/// How loading is going, for the status bar and for print mode's exit status: every source summed up, and each
/// source on its own in ``sources``.
public struct LoadProgress: Sendable, Equatable {
  /// What is being loaded ("3 paths", "demo account").
  public var label: String = ""
  /// The unit counted: "files" or "pages".
  public var unit: String = "files"
  /// Units finished.
  public var done: Int = 0
  /// Units in all, when known.
  public var total: Int?
  /// Events that arrived more than once (the same record again) and were dropped (with a load filter: counted among
  /// the events it kept).
  public var duplicates: Int = 0
  /// Events left out as they were read because they fail the store's load filter (``LoadFilter``).
  public var leftOut: Int = 0
  /// True when every source has finished (successfully or not).
  public var finished: Bool = false
  /// Units that could not be read, each with the reason.
  public var problems: [LoadProblem] = []
  /// The source can fetch more on request (a lazy LookupEvents query that has not reached the window's start).
  public var moreAvailable: Bool = false
  /// What a source is doing right now, for example "throttled, retrying in 2 s".
  public var activity: String?
  /// True while a source runs a query on a server that can be cancelled.
  public var cancellable: Bool { sources.contains { $0.cancellable && !$0.finished } }
  /// Things the user should know that are not failures ("the local clock is 15 min behind AWS; ...").
  public var notices: [String] = []
  /// Each source's own progress.
  public var sources: [SourceProgress] = []

  /// Creates an empty progress report.
  public init() {}

  /// Sets the summary fields from ``sources``: finished when every source that began has finished, units and
  /// totals summed, the first activity (with several sources, named by the source: "eu-west-1: throttled …").
  mutating func summarize() {
    let began = sources.filter(\.began)
    guard !began.isEmpty else { return }
    label = began.count == 1 ? began[0].label : began.map(\.label).joined(separator: " + ")
    unit = began[0].unit
    done = began.reduce(0) { $0 + $1.done }
    total = began.allSatisfy { $0.total != nil } ? began.reduce(0) { $0 + ($1.total ?? 0) } : nil
    finished = began.allSatisfy(\.finished) && began.count == sources.count
    moreAvailable = began.contains(where: \.moreAvailable)
    activity =
      began.lazy.compactMap { source in
        source.activity.map { text in
          guard began.count > 1 else { return text }
          let name = source.label.hasPrefix("CloudTrail ") ? String(source.label.dropFirst(11)) : source.label
          return "\(name): \(text)"
        }
      }.first
  }
}

/// What is known about one trail: from the API (live), or from trail-management calls in the data (files).
public struct TrailState: Sendable, Equatable {
  /// Trail name.
  public var name: String
  /// Home region, or the region of the call that named it.
  public var region: String
  /// The trail's ARN, when the API gave it.
  public var arn: String?
  /// Whether logging is on, when known.
  public var isLogging: Bool?
  /// True after a successful DeleteTrail.
  public var deleted: Bool = false
  /// The last trail-management call seen (for example `StopLogging`).
  public var lastEventName: String?
  /// When the logging state last changed, seconds since 1970.
  public var changedAt: Int64?
  /// Who made that call.
  public var changedBy: String?
  /// Multi-region trail, when known.
  public var isMultiRegion: Bool?
  /// Latest log delivery, when known.
  public var latestDelivery: Int64?
  /// Log file validation enabled, when known.
  public var validation: Bool?
  /// Organization trail, when known.
  public var isOrganization: Bool?
  /// The S3 bucket logs go to, when known.
  public var bucket: String?
  /// The key prefix in that bucket, when the trail has one.
  public var keyPrefix: String?
  /// The CloudWatch Logs group the trail also delivers to (its ARN, from DescribeTrails), when it has one.
  public var logGroup: String?
  /// When a trail-management call seen in the data last named the bucket (seconds since 1970).
  var bucketNamedAt: Int64?
  /// The latest delivery error, when there is one.
  public var deliveryError: String?
  /// What the latest event-selector call left of management events: nil when unknown or all of them, else a
  /// short warning ("management events off", "writes not logged").
  public var selectorWarning: String?
  /// When the logging switch last flipped (StartLogging, StopLogging, CreateTrail, DeleteTrail...), seconds since 1970.
  public var switchedAt: Int64?
  /// When the selectors last changed, seconds since 1970.
  public var selectorsChangedAt: Int64?
  /// True when this entry came from the CloudTrail API rather than from calls seen in the data.
  public var fromAPI = false

  /// Creates a trail entry.
  public init(name: String, region: String) {
    self.name = name
    self.region = region
  }
}
