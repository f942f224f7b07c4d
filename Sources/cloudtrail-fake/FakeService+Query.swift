import AWSClient
import Foundation

extension FakeService {
  /// The operation a request asks for: the `X-Amz-Target` suffix, or the query protocol's `Action` (EC2
  /// DescribeRegions); `-` for neither.
  static func operation(of request: HTTPRequestParts) -> String {
    let target = request.header("x-amz-target") ?? ""
    if target.hasPrefix(targetPrefix) { return String(target.dropFirst(targetPrefix.count)) }
    guard (request.header("content-type") ?? "").hasPrefix("application/x-www-form-urlencoded") else { return "-" }
    let form = formFields(request.body)
    return form["Action"] ?? "-"
  }

  /// The fields of a form-encoded body.
  static func formFields(_ body: [UInt8]) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let decode = { (text: Substring) in
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
      }
      fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
  }

  /// EC2 DescribeRegions in the query protocol: the served regions (every region of the partition when none is
  /// named) without the disabled ones, which `AllRegions=true` adds as `not-opted-in`.
  func describeRegions(_ request: HTTPRequestParts, region: String) -> (HTTPResponse, String?) {
    if regions.refuses(region) {
      return (
        Self.xmlError(status: 400, code: "AuthFailure", message: "Credential should be scoped to a valid region."),
        "AuthFailure"
      )
    }
    if let denial = authenticate(request) {
      let code = denial.code == "AccessDeniedException" ? "UnauthorizedOperation" : "AuthFailure"
      return (Self.xmlError(status: denial.status, code: code, message: denial.message), code)
    }
    let all = Self.formFields(request.body)["AllRegions"] == "true"
    let listed = regions.served.isEmpty ? AWSEndpoints.partitionRegions(of: regions.home) : regions.served
    var items = ""
    for name in listed where all || !regions.disabled.contains(name) {
      let status = regions.disabled.contains(name) ? "not-opted-in" : "opt-in-not-required"
      items += """
        <item><regionName>\(name)</regionName><regionEndpoint>ec2.\(name).amazonaws.com</regionEndpoint>\
        <optInStatus>\(status)</optInStatus></item>
        """
    }
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\
      <requestId>\(UUID().uuidString.lowercased())</requestId><regionInfo>\(items)</regionInfo></DescribeRegionsResponse>
      """
    return (
      HTTPResponse(status: 200, headers: [("Content-Type", "text/xml;charset=UTF-8")], body: Array(xml.utf8)), nil
    )
  }

  /// STS GetCallerIdentity in the query protocol: the fake's account (`--account`) and a user named after the key.
  func callerIdentity(_ request: HTTPRequestParts, region: String) -> (HTTPResponse, String?) {
    if let denial = authenticate(request) {
      let code = denial.code == "UnrecognizedClientException" ? "InvalidClientTokenId" : denial.code
      return (Self.xmlError(status: denial.status, code: code, message: denial.message), code)
    }
    let key = FakeService.credentialScope(request.header("authorization"))?.key ?? "anonymous"
    let xml = """
      <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>\
      <Arn>arn:aws:iam::\(config.account):user/fake-\(key.prefix(8))</Arn><UserId>AIDAFAKE\(key.prefix(8))</UserId>\
      <Account>\(config.account)</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>\
      \(UUID().uuidString.lowercased())</RequestId></ResponseMetadata></GetCallerIdentityResponse>
      """
    return (HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8)), nil)
  }

  /// An EC2 error answer.
  static func xmlError(status: Int, code: String, message: String) -> HTTPResponse {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Response><Errors><Error><Code>\(code)</Code><Message>\(message)</Message></Error></Errors>\
      <RequestID>\(UUID().uuidString.lowercased())</RequestID></Response>
      """
    return HTTPResponse(status: status, headers: [("Content-Type", "text/xml;charset=UTF-8")], body: Array(xml.utf8))
  }
}
