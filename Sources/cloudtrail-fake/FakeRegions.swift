import AWSClient
import CloudTrailModel
import LookupEmulator

/// Which regions the fake's one endpoint answers for, and each region's events.
///
/// A request is for the region its SigV4 credential scope names (unsigned requests: ``home``). Like a regional AWS
/// endpoint, the fake refuses a scope naming a region it does not serve; with no `--region` it serves every region,
/// as moto does (trailview sends every region's calls to a custom endpoint). LookupEvents answers a region's
/// events only: records whose `awsRegion` is that region (records without one belong to ``home``).
struct FakeRegions: Sendable {
  /// The regions served (`--region`, in order); empty for every region.
  let served: [String]
  /// Opt-in regions the account has not enabled (`--disabled-region`): DescribeRegions leaves them out, calls signed
  /// for them answer `UnrecognizedClientException`.
  let disabled: Set<String>
  /// Each region's LookupEvents index.
  let indexes: [String: LookupIndex]
  private let none = LookupIndex(events: [])

  /// The region of unsigned requests and of records without `awsRegion`: the first `--region`, else us-east-1.
  var home: String { served.first ?? "us-east-1" }

  /// Splits `index` by region.
  init(served: [String], disabled: [String] = [], index: LookupIndex) {
    self.served = served
    self.disabled = Set(disabled)
    let home = served.first ?? "us-east-1"
    func byRegion(_ events: [LookupEvent]) -> [String: [LookupEvent]] {
      Dictionary(grouping: events) { Self.region(of: $0) ?? home }  // grouping keeps the newest-first order
    }
    let management = byRegion(index.events)
    let insights = byRegion(index.insightEvents)
    var indexes: [String: LookupIndex] = [:]
    for region in Set(management.keys).union(insights.keys) {
      indexes[region] = LookupIndex(events: management[region] ?? [], insightEvents: insights[region] ?? [])
    }
    self.indexes = indexes
  }

  /// The index answering LookupEvents in `region` (empty for a region without events).
  func index(for region: String) -> LookupIndex { indexes[region] ?? none }

  /// Whether a request signed for `region` is refused here (AWS: `InvalidSignatureException`, "Credential should be
  /// scoped to a valid region.").
  func refuses(_ region: String) -> Bool {
    !AWSEndpoints.isValidRegion(region) || (!served.isEmpty && !served.contains(region))
  }

  /// "N management events: us-east-1 N, eu-west-1 N, ..." for the startup line, with the events of regions not
  /// served.
  var summary: String {
    let counts = indexes.map { ($0.key, $0.value.events.count) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    let listed = counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    let total = counts.reduce(0) { $0 + $1.1 }
    guard !served.isEmpty else { return "\(total) management events in every region (\(listed))" }
    let reachable = counts.filter { served.contains($0.0) }.reduce(0) { $0 + $1.1 }
    return "\(reachable) management events in \(served.joined(separator: ", ")) (all: \(listed))"
  }

  /// A record's `awsRegion`, read from its bytes.
  static func region(of event: LookupEvent) -> String? {
    let scan = RecordScanner.scan(Array(event.cloudTrailEvent.utf8))
    guard let field = scan.records.first?.fields[.awsRegion], field.isPresent else { return nil }
    let region = field.decode(in: scan.buffer)
    return region.isEmpty ? nil : region
  }
}
