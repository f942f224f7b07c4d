/// The demo's Insights events: CloudTrail Insights noticed the leaked key's burst of denied KMS `ListKeys` calls.
extension DemoAccount {
  /// An `ApiErrorRateInsight` Start and End pair around the incident's first denied `ListKeys` (none when the
  /// events hold no such call), attributed to deploy-bot, the intruder's user agent and `AccessDeniedException`.
  static func insights(after events: [DemoEvent], seed: UInt64) -> [DemoEvent] {
    let denied = events.filter { $0.eventName == "ListKeys" && $0.accessKeyId == leakedAccessKeyId }
    guard let first = denied.map(\.time).min() else { return [] }
    var ids = DemoRandom(seed: (seed &+ 0x1A5_16A7) ^ UInt64(bitPattern: first))
    let start = first / 60 * 60
    let shared = ids.guid()
    return [
      insight(state: "End", time: start + 180, id: ids.guid(), shared: shared, duration: 3),
      insight(state: "Start", time: start, id: ids.guid(), shared: shared, duration: nil),
    ]
  }

  /// One Insights record as CloudTrail writes it (`insightDetails` with statistics and attributions).
  static func insight(state: String, time: Int64, id: String, shared: String, duration: Int?) -> DemoEvent {
    func attribution(_ attribute: String, _ value: String) -> String {
      #"{"attribute":"\#(attribute)","insight":[{"value":"\#(value)","average":1.0}],"baseline":[]}"#
    }
    let statistics =
      #"{"baseline":{"average":0.0},"insight":{"average":1.0}"#
      + (duration.map { #","insightDuration":\#($0),"baselineDuration":10079"# } ?? "") + "}"
    let attributions = [
      attribution("userIdentityArn", "arn:aws:iam::\(accountId):user/deploy-bot"),
      attribution("userAgent", intruderUA), attribution("errorCode", "AccessDeniedException"),
    ].joined(separator: ",")
    let json = """
      {"eventVersion":"1.08","eventTime":"\(DemoTime.iso(time))","awsRegion":"us-east-1","eventID":"\(id)",\
      "eventType":"AwsCloudTrailInsight","recipientAccountId":"\(accountId)","sharedEventID":"\(shared)",\
      "insightDetails":{"state":"\(state)","eventSource":"kms.amazonaws.com","eventName":"ListKeys",\
      "insightType":"ApiErrorRateInsight","errorCode":"AccessDeniedException",\
      "insightContext":{"statistics":\(statistics),"attributions":[\(attributions)]}},"eventCategory":"Insight"}
      """
    return DemoEvent(
      time: time, eventID: id, eventName: "ListKeys", eventSource: "kms.amazonaws.com", readOnly: true,
      management: false, accessKeyId: nil, username: nil, resources: [], json: Array(json.utf8), insight: true)
  }
}
