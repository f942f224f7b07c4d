/// Collects the demo account's calls in generation order, then turns them into finished records.
struct DemoBuilder {
  /// The end of the window (seconds since 1970).
  let now: Int64
  /// The start of the window: seven days before `now`.
  let start: Int64
  /// The generator for activity.
  var r: DemoRandom
  /// The calls so far.
  var calls: [DemoCall] = []

  /// Creates a builder for the week before `now`.
  init(now: Int64, seed: UInt64) {
    self.now = now
    self.start = now - 7 * DemoTime.day
    self.r = DemoRandom(seed: seed ^ 0x7472_6169_6C76_6965)
  }

  /// Adds a call if it falls inside the window, possibly turning it into an error per the actor's rates.
  mutating func add(_ time: Int64, _ actor: DemoActor, _ op: DemoOp, region: String = "us-east-1") {
    guard time >= start && time <= now else { return }
    var op = op
    // GetCallerIdentity needs no permission: it is never refused.
    if op.errorCode == nil && op.errorMessage == nil && op.eventType == "AwsApiCall" && op.name != "GetCallerIdentity" {
      if actor.deniedRate > 0 && r.chance(actor.deniedRate) {
        op = denied(op, actor)
      } else if actor.throttleRate > 0 && r.chance(actor.throttleRate) {
        op =
          op.service == "ec2"
          ? op.failing("Client.RequestLimitExceeded", "Request limit exceeded.")
          : op.failing("ThrottlingException", "Rate exceeded")
      }
    }
    calls.append(DemoCall(time: time, seq: calls.count, actor: actor, op: op, region: op.region ?? region))
  }

  /// Several calls by one actor, a few seconds to minutes apart, starting at `time`; returns the end time.
  @discardableResult
  mutating func session(
    _ actor: DemoActor, at time: Int64, count: Int, gap: ClosedRange<Int> = 3...90, region: String = "us-east-1",
    _ ops: [(inout DemoRandom) -> DemoOp]
  ) -> Int64 {
    var t = time
    for _ in 0..<count {
      let make = r.pick(ops)
      let op = make(&r)
      add(t, actor, op, region: region)
      t += Int64(r.int(gap))
    }
    return t
  }

  /// The AccessDenied-style failure each service reports.
  mutating func denied(_ op: DemoOp, _ actor: DemoActor) -> DemoOp {
    let action = "\(op.service):\(op.name.replacingSuffixDigits())"
    let who = "User: \(actor.deniedPrincipal) is not authorized to perform: \(action)"
    switch op.service {
    case "ec2":
      let encoded = r.token(48, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
      return op.failing(
        "Client.UnauthorizedOperation",
        "You are not authorized to perform this operation. \(who) because no identity-based policy allows the \(action) action. Encoded authorization failure message: \(encoded)"
      )
    case "s3":
      if op.name.hasPrefix("GetBucket") && r.chance(0.5) {
        return op.failing("NoSuchBucket", "The specified bucket does not exist")
      }
      return op.failing("AccessDenied", "Access Denied")
    case "iam", "sts", "rds", "lambda":
      return op.failing("AccessDenied", "\(who) because no identity-based policy allows the \(action) action")
    default:
      return op.failing("AccessDeniedException", "\(who) because no identity-based policy allows the \(action) action")
    }
  }

  /// The finished events, newest first, with ids drawn from a generator seeded by `idSeed`.
  func finish(idSeed: UInt64) -> [DemoEvent] {
    let sorted = calls.sorted { a, b in a.time != b.time ? a.time > b.time : a.seq > b.seq }
    var ids = DemoRandom(seed: idSeed)
    return sorted.map { DemoRecordBuilder.event(for: $0, ids: &ids) }
  }
}

extension String {
  /// `ListFunctions20150331` → `ListFunctions` (IAM action names carry no API version suffix).
  fileprivate func replacingSuffixDigits() -> String {
    var s = Substring(self)
    while let last = s.last, last.isNumber { s = s.dropLast() }
    if s.hasSuffix("v") && s.count < count { s = s.dropLast() }
    while let last = s.last, last.isNumber { s = s.dropLast() }
    return String(s)
  }
}
