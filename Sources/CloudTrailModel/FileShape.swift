/// The shape of a file's contents, as detected by ``RecordScanner``.
public enum FileShape: String, Sendable, Equatable {
  /// `{"Records":[...]}` as CloudTrail delivers to S3.
  case records
  /// A bare JSON array of records.
  case array
  /// One record (or one `{"Records":...}` batch) per line.
  case ndjson
  /// A single record object.
  case single
  /// The output of `aws cloudtrail lookup-events`: `{"Events":[{"CloudTrailEvent":"..."}]}`.
  case lookupEvents
  /// A CloudTrail digest file (skipped quietly).
  case digest
  /// Empty or whitespace only.
  case empty
  /// Not recognisable as CloudTrail.
  case unknown
}
