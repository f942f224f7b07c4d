import Foundation

extension CredentialChain {
  /// Calls STS AssumeRole (signed with `source`) for a profile's `role_arn`, with `role_session_name`
  /// (default `trailview-<epoch>`), `external_id` and `duration_seconds`. When STS rejects the signature's time, the
  /// chain's ``ClockOffset`` adopts STS's clock and the call is made once more.
  func assumeRole(
    profileName: String, profile: [String: String], source: AWSCredentials, retryOnSkew: Bool = true
  ) throws(AWSError) -> AWSCredentials {
    let offset = clockOffset.seconds
    let now = clock() + offset
    var form: [(String, String)] = [
      ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", profile["role_arn"] ?? ""),
      ("RoleSessionName", profile["role_session_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "trailview-\(now)"),
    ]
    if let external = profile["external_id"], !external.isEmpty { form.append(("ExternalId", external)) }
    if let duration = profile["duration_seconds"], !duration.isEmpty { form.append(("DurationSeconds", duration)) }
    let stsRegion = profile["region"] ?? region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
    let url = try AWSEndpoints.stsEndpoint(region: stsRegion, environment: environment)
    let signingRegion = stsRegion.flatMap { AWSEndpoints.isValidRegion($0) ? $0 : nil } ?? "us-east-1"
    var request = HTTPRequestParts(
      method: "POST", path: url.path.isEmpty ? "/" : url.path,
      headers: [
        (name: "Host", value: CloudTrailClient.hostHeader(url)),
        (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
      ], body: Array(form.map { "\($0.0)=\(SigV4.uriEncode($0.1))" }.joined(separator: "&").utf8))
    SigV4.sign(&request, credentials: source, region: signingRegion, service: "sts", date: now)
    let response: HTTPResponse
    switch transport.sendAndWait(request, to: url, timeout: 10) {
    case .failure(let error):
      throw AWSResponse.networkError(error, operation: "AssumeRole")
    case .success(let answer):
      response = answer
    }
    let xml = String(decoding: response.body, as: UTF8.self)
    guard (200..<300).contains(response.status) else {
      let error = AWSError(
        code: Self.xmlValue("Code", in: xml) ?? "HTTP\(response.status)",
        message: "assuming \(profile["role_arn"] ?? "") for profile \"\(profileName)\": "
          + (Self.xmlValue("Message", in: xml) ?? "HTTP \(response.status)"),
        operation: "AssumeRole", httpStatus: response.status, serverDate: response.header("Date"))
      if retryOnSkew, error.isClockSkew,
        clockOffset.adopt(serverDate: error.serverDate, localNow: clock(), signedWith: offset)
      {
        return try assumeRole(profileName: profileName, profile: profile, source: source, retryOnSkew: false)
      }
      throw error
    }
    guard let id = Self.xmlValue("AccessKeyId", in: xml), let secret = Self.xmlValue("SecretAccessKey", in: xml),
      let token = Self.xmlValue("SessionToken", in: xml)
    else { throw AWSResponse.malformed(operation: "AssumeRole", status: response.status) }
    return AWSCredentials(
      accessKeyId: id, secretAccessKey: secret, sessionToken: token,
      expiration: Self.xmlValue("Expiration", in: xml).flatMap(AWSTimestamp.parse),
      source: "assume role \(profile["role_arn"] ?? "") (profile \(profileName))")
  }

  /// The text of the first `<name>...</name>` element, XML entities decoded; nil when absent.
  static func xmlValue(_ name: String, in xml: String) -> String? {
    guard let open = xml.range(of: "<\(name)>"),
      let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
    else { return nil }
    return String(xml[open.upperBound..<close.lowerBound]).trimmingWhitespace()
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
