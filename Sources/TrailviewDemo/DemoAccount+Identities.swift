extension DemoAccount {
  /// The demo account id.
  public static let accountId = "123456789012"
  /// The IP address the intruder uses (every incident call comes from it).
  public static let incidentSourceIP = "203.0.113.66"
  /// The leaked long-term access key of IAM user `deploy-bot`.
  public static let leakedAccessKeyId = "AKIAZ7DEPLOYBQT4K2QX"
  /// The access key the intruder creates for `backup-admin`.
  public static let backdoorAccessKeyId = "AKIAZ7BKUPADMQ6N3JWE"
  /// The trail the intruder stops.
  public static let incidentTrailName = "management-events"

  static let chromeUA =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
  static let cliUA =
    "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe"
  static let terraformUA =
    "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0 aws-sdk-go-v2/1.32.4 os/linux lang/go#1.23.3"
  static let intruderUA =
    "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.5.0-kali3-amd64 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.11"

  static func iamUser(_ name: String, id: String, key: String?, ip: String, ua: String) -> DemoActor {
    DemoActor(
      kind: .iamUser, username: name, principalId: id, arn: "arn:aws:iam::\(accountId):user/\(name)", accessKeyId: key,
      sourceIP: ip, userAgent: ua)
  }

  static func assumed(
    _ role: String, roleId: String, session: String, key: String, ip: String, ua: String, path: String = ""
  ) -> DemoActor {
    DemoActor(
      kind: .assumedRole, username: session, principalId: "\(roleId):\(session)",
      arn: "arn:aws:sts::\(accountId):assumed-role/\(role)/\(session)", accessKeyId: key, issuerName: role,
      issuerPrincipalId: roleId, issuerArn: "arn:aws:iam::\(accountId):role/\(path)\(role)", sourceIP: ip, userAgent: ua
    )
  }

  static var alice: DemoActor {
    var a = iamUser("alice", id: "AIDAZ7ALICE5XQ2M4KRT", key: nil, ip: "192.0.2.10", ua: chromeUA)
    a.mfa = true
    return a
  }
  static var aliceAdmin: DemoActor {
    var a = assumed(
      "Admin", roleId: "AROAZ7ADMIN3HW6Q2LZP", session: "alice@example.com", key: "ASIAZ7ALICEADM4P6Q2X",
      ip: "192.0.2.10", ua: "console.amazonaws.com")
    a.mfa = true
    return a
  }
  static var bob: DemoActor {
    var a = iamUser("bob", id: "AIDAZ7BOB4N2WQ7LXK3M", key: "AKIAZ7BOB6TQW2NZ5LKD", ip: "198.51.100.77", ua: cliUA)
    a.deniedRate = 0.2
    return a
  }
  static var carol: DemoActor {
    var a = iamUser("carol-admin", id: "AIDAZ7CAROL2KD5MWQ4Z", key: nil, ip: "192.0.2.45", ua: "console.amazonaws.com")
    a.mfa = true
    a.deniedRate = 0.04
    return a
  }
  static var deployBot: DemoActor {
    var a = iamUser(
      "deploy-bot", id: "AIDAZ7DEPLOYBQ2X4N6R", key: leakedAccessKeyId, ip: "198.51.100.23", ua: terraformUA)
    a.throttleRate = 0.025
    a.deniedRate = 0.01
    return a
  }
  static var intruder: DemoActor {
    iamUser("deploy-bot", id: "AIDAZ7DEPLOYBQ2X4N6R", key: leakedAccessKeyId, ip: incidentSourceIP, ua: intruderUA)
  }
  static var backupAdmin: DemoActor {
    iamUser(
      "backup-admin", id: "AIDAZ7BKUPADM5R3Q7WX", key: backdoorAccessKeyId, ip: incidentSourceIP, ua: intruderUA)
  }
  static var root: DemoActor {
    var a = DemoActor(
      kind: .root, username: "root", principalId: accountId, arn: "arn:aws:iam::\(accountId):root",
      sourceIP: "192.0.2.45", userAgent: chromeUA)
    a.mfa = true
    return a
  }
  static func ciDeploy(run: Int, key: String, ip: String) -> DemoActor {
    var a = assumed(
      "ci-deploy", roleId: "AROAZ7CIDEPLOY4M2NQ8", session: "gh-actions-\(run)", key: key, ip: ip,
      ua:
        "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 exec-env/GitHubActions"
    )
    a.throttleRate = 0.025
    a.deniedRate = 0.04
    return a
  }
  static func instanceRole(_ instance: String, key: String, ip: String) -> DemoActor {
    var a = assumed(
      "web-server-role", roleId: "AROAZ7WEBSRV6P3KQ2LM", session: instance, key: key, ip: ip,
      ua: "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.1142.0")
    a.ec2Role = true
    a.throttleRate = 0.025
    return a
  }
  static func orderProcessor(key: String) -> DemoActor {
    var a = assumed(
      "order-processor-role", roleId: "AROAZ7ORDERPR2W5N4KX", session: "order-processor", key: key,
      ip: "198.51.100.250",
      ua:
        "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux lang/python#3.12.6 exec-env/AWS_Lambda_python3.12 Botocore/1.34.145"
    )
    a.throttleRate = 0.025
    return a
  }
  static func serviceLinked(_ role: String, session: String, service: String, key: String) -> DemoActor {
    var a = assumed(
      role, roleId: "AROAZ7SVC\(role.count)LINKED2Q4", session: session, key: key, ip: service, ua: service,
      path: "aws-service-role/\(service)/")
    a.invokedBy = service
    return a
  }
  static func service(_ name: String) -> DemoActor {
    DemoActor(kind: .awsService, username: name, invokedBy: name, sourceIP: name, userAgent: name)
  }
  static var samlAlice: DemoActor {
    DemoActor(
      kind: .samlUser, username: "alice@example.com", principalId: "SAMLAZ7Q2M4K:alice@example.com",
      sourceIP: "192.0.2.10", userAgent: "signin.amazonaws.com",
      extra: [
        ("identityProvider", .string("arn:aws:iam::\(accountId):saml-provider/ExampleIdP"))
      ])
  }
  static var githubOIDC: DemoActor {
    let sub = "repo:example-org/shop:ref:refs/heads/main"
    let provider = "arn:aws:iam::\(accountId):oidc-provider/token.actions.githubusercontent.com"
    return DemoActor(
      kind: .webIdentityUser, username: sub, principalId: "\(provider):sts.amazonaws.com:\(sub)",
      userAgent: "aws-sdk-js/2.1692.0 promise",
      extra: [("identityProvider", .string(provider))])
  }
  static var vendorSync: DemoActor {
    iamUser("vendor-sync", id: "AIDAZ7VENDOR3N6Q2WKD", key: "AKIAZ7VENDOR4K8M2PQX", ip: "198.51.100.99", ua: cliUA)
  }
  static func federatedReporting(key: String) -> DemoActor {
    DemoActor(
      kind: .federatedUser, username: "reporting", principalId: "\(accountId):reporting",
      arn: "arn:aws:sts::\(accountId):federated-user/reporting", accessKeyId: key, issuerName: "vendor-sync",
      issuerPrincipalId: "AIDAZ7VENDOR3N6Q2WKD", issuerArn: "arn:aws:iam::\(accountId):user/vendor-sync",
      sourceIP: "198.51.100.99",
      userAgent: "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux lang/python#3.11.9 Botocore/1.35.36")
  }
  static var dana: DemoActor {
    DemoActor(
      kind: .identityCenterUser, username: "dana@example.com", sourceIP: "192.0.2.88", userAgent: chromeUA,
      extra: [
        (
          "onBehalfOf",
          .obj([
            "userId": "94482488-3041-7026-18f3-be45837cd0e4",
            "identityStoreArn": .string("arn:aws:identitystore::\(accountId):identitystore/d-9067642ac7"),
          ])
        ),
        ("credentialId", "EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"),
      ])
  }
  static var kmsServiceEvent: DemoActor {
    service("kms.amazonaws.com")
  }
}
