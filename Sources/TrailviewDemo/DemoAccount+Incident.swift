/// The incident: a leaked deploy-bot key used from 203.0.113.66, data theft, a backdoor admin, logging stopped.
extension DemoBuilder {
  /// Adds the incident's calls, 28 to 34 hours before `now`.
  mutating func incident() {
    let bot = DemoAccount.intruder
    let admin = DemoAccount.backupAdmin
    let account = DemoAccount.accountId
    var t = now - 34 * 3600 + Int64(r.int(0..<6 * 3600))
    func step(_ seconds: ClosedRange<Int>, _ rr: inout DemoRandom) -> Int64 {
      t += Int64(rr.int(seconds))
      return t
    }
    // Reconnaissance with the leaked key.
    add(t, bot, DemoOps.getCallerIdentity(&r))
    add(step(6...15, &r), bot, DemoOps.listBuckets(&r))
    for name in ["GetBucketLocation", "GetBucketAcl"] {
      let b = "customer-exports"
      add(
        step(2...6, &r), bot,
        DemoOp(
          service: "s3", name: name, readOnly: true,
          request: .obj(["bucketName": .string(b), "Host": .string("\(b).s3.amazonaws.com")]),
          resources: [DemoOps.bucketResource(b)]))
    }
    // Exfiltration: a burst of GetObject data events on customer-exports.
    for i in 0..<40 {
      let key = "exports/2026/customers-\(String(1000 + i).dropFirst())-\(["us", "eu", "apac"][i % 3]).csv.gz"
      add(
        step(0...3, &r), bot,
        DemoOps.objectCall(
          &r, name: "GetObject", bucket: "customer-exports", key: key, bytes: Int64(r.int(2_000_000..<48_000_000))))
    }
    // Looking around IAM, probing what else the key can reach.
    add(step(20...60, &r), bot, DemoOps.global(DemoOp(service: "iam", name: "ListUsers", readOnly: true)))
    add(
      step(3...8, &r), bot,
      DemoOps.global(
        DemoOp(
          service: "iam", name: "ListAttachedUserPolicies", readOnly: true, request: .obj(["userName": "deploy-bot"]))))
    let kmsDenied =
      "User: arn:aws:iam::\(account):user/deploy-bot is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action"
    add(
      step(3...8, &r), bot,
      DemoOp(service: "kms", name: "ListKeys", readOnly: true, request: .obj(["limit": 1000])).failing(
        "AccessDeniedException", kmsDenied))
    for region in ["eu-west-1", "ap-southeast-2"] {
      add(
        step(1...4, &r), bot,
        DemoOp(service: "kms", name: "ListKeys", readOnly: true, request: .obj(["limit": 1000])).failing(
          "AccessDeniedException", kmsDenied), region: region)
    }
    let orgDenied = "You don't have permissions to access this resource."
    add(
      step(4...9, &r), bot,
      DemoOps.global(
        DemoOp(service: "organizations", name: "DescribeOrganization", readOnly: true).failing(
          "AccessDeniedException", orgDenied)))
    add(
      step(2...5, &r), bot,
      DemoOps.global(
        DemoOp(service: "organizations", name: "ListAccounts", readOnly: true).failing(
          "AccessDeniedException", orgDenied)))
    add(
      step(2...5, &r), bot,
      DemoOps.global(
        DemoOp(service: "secretsmanager", name: "ListSecrets", readOnly: true).failing(
          "AccessDeniedException",
          "User: arn:aws:iam::\(account):user/deploy-bot is not authorized to perform: secretsmanager:ListSecrets because no identity-based policy allows the secretsmanager:ListSecrets action"
        )), region: "us-east-1")
    // A permission-enumeration script: one read call per service, a second or three apart, all refused.
    let probes = [
      ("ec2", "DescribeInstances"), ("rds", "DescribeDBInstances"), ("lambda", "ListFunctions20150331"),
      ("iam", "ListRoles"), ("ssm", "DescribeParameters"), ("dynamodb", "ListTables"), ("sns", "ListTopics"),
      ("sqs", "ListQueues"), ("ecr", "DescribeRepositories"), ("eks", "ListClusters"),
      ("cloudformation", "DescribeStacks"), ("logs", "DescribeLogGroups"),
    ]
    for (service, name) in probes {
      let probe = denied(DemoOp(service: service, name: name, readOnly: true), bot)
      add(step(1...3, &r), bot, service == "iam" ? DemoOps.global(probe) : probe)
    }
    // Persistence: a backdoor admin user with its own key.
    let userArn = "arn:aws:iam::\(account):user/backup-admin"
    let userRes = DemoResource(arn: userArn, type: "AWS::IAM::User", name: "backup-admin")
    let created = step(30...90, &r)
    add(
      created, bot,
      DemoOps.global(
        DemoOp(
          service: "iam", name: "CreateUser", readOnly: false, request: .obj(["userName": "backup-admin"]),
          response: .obj([
            "user": .obj([
              "path": "/", "userName": "backup-admin", "userId": "AIDAZ7BKUPADM5R3Q7WX", "arn": .string(userArn),
              "createDate": .string(DemoTime.iamStyle(created)),
            ])
          ]),
          resources: [userRes])))
    let keyTime = step(4...10, &r)
    add(
      keyTime, bot,
      DemoOps.global(
        DemoOp(
          service: "iam", name: "CreateAccessKey", readOnly: false, request: .obj(["userName": "backup-admin"]),
          response: .obj([
            "accessKey": .obj([
              "userName": "backup-admin", "accessKeyId": .string(DemoAccount.backdoorAccessKeyId), "status": "Active",
              "createDate": .string(DemoTime.iamStyle(keyTime)),
            ])
          ]),
          resources: [userRes])))
    add(
      step(4...10, &r), bot,
      DemoOps.global(
        DemoOp(
          service: "iam", name: "AttachUserPolicy", readOnly: false,
          request: .obj(["userName": "backup-admin", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"]),
          resources: [userRes])))
    // Defence evasion with the new key (an SCP protects the trail from deletion, not from StopLogging).
    t += Int64(r.int(120...300))
    add(t, admin, DemoOps.getCallerIdentity(&r))
    var describe = DemoOps.trailWrite("DescribeTrails", trail: "", time: t)
    describe.readOnly = true
    describe.request = .obj(["includeShadowTrails": true])
    describe.resources = []
    add(step(4...10, &r), admin, describe)
    add(step(5...15, &r), admin, DemoOps.trailWrite("StopLogging", trail: DemoAccount.incidentTrailName, time: t))
    let scp =
      "User: arn:aws:iam::\(account):user/backup-admin is not authorized to perform: cloudtrail:DeleteTrail on resource: \(DemoOps.trailArn(DemoAccount.incidentTrailName)) with an explicit deny in a service control policy"
    add(
      step(5...15, &r), admin,
      DemoOps.trailWrite("DeleteTrail", trail: DemoAccount.incidentTrailName, time: t).failing(
        "AccessDeniedException", scp))
    add(step(20...60, &r), admin, DemoOps.describeInstances(&r), region: "us-east-1")
    add(step(5...20, &r), admin, DemoOps.describeInstances(&r), region: "eu-west-1")
  }
}
