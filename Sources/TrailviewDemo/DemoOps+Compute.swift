/// The API calls the demo account makes, with realistic parameters: compute, databases, parameters and logs.
enum DemoOps {
  static let account = DemoAccount.accountId
  static let instances = ["i-0abc1234def567890", "i-0abc9876fed543210", "i-07d06021b0da55115", "i-0fe4b3c2a1d098765"]
  static let functions = ["order-processor", "thumbnailer", "api-handler"]
  static let tables = ["orders", "sessions", "inventory"]
  static let databases = ["shop-prod-db", "shop-staging-db"]
  static let logGroups = [
    "/aws/lambda/order-processor", "/aws/lambda/api-handler", "/ecs/web", "/aws/rds/shop-prod-db",
  ]
  static let parameters = [
    "/shop/prod/db-password", "/shop/prod/stripe-key", "/shop/staging/db-password", "/shop/feature-flags",
  ]

  static func describeInstances(_ r: inout DemoRandom) -> DemoOp {
    let filter: DemoJSON =
      r.chance(0.5)
      ? .obj([
        "items": .array([
          .obj(["name": "instance-state-name", "valueSet": .obj(["items": .array([.obj(["value": "running"])])])])
        ])
      ])
      : .object([])
    return DemoOp(
      service: "ec2", name: "DescribeInstances", readOnly: true,
      request: .obj(["instancesSet": .object([]), "filterSet": filter]))
  }
  static func describeSecurityGroups(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "ec2", name: "DescribeSecurityGroups", readOnly: true,
      request: .obj(["securityGroupSet": .object([]), "securityGroupIdSet": .object([]), "filterSet": .object([])]))
  }
  static func describeVpcs(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "ec2", name: r.chance(0.5) ? "DescribeVpcs" : "DescribeSubnets", readOnly: true,
      request: .obj(["filterSet": .object([])]))
  }
  static func describeRegions(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(service: "ec2", name: "DescribeRegions", readOnly: true, request: .obj(["regionSet": .object([])]))
  }
  static func createTags(_ r: inout DemoRandom) -> DemoOp {
    let id = r.pick(instances)
    return DemoOp(
      service: "ec2", name: "CreateTags", readOnly: false,
      request: .obj([
        "resourcesSet": .obj(["items": .array([.obj(["resourceId": .string(id)])])]),
        "tagSet": .obj(["items": .array([.obj(["key": "team", "value": "shop"])])]),
      ]),
      response: .obj(["requestId": .string(r.guid()), "_return": true]))
  }
  static func runInstances(_ r: inout DemoRandom) -> DemoOp {
    let id = "i-0" + r.token(16, alphabet: "0123456789abcdef")
    return DemoOp(
      service: "ec2", name: "RunInstances", readOnly: false,
      request: .obj([
        "instancesSet": .obj([
          "items": .array([.obj(["imageId": "ami-0c02fb55956c7d316", "minCount": 1, "maxCount": 1])])
        ]), "instanceType": "t3.medium", "launchTemplate": .obj(["launchTemplateName": "web-lt", "version": "3"]),
      ]),
      response: .obj([
        "requestId": .string(r.guid()), "reservationId": .string("r-0" + r.token(16, alphabet: "0123456789abcdef")),
        "ownerId": .string(account),
        "instancesSet": .obj([
          "items": .array([
            .obj([
              "instanceId": .string(id), "imageId": "ami-0c02fb55956c7d316",
              "instanceState": .obj(["code": 0, "name": "pending"]), "instanceType": "t3.medium",
            ])
          ])
        ]),
      ]),
      resources: [
        DemoResource(arn: "arn:aws:ec2:us-east-1:\(account):instance/\(id)", type: "AWS::EC2::Instance", name: id)
      ])
  }
  static func terminateInstances(_ r: inout DemoRandom) -> DemoOp {
    let id = "i-0" + r.token(16, alphabet: "0123456789abcdef")
    return DemoOp(
      service: "ec2", name: "TerminateInstances", readOnly: false,
      request: .obj(["instancesSet": .obj(["items": .array([.obj(["instanceId": .string(id)])])])]),
      response: .obj([
        "requestId": .string(r.guid()),
        "instancesSet": .obj([
          "items": .array([
            .obj([
              "instanceId": .string(id), "currentState": .obj(["code": 32, "name": "shutting-down"]),
              "previousState": .obj(["code": 16, "name": "running"]),
            ])
          ])
        ]),
      ]),
      resources: [
        DemoResource(arn: "arn:aws:ec2:us-east-1:\(account):instance/\(id)", type: "AWS::EC2::Instance", name: id)
      ])
  }
  static func stopStartInstance(_ r: inout DemoRandom) -> DemoOp {
    let id = r.pick(instances)
    let stop = r.chance(0.5)
    return DemoOp(
      service: "ec2", name: stop ? "StopInstances" : "StartInstances", readOnly: false,
      request: .obj(["instancesSet": .obj(["items": .array([.obj(["instanceId": .string(id)])])]), "force": false]),
      response: .obj([
        "requestId": .string(r.guid()),
        "instancesSet": .obj([
          "items": .array([
            .obj([
              "instanceId": .string(id),
              "currentState": .obj(["code": stop ? 64 : 0, "name": stop ? "stopping" : "pending"]),
            ])
          ])
        ]),
      ]),
      resources: [
        DemoResource(arn: "arn:aws:ec2:us-east-1:\(account):instance/\(id)", type: "AWS::EC2::Instance", name: id)
      ])
  }
  static func listFunctions(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(service: "lambda", name: "ListFunctions20150331", readOnly: true)
  }
  static func getFunction(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "lambda", name: "GetFunction20150331v2", readOnly: true,
      request: .obj(["functionName": .string(r.pick(functions))]))
  }
  static func updateFunctionCode(_ r: inout DemoRandom) -> DemoOp {
    let fn = r.pick(functions)
    let arn = "arn:aws:lambda:us-east-1:\(account):function:\(fn)"
    return DemoOp(
      service: "lambda", name: "UpdateFunctionCode20150331v2", readOnly: false,
      request: .obj([
        "functionName": .string(fn), "s3Bucket": "shop-artifacts",
        "s3Key": .string("lambda/\(fn)-\(r.token(7, alphabet: "0123456789abcdef")).zip"), "publish": true,
      ]),
      response: .obj([
        "functionName": .string(fn), "functionArn": .string(arn), "runtime": "python3.12",
        "codeSize": .int(Int64(r.int(180_000..<2_400_000))), "state": "Pending", "lastUpdateStatus": "InProgress",
      ]),
      resources: [DemoResource(arn: arn, type: "AWS::Lambda::Function", name: fn)])
  }
  static func updateFunctionConfiguration(_ r: inout DemoRandom) -> DemoOp {
    let fn = r.pick(functions)
    return DemoOp(
      service: "lambda", name: "UpdateFunctionConfiguration20150331v2", readOnly: false,
      request: .obj(["functionName": .string(fn), "timeout": 30, "memorySize": 512]),
      response: .obj([
        "functionName": .string(fn), "functionArn": .string("arn:aws:lambda:us-east-1:\(account):function:\(fn)"),
        "timeout": 30, "memorySize": 512,
      ]))
  }
  static func describeDBInstances(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "rds", name: r.chance(0.7) ? "DescribeDBInstances" : "DescribeDBSnapshots", readOnly: true,
      request: r.chance(0.5) ? .obj(["dBInstanceIdentifier": .string(r.pick(databases))]) : .null)
  }
  static func createDBSnapshot(_ r: inout DemoRandom) -> DemoOp {
    let db = r.pick(databases)
    let snap = "\(db)-manual-\(r.token(6, alphabet: "0123456789"))"
    return DemoOp(
      service: "rds", name: "CreateDBSnapshot", readOnly: false,
      request: .obj(["dBSnapshotIdentifier": .string(snap), "dBInstanceIdentifier": .string(db)]),
      response: .obj([
        "dBSnapshotIdentifier": .string(snap), "dBInstanceIdentifier": .string(db), "status": "creating",
        "engine": "postgres", "allocatedStorage": 100,
      ]),
      resources: [
        DemoResource(arn: "arn:aws:rds:us-east-1:\(account):db:\(db)", type: "AWS::RDS::DBInstance", name: db)
      ])
  }
  static func updateInstanceInformation(_ r: inout DemoRandom, instance: String) -> DemoOp {
    DemoOp(
      service: "ssm", name: "UpdateInstanceInformation", readOnly: false,
      request: .obj([
        "instanceId": .string(instance), "agentVersion": "3.3.1142.0", "agentStatus": "Active", "platformType": "Linux",
        "platformName": "Amazon Linux", "platformVersion": "2023",
      ]))
  }
  static func listInstanceAssociations(_ r: inout DemoRandom, instance: String) -> DemoOp {
    DemoOp(
      service: "ssm", name: "ListInstanceAssociations", readOnly: true,
      request: .obj(["instanceId": .string(instance), "maxResults": 20]))
  }
  static func getParameter(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "ssm", name: r.chance(0.6) ? "GetParameter" : "GetParameters", readOnly: true,
      request: .obj(["name": .string(r.pick(parameters)), "withDecryption": true]))
  }
  static func putParameter(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "ssm", name: "PutParameter", readOnly: false,
      request: .obj([
        "name": "/shop/feature-flags", "type": "String", "overwrite": true, "value": "HIDDEN_DUE_TO_SECURITY_REASONS",
      ]), response: .obj(["version": .int(Int64(r.int(10..<60))), "tier": "Standard"]))
  }
  static func describeLogGroups(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "logs", name: "DescribeLogGroups", readOnly: true,
      request: r.chance(0.5) ? .obj(["logGroupNamePrefix": "/aws/lambda/"]) : .null)
  }
  static func filterLogEvents(_ r: inout DemoRandom) -> DemoOp {
    DemoOp(
      service: "logs", name: r.chance(0.5) ? "FilterLogEvents" : "GetLogEvents", readOnly: true,
      request: .obj(["logGroupName": .string(r.pick(logGroups)), "limit": 100]))
  }
  static func createLogStream(_ r: inout DemoRandom) -> DemoOp {
    let group = "/aws/lambda/order-processor"
    let stream = "2026/11/\(r.int(18...26))/[$LATEST]" + r.token(32, alphabet: "0123456789abcdef")
    return DemoOp(
      service: "logs", name: "CreateLogStream", readOnly: false,
      request: .obj(["logGroupName": .string(group), "logStreamName": .string(stream)]))
  }
  static func describeTable(_ r: inout DemoRandom) -> DemoOp {
    let t = r.pick(tables)
    return DemoOp(
      service: "dynamodb", name: r.chance(0.8) ? "DescribeTable" : "ListTables", readOnly: true,
      request: .obj(["tableName": .string(t)]),
      resources: [
        DemoResource(arn: "arn:aws:dynamodb:us-east-1:\(account):table/\(t)", type: "AWS::DynamoDB::Table", name: t)
      ])
  }
  static func putItem(_ r: inout DemoRandom) -> DemoOp {
    let get = r.chance(0.5)
    return DemoOp(
      service: "dynamodb", name: get ? "GetItem" : "PutItem", readOnly: get,
      request: .obj(["tableName": "orders", "key": .obj(["orderId": "HIDDEN_DUE_TO_SECURITY_REASONS"])]), data: true)
  }
}
