/// The ordinary week: machines around the clock, people on weekdays in working hours.
extension DemoBuilder {
  typealias Make = (inout DemoRandom) -> DemoOp

  /// Generates every background call in the window.
  mutating func background() {
    let first = DemoTime.days(start)
    let last = DemoTime.days(now)
    for day in first...last {
      let d0 = day * DemoTime.day
      let weekend = [0, 6].contains(DemoTime.weekday(d0))
      instances(d0)
      lambdaAndServices(d0)
      terraform(d0, runs: weekend ? 1 : r.int(4...6))
      ciDeploys(d0, runs: weekend ? r.int(0...1) : r.int(4...8))
      people(d0, weekend: weekend)
    }
    trailSetup()
    rareEvents()
  }

  mutating func tempKey() -> String {
    "ASIAZ7" + r.token(14)
  }

  mutating func instances(_ d0: Int64) {
    let hosts = [
      ("i-0abc1234def567890", "198.51.100.201", "us-east-1"), ("i-0abc9876fed543210", "198.51.100.202", "eu-west-1"),
    ]
    for (id, ip, region) in hosts {
      var actor = DemoAccount.instanceRole(id, key: tempKey(), ip: ip)
      for slot in 0..<72 {
        let t = d0 + Int64(slot * 1200 + r.int(0..<600))
        if slot % 18 == 0 {
          actor.accessKeyId = tempKey()
          let op = DemoOps.assumeRole(&r, role: "web-server-role", session: id, key: actor.accessKeyId!)
          add(t - 5, DemoAccount.service("ec2.amazonaws.com"), op, region: region)
        }
        let roll = r.int(0..<20)
        let op: DemoOp
        switch roll {
        case 0..<7: op = DemoOps.updateInstanceInformation(&r, instance: id)
        case 7..<10: op = DemoOps.describeLogGroups(&r)
        case 10..<13: op = DemoOps.listInstanceAssociations(&r, instance: id)
        case 13..<15: op = DemoOps.kmsDecrypt(&r)
        case 15..<18:
          op = DemoOps.objectCall(
            &r, name: "GetObject", bucket: "shop-assets-prod", key: "config/app.json", bytes: 2_113)
        default: op = DemoOps.getParameter(&r)
        }
        add(t, actor, op, region: region)
      }
    }
  }

  mutating func lambdaAndServices(_ d0: Int64) {
    for hour in 0..<24 where r.chance(0.6) {
      let t = d0 + Int64(hour * 3600 + r.int(0..<3000))
      let key = tempKey()
      add(
        t, DemoAccount.service("lambda.amazonaws.com"),
        DemoOps.assumeRole(&r, role: "order-processor-role", session: "order-processor", key: key))
      let actor = DemoAccount.orderProcessor(key: key)
      session(
        actor, at: t + 2, count: r.int(2...4), gap: 0...4,
        [DemoOps.kmsDecrypt, DemoOps.putItem, DemoOps.putItem, DemoOps.describeTable, DemoOps.createLogStream])
    }
    var config = DemoAccount.serviceLinked(
      "AWSServiceRoleForConfig", session: "AWSConfig-Describe", service: "config.amazonaws.com", key: tempKey())
    config.deniedRate = 0.07
    for block in 0..<4 {
      let t = d0 + Int64(block * 21_600 + r.int(0..<1800))
      session(
        config, at: t, count: r.int(8...14), gap: 0...6,
        region: r.pick(["us-east-1", "us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"]),
        [
          DemoOps.describeInstances, DemoOps.describeSecurityGroups, DemoOps.describeVpcs, DemoOps.bucketRead,
          DemoOps.iamRead,
          DemoOps.describeDBInstances, DemoOps.listFunctions, DemoOps.describeTable, DemoOps.describeLogGroups,
          DemoOps.trailRead,
        ])
    }
    let scaling = DemoAccount.serviceLinked(
      "AWSServiceRoleForAutoScaling", session: "AutoScaling", service: "autoscaling.amazonaws.com", key: tempKey())
    for (hour, up) in [(13, true), (22, false)] {
      let t = d0 + Int64(hour * 3600 + r.int(0..<1800))
      add(t, scaling, up ? DemoOps.runInstances(&r) : DemoOps.terminateInstances(&r))
      if up { add(t + 1, scaling, DemoOps.createTags(&r)) }
    }
  }

  mutating func terraform(_ d0: Int64, runs: Int) {
    let reads: [Make] = [
      DemoOps.describeInstances, DemoOps.describeSecurityGroups, DemoOps.describeVpcs, DemoOps.listBuckets,
      DemoOps.bucketRead,
      DemoOps.bucketRead, DemoOps.iamRead, DemoOps.getFunction, DemoOps.describeTable, DemoOps.describeDBInstances,
      DemoOps.describeLogGroups, DemoOps.kmsDecrypt, DemoOps.getParameter,
    ]
    let writes: [Make] = [
      DemoOps.createTags, DemoOps.updateFunctionConfiguration, DemoOps.putBucketPolicy, DemoOps.iamWrite,
      DemoOps.putParameter,
    ]
    for _ in 0..<runs {
      let t = d0 + Int64(r.int(7 * 3600..<20 * 3600))
      add(t, DemoAccount.deployBot, DemoOps.getCallerIdentity(&r))
      let end = session(DemoAccount.deployBot, at: t + 1, count: r.int(18...34), gap: 0...4, reads)
      if r.chance(0.35) { session(DemoAccount.deployBot, at: end + 40, count: r.int(1...3), gap: 1...8, writes) }
    }
  }

  mutating func ciDeploys(_ d0: Int64, runs: Int) {
    for _ in 0..<runs {
      let t = d0 + Int64(r.int(8 * 3600..<21 * 3600))
      let run = r.int(11_000_000_000...11_999_999_999)
      let key = tempKey()
      let region = r.chance(0.3) ? "us-west-2" : "us-east-1"
      add(
        t, DemoAccount.githubOIDC,
        DemoOps.assumeRole(
          &r, role: "ci-deploy", session: "gh-actions-\(run)", key: key, event: "AssumeRoleWithWebIdentity"))
      let actor = DemoAccount.ciDeploy(run: run, key: key, ip: "198.51.100.\(r.int(140...160))")
      add(t + 3, actor, DemoOps.getCallerIdentity(&r))
      let artifact = "lambda/order-processor-\(r.token(7, alphabet: "0123456789abcdef")).zip"
      add(
        t + 9, actor,
        DemoOps.objectCall(
          &r, name: "PutObject", bucket: "shop-artifacts", key: artifact, bytes: Int64(r.int(300_000..<2_000_000))))
      let end = session(
        actor, at: t + 15, count: r.int(3...6), gap: 2...20, region: region,
        [DemoOps.updateFunctionCode, DemoOps.getFunction, DemoOps.getFunction, DemoOps.updateFunctionConfiguration])
      if r.chance(0.3) {
        let cfn = DemoOps.assumeRole(&r, role: "cfn-exec-role", session: "AWSCloudFormation", key: tempKey())
        add(end + 5, DemoAccount.service("cloudformation.amazonaws.com"), cfn, region: region)
      }
    }
  }
}
