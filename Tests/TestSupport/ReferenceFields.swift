import CloudTrailModel

/// The indexed fields of one record as plain optionals, for comparing the scanner with ``ReferenceDecoder``.
public struct ReferenceFields: Equatable, Sendable, CustomStringConvertible {
  /// `eventTime` in seconds since 1970, nil when missing or unusable.
  public var eventTime: Int64?
  /// Top-level string fields, in `RecordFields` order.
  public var eventName, eventSource, awsRegion, sourceIPAddress, userAgent, errorCode, errorMessage: String?
  /// More top-level string fields.
  public var eventID, eventType, recipientAccountId: String?
  /// `readOnly` as a bool or `"true"`/`"false"`.
  public var readOnly: Bool?
  /// `userIdentity` string fields.
  public var identityType, userName, arn, invokedBy, accountId, principalId, accessKeyId: String?
  /// Nested identity fields and `requestParameters.name`.
  public var sessionIssuerUserName, onBehalfOfUserId, requestName: String?
  /// `insightDetails.eventName` and `insightDetails.eventSource` (Insights events).
  public var insightEventName, insightEventSource: String?
  /// The expected ``Identity/displayName(_:in:)``.
  public var displayName = ""

  /// Creates empty fields.
  public init() {}

  /// Decodes what the scanner found, for comparison.
  public init(scanned f: RecordFields, in buffer: [UInt8]) {
    func s(_ ref: JSONStringRef) -> String? { ref.isPresent ? ref.decode(in: buffer) : nil }
    eventTime = f.eventTime
    eventName = s(f[.eventName])
    eventSource = s(f[.eventSource])
    awsRegion = s(f[.awsRegion])
    sourceIPAddress = s(f[.sourceIPAddress])
    userAgent = s(f[.userAgent])
    errorCode = s(f[.errorCode])
    errorMessage = s(f[.errorMessage])
    eventID = s(f[.eventID])
    eventType = s(f[.eventType])
    recipientAccountId = s(f[.recipientAccountId])
    readOnly = f.readOnly
    identityType = s(f[.identityType])
    userName = s(f[.userName])
    arn = s(f[.arn])
    invokedBy = s(f[.invokedBy])
    accountId = s(f[.accountId])
    principalId = s(f[.principalId])
    accessKeyId = s(f[.accessKeyId])
    sessionIssuerUserName = s(f[.sessionIssuerUserName])
    onBehalfOfUserId = s(f[.onBehalfOfUserId])
    requestName = s(f[.requestName])
    insightEventName = s(f[.insightEventName])
    insightEventSource = s(f[.insightEventSource])
    displayName = Identity.displayName(f, in: buffer)
  }

  /// A readable dump for failure messages.
  public var description: String {
    let parts: [String?] = [
      eventTime.map { String($0) }, eventName, eventSource, awsRegion, sourceIPAddress, userAgent, errorCode,
      errorMessage, eventID, eventType, recipientAccountId, readOnly.map { String($0) }, identityType, userName, arn,
      invokedBy, accountId, principalId, accessKeyId, sessionIssuerUserName, onBehalfOfUserId, requestName,
      insightEventName, insightEventSource, displayName,
    ]
    return "[" + parts.map { $0.map { "\"\($0.debugDescription)\"" } ?? "nil" }.joined(separator: ", ") + "]"
  }
}
