/// CloudTrail's record key names by their lower-case spelling (Athena's catalog lower-cases every column and struct
/// field): `principalid` is `principalId`.
public enum CloudTrailKeys {
  /// The record's spelling of a lower-case key; keys CloudTrail does not use stay as they are.
  public static func recordKey(_ lower: String) -> String { names[lower] ?? lower }

  static let names: [String: String] = Dictionary(
    [
      "eventVersion", "userIdentity", "type", "principalId", "arn", "accountId", "invokedBy", "accessKeyId",
      "userName", "onBehalfOf", "userId", "identityStoreArn", "sessionContext", "attributes", "mfaAuthenticated",
      "creationDate", "sessionIssuer", "ec2RoleDelivery", "webIdFederationData", "federatedProvider",
      "sourceIdentity", "assumedRoot", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
      "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData",
      "requestID", "eventID", "readOnly", "resources", "eventType", "apiVersion", "managementEvent",
      "recipientAccountId", "serviceEventDetails", "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId",
      "eventCategory", "addendum", "reason", "updatedFields", "originalRequestID", "originalEventID",
      "sessionCredentialFromConsole", "edgeDeviceDetails", "tlsDetails", "tlsVersion", "cipherSuite",
      "clientProvidedHostHeader", "insightDetails", "inScopeOf", "issuerType", "credentialsIssuedTo",
    ].map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
}
