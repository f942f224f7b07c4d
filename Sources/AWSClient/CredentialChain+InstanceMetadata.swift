import Foundation

extension CredentialChain {
  /// Whether `AWS_EC2_METADATA_DISABLED=true`.
  var metadataDisabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }

  /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` or `http://169.254.169.254`, without a trailing slash.
  var metadataEndpoint: String {
    var base =
      environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "http://169.254.169.254"
    while base.hasSuffix("/") { base.removeLast() }
    return base
  }

  /// EC2 role credentials over IMDSv2: a session token (PUT), the role name, then the role's credentials; one
  /// attempt each with `metadataTimeout`. Nil when disabled, unreachable, or the instance has no role.
  func metadataCredentials() -> AWSCredentials? {
    guard !metadataDisabled else { return nil }
    let base = metadataEndpoint
    func fetch(_ method: String, _ path: String, _ headers: [(name: String, value: String)]) -> [UInt8]? {
      guard let url = URL(string: base + path) else { return nil }
      let request = HTTPRequestParts(method: method, path: path, headers: headers, body: [])
      guard case .success(let response) = transport.sendAndWait(request, to: url, timeout: metadataTimeout),
        response.status == 200
      else { return nil }
      return response.body
    }
    guard
      let token = fetch("PUT", "/latest/api/token", [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")])
        .map({ String(decoding: $0, as: UTF8.self) }), !token.isEmpty
    else { return nil }
    let auth = [(name: "X-aws-ec2-metadata-token", value: token)]
    let rolePath = "/latest/meta-data/iam/security-credentials/"
    guard let roles = fetch("GET", rolePath, auth).map({ String(decoding: $0, as: UTF8.self) }),
      let role = roles.split(whereSeparator: \.isNewline).first.map({ String($0).trimmingWhitespace() }),
      !role.isEmpty, let body = fetch("GET", rolePath + SigV4.uriEncode(role), auth)
    else { return nil }
    return try? Self.metadataStyleCredentials(body, source: "instance metadata (role \(role))", operation: "IMDS")
  }
}
