import Detections
import Foundation
import Testing

/// Every built-in rule on real-shaped CloudTrail records: records it must match, and near misses (the same call with
/// one meaningful difference: the caller's own key, a policy that is not admin, a share to no one) it must not.
@Suite struct BuiltinRuleCaseTests {
  /// Who made a call.
  enum Who {
    /// An IAM user with an access key.
    case user(String)
    /// A role session; `invokedBy` when an AWS service made the call with it.
    case role(String, session: String, invokedBy: String? = nil)
    /// The root user.
    case root
    /// An AWS service itself.
    case service(String)

    var json: String {
      switch self {
      case .user(let name):
        return #"{"type":"IAMUser","principalId":"AIDAZ7EXAMPLE3N6Q2WKD","arn":"arn:aws:iam::123456789012:user/"#
          + name + #"","accountId":"123456789012","accessKeyId":"AKIAZ7EXAMPLE4K8M2PQ","userName":""# + name
          + #""}"#
      case .role(let role, let session, let invokedBy):
        return #"{"type":"AssumedRole","principalId":"AROAZ7EXAMPLE2LINK2Q4:"# + session
          + #"","arn":"arn:aws:sts::123456789012:assumed-role/"# + role + "/" + session
          + #"","accountId":"123456789012","accessKeyId":"ASIAZ7EXAMPLEWAJ4IN","sessionContext":{"sessionIssuer":"#
          + #"{"type":"Role","principalId":"AROAZ7EXAMPLE2LINK2Q4","arn":"arn:aws:iam::123456789012:role/"# + role
          + #"","accountId":"123456789012","userName":""# + role + #""},"attributes":"#
          + #"{"creationDate":"2026-11-30T17:00:00Z","mfaAuthenticated":"false"}}"#
          + (invokedBy.map { #","invokedBy":""# + $0 + #"""# } ?? "") + "}"
      case .root:
        return #"{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","#
          + #""accountId":"123456789012","accessKeyId":"ASIAZ7EXAMPLEROOT2QX"}"#
      case .service(let name):
        return #"{"type":"AWSService","invokedBy":""# + name + #""}"#
      }
    }
  }

  /// User agents seen in real trails.
  enum Agent {
    static let cli =
      "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.12.6 "
      + "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe"
    static let mac =
      "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 "
      + "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe"
    static let kali =
      "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.5.0-kali3-amd64 md/arch#x86_64 lang/python#3.11.6 "
      + "md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.11"
    static let instance = "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.1142.0"
    static let console = "console.amazonaws.com"
    static let browser =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
      + "Safari/537.36"
  }

  /// One CloudTrail record, shaped as CloudTrail writes them. `source` is the service's short name (`iam`).
  static func event(
    _ source: String, _ name: String, by who: Who = .user("alice"), ip: String = "198.51.100.23",
    agent: String = Agent.cli, request: String = "null", response: String = "null", error: String? = nil,
    type: String = "AwsApiCall", extra: String = ""
  ) -> String {
    let readOnly = ["List", "Describe", "Get"].contains { name.hasPrefix($0) }
    var fields = [
      #""eventVersion":"1.09""#, #""userIdentity":"# + who.json, #""eventTime":"2026-11-30T17:51:31Z""#,
      #""eventSource":""# + source + #".amazonaws.com""#, #""eventName":""# + name + #"""#,
      #""awsRegion":"us-east-1""#, #""sourceIPAddress":""# + ip + #"""#, #""userAgent":""# + agent + #"""#,
    ]
    if let error {
      fields.append(#""errorCode":""# + error + #"","errorMessage":"The request was refused: "# + error + #"""#)
    }
    fields += [
      #""requestParameters":"# + request, #""responseElements":"# + response,
      #""requestID":"4a959628-fd73-4a8b-89f7-0446de3c838a","eventID":"38fa8d69-fc60-44fe-b4e5-f69dba56dbc3""#,
      #""readOnly":"# + String(readOnly), #""eventType":""# + type + #"""#, #""managementEvent":true"#,
      #""recipientAccountId":"123456789012","eventCategory":"Management""#,
      #""tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":""#
        + source + #".us-east-1.amazonaws.com"}"#,
    ]
    if !extra.isEmpty { fields.append(extra) }
    return "{" + fields.joined(separator: ",") + "}"
  }

  /// `text` as a JSON string (policies are strings inside requestParameters).
  static func quoted(_ text: String) -> String {
    var out = "\""
    for c in text.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  /// A console sign-in.
  static func signIn(_ who: Who, result: String, mfa: String, agent: String = Agent.browser) -> String {
    event(
      "signin", "ConsoleLogin", by: who, ip: "192.0.2.45", agent: agent,
      response: #"{"ConsoleLogin":""# + result + #""}"#, error: result == "Failure" ? "Failed authentication" : nil,
      type: "AwsConsoleSignIn",
      extra: #""additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","#
        + #""MobileVersion":"No","MFAUsed":""# + mfa + #""}"#)
  }

  struct Case: Sendable {
    let rule: String
    let positives: [String]
    let nearMisses: [String]
  }

  static let cases: [Case] =
    defenseEvasion + persistence + privilegeEscalation + credentialAccess + discovery
    + exfiltration + execution + initialAccess + lateralMovement + impact

  static let rules: [String: SigmaRule] = Dictionary(
    uniqueKeysWithValues: BuiltinRules.all.map { ($0.name, try! SigmaLoader.rule($0.yaml, source: $0.name).get()) })

  @Test func theTableCoversEveryBuiltinRuleOnce() {
    let names = Self.cases.map(\.rule)
    #expect(Set(names).count == names.count, "a rule has two rows")
    // Correlation rules (bursts) have sequences of events: BuiltinBurstCaseTests.
    #expect(Set(names) == Set(BuiltinRules.all.map(\.name).filter { Self.rules[$0]?.correlation == nil }))
    #expect(Self.cases.allSatisfy { !$0.positives.isEmpty && !$0.nearMisses.isEmpty })
  }

  @Test(arguments: cases.map(\.rule))
  func positivesMatchAndNearMissesDoNot(rule name: String) throws {
    let row = try #require(Self.cases.first { $0.rule == name })
    let rule = try #require(Self.rules[name])
    for (index, record) in row.positives.enumerated() {
      try Self.expectRealShaped(record)
      let matched = rule.matches(ArraySlice(Array(record.utf8)))
      #expect(matched, "positive \(index) of \(name)")
    }
    for (index, record) in row.nearMisses.enumerated() {
      try Self.expectRealShaped(record)
      let matched = rule.matches(ArraySlice(Array(record.utf8)))
      #expect(!matched, "near miss \(index) of \(name)")
    }
  }

  /// A near miss that is not valid JSON would pass for the wrong reason.
  static func expectRealShaped(_ record: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
    let fields = try #require(object)
    for key in [
      "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
      "userAgent", "requestParameters", "responseElements", "eventID", "eventType", "recipientAccountId",
    ] {
      #expect(fields[key] != nil, "\(key) missing")
    }
  }
}

extension BuiltinRuleCaseTests {
  static let trail = #"{"name":"management-events"}"#

  static let defenseEvasion: [Case] = [
    Case(
      rule: "cloudtrail-logging-stopped",
      positives: [
        event(
          "cloudtrail", "StopLogging", by: .user("backup-admin"), ip: "203.0.113.66", agent: Agent.kali,
          request: trail),
        event("cloudtrail", "DeleteTrail", by: .role("Admin", session: "alice@example.com"), request: trail),
      ],
      nearMisses: [
        event("cloudtrail", "StopLogging", by: .user("backup-admin"), request: trail, error: "AccessDeniedException"),
        event("cloudtrail", "StartLogging", by: .user("carol-admin"), request: trail),
      ]),
    Case(
      rule: "cloudtrail-logging-stop-denied",
      positives: [
        event(
          "cloudtrail", "DeleteTrail", by: .user("backup-admin"), ip: "203.0.113.66", agent: Agent.kali,
          request: trail, error: "AccessDeniedException"),
        event(
          "cloudtrail", "StopLogging", by: .role("ci-deploy", session: "gh-1"), request: trail,
          error: "AccessDenied"),
      ],
      nearMisses: [
        event("cloudtrail", "DeleteTrail", request: trail, error: "TrailNotFoundException"),
        event("cloudtrail", "DeleteTrail", request: trail),
        event("cloudtrail", "GetTrailStatus", request: trail, error: "AccessDeniedException"),
      ]),
    Case(
      rule: "cloudtrail-trail-redirected",
      positives: [
        event("cloudtrail", "UpdateTrail", request: #"{"name":"management-events","s3BucketName":"exfil-logs-7731"}"#),
        event("cloudtrail", "UpdateTrail", request: #"{"name":"management-events","isMultiRegionTrail":false}"#),
      ],
      nearMisses: [
        event("cloudtrail", "UpdateTrail", request: #"{"name":"management-events","enableLogFileValidation":true}"#),
        event(
          "cloudtrail", "UpdateTrail", request: #"{"name":"management-events","s3BucketName":"other"}"#,
          error: "InsufficientS3BucketPolicyException"),
        event("cloudtrail", "UpdateTrail", request: #"{"name":"management-events","isMultiRegionTrail":true}"#),
      ]),
    Case(
      rule: "cloudtrail-management-events-excluded",
      positives: [
        event(
          "cloudtrail", "PutEventSelectors",
          request: #"{"trailName":"management-events","eventSelectors":[{"readWriteType":"ReadOnly","#
            + #""includeManagementEvents":false,"dataResources":[{"type":"AWS::S3::Object","values":[]}],"#
            + #""excludeManagementEventSources":[]}]}"#),
        event(
          "cloudtrail", "PutEventSelectors",
          request: #"{"trailName":"management-events","eventSelectors":[{"readWriteType":"WriteOnly","#
            + #""includeManagementEvents":true,"dataResources":[]}]}"#),
        event(
          "cloudtrail", "PutAdvancedEventSelectors",
          request: #"{"trailName":"management-events","advancedEventSelectors":[{"name":"S3 data only","#
            + #""fieldSelectors":[{"field":"eventCategory","equals":["Data"]},"#
            + #"{"field":"resources.type","equals":["AWS::S3::Object"]}]}]}"#),
        event(
          "cloudtrail", "PutAdvancedEventSelectors",
          request: #"{"trailName":"management-events","advancedEventSelectors":[{"name":"Management reads","#
            + #""fieldSelectors":[{"field":"eventCategory","equals":["Management"]},"#
            + #"{"field":"readOnly","equals":["true"]}]}]}"#),
      ],
      nearMisses: [
        event(
          "cloudtrail", "PutEventSelectors", by: .user("carol-admin"), agent: Agent.console,
          request: #"{"trailName":"management-events","eventSelectors":[{"readWriteType":"All","#
            + #""includeManagementEvents":true,"dataResources":[{"type":"AWS::S3::Object","#
            + #""values":["arn:aws:s3:::customer-exports/"]}]}]}"#),
        // Management events in full; the readOnly field belongs to the S3 data selector.
        event(
          "cloudtrail", "PutAdvancedEventSelectors",
          request: #"{"trailName":"management-events","advancedEventSelectors":[{"name":"Management","#
            + #""fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]},{"name":"S3 writes","#
            + #""fieldSelectors":[{"field":"eventCategory","equals":["Data"]},"#
            + #"{"field":"resources.type","equals":["AWS::S3::Object"]},{"field":"readOnly","equals":["false"]}]}]}"#),
      ]),
    Case(
      rule: "network-logging-removed",
      positives: [
        event(
          "ec2", "DeleteFlowLogs",
          request: #"{"DeleteFlowLogsRequest":{"FlowLogId":{"content":"fl-0ef673ef70c4f07cc","tag":1}}}"#,
          response: #"{"DeleteFlowLogsResponse":{"unsuccessful":"","#
            + #""xmlns":"http://ec2.amazonaws.com/doc/2016-11-15/"}}"#),
        event(
          "route53resolver", "DeleteResolverQueryLogConfig",
          request: #"{"resolverQueryLogConfigId":"rqlc-5aa596fe3bd84ec6"}"#),
        event(
          "route53resolver", "DisassociateResolverQueryLogConfig",
          request: #"{"resolverQueryLogConfigId":"rqlc-5aa596fe3bd84ec6","resourceId":"vpc-0a1b2c3d"}"#),
      ],
      nearMisses: [
        event(
          "ec2", "CreateFlowLogs",
          request: #"{"CreateFlowLogsRequest":{"ResourceId":{"content":"vpc-0a1b2c3d","tag":1}}}"#),
        event(
          "ec2", "DeleteFlowLogs",
          request: #"{"DeleteFlowLogsRequest":{"FlowLogId":{"content":"fl-0ef673ef70c4f07cc","tag":1}}}"#,
          error: "Client.UnauthorizedOperation"),
      ]),
    Case(
      rule: "guardduty-disabled",
      positives: [
        event("guardduty", "DeleteDetector", request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0"}"#),
        event(
          "guardduty", "UpdateDetector",
          request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0","enable":false}"#),
        event(
          "guardduty", "DisassociateFromAdministratorAccount",
          request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0"}"#),
      ],
      nearMisses: [
        event(
          "guardduty", "UpdateDetector",
          request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0","enable":true,"#
            + #""findingPublishingFrequency":"FIFTEEN_MINUTES"}"#),
        event(
          "guardduty", "DeleteDetector", request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0"}"#,
          error: "AccessDeniedException"),
      ]),
    Case(
      rule: "config-recording-stopped",
      positives: [
        event("config", "StopConfigurationRecorder", request: #"{"configurationRecorderName":"default"}"#),
        event(
          "config", "DeleteDeliveryChannel", by: .role("tester", session: "tester"), agent: Agent.console,
          request: #"{"deliveryChannelName":"default"}"#),
      ],
      nearMisses: [
        event("config", "StartConfigurationRecorder", request: #"{"configurationRecorderName":"default"}"#),
        event(
          "config", "DeleteDeliveryChannel", request: #"{"deliveryChannelName":"default"}"#,
          error: "NoSuchDeliveryChannelException"),
      ]),
    Case(
      rule: "organizations-leave-attempt",
      positives: [
        event("organizations", "LeaveOrganization"),
        event(
          "organizations", "LeaveOrganization", by: .role("SampleRole", session: "SampleSession"),
          error: "AccessDeniedException"),
      ],
      nearMisses: [event("organizations", "DescribeOrganization")]),
    Case(
      rule: "bedrock-invocation-logging-deleted",
      positives: [event("bedrock", "DeleteModelInvocationLoggingConfiguration")],
      nearMisses: [
        event(
          "bedrock", "PutModelInvocationLoggingConfiguration",
          request: #"{"loggingConfig":{"s3Config":{"bucketName":"bedrock-logs"},"textDataDeliveryEnabled":true}}"#),
        event("bedrock", "DeleteModelInvocationLoggingConfiguration", error: "AccessDeniedException"),
      ]),
  ]
}

extension BuiltinRuleCaseTests {
  static let ec2Trust =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","#
    + #""Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
  static let anyoneTrust =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"#
    + #""Action":"sts:AssumeRole"}]}"#
  static let accountTrust = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "",
          "Effect": "Allow",
          "Principal": {
            "AWS": "arn:aws:iam::210987654321:root"
          },
          "Action": "sts:AssumeRole"
        }
      ]
    }
    """

  static let persistence: [Case] = [
    Case(
      rule: "iam-credentials-created-for-another-user",
      positives: [
        event(
          "iam", "CreateAccessKey", by: .user("deploy-bot"), ip: "203.0.113.66", agent: Agent.kali,
          request: #"{"userName":"backup-admin"}"#,
          response: #"{"accessKey":{"accessKeyId":"AKIAZ7BACKUP2Q4N6R8T","status":"Active","userName":"backup-admin","#
            + #""createDate":"Nov 30, 2026 5:51:31 PM"}}"#),
        event(
          "iam", "CreateLoginProfile", by: .user("alice"), request: #"{"userName":"bob","passwordResetRequired":false}"#
        ),
        event(
          "iam", "CreateAccessKey", by: .role("Admin", session: "alice@example.com"),
          request: #"{"userName":"vendor-sync"}"#),
      ],
      nearMisses: [
        event("iam", "CreateAccessKey", by: .user("deploy-bot"), request: #"{"userName":"deploy-bot"}"#),
        event("iam", "CreateAccessKey", by: .user("deploy-bot")),
        event(
          "iam", "CreateLoginProfile", by: .user("alice"),
          request: #"{"userName":"bob","passwordResetRequired":true}"#),
        event(
          "iam", "CreateAccessKey", by: .user("deploy-bot"), request: #"{"userName":"backup-admin"}"#,
          error: "AccessDenied"),
      ]),
    Case(
      rule: "iam-user-created",
      positives: [
        event(
          "iam", "CreateUser", by: .user("deploy-bot"), ip: "203.0.113.66", agent: Agent.kali,
          request: #"{"userName":"backup-admin"}"#,
          response: #"{"user":{"path":"/","userName":"backup-admin","userId":"AIDAZ7BACKUP5M2Q8WRT","#
            + #""arn":"arn:aws:iam::123456789012:user/backup-admin","createDate":"Nov 30, 2026 5:51:25 PM"}}"#)
      ],
      nearMisses: [
        event(
          "iam", "CreateUser",
          by: .role(
            "cfn-exec", session: "AWSCloudFormation",
            invokedBy: "cloudformation.amazonaws.com"), ip: "cloudformation.amazonaws.com",
          agent: "cloudformation.amazonaws.com", request: #"{"userName":"svc-reporting"}"#),
        event("iam", "CreateUser", request: #"{"userName":"bob"}"#, error: "EntityAlreadyExists"),
      ]),
    Case(
      rule: "iam-role-trust-policy-public",
      positives: [
        event(
          "iam", "UpdateAssumeRolePolicy",
          request: #"{"roleName":"ReadOnly","policyDocument":"# + quoted(anyoneTrust) + "}"),
        event(
          "iam", "CreateRole",
          request: #"{"roleName":"audit","assumeRolePolicyDocument":"#
            + quoted(
              "{\n  \"Statement\": [{\n    \"Principal\": \"*\",\n    \"Effect\": \"Allow\",\n"
                + "    \"Action\": \"sts:AssumeRole\"\n  }]\n}") + "}"),
        event(
          "iam", "UpdateAssumeRolePolicy",
          request: #"{"roleName":"ReadOnly","policyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C"#
            + #"%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%20%7B%22AWS%22%3A"#
            + #"%22%2A%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"}"#),
      ],
      nearMisses: [
        event(
          "iam", "UpdateAssumeRolePolicy",
          request: #"{"roleName":"ReadOnly","policyDocument":"# + quoted(accountTrust) + "}"),
        event(
          "iam", "UpdateAssumeRolePolicy", by: .user("carol-admin"), agent: Agent.console,
          request: #"{"roleName":"web-server-role","policyDocument":"# + quoted(ec2Trust) + "}"),
        event(
          "iam", "UpdateAssumeRolePolicy",
          request: #"{"roleName":"ReadOnly","policyDocument":"# + quoted(anyoneTrust) + "}", error: "AccessDenied"),
      ]),
    Case(
      rule: "iam-role-trust-policy-aws-principal",
      positives: [
        event(
          "iam", "CreateRole", agent: "aws-cli/1.3.2 Python/2.7.5 Windows/7",
          request: #"{"assumeRolePolicyDocument":"# + quoted(accountTrust) + #","roleName":"TestRole"}"#),
        event(
          "iam", "UpdateAssumeRolePolicy",
          request: #"{"roleName":"ReadOnly","policyDocument":"# + quoted(accountTrust) + "}"),
      ],
      nearMisses: [
        event(
          "iam", "UpdateAssumeRolePolicy", by: .user("deploy-bot"),
          request: #"{"roleName":"ReadOnly","policyDocument":"# + quoted(ec2Trust) + "}"),
        event(
          "iam", "CreateRole",
          request: #"{"assumeRolePolicyDocument":"# + quoted(accountTrust) + #","roleName":"TestRole"}"#,
          error: "EntityAlreadyExists"),
      ]),
    Case(
      rule: "lambda-permission-opened",
      positives: [
        event(
          "lambda", "AddPermission20150331v2",
          request: #"{"functionName":"api-handler","statementId":"open","action":"lambda:InvokeFunction","#
            + #""principal":"*"}"#),
        event(
          "lambda", "AddPermission20150331v2",
          request: #"{"functionName":"api-handler","statementId":"x","action":"lambda:InvokeFunction","#
            + #""principal":"210987654321"}"#),
        event(
          "lambda", "AddLayerVersionPermission20181031",
          request: #"{"layerName":"shared-utils","versionNumber":3,"statementId":"all","#
            + #""action":"lambda:GetLayerVersion","principal":"*"}"#),
      ],
      nearMisses: [
        event(
          "lambda", "AddPermission20150331v2",
          request: #"{"functionName":"thumbnailer","statementId":"s3","action":"lambda:InvokeFunction","#
            + #""principal":"s3.amazonaws.com","sourceArn":"arn:aws:s3:::shop-uploads"}"#),
        event(
          "lambda", "AddPermission20150331v2",
          request: #"{"functionName":"api-handler","statementId":"org","action":"lambda:InvokeFunction","#
            + #""principal":"*","principalOrgID":"o-1234abcde"}"#),
        event(
          "lambda", "AddLayerVersionPermission20181031",
          request: #"{"layerName":"shared-utils","versionNumber":3,"statementId":"org","#
            + #""action":"lambda:GetLayerVersion","principal":"*","organizationId":"o-1234abcde"}"#),
      ]),
    Case(
      rule: "lambda-function-url-public",
      positives: [
        event(
          "lambda", "CreateFunctionUrlConfig20211031",
          request: #"{"functionName":"api-handler","authType":"NONE","cors":{"allowOrigins":["*"]}}"#)
      ],
      nearMisses: [
        event(
          "lambda", "CreateFunctionUrlConfig20211031",
          request: #"{"functionName":"api-handler","authType":"AWS_IAM"}"#)
      ]),
    Case(
      rule: "lambda-code-updated-with-user-credentials",
      positives: [
        event(
          "lambda", "UpdateFunctionCode20150331v2", by: .user("john.developer"),
          request: #"{"functionName":"api-handler","publish":true,"dryRun":false}"#),
        event(
          "lambda", "UpdateFunctionCode20150331v2", by: .role("Admin", session: "alice@example.com"),
          agent: Agent.console, request: #"{"functionName":"api-handler"}"#,
          extra: #""sessionCredentialFromConsole":"true""#),
      ],
      nearMisses: [
        event(
          "lambda", "UpdateFunctionCode20150331v2", by: .role("ci-deploy", session: "gh-actions-11837042666"),
          ip: "198.51.100.150",
          request: #"{"functionName":"api-handler","s3Bucket":"shop-artifacts","#
            + #""s3Key":"lambda/api-handler-1a2eaf5.zip","publish":true}"#)
      ]),
    Case(
      rule: "rolesanywhere-trust-anchor-created",
      positives: [
        event(
          "rolesanywhere", "CreateTrustAnchor",
          request: #"{"name":"onprem","source":{"sourceType":"CERTIFICATE_BUNDLE","#
            + #""sourceData":{"x509CertificateData":"HIDDEN_DUE_TO_SECURITY_REASONS"}},"enabled":true}"#),
        event(
          "rolesanywhere", "CreateProfile",
          request: #"{"name":"onprem","roleArns":["arn:aws:iam::123456789012:role/Admin"],"enabled":true}"#),
      ],
      nearMisses: [event("rolesanywhere", "ListTrustAnchors")]),
    Case(
      rule: "sts-federation-token-broad",
      positives: [
        event(
          "sts", "GetFederationToken", by: .user("vendor-sync"),
          request: #"{"name":"persist","durationSeconds":129600}"#),
        event(
          "sts", "GetFederationToken", by: .user("vendor-sync"),
          request: #"{"name":"persist","policy":"#
            + quoted(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
            + "}"),
        event(
          "sts", "GetFederationToken", by: .user("vendor-sync"),
          request: #"{"name":"persist","policyArns":[{"arn":"arn:aws:iam::aws:policy/AdministratorAccess"}]}"#),
      ],
      nearMisses: [
        event(
          "sts", "GetFederationToken", by: .user("vendor-sync"), ip: "198.51.100.99",
          request: #"{"name":"reporting","durationSeconds":3600}"#,
          response: #"{"credentials":{"accessKeyId":"ASIAZ7T5IYL7PJB6ZNVQ","#
            + #""sessionToken":"HIDDEN_DUE_TO_SECURITY_REASONS"}}"#),
        event(
          "sts", "GetFederationToken", by: .user("vendor-sync"),
          request: #"{"name":"reporting","policy":"#
            + quoted(
              #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}"#)
            + "}"),
      ]),
  ]
}

extension BuiltinRuleCaseTests {
  static func inline(_ api: String, _ target: String, _ policy: String, error: String? = nil) -> String {
    event(
      "iam", api, by: .user("deploy-bot"),
      request: #"{""# + target + #"":"victim","policyName":"maintenance","policyDocument":"# + quoted(policy) + "}",
      error: error)
  }

  static let adminPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

  static let privilegeEscalation: [Case] = [
    Case(
      rule: "iam-admin-policy-attached",
      positives: [
        event(
          "iam", "AttachUserPolicy", by: .user("deploy-bot"), ip: "203.0.113.66", agent: Agent.kali,
          request: #"{"userName":"backup-admin","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#),
        event(
          "iam", "AttachRolePolicy",
          request: #"{"roleName":"ci-deploy","policyArn":"arn:aws:iam::aws:policy/IAMFullAccess"}"#),
      ],
      nearMisses: [
        event(
          "iam", "AttachUserPolicy",
          request: #"{"userName":"backup-admin","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#),
        event(
          "iam", "AttachUserPolicy",
          request: #"{"userName":"backup-admin","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#,
          error: "AccessDenied"),
      ]),
    Case(
      rule: "iam-inline-admin-policy",
      positives: [
        inline("PutUserPolicy", "userName", adminPolicy),
        inline(
          "PutRolePolicy", "roleName",
          "{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": [\n\t\t{\n\t\t\t\"Resource\": [\"*\"],\n"
            + "\t\t\t\"Action\": [\"*\"],\n\t\t\t\"Effect\": \"Allow\"\n\t\t}\n\t]\n}"),
        event(
          "iam", "CreatePolicyVersion",
          request: #"{"policyArn":"arn:aws:iam::123456789012:policy/deploy","setAsDefault":true,"#
            + #""policyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A"#
            + #"%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}"#),
      ],
      nearMisses: [
        inline(
          "PutRolePolicy", "roleName",
          "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
            + "\"Resource\": \"arn:aws:s3:::shop-assets-prod/*\"}]\n}"),
        inline(
          "PutUserPolicy", "userName",
          #"{"Version":"2012-10-17","Statement":[{"Sid":"Quarantine","Effect":"Deny","Action":["*"],"#
            + #""Resource":["*"]}]}"#),
        inline(
          "PutUserPolicy", "userName",
          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#),
        // Allow and "*" are there, in different statements.
        inline(
          "PutUserPolicy", "userName",
          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},"#
            + #"{"Effect":"Deny","Action":"*","Resource":"*"}]}"#),
        inline("PutUserPolicy", "userName", adminPolicy, error: "AccessDenied"),
      ]),
    Case(
      rule: "iam-login-profile-updated-for-another-user",
      positives: [
        event("iam", "UpdateLoginProfile", by: .user("alice"), request: #"{"userName":"carol-admin"}"#),
        event(
          "iam", "UpdateLoginProfile", by: .role("Admin", session: "alice@example.com"),
          request: #"{"userName":"carol-admin","passwordResetRequired":false}"#),
      ],
      nearMisses: [
        event("iam", "UpdateLoginProfile", by: .user("carol-admin"), request: #"{"userName":"carol-admin"}"#),
        event(
          "iam", "UpdateLoginProfile", by: .user("alice"), request: #"{"userName":"carol-admin"}"#,
          error: "AccessDenied"),
      ]),
  ]

  static let secretID = #"{"secretId":"prod/shop/db"}"#
  static func names(_ count: Int) -> String {
    (1...count).map { "\"/shop/prod/secret-\($0)\"" }.joined(separator: ",")
  }

  static let credentialAccess: [Case] = [
    Case(
      rule: "secretsmanager-secret-value-read",
      positives: [event("secretsmanager", "GetSecretValue", by: .user("deploy-bot"), request: secretID)],
      nearMisses: [
        event(
          "secretsmanager", "GetSecretValue",
          by: .role("cfn-exec", session: "AWSCloudFormation", invokedBy: "cloudformation.amazonaws.com"),
          ip: "cloudformation.amazonaws.com", agent: "cloudformation.amazonaws.com", request: secretID),
        event("secretsmanager", "DescribeSecret", by: .user("deploy-bot"), request: secretID),
        event(
          "secretsmanager", "GetSecretValue", by: .user("deploy-bot"), request: secretID,
          error: "AccessDeniedException"),
      ]),
    Case(
      rule: "secretsmanager-secrets-batch-read",
      positives: [
        event(
          "secretsmanager", "BatchGetSecretValue",
          request: #"{"filters":[{"key":"name","values":["prod"]}],"maxResults":20}"#)
      ],
      nearMisses: [event("secretsmanager", "ListSecrets", request: #"{"maxResults":100}"#)]),
    Case(
      rule: "ssm-parameters-decrypted-in-bulk",
      positives: [
        event("ssm", "GetParametersByPath", request: #"{"path":"/","recursive":true,"withDecryption":true}"#),
        event("ssm", "GetParameters", request: #"{"names":["# + names(11) + #"],"withDecryption":true}"#),
      ],
      nearMisses: [
        event("ssm", "GetParametersByPath", request: #"{"path":"/","recursive":true,"withDecryption":false}"#),
        event("ssm", "GetParameters", request: #"{"names":["# + names(5) + #"],"withDecryption":true}"#),
        event("ssm", "GetParameters", request: #"{"names":["# + names(11) + #"]}"#),
        event(
          "ssm", "GetParameter", by: .user("deploy-bot"),
          request: #"{"name":"/shop/prod/stripe-key","withDecryption":true}"#),
      ]),
    Case(
      rule: "ec2-password-data-retrieved",
      positives: [event("ec2", "GetPasswordData", request: #"{"instanceId":"i-abcdef1234567890"}"#)],
      nearMisses: [
        event(
          "ec2", "GetPasswordData", request: #"{"instanceId":"i-abcdef1234567890"}"#,
          error: "Client.UnauthorizedOperation")
      ]),
    Case(
      rule: "ec2-instance-credentials-used-outside",
      positives: [
        event(
          "sts", "GetCallerIdentity", by: .role("web-server-role", session: "i-0abc1234def567890"),
          ip: "203.0.113.66", agent: Agent.mac),
        event(
          "s3", "ListBuckets", by: .role("web-server-role", session: "i-0abc1234def567890"),
          ip: "203.0.113.66", agent: Agent.kali),
      ],
      nearMisses: [
        event(
          "ssm", "UpdateInstanceInformation", by: .role("web-server-role", session: "i-0abc1234def567890"),
          ip: "198.51.100.201", agent: Agent.instance),
        event(
          "sts", "GetCallerIdentity", by: .role("web-server-role", session: "i-0abc1234def567890"),
          ip: "10.20.30.40", agent: Agent.mac),
        event(
          "sts", "GetCallerIdentity", by: .role("Admin", session: "alice@example.com"), ip: "203.0.113.66",
          agent: Agent.mac),
      ]),
  ]
}

extension BuiltinRuleCaseTests {
  static let discovery: [Case] = [
    Case(
      rule: "discovery-access-denied",
      positives: [
        event(
          "ec2", "DescribeInstances", by: .user("deploy-bot"), request: #"{"instancesSet":{},"filterSet":{}}"#,
          error: "Client.UnauthorizedOperation"),
        event(
          "lambda", "GetFunction20150331v2", by: .role("ci-deploy", session: "gh-1"),
          request: #"{"functionName":"thumbnailer"}"#, error: "AccessDenied"),
      ],
      nearMisses: [
        event("ec2", "DescribeInstances", by: .user("deploy-bot"), request: #"{"instancesSet":{},"filterSet":{}}"#),
        event("iam", "CreateUser", request: #"{"userName":"x"}"#, error: "AccessDenied"),
        event("dynamodb", "DescribeTable", request: #"{"tableName":"orders"}"#, error: "ThrottlingException"),
      ]),
    Case(
      rule: "discovery-sensitive-inventory-denied",
      positives: [
        event(
          "secretsmanager", "ListSecrets", by: .user("deploy-bot"), ip: "203.0.113.66", agent: Agent.kali,
          error: "AccessDeniedException"),
        event("organizations", "ListAccounts", by: .user("deploy-bot"), error: "AccessDeniedException"),
        event(
          "kms", "ListKeys", by: .user("deploy-bot"), request: #"{"limit":1000}"#,
          error: "AccessDeniedException"),
      ],
      nearMisses: [
        event("secretsmanager", "ListSecrets", by: .user("deploy-bot")),
        event("kms", "DescribeKey", request: #"{"keyId":"alias/orders"}"#, error: "AccessDeniedException"),
      ]),
  ]

  static func snapshot(_ permission: String, _ change: String, error: String? = nil) -> String {
    event(
      "ec2", "ModifySnapshotAttribute",
      request: #"{"snapshotId":"snap-0a1b2c3d4e5f67890","attributeType":"CREATE_VOLUME_PERMISSION","#
        + #""createVolumePermission":{""# + change + #"":{"items":["# + permission + "]}}}",
      response: #"{"requestId":"1111","_return":true}"#, error: error)
  }

  static func image(_ permission: String, _ change: String = "add") -> String {
    event(
      "ec2", "ModifyImageAttribute",
      request: #"{"imageId":"ami-0c02fb55956c7d316","attributeType":"launchPermission","launchPermission":{""#
        + change + #"":{"items":["# + permission + "]}}}",
      response: #"{"_return":true}"#)
  }

  static func dbSnapshot(_ values: String, api: String = "ModifyDBSnapshotAttribute") -> String {
    event(
      "rds", api, by: .role("AWSReservedSSO_DevAdmin_635426549a280cc6", session: "fake.user"),
      request: #"{"dBSnapshotIdentifier":"orders-nightly","attributeName":"restore","valuesToAdd":["# + values
        + "]}",
      response: #"{"dBSnapshotIdentifier":"orders-nightly","dBSnapshotAttributes":[{"attributeName":"restore","#
        + #""attributeValues":["# + values + "]}]}")
  }

  static func bucketPolicy(_ statements: String, error: String? = nil) -> String {
    event(
      "s3", "PutBucketPolicy", by: .user("carol-admin"), agent: Agent.console,
      request: #"{"bucketName":"shop-assets-prod","Host":"shop-assets-prod.s3.amazonaws.com","policy":"","#
        + #""bucketPolicy":{"Version":"2012-10-17","Statement":["# + statements + "]}}",
      error: error,
      extra: #""additionalEventData":{"SignatureVersion":"SigV4","AuthenticationMethod":"AuthHeader"}"#)
  }

  static func acl(_ request: String, api: String = "PutBucketAcl") -> String {
    event(
      "s3", api,
      request: #"{"bucketName":"customer-exports","Host":"customer-exports.s3.amazonaws.com","# + request + "}")
  }

  static func accessBlock(_ api: String, _ off: String = "", error: String? = nil) -> String {
    let settings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
      .map { #"""# + $0 + #"":"# + ($0 == off ? "false" : "true") }.joined(separator: ",")
    return event(
      "s3", api,
      request: #"{"bucketName":"customer-exports","Host":"customer-exports.s3.amazonaws.com","publicAccessBlock":"","#
        + #""PublicAccessBlockConfiguration":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","# + settings + "}}",
      error: error)
  }

  static let exfiltration: [Case] = [
    Case(
      rule: "snapshot-or-image-made-public",
      positives: [
        snapshot(#"{"group":"all"}"#, "add"), image(#"{"group":"all"}"#), dbSnapshot(#""all""#),
        dbSnapshot(#""all""#, api: "ModifyDBClusterSnapshotAttribute"),
      ],
      nearMisses: [
        snapshot(#"{"userId":"111122223333"}"#, "add"), image(#"{"group":"all"}"#, "remove"), dbSnapshot(""),
        snapshot(#"{"group":"all"}"#, "add", error: "Client.UnauthorizedOperation"),
      ]),
    Case(
      rule: "snapshot-or-image-shared-with-account",
      positives: [
        snapshot(#"{"userId":"111122223333"}"#, "add"), image(#"{"userId":"012345678901"}"#),
        dbSnapshot(#""210987654321""#),
      ],
      nearMisses: [
        snapshot(#"{"userId":"111122223333"}"#, "remove"), snapshot(#"{"group":"none"}"#, "add"), dbSnapshot(""),
        image(#"{"group":"all"}"#),
      ]),
    Case(
      rule: "s3-bucket-policy-public",
      positives: [
        bucketPolicy(
          #"{"Action":"s3:GetBucketAcl","Effect":"Allow","Principal":{"AWS":"*"},"#
            + #""Resource":"arn:aws:s3:::shop-assets-prod","Sid":"Public Access"}"#),
        bucketPolicy(
          #"{"Sid":"PublicRead","Principal":"*","Effect":"Allow","Action":"s3:GetObject","#
            + #""Resource":"arn:aws:s3:::shop-assets-prod/*"}"#),
      ],
      nearMisses: [
        bucketPolicy(
          #"{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","#
            + #""Resource":"arn:aws:s3:::shop-assets-prod/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#),
        bucketPolicy(
          #"{"Sid":"Logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"#
            + #""Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::shop-assets-prod"}"#),
        // "*" denied, then one account allowed.
        bucketPolicy(
          #"{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::shop-assets-prod"},"#
            + #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","#
            + #""Resource":"arn:aws:s3:::shop-assets-prod/*"}"#),
      ]),
    Case(
      rule: "s3-acl-public",
      positives: [
        acl(#""acl":[""],"x-amz-acl":["public-read"]"#),
        acl(
          #""acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"Group","#
            + #""URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"}]},"#
            + #""xmlns":"http://s3.amazonaws.com/doc/2006-03-01/"}"#),
        acl(#""key":"exports/customers.csv.gz","x-amz-acl":["authenticated-read"]"#, api: "PutObjectAcl"),
      ],
      nearMisses: [
        acl(#""acl":[""],"x-amz-acl":["private"]"#),
        acl(
          #""acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"CanonicalUser","#
            + #""ID":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"#
            + #""Permission":"FULL_CONTROL"}]}}"#),
      ]),
    Case(
      rule: "s3-public-access-block-removed",
      positives: [
        event(
          "s3", "DeleteBucketPublicAccessBlock",
          request: #"{"bucketName":"corporate-documents","Host":"corporate-documents.s3.amazonaws.com","#
            + #""publicAccessBlock":""}"#),
        accessBlock("PutBucketPublicAccessBlock", "BlockPublicPolicy"),
        accessBlock("PutAccountPublicAccessBlock", "RestrictPublicBuckets"),
      ],
      nearMisses: [
        accessBlock("PutBucketPublicAccessBlock"),
        event(
          "s3", "DeleteBucketPublicAccessBlock",
          request: #"{"bucketName":"corporate-documents","Host":"corporate-documents.s3.amazonaws.com"}"#,
          error: "AccessDenied"),
      ]),
  ]
}

extension BuiltinRuleCaseTests {
  static func launch(_ type: String, inResponse: Bool = false, error: String? = nil) -> String {
    event(
      "ec2", "RunInstances", by: .role("Admin", session: "alice@example.com"),
      request: #"{"instancesSet":{"items":[{"imageId":"ami-0c02fb55956c7d316","minCount":1,"maxCount":1}]}"#
        + (inResponse ? "" : #","instanceType":""# + type + #"""#)
        + #","launchTemplate":{"launchTemplateName":"web-lt","version":"3"}}"#,
      response: error != nil
        ? "null"
        : #"{"reservationId":"r-04e7249092106788a","ownerId":"123456789012","instancesSet":{"items":[{"#
          + #""instanceId":"i-03c424fb0a54d683d","imageId":"ami-0c02fb55956c7d316","#
          + #""instanceState":{"code":0,"name":"pending"},"instanceType":""# + type + #""}]}}"#,
      error: error)
  }

  static let command =
    #"{"documentName":"AWS-RunShellScript","instanceIds":["i-0abc1234def567890"],"#
    + #""parameters":"HIDDEN_DUE_TO_SECURITY_REASONS","interactive":false}"#

  static let execution: [Case] = [
    Case(
      rule: "ssm-command-sent",
      positives: [event("ssm", "SendCommand", by: .user("deploy-bot"), request: command)],
      nearMisses: [
        event(
          "ssm", "SendCommand",
          by: .role("AWSServiceRoleForAmazonSSM", session: "ssm", invokedBy: "ssm.amazonaws.com"),
          ip: "ssm.amazonaws.com", agent: "ssm.amazonaws.com", request: command),
        event("ssm", "ListCommands", by: .user("deploy-bot")),
        event("ssm", "SendCommand", by: .user("deploy-bot"), request: command, error: "AccessDeniedException"),
      ]),
    Case(
      rule: "ssm-session-started",
      positives: [
        event(
          "ssm", "StartSession", by: .role("Admin", session: "alice@example.com"),
          request: #"{"target":"i-0abc1234def567890"}"#,
          response: #"{"sessionId":"alice@example.com-0a1b2c3d4e5f67890","#
            + #""streamUrl":"wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/x","#
            + #""tokenValue":"Value hidden due to security reasons."}"#)
      ],
      nearMisses: [
        event(
          "ssm", "TerminateSession", by: .role("Admin", session: "alice@example.com"),
          request: #"{"sessionId":"alice@example.com-0a1b2c3d4e5f67890"}"#)
      ]),
    Case(
      rule: "ec2-user-data-modified",
      positives: [
        event(
          "ec2", "ModifyInstanceAttribute",
          request: #"{"instanceId":"i-012345abcde","userData":"<sensitiveDataRemoved>"}"#,
          response: #"{"_return":true,"requestId":"012345abcdef"}"#)
      ],
      nearMisses: [
        event(
          "ec2", "ModifyInstanceAttribute",
          request: #"{"instanceId":"i-012345abcde","instanceType":{"value":"t3.large"}}"#,
          response: #"{"_return":true,"requestId":"012345abcdef"}"#)
      ]),
    Case(
      rule: "ec2-gpu-or-large-instance-launched",
      positives: [launch("p4d.24xlarge"), launch("g5.xlarge", inResponse: true), launch("m5.24xlarge")],
      nearMisses: [
        launch("t3.medium"), launch("m5.12xlarge"),
        launch("p3.2xlarge", error: "Client.UnauthorizedOperation"),
      ]),
  ]

  static let initialAccess: [Case] = [
    Case(
      rule: "console-login-without-mfa",
      positives: [
        signIn(.user("bob"), result: "Success", mfa: "No"),
        signIn(.root, result: "Success", mfa: "no"),
      ],
      nearMisses: [
        signIn(.user("carol-admin"), result: "Success", mfa: "Yes"),
        signIn(.role("AWSReservedSSO_Dev", session: "bob@example.com"), result: "Success", mfa: "No"),
        signIn(.user("bob"), result: "Failure", mfa: "No"),
      ]),
    Case(
      rule: "root-console-login",
      positives: [signIn(.root, result: "Success", mfa: "Yes")],
      nearMisses: [
        signIn(.root, result: "Failure", mfa: "No"),
        signIn(.user("carol-admin"), result: "Success", mfa: "Yes"),
      ]),
    Case(
      rule: "root-account-api-usage",
      positives: [
        event("iam", "GetAccountSummary", by: .root, ip: "192.0.2.45", agent: Agent.console),
        event("iam", "CreateAccessKey", by: .root, ip: "192.0.2.45", agent: Agent.console),
      ],
      nearMisses: [
        signIn(.root, result: "Success", mfa: "Yes"),
        event("iam", "GetAccountSummary", by: .user("carol-admin"), ip: "192.0.2.45", agent: Agent.console),
        event(
          "kms", "RotateKey", by: .service("kms.amazonaws.com"), ip: "kms.amazonaws.com",
          agent: "kms.amazonaws.com", type: "AwsServiceEvent"),
      ]),
    Case(
      rule: "console-login-failed",
      positives: [signIn(.user("carol-admin"), result: "Failure", mfa: "No")],
      nearMisses: [signIn(.user("carol-admin"), result: "Success", mfa: "Yes")]),
    Case(
      rule: "pentest-distribution-user-agent",
      positives: [
        event("sts", "GetCallerIdentity", by: .user("deploy-bot"), ip: "203.0.113.66", agent: Agent.kali),
        event(
          "s3", "ListBuckets", by: .user("deploy-bot"),
          agent: "aws-cli/2.15.10 Python/3.11.8 Linux/6.5.0-13parrot1-amd64 exe/x86_64.parrot.6 prompt/off"),
      ],
      nearMisses: [event("sts", "GetCallerIdentity", by: .user("deploy-bot"), ip: "198.51.100.23")]),
  ]

  static let lateralMovement: [Case] = [
    Case(
      rule: "ec2-instance-connect-ssh-key-pushed",
      positives: [
        event(
          "ec2-instance-connect", "SendSSHPublicKey",
          request: #"{"instanceId":"i-abcdef01234567890","instanceOSUser":"ec2-user","#
            + #""sSHPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE"}"#,
          response: #"{"requestId":"25eac5d1-cd24-4156-a49b-f2bf3a20ec9d","success":true}"#)
      ],
      nearMisses: [
        event(
          "ec2-instance-connect", "SendSSHPublicKey",
          request: #"{"instanceId":"i-abcdef01234567890","instanceOSUser":"ec2-user"}"#, error: "AccessDenied")
      ]),
    Case(
      rule: "ec2-serial-console-ssh-key-pushed",
      positives: [
        event(
          "ec2-instance-connect", "SendSerialConsoleSSHPublicKey",
          request: #"{"instanceId":"i-abcdef01234567890","serialPort":0,"#
            + #""sSHPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE"}"#,
          response: #"{"requestId":"25eac5d1-cd24-4156-a49b-f2bf3a20ec9d","success":true}"#)
      ],
      nearMisses: [
        event(
          "ec2-instance-connect", "SendSSHPublicKey",
          request: #"{"instanceId":"i-abcdef01234567890","instanceOSUser":"ec2-user","#
            + #""sSHPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE"}"#)
      ]),
  ]

  static let terminate = #"{"instancesSet":{"items":[{"instanceId":"i-0fb8f06533ca49f5c"}]}}"#

  static let impact: [Case] = [
    Case(
      rule: "resource-deleted",
      positives: [
        event("ec2", "TerminateInstances", by: .user("deploy-bot"), request: terminate),
        event("s3", "DeleteBucket", request: #"{"bucketName":"customer-exports","Host":"s3.amazonaws.com"}"#),
        event("rds", "DeleteDBCluster", request: #"{"dBClusterIdentifier":"orders","skipFinalSnapshot":true}"#),
      ],
      nearMisses: [
        event(
          "ec2", "TerminateInstances",
          by: .role("AWSServiceRoleForAutoScaling", session: "AutoScaling", invokedBy: "autoscaling.amazonaws.com"),
          ip: "autoscaling.amazonaws.com", agent: "autoscaling.amazonaws.com", request: terminate),
        event("ec2", "StopInstances", by: .user("deploy-bot"), request: terminate),
        event("s3", "DeleteBucket", request: #"{"bucketName":"customer-exports"}"#, error: "BucketNotEmpty"),
      ]),
    Case(
      rule: "kms-key-deletion-scheduled",
      positives: [
        event(
          "kms", "ScheduleKeyDeletion",
          request: #"{"keyId":"arn:aws:kms:us-east-1:123456789012:key/1234abcd","pendingWindowInDays":7}"#),
        event("kms", "DisableKey", request: #"{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab"}"#),
      ],
      nearMisses: [
        event("kms", "CancelKeyDeletion", request: #"{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab"}"#),
        event("kms", "EnableKey", request: #"{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab"}"#),
      ]),
    Case(
      rule: "bedrock-model-invoked-with-user-key",
      positives: [
        event(
          "bedrock", "InvokeModel", by: .user("deploy-bot"),
          request: #"{"modelId":"anthropic.claude-3-5-sonnet-20240620-v1:0"}"#),
        event("bedrock", "ConverseStream", by: .root, request: #"{"modelId":"meta.llama3-70b-instruct-v1:0"}"#),
      ],
      nearMisses: [
        event(
          "bedrock", "InvokeModel", by: .role("order-processor-role", session: "order-processor"),
          request: #"{"modelId":"anthropic.claude-3-5-sonnet-20240620-v1:0"}"#),
        event("bedrock", "ListFoundationModels", by: .user("deploy-bot")),
      ]),
  ]
}
