/// Derives the name a responder would give the identity behind a record.
///
/// By `userIdentity.type`: `IAMUser` → userName, else the name in its `user/PATH/NAME` ARN; `AssumedRole` → the session name (last component of the ARN),
/// else the session issuer's userName; `Role` → the session issuer's userName, else the last ARN component; `Root`
/// → `root`; `FederatedUser` → the name in a `federated-user/NAME` ARN, else userName; `AWSService` → invokedBy;
/// `AWSAccount` → invokedBy, else accountId; `Directory`, `SAMLUser`, `WebIdentityUser` → userName, else principalId;
/// `IdentityCenterUser` → userName, else onBehalfOf.userId, else principalId; `Unknown` and other types → userName,
/// else principalId, else `unknown`; no type (for example Insights events) → invokedBy, else userName, else `—`.
/// When the preferred fields are missing, every type falls back like `Unknown`. Results are raw: sanitize before
/// display.
public enum Identity {
  /// The display name for the record's `userIdentity` (IAM user name, assumed-role session name, `root`, ...).
  public static func displayName(_ fields: RecordFields, in buffer: [UInt8]) -> String {
    func text(_ ref: JSONStringRef) -> String? {
      guard ref.isPresent else { return nil }
      let s = ref.decode(in: buffer)
      return s.isEmpty ? nil : s
    }
    let arn = text(fields[.arn])
    let userName = text(fields[.userName])
    let principal = text(fields[.principalId])
    let fallback = userName ?? principal ?? "unknown"
    guard let type = text(fields[.identityType]) else {
      return text(fields[.invokedBy]) ?? userName ?? "—"
    }
    switch type {
    case "IAMUser":
      return userName ?? arn.flatMap(userNameInARN) ?? fallback
    case "AssumedRole":
      return arn.flatMap(lastComponent) ?? text(fields[.sessionIssuerUserName]) ?? fallback
    case "Role":
      return text(fields[.sessionIssuerUserName]) ?? arn.flatMap(lastComponent) ?? fallback
    case "Root":
      return "root"
    case "FederatedUser":
      return arn.flatMap(federatedName) ?? fallback
    case "AWSService":
      return text(fields[.invokedBy]) ?? fallback
    case "AWSAccount":
      return text(fields[.invokedBy]) ?? text(fields[.accountId]) ?? fallback
    case "IdentityCenterUser":
      return userName ?? text(fields[.onBehalfOfUserId]) ?? principal ?? "unknown"
    default:
      return fallback
    }
  }

  /// The role name of an assumed-role or role identity: the session issuer's userName, else the role in an
  /// `assumed-role/ROLE/SESSION` or `role/PATH/ROLE` ARN; nil for other identities.
  public static func roleName(_ fields: RecordFields, in buffer: [UInt8]) -> String? {
    if fields[.sessionIssuerUserName].isPresent {
      let name = fields[.sessionIssuerUserName].decode(in: buffer)
      if !name.isEmpty { return name }
    }
    guard fields[.arn].isPresent else { return nil }
    let arn = fields[.arn].decode(in: buffer)
    let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6 else { return nil }
    let resource = fields[5]
    let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
    if parts.first == "assumed-role" && parts.count >= 3 { return String(parts[1]) }
    if parts.first == "role" && parts.count >= 2 { return parts.last.map(String.init) }
    return nil
  }

  /// `NAME` from an ARN whose resource is `user/NAME` or `user/PATH/NAME`.
  static func userNameInARN(_ arn: String) -> String? {
    let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[5].hasPrefix("user/") else { return nil }
    return lastComponent(String(fields[5]))
  }

  /// The text after the last `/` of an ARN, when there is a `/` and something after it.
  static func lastComponent(_ arn: String) -> String? {
    guard let slash = arn.lastIndex(of: "/") else { return nil }
    let tail = arn[arn.index(after: slash)...]
    return tail.isEmpty ? nil : String(tail)
  }

  /// `NAME` from an ARN whose resource is `federated-user/NAME`.
  static func federatedName(_ arn: String) -> String? {
    let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[5].hasPrefix("federated-user/") else { return nil }
    let tail = fields[5].dropFirst("federated-user/".count)
    return tail.isEmpty ? nil : String(tail)
  }
}
