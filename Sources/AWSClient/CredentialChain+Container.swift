import Foundation

extension CredentialChain {
  /// ECS/EKS container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `http://169.254.170.2`) or
  /// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
  /// `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the Authorization header. Nil when neither URI is set.
  func containerCredentials() throws(AWSError) -> AWSCredentials? {
    let url: URL
    if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
      guard let parsed = URL(string: "http://169.254.170.2" + (relative.hasPrefix("/") ? "" : "/") + relative) else {
        throw .credentials("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid path")
      }
      url = parsed
    } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
      guard let parsed = URL(string: full), let scheme = parsed.scheme, let host = parsed.host,
        scheme == "https" || (scheme == "http" && Self.allowedContainerHosts.contains(host))
      else {
        throw .credentials(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or container metadata address")
      }
      url = parsed
    } else {
      return nil
    }
    var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
    if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
      guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw .credentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
      }
      headers.append((name: "Authorization", value: token.trimmingWhitespace()))
    } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
      headers.append((name: "Authorization", value: token))
    }
    let request = HTTPRequestParts(method: "GET", path: url.path, query: url.query ?? "", headers: headers, body: [])
    switch AWSResponse.interpret(transport.sendAndWait(request, to: url, timeout: 2), operation: "ContainerCredentials")
    {
    case .failure(let error):
      throw .credentials("container credentials from \(url.host ?? "?") failed: \(error.code)")
    case .success(let body):
      return try Self.metadataStyleCredentials(body, source: "container", operation: "ContainerCredentials")
    }
  }

  /// Hosts `AWS_CONTAINER_CREDENTIALS_FULL_URI` may name over plain http (as botocore allows).
  static let allowedContainerHosts: Set<String> = [
    "127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]",
  ]

  /// Reads `{AccessKeyId, SecretAccessKey, Token, Expiration}` (the container and IMDS shape).
  static func metadataStyleCredentials(_ body: [UInt8], source: String, operation: String) throws(AWSError)
    -> AWSCredentials
  {
    guard let json = JSONObject(bytes: body), let id = json.string("AccessKeyId"),
      let secret = json.string("SecretAccessKey")
    else { throw AWSResponse.malformed(operation: operation, status: 200) }
    return AWSCredentials(
      accessKeyId: id, secretAccessKey: secret, sessionToken: json.string("Token"),
      expiration: json.string("Expiration").flatMap(AWSTimestamp.parse), source: source)
  }
}
