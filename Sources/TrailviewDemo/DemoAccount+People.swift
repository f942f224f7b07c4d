/// People at work: console and CLI sessions, the trail's creation early in the week, and rare events.
extension DemoBuilder {
  mutating func people(_ d0: Int64, weekend: Bool) {
    let adminOps: [Make] = [
      DemoOps.describeInstances, DemoOps.describeSecurityGroups, DemoOps.listBuckets, DemoOps.bucketRead,
      DemoOps.iamRead,
      DemoOps.trailRead, DemoOps.describeDBInstances, DemoOps.listFunctions, DemoOps.filterLogEvents,
      DemoOps.getParameter,
      DemoOps.describeRegions, DemoOps.stopStartInstance, DemoOps.createDBSnapshot,
    ]
    let bobOps: [Make] = [
      DemoOps.describeInstances, DemoOps.listFunctions, DemoOps.getFunction, DemoOps.describeTable,
      DemoOps.filterLogEvents,
      DemoOps.getParameter, DemoOps.putParameter, DemoOps.iamRead, DemoOps.kmsDecrypt, DemoOps.bucketRead,
      DemoOps.getObject,
      DemoOps.describeVpcs, DemoOps.getCallerIdentity,
    ]
    let carolOps: [Make] = [
      DemoOps.iamRead, DemoOps.iamRead, DemoOps.iamWrite, DemoOps.trailRead, DemoOps.bucketRead,
      DemoOps.putBucketPolicy,
    ]
    if weekend {
      if r.chance(0.5) {
        session(
          DemoAccount.bob, at: d0 + Int64(r.int(10 * 3600..<18 * 3600)), count: r.int(3...8), region: "eu-west-1",
          bobOps)
      }
      return
    }
    // alice: SAML federation into the Admin role, one to three console sessions.
    for _ in 0..<r.int(1...3) {
      let t = d0 + Int64(r.int(8 * 3600..<18 * 3600))
      let key = tempKey()
      var admin = DemoAccount.aliceAdmin
      admin.accessKeyId = key
      add(
        t, DemoAccount.samlAlice,
        DemoOps.assumeRole(&r, role: "Admin", session: "alice@example.com", key: key, event: "AssumeRoleWithSAML"))
      add(t + 1, admin, DemoOps.consoleLogin(mfa: true))
      session(admin, at: t + 20, count: r.int(10...24), gap: 5...120, adminOps)
    }
    // alice's own IAM user signs in now and then.
    if r.chance(0.3) {
      add(d0 + Int64(r.int(8 * 3600..<10 * 3600)), DemoAccount.alice, DemoOps.consoleLogin(mfa: true))
    }
    // bob: CLI, mostly in eu-west-1, with the occasional denied call.
    for _ in 0..<r.int(1...3) {
      let t = d0 + Int64(r.int(9 * 3600..<19 * 3600))
      session(
        DemoAccount.bob, at: t, count: r.int(6...18), gap: 4...200, region: r.chance(0.7) ? "eu-west-1" : "us-east-1",
        bobOps)
    }
    // carol-admin: console with MFA; sometimes a mistyped password first.
    let t = d0 + Int64(r.int(8 * 3600..<17 * 3600))
    if r.chance(0.2) { add(t - 40, DemoAccount.carol, DemoOps.consoleLogin(mfa: false, success: false)) }
    add(t, DemoAccount.carol, DemoOps.consoleLogin(mfa: true))
    session(DemoAccount.carol, at: t + 30, count: r.int(5...14), gap: 10...240, carolOps)
    // dana: Identity Center portal.
    let portal = d0 + Int64(r.int(8 * 3600..<11 * 3600))
    for (i, name) in ["Authenticate", "ListAccounts", "GetRoleCredentials"].enumerated() {
      var op = DemoOp(service: "sso", name: name, readOnly: name != "Authenticate")
      if name == "GetRoleCredentials" {
        op.request = .obj(["roleName": "ReadOnly", "accountId": .string(DemoAccount.accountId)])
      }
      add(portal + Int64(i * 4), DemoAccount.dana, op)
    }
  }

  /// CloudTrail trail `management-events` created early in the week by carol-admin, plus `org-trail` checks.
  mutating func trailSetup() {
    let t = DemoTime.days(start) * DemoTime.day + DemoTime.day + 9 * 3600 + Int64(r.int(0..<3600))
    let carol = DemoAccount.carol
    add(t - 60, carol, DemoOps.consoleLogin(mfa: true))
    add(t, carol, DemoOps.trailWrite("CreateTrail", trail: DemoAccount.incidentTrailName, time: t))
    add(t + 25, carol, DemoOps.trailWrite("PutEventSelectors", trail: DemoAccount.incidentTrailName, time: t))
    add(t + 31, carol, DemoOps.trailWrite("StartLogging", trail: DemoAccount.incidentTrailName, time: t))
    var status = DemoOps.trailWrite("GetTrailStatus", trail: "org-trail", time: t)
    status.readOnly = true
    status.response = .null
    add(
      t + 50, carol,
      status.failing(
        "TrailNotFoundException",
        "Unknown trail: arn:aws:cloudtrail:us-east-1:\(DemoAccount.accountId):trail/org-trail for the user: \(DemoAccount.accountId)"
      ))
  }

  /// Root signs in once; KMS rotates a key; vendor-sync's nightly export as a federated user.
  mutating func rareEvents() {
    let rootTime = DemoTime.days(start) * DemoTime.day + 3 * DemoTime.day + 10 * 3600 + Int64(r.int(0..<3600))
    add(rootTime, DemoAccount.root, DemoOps.consoleLogin(mfa: true))
    add(
      rootTime + 35, DemoAccount.root,
      DemoOp(service: "iam", name: "GetAccountSummary", readOnly: true, region: "us-east-1"))
    add(
      rootTime + 70, DemoAccount.root,
      DemoOp(service: "iam", name: "ListMFADevices", readOnly: true, region: "us-east-1"))
    let key = DemoOps.kmsKeys[0]
    var rotate = DemoOp(service: "kms", name: "RotateKey", readOnly: false, eventType: "AwsServiceEvent")
    rotate.resources = [DemoResource(arn: key, type: "AWS::KMS::Key", name: key)]
    add(start + 2 * DemoTime.day + Int64(r.int(0..<86_400)), DemoAccount.kmsServiceEvent, rotate)
    for day in 0...7 {
      let t = DemoTime.days(start) * DemoTime.day + Int64(day) * DemoTime.day + 2 * 3600 + Int64(r.int(0..<1800))
      let fedKey = tempKey()
      add(
        t, DemoAccount.vendorSync,
        DemoOp(
          service: "sts", name: "GetFederationToken", readOnly: true,
          request: .obj(["name": "reporting", "durationSeconds": 3600]),
          response: .obj([
            "credentials": .obj(["accessKeyId": .string(fedKey), "sessionToken": "HIDDEN_DUE_TO_SECURITY_REASONS"])
          ]), region: "us-east-1"))
      let fed = DemoAccount.federatedReporting(key: fedKey)
      add(t + 4, fed, DemoOps.listBuckets(&r))
      for i in 0..<r.int(2...4) {
        add(
          t + 10 + Int64(i * 3), fed,
          DemoOps.objectCall(
            &r, name: "GetObject", bucket: "app-logs-archive", key: "reports/daily-\(day)-\(i).csv",
            bytes: Int64(r.int(40_000..<400_000))))
      }
    }
  }
}
