import AWSClient
import EventStore
import Foundation

extension SourceStarter {
  /// The S3 client for `s3://` paths: the credential chain, the profile's region (us-east-1 when none: a bucket's
  /// own region is followed), and `--endpoint-url`, `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` when set.
  static func s3Client(_ options: Options, log: DiagnosticLog) throws -> S3Client {
    do throws(AWSError) {
      let environment = ProcessInfo.processInfo.environment
      var settings: AWSSettings
      do throws(AWSError) {
        settings = try AWSSettings.resolve(profile: options.profile, region: options.regionList.first { $0 != "all" })
      } catch  where error.code == "NoRegion" {
        settings = try AWSSettings.resolve(profile: options.profile, region: "us-east-1")
      }
      let endpoint = try AWSEndpoints.resolveS3Endpoint(
        explicit: options.endpointURL, environment: environment, profileEndpoint: settings.profileEndpointURL)
      var chain = CredentialChain(
        environment: environment, homeDirectory: AWSHome.path, profileName: options.profile, region: settings.region)
      let offset = ClockOffset()
      chain.clockOffset = offset
      let provider = CredentialsProvider(chain: chain)
      let credentials = try provider.credentials()
      log.say(1, "source: S3 in \(settings.region)\(endpoint.map { " at \($0.absoluteString)" } ?? "")")
      log.say(1, "credentials: access key \(credentials.accessKeyId) from \(credentials.source)")
      return S3Client(
        region: settings.region, endpoint: endpoint, credentials: provider, clockOffset: offset,
        operationLog: { [log] operation in log.say(2, "s3: \(operation)") })
    } catch {
      log.say(1, "startup failed: \(error.description)")
      throw StartupError(message: error.explanation)
    }
  }
}
