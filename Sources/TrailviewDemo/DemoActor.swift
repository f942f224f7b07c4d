import AWSClient
import LookupEmulator

/// Who makes a demo call: everything needed to write `userIdentity` and the LookupEvents `Username`.
struct DemoActor: Sendable {
  /// The `userIdentity.type` values the demo uses.
  enum Kind: Sendable {
    case iamUser, assumedRole, root, awsService, federatedUser, samlUser, webIdentityUser, identityCenterUser
  }

  /// The identity type.
  var kind: Kind
  /// `Username` as LookupEvents reports it (user name, session name, `root`, invoking service); nil if none.
  var username: String?
  /// `principalId`.
  var principalId: String = ""
  /// `arn`.
  var arn: String = ""
  /// `accessKeyId` (AKIA... long-term, ASIA... temporary), if any.
  var accessKeyId: String?
  /// For assumed roles and federated users: the issuing role or user name.
  var issuerName: String = ""
  /// For assumed roles and federated users: the issuer's principal id.
  var issuerPrincipalId: String = ""
  /// For assumed roles: the issuer's ARN.
  var issuerArn: String = ""
  /// `invokedBy`, for service principals.
  var invokedBy: String?
  /// Whether the session was MFA-authenticated.
  var mfa = false
  /// EC2 instance-role credentials carry `ec2RoleDelivery`.
  var ec2Role = false
  /// Default `sourceIPAddress`.
  var sourceIP: String = "AWS Internal"
  /// Default `userAgent`.
  var userAgent: String = "AWS Internal"
  /// Extra `userIdentity` members (SAML / web identity / Identity Center specifics).
  var extra: [(String, DemoJSON)] = []
  /// Probability of an AccessDenied-like error on an ordinary call.
  var deniedRate = 0.0
  /// Probability of a throttling error on an ordinary call.
  var throttleRate = 0.0

  /// The `userIdentity` object for a call at `time`.
  func identity(at time: Int64) -> DemoJSON {
    let account = DemoAccount.accountId
    var m: [(String, DemoJSON)] = []
    func sessionContext(issuerType: String) -> DemoJSON {
      var ctx: [(String, DemoJSON)] = [
        (
          "sessionIssuer",
          .obj([
            "type": .string(issuerType), "principalId": .string(issuerPrincipalId), "arn": .string(issuerArn),
            "accountId": .string(account), "userName": .string(issuerName),
          ])
        ),
        (
          "attributes",
          .obj([
            "creationDate": .string(DemoTime.iso(time - time % 3600)),
            "mfaAuthenticated": .string(mfa ? "true" : "false"),
          ])
        ),
      ]
      if kind == .assumedRole && invokedBy == nil { ctx.insert(("webIdFederationData", .object([])), at: 1) }
      if ec2Role { ctx.append(("ec2RoleDelivery", "2.0")) }
      return .object(ctx)
    }
    switch kind {
    case .iamUser, .root:
      m = [
        ("type", .string(kind == .root ? "Root" : "IAMUser")), ("principalId", .string(principalId)),
        ("arn", .string(arn)), ("accountId", .string(account)),
      ]
      if let key = accessKeyId { m.append(("accessKeyId", .string(key))) }
      if kind == .iamUser, let name = username { m.append(("userName", .string(name))) }
      if kind == .iamUser, accessKeyId?.hasPrefix("ASIA") == true {
        m.append(
          (
            "sessionContext",
            .obj([
              "attributes": .obj([
                "creationDate": .string(DemoTime.iso(time - time % 3600)),
                "mfaAuthenticated": .string(mfa ? "true" : "false"),
              ])
            ])
          )
        )
      }
    case .assumedRole, .federatedUser:
      m = [
        ("type", .string(kind == .assumedRole ? "AssumedRole" : "FederatedUser")),
        ("principalId", .string(principalId)),
        ("arn", .string(arn)), ("accountId", .string(account)),
      ]
      if let key = accessKeyId { m.append(("accessKeyId", .string(key))) }
      m.append(("sessionContext", sessionContext(issuerType: kind == .assumedRole ? "Role" : "IAMUser")))
      if let by = invokedBy { m.append(("invokedBy", .string(by))) }
    case .awsService:
      m = [("type", "AWSService"), ("invokedBy", .opt(invokedBy))]
    case .samlUser, .webIdentityUser:
      m = [
        ("type", .string(kind == .samlUser ? "SAMLUser" : "WebIdentityUser")), ("principalId", .string(principalId)),
        ("userName", .opt(username)),
      ]
    case .identityCenterUser:
      m = [("type", "IdentityCenterUser"), ("accountId", .string(account))]
    }
    m.append(contentsOf: extra)
    return .object(m)
  }

  /// The ARN-style principal named in AccessDenied messages.
  var deniedPrincipal: String { arn.isEmpty ? (invokedBy ?? "unknown") : arn }
}
