extension Field {
  /// The declarations, in ``Field`` order.
  static let specs: [FieldSpec] = allCases.map(\.declaration)

  private var declaration: FieldSpec {
    func spec(
      _ name: String, _ title: String, _ path: String, _ source: FieldSource, _ width: ColumnWidth, _ help: String,
      aliases: [String] = []
    ) -> FieldSpec {
      FieldSpec(name: name, aliases: aliases, title: title, path: path, source: source, width: width, help: help)
    }
    switch self {
    case .time:
      return spec(
        "time", "Time", "eventTime", .time, ColumnWidth(14, 0, 19), "when the call was made", aliases: ["eventTime"])
    case .eventName:
      return spec(
        "eventName", "Event", "eventName", .slotOr(.eventName, .insightEventName), ColumnWidth(11, 5, 40),
        "the API call", aliases: ["event"]
      )
    case .eventSource:
      return spec(
        "eventSource", "Source", "eventSource", .slotOr(.eventSource, .insightEventSource), ColumnWidth(5, 2, 24),
        "the service called",
        aliases: ["source"])
    case .user:
      return spec(
        "user", "User", "userIdentity", .user, ColumnWidth(10, 5, 40),
        "the identity: IAM user, role session, root, service")
    case .identityType:
      return spec(
        "identityType", "Identity type", "userIdentity.type", .slot(.identityType), ColumnWidth(7, 1, 18),
        "IAMUser, AssumedRole, Root, AWSService, ...")
    case .role:
      return spec(
        "role", "Role", "userIdentity.sessionContext.sessionIssuer.userName", .role, ColumnWidth(8, 4, 40),
        "the role behind a session")
    case .arn:
      return spec("arn", "ARN", "userIdentity.arn", .slot(.arn), ColumnWidth(20, 4, 100), "the caller's ARN")
    case .principalId:
      return spec(
        "principalId", "Principal ID", "userIdentity.principalId", .slot(.principalId), ColumnWidth(12, 2, 64),
        "the caller's principal ID")
    case .accountId:
      return spec(
        "accountId", "Account", "userIdentity.accountId", .slot(.accountId), ColumnWidth(12, 0, 12),
        "the caller's account")
    case .accessKeyId:
      return spec(
        "accessKeyId", "Access key", "userIdentity.accessKeyId", .slot(.accessKeyId), ColumnWidth(20, 0, 20),
        "the access key the call was signed with", aliases: ["key"])
    case .sourceIP:
      return spec(
        "sourceIP", "Source IP", "sourceIPAddress", .slot(.sourceIPAddress), ColumnWidth(15, 1, 39),
        "where the call came from", aliases: ["sourceIPAddress", "ip"])
    case .userAgent:
      return spec(
        "userAgent", "User agent", "userAgent", .slot(.userAgent), ColumnWidth(12, 4, 80), "the client's user agent")
    case .region:
      return spec(
        "region", "Region", "awsRegion", .slot(.awsRegion), ColumnWidth(9, 1, 14), "the region called",
        aliases: ["awsRegion"])
    case .readOnly:
      return spec(
        "readOnly", "RW", "readOnly", .readOnly, ColumnWidth(2, 0, 2), "true for reads, false for writes",
        aliases: ["rw"])
    case .errorCode:
      return spec(
        "errorCode", "Error", "errorCode", .slot(.errorCode), ColumnWidth(6, 3, 36), "the error, when the call failed",
        aliases: ["error"])
    case .errorMessage:
      return spec(
        "errorMessage", "Error message", "errorMessage", .onDemand, ColumnWidth(12, 5, 120), "the error's message")
    case .eventType:
      return spec(
        "eventType", "Event type", "eventType", .slot(.eventType), ColumnWidth(10, 1, 26),
        "AwsApiCall, AwsConsoleSignIn, AwsServiceEvent, ...")
    case .eventCategory:
      return spec(
        "eventCategory", "Category", "eventCategory", .slot(.eventCategory), ColumnWidth(8, 1, 12),
        "Management, Data, Insight, ...")
    case .recipientAccount:
      return spec(
        "recipientAccount", "Recipient", "recipientAccountId", .slot(.recipientAccountId), ColumnWidth(12, 0, 12),
        "the account that received the event", aliases: ["recipientAccountId"])
    case .resources:
      return spec(
        "resources", "Resources", "resources[].ARN", .onDemand, ColumnWidth(16, 4, 120), "the resources' ARNs")
    case .resourceType:
      return spec(
        "resourceType", "Resource type", "resources[].type", .onDemand, ColumnWidth(10, 2, 40), "the resources' types")
    case .eventID:
      return spec("eventID", "Event ID", "eventID", .onDemand, ColumnWidth(36, 0, 36), "the event's ID")
    case .requestID:
      return spec("requestID", "Request ID", "requestID", .onDemand, ColumnWidth(12, 1, 40), "the request's ID")
    case .mfaUsed:
      return spec(
        "mfaUsed", "MFA", "additionalEventData.MFAUsed", .mfa, ColumnWidth(3, 0, 5),
        "Yes/No (console sign-in), true/false (sessions)", aliases: ["mfa"])
    case .issuedAccessKey:
      return spec(
        "issuedAccessKey", "Issued key", "responseElements.credentials.accessKeyId", .issuedKey, ColumnWidth(20, 0, 20),
        "the key a call issued (AssumeRole and the like, CreateAccessKey)")
    }
  }
}
