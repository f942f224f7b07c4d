import CloudTrailModel
import Testing

/// Display names for every `userIdentity.type`.
@Suite struct IdentityTests {
  private func name(_ identity: String?) throws -> String {
    let member = identity.map { ",\"userIdentity\":\($0)" } ?? ""
    let result = RecordScanner.scan(Array("{\"eventTime\":\"2024-05-01T00:00:00Z\"\(member)}".utf8))
    let record = try #require(result.records.first)
    return Identity.displayName(record.fields, in: result.buffer)
  }

  @Test func namesByType() throws {
    let cases: [(String?, String)] = [
      (#"{"type":"IAMUser","userName":"alice","principalId":"AIDA"}"#, "alice"),
      (
        #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/Role/session","sessionContext":{"sessionIssuer":{"userName":"Role"}}}"#,
        "session"
      ),
      (#"{"type":"AssumedRole","arn":"","sessionContext":{"sessionIssuer":{"userName":"Role"}}}"#, "Role"),
      (
        #"{"type":"Role","arn":"arn:aws:iam::1:role/path/R","sessionContext":{"sessionIssuer":{"userName":"Issuer"}}}"#,
        "Issuer"
      ),
      (#"{"type":"Role","arn":"arn:aws:iam::1:role/path/R"}"#, "R"),
      (#"{"type":"Root","userName":"alias","arn":"arn:aws:iam::1:root"}"#, "root"),
      (#"{"type":"FederatedUser","arn":"arn:aws:sts::1:federated-user/Bob","userName":"ignored"}"#, "Bob"),
      (#"{"type":"FederatedUser","arn":"arn:aws:sts::1:other","userName":"fed"}"#, "fed"),
      (#"{"type":"AWSService","invokedBy":"ec2.amazonaws.com"}"#, "ec2.amazonaws.com"),
      (#"{"type":"AWSAccount","accountId":"999","principalId":"AIDX"}"#, "999"),
      (#"{"type":"AWSAccount","accountId":"999","invokedBy":"svc.amazonaws.com"}"#, "svc.amazonaws.com"),
      (#"{"type":"Directory","userName":"dir"}"#, "dir"),
      (#"{"type":"SAMLUser","principalId":"saml:1"}"#, "saml:1"),
      (#"{"type":"WebIdentityUser","userName":"web"}"#, "web"),
      (#"{"type":"IdentityCenterUser","onBehalfOf":{"userId":"u-1","identityStoreArn":"x"},"principalId":"p"}"#, "u-1"),
      (#"{"type":"IdentityCenterUser","principalId":"p"}"#, "p"),
      (#"{"type":"Unknown","principalId":"anon"}"#, "anon"),
      (#"{"type":"Unknown"}"#, "unknown"),
      (#"{"invokedBy":"lambda.amazonaws.com"}"#, "lambda.amazonaws.com"),
      (#"{"userName":"typeless"}"#, "typeless"),
      (nil, "—"),
    ]
    for (identity, expected) in cases {
      #expect(try name(identity) == expected, "\(identity ?? "nil")")
    }
  }

  @Test func roleName() throws {
    let text = #"{"eventTime":"x","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/Ops/s"}}"#
    let result = RecordScanner.scan(Array(text.utf8))
    let fields = try #require(result.records.first).fields
    #expect(Identity.roleName(fields, in: result.buffer) == "Ops")
    let user = RecordScanner.scan(Array(#"{"eventTime":"x","userIdentity":{"arn":"arn:aws:iam::1:user/u"}}"#.utf8))
    #expect(Identity.roleName(try #require(user.records.first).fields, in: user.buffer) == nil)
  }

  @Test func resultsAreRawNotSanitized() throws {
    #expect(try name(#"{"type":"IAMUser","userName":"a\u001b[31mb"}"#) == "a\u{1B}[31mb")
  }
}
