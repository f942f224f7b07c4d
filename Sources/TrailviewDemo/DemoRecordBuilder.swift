/// Lays out one CloudTrail record for a demo call, in the field order CloudTrail itself writes.
enum DemoRecordBuilder {
  /// The `eventVersion` each service writes in the demo (all within 1.08–1.11).
  static func eventVersion(_ service: String) -> String {
    switch service {
    case "s3", "ec2": "1.10"
    case "cloudtrail": "1.09"
    case "dynamodb", "logs": "1.11"
    default: "1.08"
    }
  }

  /// The finished event for `call`, drawing `eventID`/`requestID` from `ids`.
  static func event(for call: DemoCall, ids: inout DemoRandom) -> DemoEvent {
    let op = call.op
    let actor = call.actor
    let eventID = ids.guid()
    let requestID =
      op.service == "s3" ? ids.token(16, alphabet: "0123456789ABCDEF") : ids.guid()
    var m: [(String, DemoJSON)] = [
      ("eventVersion", .string(eventVersion(op.service))),
      ("userIdentity", actor.identity(at: call.time)),
      ("eventTime", .string(DemoTime.iso(call.time))),
      ("eventSource", .string(op.eventSource)),
      ("eventName", .string(op.name)),
      ("awsRegion", .string(call.region)),
      ("sourceIPAddress", .string(actor.sourceIP)),
      ("userAgent", .string(actor.userAgent)),
    ]
    if let code = op.errorCode { m.append(("errorCode", .string(code))) }
    if let message = op.errorMessage { m.append(("errorMessage", .string(message))) }
    m.append(("requestParameters", op.request))
    m.append(("responseElements", op.response))
    if let extra = op.additional { m.append(("additionalEventData", extra)) }
    if op.eventType != "AwsServiceEvent" { m.append(("requestID", .string(requestID))) }
    m.append(("eventID", .string(eventID)))
    m.append(("readOnly", .bool(op.readOnly)))
    if !op.resources.isEmpty {
      m.append(
        (
          "resources",
          .array(
            op.resources.map {
              .obj(["accountId": .string(DemoAccount.accountId), "type": .string($0.type), "ARN": .string($0.arn)])
            })
        ))
    }
    m.append(("eventType", .string(op.eventType)))
    m.append(("managementEvent", .bool(!op.data)))
    m.append(("recipientAccountId", .string(DemoAccount.accountId)))
    if op.eventType == "AwsServiceEvent" {
      m.append(("serviceEventDetails", .obj(["keyId": .string(op.resources.first?.name ?? "")])))
    }
    m.append(("eventCategory", .string(op.data ? "Data" : "Management")))
    if let first = actor.sourceIP.first, first.isNumber {
      let host =
        op.service == "s3"
        ? (op.resources.last.map { "\($0.name).s3.amazonaws.com" } ?? "s3.amazonaws.com")
        : ["iam", "sts", "signin"].contains(op.service)
          ? "\(op.service).amazonaws.com" : "\(op.service).\(call.region).amazonaws.com"
      m.append(
        (
          "tlsDetails",
          .obj([
            "tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": .string(host),
          ])
        ))
    }
    if actor.userAgent == "console.amazonaws.com" {
      m.append(("sessionCredentialFromConsole", "true"))
    }
    return DemoEvent(
      time: call.time, eventID: eventID, eventName: op.name, eventSource: op.eventSource, readOnly: op.readOnly,
      management: !op.data, accessKeyId: actor.accessKeyId, username: actor.username, resources: op.resources,
      json: DemoRecordWriter.encode(.object(m)))
  }
}
