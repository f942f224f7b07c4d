import Foundation

/// Finds credentials the way the AWS CLI does: environment variables (skipped when `--profile` is given), the
/// profile (assume-role, SSO, static keys, `credential_process`), container credentials, then EC2 instance metadata
/// (IMDSv2). Everything it touches is injected, so tests run on temporary files and a fake transport.
/// `resolve()` blocks while sources answer; `CredentialsProvider` caches its result.
public struct CredentialChain: Sendable {
  /// The environment variables to read.
  public var environment: [String: String]
  /// The home directory (for `~/.aws/...`).
  public var homeDirectory: String
  /// The `--profile` value, if given (it makes the chain skip environment keys, as the AWS CLI does).
  public var profileName: String?
  /// The region already chosen (`--region`), used for the STS endpoint when the profile sets none.
  public var region: String?
  /// How HTTP sources (STS, SSO, container, IMDS) are reached.
  public var transport: HTTPTransport
  /// Seconds since 1970.
  public var clock: @Sendable () -> Int64
  /// The correction to the local clock for signing AssumeRole; share it with the `CloudTrailClient`.
  public var clockOffset = ClockOffset()
  /// Timeout for each instance-metadata request (1 attempt each).
  public var metadataTimeout: Double = 1

  /// Creates a chain; defaults read the real process environment and home directory.
  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    homeDirectory: String = AWSHome.path, profileName: String? = nil,
    region: String? = nil, transport: HTTPTransport = URLSessionTransport(),
    clock: @escaping @Sendable () -> Int64 = AWSClock.now
  ) {
    self.environment = environment
    self.homeDirectory = homeDirectory
    self.profileName = profileName
    self.region = region
    self.transport = transport
    self.clock = clock
  }

  /// `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
  public var effectiveProfileName: String { Self.profileName(explicit: profileName, environment: environment) }

  /// `explicit`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
  static func profileName(explicit: String?, environment: [String: String]) -> String {
    [explicit, environment["AWS_PROFILE"], environment["AWS_DEFAULT_PROFILE"]].lazy.compactMap { $0 }
      .first { !$0.isEmpty } ?? "default"
  }

  /// Where the profile name came from, for messages: `--profile`, `AWS_PROFILE` or `AWS_DEFAULT_PROFILE`.
  static func profileSource(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return "--profile" }
    if let name = environment["AWS_PROFILE"], !name.isEmpty { return "AWS_PROFILE" }
    return "AWS_DEFAULT_PROFILE"
  }

  /// Resolves credentials from the first source that has them. Throws `NoCredentials` listing every place looked
  /// at, or `CredentialsError` when a configured source fails. No error carries a secret or token.
  public func resolve() throws(AWSError) -> AWSCredentials {
    var searched: [String] = []
    if profileName == nil {
      if let found = environmentCredentials() { return found }
      searched.append("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)")
    } else {
      searched.append("environment variables (skipped because --profile was given)")
    }
    let files = AWSProfileFiles(environment: environment, homeDirectory: homeDirectory)
    let name = effectiveProfileName
    if files.profile(name) != nil {
      if let found = try profileCredentials(name, files: files, visited: []) { return found }
      searched.append("profile \"\(name)\" in \(files.describedPaths) (it holds no credentials)")
    } else if name != "default" {
      throw .profileNotFound(
        name, namedBy: Self.profileSource(explicit: profileName, environment: environment), files: files)
    } else {
      searched.append("profile \"default\" in \(files.describedPaths) (not found)")
    }
    if let found = try containerCredentials() { return found }
    searched.append("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI not set)")
    if let found = metadataCredentials() { return found }
    searched.append(
      metadataDisabled
        ? "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"
        : "EC2 instance metadata at \(metadataEndpoint) (no answer or no role)")
    throw .noCredentials(searched: searched)
  }

  /// Keys from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; nil unless both keys are set.
  func environmentCredentials() -> AWSCredentials? {
    guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty, let secret = environment["AWS_SECRET_ACCESS_KEY"],
      !secret.isEmpty
    else { return nil }
    let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, source: "environment")
  }
}

extension CredentialsProvider {
  /// A provider over a credential chain, with the chain's clock.
  public convenience init(chain: CredentialChain) {
    self.init(clock: chain.clock) { () throws(AWSError) -> AWSCredentials in try chain.resolve() }
  }
}
