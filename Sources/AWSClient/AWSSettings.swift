import Foundation

/// The profile, region and CloudTrail endpoint a session uses, resolved like the AWS CLI.
public struct AWSSettings: Sendable, Equatable {
  /// The profile name in effect (`--profile` > `AWS_PROFILE` > `default`).
  public var profileName: String
  /// The region (`--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region`).
  public var region: String
  /// The CloudTrail endpoint.
  public var endpoint: URL
  /// Whether the endpoint was overridden rather than the regional default.
  public var customEndpoint: Bool
  /// The profile's `endpoint_url`, if any (other services' endpoints fall back to it).
  public var profileEndpointURL: String?

  /// Creates settings.
  public init(profileName: String, region: String, endpoint: URL, customEndpoint: Bool) {
    self.profileName = profileName
    self.region = region
    self.endpoint = endpoint
    self.customEndpoint = customEndpoint
  }

  /// Resolves region and endpoint from the flags, the environment and the profile in the shared config files.
  /// Throws `ProfileNotFound` when a profile other than `default` is named (by `--profile`, `AWS_PROFILE` or
  /// `AWS_DEFAULT_PROFILE`) but is in neither file, as the AWS CLI does; else `NoRegion`, `UnknownRegion` or
  /// `InvalidEndpoint`.
  public static func resolve(
    profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    homeDirectory: String = AWSHome.path
  ) throws(AWSError) -> AWSSettings {
    let name = CredentialChain.profileName(explicit: profile, environment: environment)
    let files = AWSProfileFiles(environment: environment, homeDirectory: homeDirectory)
    guard let settings = files.profile(name) ?? (name == "default" ? [:] : nil) else {
      let source = CredentialChain.profileSource(explicit: profile, environment: environment)
      throw .profileNotFound(name, namedBy: source, files: files)
    }
    let resolvedRegion = try AWSEndpoints.resolveRegion(
      explicit: region, environment: environment, profileRegion: settings["region"])
    let endpoint = try AWSEndpoints.resolveCloudTrailEndpoint(
      explicit: endpointURL, environment: environment, profileEndpoint: settings["endpoint_url"],
      region: resolvedRegion)
    var resolved = AWSSettings(
      profileName: name, region: resolvedRegion, endpoint: endpoint.url, customEndpoint: endpoint.custom)
    resolved.profileEndpointURL = settings["endpoint_url"]
    return resolved
  }
}

extension CloudTrailClient {
  /// A client for resolved settings.
  public convenience init(
    settings: AWSSettings, credentials: CredentialsProvider, transport: HTTPTransport = URLSessionTransport(),
    clockOffset: ClockOffset = ClockOffset(), operationLog: (@Sendable (String) -> Void)? = nil
  ) {
    self.init(
      region: settings.region, endpoint: settings.customEndpoint ? settings.endpoint : nil, credentials: credentials,
      transport: transport, clockOffset: clockOffset, operationLog: operationLog)
  }
}
