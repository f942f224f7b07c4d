import AWSClient
import EventStore
import Foundation

extension SourceStarter {
  /// The S3 client for `s3://` paths: the credential chain, the profile's region (us-east-1 when none: a bucket's
  /// own region is followed), and `--endpoint-url`, `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` when set.
  static func s3Client(_ options: Options, log: DiagnosticLog) throws -> S3Client {
    try withAccess(options, log: log) { settings, provider, offset throws(AWSError) in
      let endpoint = try AWSEndpoints.resolveS3Endpoint(
        explicit: options.endpointURL, environment: ProcessInfo.processInfo.environment,
        profileEndpoint: settings.profileEndpointURL)
      log.say(1, "source: S3 in \(settings.region)\(endpoint.map { " at \($0.absoluteString)" } ?? "")")
      return S3Client(
        region: settings.region, endpoint: endpoint, credentials: provider, clockOffset: offset,
        operationLog: { [log] operation in log.say(2, "s3: \(operation)") })
    }
  }

  /// The client for `cwl://` log groups: the credential chain, `region` (else the one asked for, else the profile's,
  /// else us-east-1), and `--endpoint-url`, `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` or `AWS_ENDPOINT_URL` when set.
  static func logsClient(_ options: Options, region: String? = nil, log: DiagnosticLog) throws -> CloudTrailClient {
    try withAccess(options, log: log) { settings, provider, offset throws(AWSError) in
      let region = region ?? settings.region
      let endpoint = try AWSEndpoints.resolveLogsEndpoint(
        explicit: options.endpointURL, environment: ProcessInfo.processInfo.environment,
        profileEndpoint: settings.profileEndpointURL)
      log.say(1, "source: CloudWatch Logs in \(region)\(endpoint.map { " at \($0.absoluteString)" } ?? "")")
      let client = CloudTrailClient(
        region: region, endpoint: endpoint, credentials: provider, clockOffset: offset,
        operationLog: { [log] operation in log.say(2, "logs: \(operation)") })
      return client
    }
  }

  /// The client for `athena://` tables: the credential chain, the region asked for (else the profile's, else
  /// us-east-1), and `--endpoint-url`, `AWS_ENDPOINT_URL_ATHENA` or `AWS_ENDPOINT_URL` when set.
  static func athenaClient(_ options: Options, log: DiagnosticLog) throws -> CloudTrailClient {
    try withAccess(options, log: log) { settings, provider, offset throws(AWSError) in
      let endpoint = try AWSEndpoints.resolveAthenaEndpoint(
        explicit: options.endpointURL, environment: ProcessInfo.processInfo.environment,
        profileEndpoint: settings.profileEndpointURL)
      log.say(1, "source: Athena in \(settings.region)\(endpoint.map { " at \($0.absoluteString)" } ?? "")")
      let client = CloudTrailClient(
        region: settings.region, endpoint: endpoint, credentials: provider, clockOffset: offset,
        operationLog: { [log] operation in log.say(2, "athena: \(operation)") })
      client.setRequestLog { [log] record in log.say(2, record.line) }
      return client
    }
  }

  /// The client for `lake://` stores: CloudTrail in the store ARN's region (else the region asked for, else the
  /// profile's, else us-east-1), with `--endpoint-url`, `AWS_ENDPOINT_URL_CLOUDTRAIL` or `AWS_ENDPOINT_URL` when set.
  static func lakeClient(_ options: Options, store: String, log: DiagnosticLog) throws -> CloudTrailClient {
    let region = AWSEndpoints.region(fromARN: store)
    let regions =
      try region.map { [$0] }
      ?? withAccess(options, log: log) { settings, _, _ throws(AWSError) in [settings.region] }
    let client = try cloudTrailClients(options, regions: regions, log: log)[0]
    log.say(1, "source: CloudTrail Lake in \(client.region) at \(client.endpoint.absoluteString)")
    return client
  }

  /// A CloudTrail client for each of `regions` (validation's ListPublicKeys), sharing one credential chain;
  /// `--endpoint-url`, `AWS_ENDPOINT_URL_CLOUDTRAIL` or `AWS_ENDPOINT_URL` when set.
  static func cloudTrailClients(_ options: Options, regions: [String], log: DiagnosticLog) throws -> [CloudTrailClient]
  {
    try withAccess(options, log: log) { _, provider, offset throws(AWSError) in
      try regions.map { region throws(AWSError) in
        let settings = try AWSSettings.resolve(
          profile: options.profile, region: region, endpointURL: options.endpointURL)
        let client = CloudTrailClient(settings: settings, credentials: provider, clockOffset: offset)
        client.setRequestLog { [log] record in log.say(2, record.line) }
        return client
      }
    }
  }

  /// Runs `body` with the profile's settings (us-east-1 when no region is set) and a credential chain whose
  /// credentials were found; a failure becomes a ``StartupError`` that explains it.
  private static func withAccess<T>(
    _ options: Options, log: DiagnosticLog,
    _ body: (AWSSettings, CredentialsProvider, ClockOffset) throws(AWSError) -> T
  ) throws -> T {
    do throws(AWSError) {
      let environment = ProcessInfo.processInfo.environment
      var settings: AWSSettings
      do throws(AWSError) {
        settings = try AWSSettings.resolve(profile: options.profile, region: options.regionList.first { $0 != "all" })
      } catch  where error.code == "NoRegion" {
        settings = try AWSSettings.resolve(profile: options.profile, region: "us-east-1")
      }
      var chain = CredentialChain(
        environment: environment, homeDirectory: AWSHome.path, profileName: options.profile, region: settings.region)
      let offset = ClockOffset()
      chain.clockOffset = offset
      let provider = CredentialsProvider(chain: chain)
      let credentials = try provider.credentials()
      log.say(1, "credentials: access key \(credentials.accessKeyId) from \(credentials.source)")
      return try body(settings, provider, offset)
    } catch {
      log.say(1, "startup failed: \(error.description)")
      throw StartupError(message: error.explanation)
    }
  }
}
