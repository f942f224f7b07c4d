import CloudTrailModel
import TestSupport

/// Correlation rules of every kind, and records with bursts in them, for the engine's tests.
enum CorrelationFixtures {
  static let header = "logsource:\n  product: aws\n  service: cloudtrail\n"

  /// Detection rules the correlations count, and the correlations (one file, YAML documents).
  static let rules = """
    title: Read denied
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d01
    name: denied
    \(header)detection:
      selection:
        errorCode: AccessDenied
      condition: selection
    ---
    title: Console sign-in
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d02
    name: console
    \(header)detection:
      selection:
        eventName: ConsoleLogin
      condition: selection
    ---
    title: User created
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d03
    name: created
    \(header)detection:
      selection:
        eventName: CreateUser
      condition: selection
    ---
    title: Denied burst
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d10
    correlation:
      type: event_count
      rules: [denied]
      group-by: [userIdentity.arn]
      timespan: 5m
      condition:
        gte: 4
    ---
    title: Denied across services
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d11
    correlation:
      type: value_count
      rules: [denied]
      group-by: [userIdentity.arn]
      timespan: 10m
      condition:
        field: eventSource
        gte: 3
    ---
    title: Denied then console, same address
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d12
    correlation:
      type: temporal
      rules: [denied, console]
      group-by: [sourceIPAddress]
      timespan: 10m
    ---
    title: Denied, then a user created, by one identity
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d13
    correlation:
      type: temporal_ordered
      rules: [denied, created]
      group-by: [userIdentity.arn]
      timespan: 15m
    ---
    title: Two of three in order
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d14
    correlation:
      type: temporal_ordered
      rules: [console, denied, created]
      group-by: [sourceIPAddress]
      timespan: 20m
      condition:
        gte: 2
    ---
    title: A lone denial
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d15
    correlation:
      type: event_count
      rules: [denied]
      group-by: [userIdentity.arn, awsRegion]
      timespan: 1m
      condition:
        lt: 2
    ---
    title: Many denials anywhere
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d16
    correlation:
      type: event_count
      rules: [denied, 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d02]
      timespan: 1m
      condition:
        gt: 5
    ---
    title: One person, one address, by alias
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d17
    correlation:
      type: temporal
      rules: [denied, created]
      group-by: [who]
      aliases:
        who:
          denied: userIdentity.arn
          created: requestParameters.userName
      timespan: 30m
    ---
    title: Distinct secrets
    id: 6c1d3a52-0b8e-4d1e-9a51-3e0f2b9c7d18
    correlation:
      type: value_count
      rules: [denied, console]
      group-by: [userIdentity.arn]
      timespan: 2m
      condition:
        field: requestParameters.secretId
        eq: 2
    """

  /// `count` records in an hour, in bursts: few identities (in two cases), few addresses, some denied, some console
  /// sign-ins and user creations; some with fields missing or holding arrays.
  static func records(count: Int, seed: UInt64) -> [String] {
    var rng = FixturesRNG(seed: seed)
    let base: Int64 = 1_795_000_000
    let arns = [
      "\"arn:aws:iam::123456789012:user/eve\"", "\"arn:aws:iam::123456789012:user/EVE\"",
      "\"arn:aws:iam::123456789012:user/bob\"", "[\"x\",\"y\"]", "null",
    ]
    let names = ["ListKeys", "GetObject", "ConsoleLogin", "CreateUser", "DescribeInstances"]
    var t = base
    return (0..<count).map { _ in
      t += [0, 0, 1, 5, 30, 59, 60, 61, 299, 300, 301][Int.random(in: 0..<11, using: &rng)]
      if Int.random(in: 0..<40, using: &rng) == 0 { t += 1_800 }
      let name = names.randomElement(using: &rng)!
      var fields = [
        "\"eventTime\":\"\(EventTime.formatISO(t))\"", "\"eventName\":\"\(name)\"",
        "\"eventSource\":\"\(["kms", "s3", "iam", "sts", "ec2"].randomElement(using: &rng)!).amazonaws.com\"",
        "\"awsRegion\":\"\(["us-east-1", "eu-west-1"].randomElement(using: &rng)!)\"",
      ]
      let arn = arns.randomElement(using: &rng)!
      if Int.random(in: 0..<8, using: &rng) > 0 { fields.append("\"userIdentity\":{\"arn\":\(arn)}") }
      if Int.random(in: 0..<6, using: &rng) > 0 {
        fields.append(
          "\"sourceIPAddress\":\"\(["203.0.113.9", "198.51.100.2", "192.0.2.1"].randomElement(using: &rng)!)\"")
      }
      if Bool.random(using: &rng) { fields.append("\"errorCode\":\"AccessDenied\"") }
      var request: [String] = []
      if Bool.random(using: &rng) {
        request.append("\"userName\":\"\(["eve", "Bob", "mallory"].randomElement(using: &rng)!)\"")
      }
      if Bool.random(using: &rng) {
        request.append("\"secretId\":\"\(["db", "DB", "api", "tls"].randomElement(using: &rng)!)\"")
      }
      fields.append("\"requestParameters\":{\(request.joined(separator: ","))}")
      fields.shuffle(using: &rng)
      return "{" + fields.joined(separator: ",") + "}"
    }
  }
}
