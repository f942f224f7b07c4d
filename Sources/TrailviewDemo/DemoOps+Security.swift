import AWSClient
import LookupEmulator

extension DemoOps {
  static let buckets = [
    "shop-assets-prod", "shop-artifacts", "customer-exports", "tf-state-123456789012", "app-logs-archive",
  ]
  static let kmsKeys = [
    "arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
    "arn:aws:kms:us-east-1:123456789012:key/7f6e5d4c-3b2a-4190-8e7d-6c5b4a392817",
  ]
  static let roles = ["Admin", "ci-deploy", "web-server-role", "order-processor-role", "ReadOnly"]

  static func global(_ op: DemoOp) -> DemoOp {
    var op = op
    op.region = "us-east-1"
    return op
  }
  static func bucketResource(_ b: String) -> DemoResource {
    DemoResource(arn: "arn:aws:s3:::\(b)", type: "AWS::S3::Bucket", name: b)
  }

  static func listBuckets(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(service: "s3", name: "ListBuckets", readOnly: true, request: .obj(["Host": "s3.amazonaws.com"]))
  }
  static func bucketRead(_ r: inout DemoRandom) -> DemoOp {
    let b = r.pick(buckets)
    let name = r.pick([
      "GetBucketLocation", "GetBucketPolicy", "GetBucketAcl", "GetBucketVersioning", "GetBucketEncryption",
    ])
    let query = name.dropFirst(9).lowercased()
    return DemoOp(
      service: "s3", name: name, readOnly: true,
      request: .obj(["bucketName": .string(b), "Host": .string("\(b).s3.amazonaws.com"), String(query): ""]),
      resources: [bucketResource(b)])
  }
  static func putBucketPolicy(_ r: inout DemoRandom) -> DemoOp {
    let b = r.pick(["shop-assets-prod", "app-logs-archive"])
    return DemoOp(
      service: "s3", name: "PutBucketPolicy", readOnly: false,
      request: .obj([
        "bucketName": .string(b), "Host": .string("\(b).s3.amazonaws.com"), "policy": "",
        "bucketPolicy": .obj([
          "Version": "2012-10-17",
          "Statement": .array([
            .obj([
              "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
              "Resource": .string("arn:aws:s3:::\(b)/*"),
              "Condition": .obj(["Bool": .obj(["aws:SecureTransport": "false"])]),
            ])
          ]),
        ]),
      ]),
      resources: [bucketResource(b)])
  }
  static func objectCall(_ r: inout DemoRandom, name: String, bucket: String, key: String, bytes: Int64) -> DemoOp {
    let get = name == "GetObject"
    return DemoOp(
      service: "s3", name: name, readOnly: get,
      request: .obj(["bucketName": .string(bucket), "Host": .string("\(bucket).s3.amazonaws.com"), "key": .string(key)]
      ),
      resources: [
        DemoResource(arn: "arn:aws:s3:::\(bucket)/\(key)", type: "AWS::S3::Object", name: "\(bucket)/\(key)"),
        bucketResource(bucket),
      ], data: true,
      additional: .obj([
        "SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
        "bytesTransferredIn": .int(get ? 0 : bytes),
        "AuthenticationMethod": "AuthHeader",
        "x-amz-id-2": .string(
          r.token(76, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")),
        "bytesTransferredOut": .int(get ? bytes : 0),
      ]))
  }
  static func getObject(_ r: inout DemoRandom) -> DemoOp {
    let key = "static/img/\(r.token(8, alphabet: "abcdefghijklmnopqrstuvwxyz0123456789")).webp"
    return objectCall(
      &r, name: r.chance(0.8) ? "GetObject" : "PutObject", bucket: "shop-assets-prod", key: key,
      bytes: Int64(r.int(2_000..<900_000)))
  }

  static func iamRead(_ r: inout DemoRandom) -> DemoOp {
    let name = r.pick([
      "ListUsers", "ListRoles", "GetRole", "ListAttachedRolePolicies", "ListPolicies", "GetAccountSummary", "GetUser",
    ])
    var req: DemoJSON = .null
    if name == "GetRole" || name == "ListAttachedRolePolicies" { req = .obj(["roleName": .string(r.pick(roles))]) }
    if name == "ListPolicies" { req = .obj(["scope": "Local", "onlyAttached": false]) }
    return global(DemoOp(service: "iam", name: name, readOnly: true, request: req))
  }
  static func iamWrite(_ r: inout DemoRandom) -> DemoOp {
    let role = r.pick(roles)
    switch r.int(0..<3) {
    case 0:
      return global(
        DemoOp(
          service: "iam", name: "PutRolePolicy", readOnly: false,
          request: .obj([
            "roleName": .string(role), "policyName": "inline-s3-read",
            "policyDocument":
              "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::shop-assets-prod/*\"}]\n}",
          ])))
    case 1:
      return global(
        DemoOp(
          service: "iam", name: "TagRole", readOnly: false,
          request: .obj(["roleName": .string(role), "tags": .array([.obj(["key": "owner", "value": "platform"])])])))
    default:
      return global(
        DemoOp(
          service: "iam", name: "UpdateAssumeRolePolicy", readOnly: false,
          request: .obj([
            "roleName": .string(role),
            "policyDocument":
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
          ])))
    }
  }
  static func getCallerIdentity(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(service: "sts", name: "GetCallerIdentity", readOnly: true)
  }
  static func assumeRole(
    _ r: inout DemoRandom, role: String, session: String, key: String, event: String = "AssumeRole"
  ) -> DemoOp {
    let roleArn = "arn:aws:iam::\(account):role/\(role)"
    var req: [(String, DemoJSON)] = [("roleArn", .string(roleArn)), ("roleSessionName", .string(session))]
    if event == "AssumeRoleWithWebIdentity" { req.append(("durationSeconds", 3600)) }
    if event == "AssumeRoleWithSAML" {
      req.append(("principalArn", .string("arn:aws:iam::\(account):saml-provider/ExampleIdP")))
    }
    return DemoOp(
      service: "sts", name: event, readOnly: true, request: .object(req),
      response: .obj([
        "credentials": .obj([
          "accessKeyId": .string(key), "sessionToken": "HIDDEN_DUE_TO_SECURITY_REASONS", "expiration": "HIDDEN",
        ]),
        "assumedRoleUser": .obj([
          "assumedRoleId": .string("AROAZ7\(role.count)Q2:\(session)"),
          "arn": .string("arn:aws:sts::\(account):assumed-role/\(role)/\(session)"),
        ]),
      ]),
      resources: [DemoResource(arn: roleArn, type: "AWS::IAM::Role", name: roleArn)])
  }
  static func kmsDecrypt(_ r: inout DemoRandom) -> DemoOp {
    let key = r.pick(kmsKeys)
    let name = r.pick(["Decrypt", "Decrypt", "GenerateDataKey", "DescribeKey"])
    return DemoOp(
      service: "kms", name: name, readOnly: true,
      request: name == "DescribeKey"
        ? .obj(["keyId": .string(key)])
        : .obj([
          "keyId": .string(key), "encryptionAlgorithm": "SYMMETRIC_DEFAULT",
          "encryptionContext": .obj([
            "aws:lambda:FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:order-processor"
          ]),
        ]),
      resources: [DemoResource(arn: key, type: "AWS::KMS::Key", name: key)])
  }
  static func trailRead(_ r: inout DemoRandom) -> DemoOp {
    let name = r.pick(["DescribeTrails", "GetTrailStatus", "GetEventSelectors", "LookupEvents", "ListTrails"])
    let req: DemoJSON =
      switch name {
      case "GetTrailStatus", "GetEventSelectors": .obj(["name": .string(trailArn("management-events"))])
      case "DescribeTrails": .obj(["includeShadowTrails": true])
      case "LookupEvents":
        .obj([
          "maxResults": 50, "startTime": "HIDDEN",
          "lookupAttributes": .array([.obj(["attributeKey": "ReadOnly", "attributeValue": "false"])]),
        ])
      default: .null
      }
    return DemoOp(service: "cloudtrail", name: name, readOnly: true, request: req)
  }
  static func trailArn(_ name: String) -> String {
    "arn:aws:cloudtrail:us-east-1:\(account):trail/\(name)"
  }
  static func trailWrite(_ name: String, trail: String, time: Int64) -> DemoOp {
    let arn = trailArn(trail)
    var op = DemoOp(
      service: "cloudtrail", name: name, readOnly: false, request: .obj(["name": .string(trail)]), region: "us-east-1")
    op.resources = [DemoResource(arn: arn, type: "AWS::CloudTrail::Trail", name: arn)]
    if name == "CreateTrail" {
      op.request = .obj([
        "name": .string(trail), "s3BucketName": "aws-cloudtrail-logs-123456789012", "isMultiRegionTrail": true,
        "includeGlobalServiceEvents": true, "enableLogFileValidation": true,
      ])
      op.response = .obj([
        "name": .string(trail), "s3BucketName": "aws-cloudtrail-logs-123456789012", "includeGlobalServiceEvents": true,
        "isMultiRegionTrail": true, "trailARN": .string(arn), "logFileValidationEnabled": true,
        "isOrganizationTrail": false,
      ])
    }
    if name == "PutEventSelectors" {
      op.request = .obj([
        "trailName": .string(trail),
        "eventSelectors": .array([
          .obj([
            "readWriteType": "All", "includeManagementEvents": true,
            "dataResources": .array([
              .obj(["type": "AWS::S3::Object", "values": .array(["arn:aws:s3:::customer-exports/"])])
            ]),
          ])
        ]),
      ])
      op.response = .obj(["trailARN": .string(arn)])
    }
    return op
  }
  static func consoleLogin(mfa: Bool, success: Bool = true) -> DemoOp {
    var op = DemoOp(
      service: "signin", name: "ConsoleLogin", readOnly: false,
      response: .obj(["ConsoleLogin": success ? "Success" : "Failure"]), eventType: "AwsConsoleSignIn",
      additional: .obj([
        "LoginTo": "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
        "MobileVersion": "No", "MFAUsed": mfa ? "Yes" : "No",
      ]),
      region: "us-east-1")
    if !success {
      op.errorMessage = "Failed authentication"
    }
    return op
  }
}
