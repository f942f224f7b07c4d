/// An error from AWS or from reaching it, with an AWS-style code. Messages and descriptions never carry secrets,
/// session tokens or signatures.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The error code: the API's (`ThrottlingException`, `AccessDeniedException`, ...) or one of ours
  /// (`NoCredentials`, `CredentialsError`, `UnknownRegion`, `InvalidEndpoint`, `NetworkError`, `MalformedResponse`,
  /// `HTTP503`, ...).
  public var code: String
  /// The message.
  public var message: String
  /// The operation that failed (`LookupEvents`, `AssumeRole`, ...), when known.
  public var operation: String?
  /// The HTTP status, when a response arrived.
  public var httpStatus: Int?
  /// The response's `Date` header, kept to explain clock skew.
  public var serverDate: String?

  /// Creates an error.
  public init(
    code: String, message: String, operation: String? = nil, httpStatus: Int? = nil,
    serverDate: String? = nil
  ) {
    self.code = code
    self.message = message
    self.operation = operation
    self.httpStatus = httpStatus
    self.serverDate = serverDate
  }

  /// `Operation: Code: message` (the parts that are known).
  public var description: String {
    var parts: [String] = []
    if let operation { parts.append(operation) }
    parts.append(code)
    if !message.isEmpty { parts.append(message) }
    return parts.joined(separator: ": ")
  }

  /// No credentials anywhere; `searched` lists where we looked.
  public static func noCredentials(searched: [String]) -> AWSError {
    AWSError(code: "NoCredentials", message: "no AWS credentials found; looked in: " + searched.joined(separator: "; "))
  }

  /// The named profile is in neither shared file (the AWS CLI's `ProfileNotFound`); `namedBy` is `--profile`,
  /// `AWS_PROFILE` or `AWS_DEFAULT_PROFILE`.
  static func profileNotFound(_ name: String, namedBy: String, files: AWSProfileFiles) -> AWSError {
    AWSError(
      code: "ProfileNotFound",
      message:
        "the config profile (\(name)), named by \(namedBy), could not be found; looked in \(files.describedPaths)")
  }

  /// Credentials were configured but could not be loaded (bad file, failed process, SSO login needed, ...).
  public static func credentials(_ message: String) -> AWSError {
    AWSError(code: "CredentialsError", message: message)
  }

  /// The error as `LookupEvents` callers see it.
  public var lookupError: LookupError { LookupError(code: code, message: message) }

  /// Whether the error says the request time was too far from the server's clock.
  public var isClockSkew: Bool {
    switch code {
    case "RequestTimeTooSkewed", "RequestExpired": return true
    case "InvalidSignatureException", "SignatureDoesNotMatch":
      let lower = message.lowercased()
      return lower.contains("signature expired") || lower.contains("skew") || lower.contains("time too")
    default: return false
    }
  }
}
