/// The JSON paths the record scanner extracts from every record, each into its own slot of ``RecordFields``.
///
/// This list drives the scanner (``ScanPlan`` is compiled from the paths): adding a case with its path is all it
/// takes to have a value located in every record at scan time. ``Field`` declares which of them become columns and
/// how fields derived from several slots (the user, the role) are built.
public enum ScanSlot: Int, CaseIterable, Sendable {
  /// `eventTime`, parsed to seconds (``RecordFields/eventTime``).
  case eventTime
  /// `readOnly`, a JSON bool or the string "true"/"false" (``RecordFields/readOnly``).
  case readOnly
  /// `eventName`.
  case eventName
  /// `eventSource`.
  case eventSource
  /// `awsRegion`.
  case awsRegion
  /// `sourceIPAddress`.
  case sourceIPAddress
  /// `userAgent`.
  case userAgent
  /// `errorCode`.
  case errorCode
  /// `errorMessage`.
  case errorMessage
  /// `eventID`.
  case eventID
  /// `eventType`.
  case eventType
  /// `eventCategory`.
  case eventCategory
  /// `recipientAccountId`.
  case recipientAccountId
  /// `userIdentity.type`.
  case identityType
  /// `userIdentity.userName`.
  case userName
  /// `userIdentity.arn`.
  case arn
  /// `userIdentity.invokedBy`.
  case invokedBy
  /// `userIdentity.accountId`.
  case accountId
  /// `userIdentity.principalId`.
  case principalId
  /// `userIdentity.accessKeyId`.
  case accessKeyId
  /// `userIdentity.sessionContext.sessionIssuer.userName`.
  case sessionIssuerUserName
  /// `userIdentity.sessionContext.sessionIssuer.arn`.
  case sessionIssuerArn
  /// `userIdentity.sessionContext.sessionIssuer.type` (`Role` for assumed roles).
  case sessionIssuerType
  /// `userIdentity.sessionContext.attributes.mfaAuthenticated`.
  case mfaAuthenticated
  /// `userIdentity.onBehalfOf.userId` (IAM Identity Center users).
  case onBehalfOfUserId
  /// `additionalEventData.MFAUsed` (console sign-ins).
  case mfaUsed
  /// `requestParameters.name` (the trail name or ARN in trail-management calls).
  case requestName
  /// `requestParameters.trailName` (the trail name or ARN in PutEventSelectors).
  case requestTrailName
  /// `responseElements.credentials.accessKeyId` (the key issued by AssumeRole, GetSessionToken, ...).
  case issuedAccessKeyId
  /// `responseElements.accessKey.accessKeyId` (the long-term key CreateAccessKey made).
  case createdAccessKeyId
  /// `insightDetails.eventName` (the call an Insights event is about).
  case insightEventName
  /// `insightDetails.eventSource`.
  case insightEventSource

  /// How a slot's value is read.
  public enum Kind: Sendable {
    /// A JSON string, kept as a ``JSONStringRef``.
    case string
    /// An ISO 8601 time string, parsed to seconds.
    case time
    /// A JSON bool or the strings "true"/"false".
    case bool
  }

  /// The slot's JSON path, keys separated by dots.
  public var path: String {
    switch self {
    case .eventTime: return "eventTime"
    case .readOnly: return "readOnly"
    case .eventName: return "eventName"
    case .eventSource: return "eventSource"
    case .awsRegion: return "awsRegion"
    case .sourceIPAddress: return "sourceIPAddress"
    case .userAgent: return "userAgent"
    case .errorCode: return "errorCode"
    case .errorMessage: return "errorMessage"
    case .eventID: return "eventID"
    case .eventType: return "eventType"
    case .eventCategory: return "eventCategory"
    case .recipientAccountId: return "recipientAccountId"
    case .identityType: return "userIdentity.type"
    case .userName: return "userIdentity.userName"
    case .arn: return "userIdentity.arn"
    case .invokedBy: return "userIdentity.invokedBy"
    case .accountId: return "userIdentity.accountId"
    case .principalId: return "userIdentity.principalId"
    case .accessKeyId: return "userIdentity.accessKeyId"
    case .sessionIssuerUserName: return "userIdentity.sessionContext.sessionIssuer.userName"
    case .sessionIssuerArn: return "userIdentity.sessionContext.sessionIssuer.arn"
    case .sessionIssuerType: return "userIdentity.sessionContext.sessionIssuer.type"
    case .mfaAuthenticated: return "userIdentity.sessionContext.attributes.mfaAuthenticated"
    case .onBehalfOfUserId: return "userIdentity.onBehalfOf.userId"
    case .mfaUsed: return "additionalEventData.MFAUsed"
    case .requestName: return "requestParameters.name"
    case .requestTrailName: return "requestParameters.trailName"
    case .issuedAccessKeyId: return "responseElements.credentials.accessKeyId"
    case .createdAccessKeyId: return "responseElements.accessKey.accessKeyId"
    case .insightEventName: return "insightDetails.eventName"
    case .insightEventSource: return "insightDetails.eventSource"
    }
  }

  /// How the value is read.
  public var kind: Kind {
    switch self {
    case .eventTime: return .time
    case .readOnly: return .bool
    default: return .string
    }
  }
}
