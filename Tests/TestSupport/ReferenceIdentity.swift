/// The display-name rules of `Identity.displayName`, restated over ``ReferenceFields`` as an independent oracle.
public enum ReferenceIdentity {
  /// The expected display name.
  public static func displayName(_ f: ReferenceFields) -> String {
    func nonEmpty(_ s: String?) -> String? { s?.isEmpty == false ? s : nil }
    let fallback = nonEmpty(f.userName) ?? nonEmpty(f.principalId) ?? "unknown"
    let session = nonEmpty(f.arn).flatMap { arn in
      arn.contains("/") ? nonEmpty(String(arn.split(separator: "/", omittingEmptySubsequences: false).last!)) : nil
    }
    switch nonEmpty(f.identityType) {
    case nil: return nonEmpty(f.invokedBy) ?? nonEmpty(f.userName) ?? "—"
    case "IAMUser":
      // An IAM user without userName takes the name from its `user/PATH/NAME` ARN.
      let resource = f.arn?.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
      if nonEmpty(f.userName) == nil, let resource, resource.count == 6, resource[5].hasPrefix("user/") {
        return session ?? fallback
      }
      return fallback
    case "AssumedRole": return session ?? nonEmpty(f.sessionIssuerUserName) ?? fallback
    case "Role": return nonEmpty(f.sessionIssuerUserName) ?? session ?? fallback
    case "Root": return "root"
    case "FederatedUser":
      let resource = f.arn?.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
      if let resource, resource.count == 6, resource[5].hasPrefix("federated-user/"), resource[5].count > 15 {
        return String(resource[5].dropFirst(15))
      }
      return fallback
    case "AWSService": return nonEmpty(f.invokedBy) ?? fallback
    case "AWSAccount": return nonEmpty(f.invokedBy) ?? nonEmpty(f.accountId) ?? fallback
    case "IdentityCenterUser":
      return nonEmpty(f.userName) ?? nonEmpty(f.onBehalfOfUserId) ?? nonEmpty(f.principalId) ?? "unknown"
    default: return fallback
    }
  }
}
