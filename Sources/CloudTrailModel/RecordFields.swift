/// The indexed columns of one CloudTrail record, as located by ``RecordScanner``.
///
/// String fields refer into the scan buffer; decode them with ``JSONStringRef/decode(in:)``.
public struct RecordFields: Sendable, Equatable {
  /// `eventTime` as seconds since 1970 (UTC), or nil when missing or not an ISO 8601 string.
  public var eventTime: Int64? = nil
  /// `eventName`.
  public var eventName: JSONStringRef = .absent
  /// `eventSource`, for example `iam.amazonaws.com`.
  public var eventSource: JSONStringRef = .absent
  /// `awsRegion`.
  public var awsRegion: JSONStringRef = .absent
  /// `sourceIPAddress`.
  public var sourceIPAddress: JSONStringRef = .absent
  /// `userAgent`.
  public var userAgent: JSONStringRef = .absent
  /// `errorCode`.
  public var errorCode: JSONStringRef = .absent
  /// `errorMessage`.
  public var errorMessage: JSONStringRef = .absent
  /// `eventID`.
  public var eventID: JSONStringRef = .absent
  /// `eventType`.
  public var eventType: JSONStringRef = .absent
  /// `recipientAccountId`.
  public var recipientAccountId: JSONStringRef = .absent
  /// `readOnly`: a JSON bool in log files, the string "true"/"false" elsewhere; nil when absent.
  public var readOnly: Bool? = nil
  /// `userIdentity.type`.
  public var identityType: JSONStringRef = .absent
  /// `userIdentity.userName`.
  public var userName: JSONStringRef = .absent
  /// `userIdentity.arn`.
  public var arn: JSONStringRef = .absent
  /// `userIdentity.invokedBy`.
  public var invokedBy: JSONStringRef = .absent
  /// `userIdentity.accountId`.
  public var accountId: JSONStringRef = .absent
  /// `userIdentity.principalId`.
  public var principalId: JSONStringRef = .absent
  /// `userIdentity.accessKeyId`.
  public var accessKeyId: JSONStringRef = .absent
  /// `userIdentity.sessionContext.sessionIssuer.userName`.
  public var sessionIssuerUserName: JSONStringRef = .absent
  /// `userIdentity.onBehalfOf.userId` (IAM Identity Center users).
  public var onBehalfOfUserId: JSONStringRef = .absent
  /// `requestParameters.name` (the trail name or ARN in trail-management calls).
  public var requestName: JSONStringRef = .absent

  /// Creates an empty set of fields.
  public init() {}
}

/// One record found by ``RecordScanner``: where its JSON object lies in the buffer, and its indexed fields.
public struct ScannedRecord: Sendable, Equatable {
  /// Byte range of the record's JSON object (from `{` to `}` inclusive) in ``ScanResult/buffer``.
  public var range: Range<Int>
  /// The indexed fields.
  public var fields: RecordFields

  /// Creates a scanned record.
  public init(range: Range<Int>, fields: RecordFields) {
    self.range = range
    self.fields = fields
  }
}
