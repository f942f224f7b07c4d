import AWSClient
import Foundation
import Testing

@Suite struct AWSSettingsTests {
  @Test func regionPrecedence() throws {
    let home = TempHome()
    home.write(".aws/config", "[default]\nregion = eu-north-1\n[profile p]\nregion = sa-east-1\n")
    func region(_ explicit: String?, _ env: [String: String], profile: String? = nil) throws -> String {
      try AWSSettings.resolve(profile: profile, region: explicit, environment: env, homeDirectory: home.path).region
    }
    let env = ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2"]
    #expect(try region("ap-south-1", env) == "ap-south-1")
    #expect(try region(nil, env) == "us-west-1")
    #expect(try region(nil, ["AWS_DEFAULT_REGION": "us-west-2"]) == "us-west-2")
    #expect(try region(nil, [:]) == "eu-north-1")
    #expect(try region(nil, ["AWS_PROFILE": "p"]) == "sa-east-1")
    #expect(try region(nil, [:], profile: "p") == "sa-east-1")
  }

  @Test func unknownRegionIsRejected() {
    for bad in ["xx", "us-east", "US-EAST-1", "us_east_1", "us-east-1a", ""] {
      do {
        _ = try AWSSettings.resolve(region: bad, environment: [:], homeDirectory: TempHome().path)
        Issue.record("accepted \(bad)")
      } catch {
        #expect(error.code == (bad.isEmpty ? "NoRegion" : "UnknownRegion"))
        if !bad.isEmpty {
          #expect(error.message == "unknown region \"\(bad)\"")
          #expect(error.explanation.contains("--region"))
        }
      }
    }
  }

  /// A profile that does not exist is named as such, before any complaint about the region it would have set.
  @Test func missingProfileIsReportedBeforeTheRegion() {
    let home = TempHome()
    for (profile, env, namedBy) in [
      ("nosuch", [String: String](), "--profile"), (nil, ["AWS_PROFILE": "nosuch"], "AWS_PROFILE"),
    ] {
      do {
        _ = try AWSSettings.resolve(profile: profile, environment: env, homeDirectory: home.path)
        Issue.record("resolved a missing profile")
      } catch {
        #expect(error.code == "ProfileNotFound")
        #expect(
          error.message.hasPrefix("the config profile (nosuch), named by \(namedBy), could not be found; looked in "),
          "\(error.message)")
        #expect(error.message.contains(home.path + "/.aws/config (missing)"), "\(error.message)")
        #expect(error.message.contains(home.path + "/.aws/credentials (missing)"), "\(error.message)")
        #expect(error.explanation.hasSuffix("create the profile with `aws configure --profile nosuch`."))
        #expect(!error.explanation.contains("region"), "\(error.explanation)")
      }
    }
  }

  @Test func missingProfileNamesTheFilesFromTheEnvironment() throws {
    let home = TempHome()
    let config = home.write("elsewhere/config", "[profile other]\nregion = eu-west-1\n")
    let env = [
      "AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": home.path + "/elsewhere/creds",
      "AWS_REGION": "us-east-1",
    ]
    let error = try #require(throws: AWSError.self) {
      try AWSSettings.resolve(profile: "nosuch", environment: env, homeDirectory: home.path)
    }
    #expect(error.code == "ProfileNotFound")
    #expect(error.message.contains("\(config) (from AWS_CONFIG_FILE)"), "\(error.message)")
    #expect(
      error.message.contains("\(home.path)/elsewhere/creds (from AWS_SHARED_CREDENTIALS_FILE, missing)"),
      "\(error.message)")
    // An existing profile resolves; `default` may be absent (the AWS CLI's rule too).
    #expect(try AWSSettings.resolve(profile: "other", environment: env, homeDirectory: home.path).region == "us-east-1")
    #expect(try AWSSettings.resolve(environment: env, homeDirectory: home.path).profileName == "default")
  }

  @Test func partitionEndpoints() throws {
    let cases = [
      ("us-east-1", "https://cloudtrail.us-east-1.amazonaws.com"),
      ("cn-north-1", "https://cloudtrail.cn-north-1.amazonaws.com.cn"),
      ("us-gov-west-1", "https://cloudtrail.us-gov-west-1.amazonaws.com"),
      ("us-iso-east-1", "https://cloudtrail.us-iso-east-1.c2s.ic.gov"),
    ]
    for (region, url) in cases {
      let settings = try AWSSettings.resolve(region: region, environment: [:], homeDirectory: TempHome().path)
      #expect(settings.endpoint.absoluteString == url)
      #expect(!settings.customEndpoint)
    }
  }

  @Test func endpointPrecedence() throws {
    let home = TempHome()
    home.write(".aws/config", "[default]\nregion = us-east-1\nendpoint_url = http://profile.local:1\n")
    func endpoint(_ explicit: String?, _ env: [String: String]) throws -> String {
      try AWSSettings.resolve(endpointURL: explicit, environment: env, homeDirectory: home.path).endpoint.absoluteString
    }
    let env = ["AWS_ENDPOINT_URL_CLOUDTRAIL": "http://ct.local:2", "AWS_ENDPOINT_URL": "http://all.local:3"]
    #expect(try endpoint("http://flag.local:4", env) == "http://flag.local:4")
    #expect(try endpoint(nil, env) == "http://ct.local:2")
    #expect(try endpoint(nil, ["AWS_ENDPOINT_URL": "http://all.local:3"]) == "http://all.local:3")
    #expect(try endpoint(nil, [:]) == "http://profile.local:1")
    #expect(throws: AWSError.self) { try endpoint("ftp://nope", [:]) }
  }

  @Test func clientFromSettingsUsesCustomEndpoint() async throws {
    let transport = FakeTransport(json: "{}")
    let settings = AWSSettings(
      profileName: "default", region: "us-east-1", endpoint: URL(string: "http://localhost:4566")!,
      customEndpoint: true)
    let client = CloudTrailClient(settings: settings, credentials: .fixed(FakeKeys.credentials), transport: transport)
    _ = await awaitCompletion { done in client.listTrails(completion: done) }
    #expect(transport.sent.first?.url.absoluteString == "http://localhost:4566")
    #expect(transport.sent.first?.request.header("Host") == "localhost:4566")
  }
}
