import Foundation

extension CloudTrailClient {
  /// `LookupEvents`, errors mapped to `LookupError(code:message:)`.
  public func lookupEvents(
    _ request: LookupEventsRequest, completion: @escaping @Sendable (Result<LookupEventsResponse, LookupError>) -> Void
  ) {
    lookupEventsPage(request) { completion($0.mapError(\.lookupError)) }
  }

  /// `LookupEvents` with the full `AWSError` (for `explanation`).
  public func lookupEventsPage(
    _ request: LookupEventsRequest, completion: @escaping @Sendable (Result<LookupEventsResponse, AWSError>) -> Void
  ) {
    call("LookupEvents", body: Self.lookupEventsBody(request)) { result in
      completion(Self.decode(result, operation: "LookupEvents", Self.lookupEventsResponse))
    }
  }

  /// `DescribeTrails`: names or ARNs (empty: all trails of the region), with or without shadow trails.
  public func describeTrails(
    trailNameList: [String] = [], includeShadowTrails: Bool = true,
    completion: @escaping @Sendable (Result<[Trail], AWSError>) -> Void
  ) {
    var body: [String: Any] = ["includeShadowTrails": includeShadowTrails]
    if !trailNameList.isEmpty { body["trailNameList"] = trailNameList }
    call("DescribeTrails", body: JSONObject.encode(body)) { result in
      completion(
        Self.decode(result, operation: "DescribeTrails") { json in json.objects("trailList").compactMap(Trail.init) })
    }
  }

  /// `GetTrailStatus` for a trail name or ARN. The call goes to `region` when given, else to the ARN's region, else
  /// to the client's (a shadow trail must be asked in its home region, by ARN).
  public func getTrailStatus(
    name: String, region: String? = nil, completion: @escaping @Sendable (Result<TrailStatus, AWSError>) -> Void
  ) {
    let target = region ?? AWSEndpoints.region(fromARN: name)
    if let target, !AWSEndpoints.isValidRegion(target) {
      completion(.failure(AWSError(code: "UnknownRegion", message: "unknown region \"\(target)\"")))
      return
    }
    call("GetTrailStatus", body: JSONObject.encode(["Name": name]), region: target) { result in
      completion(Self.decode(result, operation: "GetTrailStatus", TrailStatus.init(json:)))
    }
  }

  /// `ListTrails`, one page.
  public func listTrails(
    nextToken: String? = nil, completion: @escaping @Sendable (Result<ListTrailsPage, AWSError>) -> Void
  ) {
    let body: [String: Any] = nextToken.map { ["NextToken": $0] } ?? [:]
    call("ListTrails", body: JSONObject.encode(body)) { result in
      completion(Self.decode(result, operation: "ListTrails", ListTrailsPage.init(json:)))
    }
  }

  /// `ListPublicKeys` for `start`...`end` (seconds since 1970): CloudTrail's digest-signing keys of the client's
  /// region, DER (PKCS #1) by fingerprint. A value that is not base64 is left out.
  public func listPublicKeys(
    start: Int64, end: Int64, completion: @escaping @Sendable (Result<[String: [UInt8]], AWSError>) -> Void
  ) {
    call("ListPublicKeys", body: JSONObject.encode(["StartTime": start, "EndTime": end])) { result in
      completion(
        Self.decode(result, operation: "ListPublicKeys") { json in
          var keys: [String: [UInt8]] = [:]
          for entry in json.objects("PublicKeyList") {
            guard let fingerprint = entry.string("Fingerprint"), let value = entry.string("Value"),
              let der = Data(base64Encoded: value)
            else { continue }
            keys[fingerprint] = Array(der)
          }
          return keys
        })
    }
  }

  /// Decodes a 2xx body as a JSON object (an empty body counts as `{}`).
  static func decode<T>(
    _ result: Result<[UInt8], AWSError>, operation: String, _ read: (JSONObject) -> T
  ) -> Result<T, AWSError> {
    result.flatMap { bytes in
      guard let json = JSONObject(bytes: bytes.isEmpty ? Array("{}".utf8) : bytes) else {
        return .failure(AWSResponse.malformed(operation: operation, status: 200))
      }
      return .success(read(json))
    }
  }

  /// A decoded value that must be there, or a MalformedResponse naming it.
  static func required<T>(_ result: Result<T?, AWSError>, _ name: String) -> Result<T, AWSError> {
    result.flatMap {
      $0.map(Result.success) ?? .failure(AWSError(code: "MalformedResponse", message: "no \(name) in the answer"))
    }
  }

  /// The LookupEvents JSON body; times as epoch-second numbers.
  static func lookupEventsBody(_ request: LookupEventsRequest) -> [UInt8] {
    var body: [String: Any] = ["MaxResults": request.maxResults]
    if !request.lookupAttributes.isEmpty {
      body["LookupAttributes"] = request.lookupAttributes.map {
        ["AttributeKey": $0.key.rawValue, "AttributeValue": $0.value]
      }
    }
    if let start = request.startTime { body["StartTime"] = start }
    if let end = request.endTime { body["EndTime"] = end }
    if let token = request.nextToken { body["NextToken"] = token }
    if let category = request.eventCategory { body["EventCategory"] = category }
    return JSONObject.encode(body)
  }

  /// Reads a LookupEvents response; events without an id, name or time are skipped.
  static func lookupEventsResponse(_ json: JSONObject) -> LookupEventsResponse {
    let events = json.objects("Events").compactMap { item -> LookupEvent? in
      guard let id = item.string("EventId"), let time = item.epochSeconds("EventTime") else { return nil }
      return LookupEvent(
        eventId: id, eventName: item.string("EventName") ?? "", readOnly: item.string("ReadOnly"),
        accessKeyId: item.string("AccessKeyId"), eventTime: time, eventSource: item.string("EventSource") ?? "",
        username: item.string("Username"),
        resources: item.objects("Resources").map {
          LookupResource(type: $0.string("ResourceType"), name: $0.string("ResourceName"))
        },
        cloudTrailEvent: item.string("CloudTrailEvent") ?? "")
    }
    return LookupEventsResponse(events: events, nextToken: json.string("NextToken"))
  }
}
