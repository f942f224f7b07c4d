/// The built-in demo account: a deterministic week of CloudTrail activity with an incident inside it.
///
/// Account `123456789012`. About 3,000–4,000 records spread over the seven days before `now`: IAM users
/// (`alice`, `bob`, `carol-admin`, `deploy-bot`, `vendor-sync`), assumed roles (`Admin`/`alice@example.com`,
/// `ci-deploy`/`gh-actions-…`, EC2 instance role sessions `i-0abc…`, a Lambda role), service principals, a rare root
/// console login, a federated user and an Identity Center user.
///
/// The incident, 28–34 hours before `now`, all from ``incidentSourceIP``: the leaked key ``leakedAccessKeyId`` of
/// `deploy-bot` is used by a Python script for reconnaissance, a burst of S3 `GetObject` data events on
/// `customer-exports`, denied KMS/Organizations calls, creation of IAM user `backup-admin` with an access key and
/// `AdministratorAccess`; the new key then stops logging on trail `management-events` and fails to delete it
/// (an SCP denies it).
public enum DemoAccount {
  /// The demo records as JSON objects (UTF-8, compact, one object each), newest first, ending at `now`
  /// (seconds since 1970). The same `now` and `seed` always give identical bytes.
  ///
  /// These are what the account's trail log files would hold, so S3 and DynamoDB data events are included;
  /// ``DemoService`` (Event History) leaves them out.
  public static func records(now: Int64, seed: UInt64 = 1) -> [[UInt8]] {
    events(now: now, seed: seed).map(\.json)
  }

  /// The demo events with their generator metadata, newest first.
  static func events(now: Int64, seed: UInt64) -> [DemoEvent] {
    var builder = DemoBuilder(now: now, seed: seed)
    builder.background()
    builder.incident()
    var events = builder.finish(idSeed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: now))
    // Newest first, as the calls are: each insight before the first event older than it.
    for insight in insights(after: events, seed: seed) {
      events.insert(insight, at: events.firstIndex { $0.time < insight.time } ?? events.count)
    }
    return events
  }
}
