import Foundation
import Testing

@testable import AWSClient

@Suite struct CredentialChainTests {
  static let now: Int64 = 1_714_558_830

  static func chain(
    _ home: TempHome, env: [String: String] = [:], profile: String? = nil, transport: FakeTransport? = nil
  ) -> CredentialChain {
    CredentialChain(
      environment: env, homeDirectory: home.path, profileName: profile, transport: transport ?? unreachableTransport(),
      clock: { Self.now })
  }

  @Test func environmentComesFirst() throws {
    let home = TempHome()
    home.write(".aws/credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = filesecret\n")
    let env = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken"]
    let found = try Self.chain(home, env: env).resolve()
    #expect(found.accessKeyId == "AKIAENV")
    #expect(found.sessionToken == "envtoken")
    #expect(found.source == "environment")
  }

  @Test func explicitProfileSkipsEnvironment() throws {
    let home = TempHome()
    home.write(".aws/credentials", "[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = worksecret\n")
    let env = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]
    #expect(try Self.chain(home, env: env, profile: "work").resolve().accessKeyId == "AKIAWORK")
  }

  @Test func tolerantINIAndProfileSections() throws {
    let home = TempHome()
    home.write(
      ".aws/config",
      """
      # comment
      [default]
      region = us-west-2
      s3 =
        max_concurrent_requests = 20
        aws_access_key_id = NOTME
      ; another comment
        [profile dev]
      aws_access_key_id=AKIADEV
        aws_secret_access_key = ignored-indented
      aws_secret_access_key   =   devsecret\t
      aws_session_token = devtoken
      [dev]
      aws_access_key_id = WRONG-SECTION
      """)
    let files = AWSProfileFiles(environment: [:], homeDirectory: home.path)
    #expect(files.profile("default") == ["region": "us-west-2", "s3": ""])
    let found = try Self.chain(home, env: ["AWS_PROFILE": "dev"]).resolve()
    #expect(found.accessKeyId == "AKIADEV")
    #expect(found.secretAccessKey == "devsecret")
    #expect(found.sessionToken == "devtoken")
    #expect(found.source == "profile dev")
  }

  @Test func fileLocationsFromEnvironment() throws {
    let home = TempHome()
    let credentials = home.write(
      "elsewhere/creds", "[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = othersecret\n")
    let found = try Self.chain(home, env: ["AWS_SHARED_CREDENTIALS_FILE": credentials]).resolve()
    #expect(found.accessKeyId == "AKIAOTHER")
  }

  @Test func missingNamedProfileIsAnError() {
    let home = TempHome()
    #expect(throws: AWSError.self) { try Self.chain(home, profile: "nope").resolve() }
    do {
      _ = try Self.chain(home, profile: "nope").resolve()
    } catch {
      #expect(error.code == "ProfileNotFound")
      #expect(error.message.contains("(nope), named by --profile, could not be found"))
    }
  }

  @Test func nothingFoundListsWhereItLooked() {
    let home = TempHome()
    do {
      _ = try Self.chain(home).resolve()
      Issue.record("expected NoCredentials")
    } catch {
      #expect(error.code == "NoCredentials")
      for piece in [
        "AWS_ACCESS_KEY_ID", home.path + "/.aws/config (missing)", home.path + "/.aws/credentials (missing)",
        "profile \"default\"", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "EC2 instance metadata at http://169.254.169.254",
      ] {
        #expect(error.message.contains(piece), "missing \(piece) in \(error.message)")
      }
      // One statement of the problem, then where trailview looked and what to do.
      let explanation = error.explanation
      #expect(explanation.hasPrefix("No AWS credentials found; looked in: environment variables"), "\(explanation)")
      #expect(explanation.components(separatedBy: "credentials found").count == 2, "\(explanation)")
      #expect(!explanation.contains("were found"), "\(explanation)")
      #expect(explanation.hasSuffix("Set AWS_PROFILE or pass --profile, run `aws configure`, or `aws sso login`."))
    }
  }

  @Test func credentialProcessRunsAScript() throws {
    let home = TempHome()
    let script = home.write(
      "bin/creds.sh",
      """
      #!/bin/sh
      echo '{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "procsecret",'
      echo ' "SessionToken": "proctoken", "Expiration": "2024-05-01T11:20:30Z"}'
      """, executable: true)
    home.write(".aws/config", "[profile proc]\ncredential_process = \(script) --flag\n")
    let found = try Self.chain(home, profile: "proc").resolve()
    #expect(found.accessKeyId == "ASIAPROC")
    #expect(found.secretAccessKey == "procsecret")
    #expect(found.sessionToken == "proctoken")
    #expect(found.expiration == Self.now + 3600)
  }

  @Test func failingCredentialProcessHidesItsOutput() {
    let home = TempHome()
    let script = home.write(
      "bin/bad.sh", "#!/bin/sh\necho '{\"AccessKeyId\":\"ASIALEAK\",\"SecretAccessKey\":\"leakedsecret\"}'\nexit 3\n",
      executable: true)
    home.write(".aws/config", "[profile proc]\ncredential_process = \(script)\n")
    do {
      _ = try Self.chain(home, profile: "proc").resolve()
      Issue.record("expected failure")
    } catch {
      #expect(error.message.contains("status 3"))
      #expect(!"\(error) \(error.explanation)".contains("leakedsecret"))
    }
  }

  @Test func providerCachesUntilNearExpiry() throws {
    let clock = ManualClock(Self.now)
    let counter = ManualClock(0)
    let provider = CredentialsProvider(clock: clock.read) { () throws(AWSError) -> AWSCredentials in
      let n = counter.advance(1)
      return AWSCredentials(accessKeyId: "K\(n)", secretAccessKey: "s", expiration: Self.now + 1000)
    }
    #expect(try provider.credentials().accessKeyId == "K1")
    clock.set(Self.now + 699)
    #expect(try provider.credentials().accessKeyId == "K1")
    clock.set(Self.now + 700)
    #expect(try provider.credentials().accessKeyId == "K2")
    provider.invalidate()
    #expect(try provider.credentials().accessKeyId == "K3")
  }
}
