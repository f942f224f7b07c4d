import Foundation
import Testing

@testable import AWSClient

/// AssumeRole, SSO, container and instance-metadata sources against a fake transport.
@Suite struct CredentialChainRemoteTests {
  static let now = CredentialChainTests.now

  static let assumeRoleXML = """
    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <AssumeRoleResult>
        <Credentials>
          <AccessKeyId>ASIAROLE</AccessKeyId>
          <SecretAccessKey>rolesecret</SecretAccessKey>
          <SessionToken>roletoken&amp;more</SessionToken>
          <Expiration>2024-05-01T11:20:30Z</Expiration>
        </Credentials>
        <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/Reader/s</Arn></AssumedRoleUser>
      </AssumeRoleResult>
    </AssumeRoleResponse>
    """

  static func form(_ request: HTTPRequestParts) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
      let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
      fields[kv[0]] = SigV4.percentDecode(kv.count > 1 ? kv[1] : "")
    }
    return fields
  }

  @Test func assumeRoleWithSourceProfile() throws {
    let home = TempHome()
    home.write(
      ".aws/config",
      """
      [profile reader]
      role_arn = arn:aws:iam::111122223333:role/Reader
      source_profile = base
      external_id = ext-42
      duration_seconds = 1800
      role_session_name = me@example
      region = eu-west-1
      """)
    home.write(".aws/credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n")
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.assumeRoleXML) }
    let found = try CredentialChainTests.chain(home, profile: "reader", transport: transport).resolve()
    #expect(found.accessKeyId == "ASIAROLE")
    #expect(found.secretAccessKey == "rolesecret")
    #expect(found.sessionToken == "roletoken&more")
    #expect(found.expiration == Self.now + 3600)
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "https://sts.eu-west-1.amazonaws.com")
    #expect(sent.request.method == "POST")
    #expect(
      Self.form(sent.request) == [
        "Action": "AssumeRole", "Version": "2011-06-15", "RoleArn": "arn:aws:iam::111122223333:role/Reader",
        "RoleSessionName": "me@example", "ExternalId": "ext-42", "DurationSeconds": "1800",
      ])
    let verdict = SigV4.verify(sent.request, secretFor: { $0 == "AKIABASE" ? "basesecret" : nil }, now: Self.now)
    #expect(verdict == .valid(accessKeyId: "AKIABASE"))
    #expect(sent.request.header("Authorization")!.contains("/eu-west-1/sts/aws4_request"))
  }

  @Test func chainedRolesDefaultSessionNameAndGlobalEndpoint() throws {
    let home = TempHome()
    home.write(
      ".aws/config",
      """
      [profile top]
      role_arn = arn:aws:iam::1:role/Top
      source_profile = middle
      [profile middle]
      role_arn = arn:aws:iam::1:role/Middle
      source_profile = base
      [profile base]
      aws_access_key_id = AKIABASE
      aws_secret_access_key = basesecret
      """)
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.assumeRoleXML) }
    _ = try CredentialChainTests.chain(home, profile: "top", transport: transport).resolve()
    let forms = transport.sent.map { Self.form($0.request) }
    #expect(forms.map { $0["RoleArn"] } == ["arn:aws:iam::1:role/Middle", "arn:aws:iam::1:role/Top"])
    #expect(forms.allSatisfy { $0["RoleSessionName"] == "trailview-\(Self.now)" })
    #expect(transport.sent.allSatisfy { $0.url.absoluteString == "https://sts.amazonaws.com" })
    #expect(transport.sent[1].request.header("X-Amz-Security-Token") == "roletoken&more")
  }

  @Test func sourceProfileCycleIsAnError() {
    let home = TempHome()
    home.write(
      ".aws/config",
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
        + "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n")
    do {
      _ = try CredentialChainTests.chain(home, profile: "a").resolve()
      Issue.record("expected a cycle error")
    } catch {
      #expect(error.message.contains("cycle"))
    }
  }

  @Test func credentialSourceEnvironment() throws {
    let home = TempHome()
    home.write(".aws/config", "[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n")
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.assumeRoleXML) }
    var chain = CredentialChainTests.chain(
      home, env: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret"], profile: "r",
      transport: transport)
    chain.region = "ap-southeast-2"
    #expect(try chain.resolve().accessKeyId == "ASIAROLE")
    #expect(transport.sent.first?.url.host == "sts.ap-southeast-2.amazonaws.com")
    #expect(transport.sent.first?.request.header("Authorization")?.contains("Credential=AKIAENV/") == true)
  }

  @Test func assumeRoleDeniedKeepsSecretsOut() {
    let home = TempHome()
    home.write(
      ".aws/config",
      "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n"
        + "[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n")
    let body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
      + "<Message>User is not authorized to perform: sts:AssumeRole</Message></Error></ErrorResponse>"
    let transport = FakeTransport { _, _ in jsonResponse(403, body) }
    do {
      _ = try CredentialChainTests.chain(home, profile: "r", transport: transport).resolve()
      Issue.record("expected AccessDenied")
    } catch {
      #expect(error.code == "AccessDenied")
      #expect(error.operation == "AssumeRole")
      #expect(error.explanation.contains("sts:AssumeRole"))
      #expect(!"\(error) \(error.explanation)".contains("basesecret"))
    }
  }

  static let ssoAnswer = #"""
    {"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssosecret","sessionToken":"ssotoken",
     "expiration":1714562430000}}
    """#

  @Test func ssoSessionProfile() throws {
    let home = TempHome()
    home.write(
      ".aws/config",
      """
      [profile sso]
      sso_session = my-sso
      sso_account_id = 111122223333
      sso_role_name = ReadOnly
      [sso-session my-sso]
      sso_start_url = https://example.awsapps.com/start
      sso_region = eu-central-1
      """)
    home.write(
      ".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json",
      #"{"accessToken":"bearer-abc","expiresAt":"2024-05-01T12:00:00Z","region":"eu-central-1"}"#)
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.ssoAnswer) }
    let found = try CredentialChainTests.chain(home, profile: "sso", transport: transport).resolve()
    #expect(found.accessKeyId == "ASIASSO")
    #expect(found.sessionToken == "ssotoken")
    #expect(found.expiration == 1_714_562_430)
    let sent = try #require(transport.sent.first)
    #expect(
      sent.url.absoluteString
        == "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=ReadOnly"
    )
    #expect(sent.request.method == "GET")
    #expect(sent.request.header("x-amz-sso_bearer_token") == "bearer-abc")
  }

  @Test func legacySSOProfileUsesStartURLHash() throws {
    let home = TempHome()
    home.write(
      ".aws/config",
      "[default]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
        + "sso_account_id = 1\nsso_role_name = R\n")
    home.write(
      ".aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json",
      #"{"accessToken":"legacy","expiresAt":"2024-05-01T12:00:00UTC"}"#)
    let transport = FakeTransport { _, _ in jsonResponse(200, Self.ssoAnswer) }
    #expect(try CredentialChainTests.chain(home, transport: transport).resolve().accessKeyId == "ASIASSO")
    #expect(transport.sent.first?.request.header("x-amz-sso_bearer_token") == "legacy")
  }

  @Test func expiredOrMissingSSOLoginSaysHowToLogIn() {
    let home = TempHome()
    home.write(
      ".aws/config",
      "[profile sso]\nsso_session = my-sso\nsso_account_id = 1\nsso_role_name = R\n"
        + "[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n")
    for cache in [nil, #"{"accessToken":"old-token","expiresAt":"2024-05-01T10:00:00Z"}"#] {
      if let cache { home.write(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json", cache) }
      do {
        _ = try CredentialChainTests.chain(home, profile: "sso").resolve()
        Issue.record("expected an SSO error")
      } catch {
        #expect(error.message.contains("aws sso login --profile sso"))
        #expect(!error.message.contains("old-token"))
      }
    }
  }

  @Test func containerCredentialsWithTokenFile() throws {
    let home = TempHome()
    let tokenFile = home.write("token", "container-auth-token\n")
    let answer =
      #"{"AccessKeyId":"ASIACONT","SecretAccessKey":"contsecret","Token":"conttoken","#
      + #""Expiration":"2024-05-01T16:20:30Z"}"#
    let transport = FakeTransport { _, _ in jsonResponse(200, answer) }
    let env = [
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "AWS_EC2_METADATA_DISABLED": "true",
    ]
    let found = try CredentialChainTests.chain(home, env: env, transport: transport).resolve()
    #expect(found.accessKeyId == "ASIACONT")
    #expect(found.expiration == Self.now + 6 * 3600)
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "http://169.254.170.2/v2/credentials/abc")
    #expect(sent.request.header("Authorization") == "container-auth-token")
  }

  @Test func containerFullURIMustBeSafe() throws {
    let home = TempHome()
    let transport = FakeTransport { _, _ in jsonResponse(200, #"{"AccessKeyId":"A","SecretAccessKey":"S"}"#) }
    let ok = [
      "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9000/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "t",
    ]
    #expect(try CredentialChainTests.chain(home, env: ok, transport: transport).resolve().accessKeyId == "A")
    #expect(transport.sent.first?.request.header("Authorization") == "t")
    let bad = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://evil.example.com/creds"]
    #expect(throws: AWSError.self) { try CredentialChainTests.chain(home, env: bad, transport: transport).resolve() }
  }

  @Test func instanceMetadataV2() throws {
    let home = TempHome()
    let transport = FakeTransport { request, url in
      // URL.path drops a trailing slash, so match on the full text.
      switch (request.method, url.absoluteString.replacingOccurrences(of: "http://[fd00:ec2::254]", with: "")) {
      case ("PUT", "/latest/api/token"): return jsonResponse(200, "imds-token")
      case ("GET", "/latest/meta-data/iam/security-credentials/"): return jsonResponse(200, "ReaderRole\n")
      case ("GET", "/latest/meta-data/iam/security-credentials/ReaderRole"):
        return jsonResponse(
          200,
          #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imdssecret","Token":"imdstoken","#
            + #""Expiration":"2024-05-01T16:20:30Z"}"#)
      default: return jsonResponse(404, "")
      }
    }
    let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://[fd00:ec2::254]/"]
    let found = try CredentialChainTests.chain(home, env: env, transport: transport).resolve()
    #expect(found.accessKeyId == "ASIAIMDS")
    #expect(found.sessionToken == "imdstoken")
    let sent = transport.sent
    #expect(sent.map(\.request.method) == ["PUT", "GET", "GET"])
    #expect(sent[0].url.absoluteString == "http://[fd00:ec2::254]/latest/api/token")
    #expect(sent[0].request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600")
    #expect(sent[1...].allSatisfy { $0.request.header("X-aws-ec2-metadata-token") == "imds-token" })
    #expect(sent.allSatisfy { $0.timeout <= 1 })
  }

  @Test func instanceMetadataDisabledSendsNothing() {
    let home = TempHome()
    let transport = unreachableTransport()
    do {
      _ = try CredentialChainTests.chain(home, env: ["AWS_EC2_METADATA_DISABLED": "true"], transport: transport)
        .resolve()
      Issue.record("expected NoCredentials")
    } catch {
      #expect(error.message.contains("disabled by AWS_EC2_METADATA_DISABLED"))
    }
    #expect(transport.sent.isEmpty)
  }
}
