import Crypto
import Foundation

extension CredentialChain {
  /// IAM Identity Center (SSO) credentials: the cached token from `~/.aws/sso/cache/<sha1>.json` (key: the
  /// `sso_session` name, or the legacy `sso_start_url`), exchanged at the portal's `/federation/credentials`.
  func ssoCredentials(profileName: String, profile: [String: String], files: AWSProfileFiles) throws(AWSError)
    -> AWSCredentials
  {
    let login = "run `aws sso login --profile \(profileName)`"
    let cacheKey: String
    let ssoRegion: String?
    if let sessionName = profile["sso_session"], !sessionName.isEmpty {
      guard let session = files.ssoSession(sessionName) else {
        throw .credentials(
          "profile \"\(profileName)\" names sso_session \"\(sessionName)\", which is not in \(files.configPath)")
      }
      cacheKey = sessionName
      ssoRegion = session["sso_region"] ?? profile["sso_region"]
    } else if let startURL = profile["sso_start_url"], !startURL.isEmpty {
      cacheKey = startURL
      ssoRegion = profile["sso_region"]
    } else {
      throw .credentials("profile \"\(profileName)\" has SSO settings but no sso_session or sso_start_url")
    }
    guard let account = profile["sso_account_id"], let role = profile["sso_role_name"], let ssoRegion,
      AWSEndpoints.isValidRegion(ssoRegion)
    else {
      throw .credentials("profile \"\(profileName)\" needs sso_account_id, sso_role_name and a valid sso_region")
    }
    let hash = SigV4.hex(Insecure.SHA1.hash(data: Array(cacheKey.utf8)))
    let cachePath = homeDirectory + "/.aws/sso/cache/\(hash).json"
    guard let data = FileManager.default.contents(atPath: cachePath), let cache = JSONObject(bytes: Array(data)),
      let token = cache.string("accessToken"), !token.isEmpty
    else { throw .credentials("no cached SSO login for profile \"\(profileName)\"; \(login)") }
    guard let expiresAt = cache.string("expiresAt").flatMap(AWSTimestamp.parse), expiresAt > clock() else {
      throw .credentials("the SSO login for profile \"\(profileName)\" has expired; \(login)")
    }
    let query = "account_id=\(SigV4.uriEncode(account))&role_name=\(SigV4.uriEncode(role))"
    let url = URL(
      string: "https://portal.sso.\(ssoRegion).\(AWSEndpoints.dnsSuffix(region: ssoRegion))"
        + "/federation/credentials?\(query)")!
    let request = HTTPRequestParts(
      method: "GET", path: "/federation/credentials", query: query,
      headers: [(name: "x-amz-sso_bearer_token", value: token), (name: "Accept", value: "application/json")],
      body: [])
    switch AWSResponse.interpret(transport.sendAndWait(request, to: url, timeout: 10), operation: "GetRoleCredentials")
    {
    case .failure(let error):
      if error.code == "UnauthorizedException" || error.httpStatus == 401 {
        throw .credentials("the SSO login for profile \"\(profileName)\" is no longer valid; \(login)")
      }
      throw error
    case .success(let body):
      guard let credentials = JSONObject(bytes: body)?.object("roleCredentials"),
        let id = credentials.string("accessKeyId"), let secret = credentials.string("secretAccessKey")
      else { throw AWSResponse.malformed(operation: "GetRoleCredentials", status: 200) }
      return AWSCredentials(
        accessKeyId: id, secretAccessKey: secret, sessionToken: credentials.string("sessionToken"),
        expiration: (credentials.fields["expiration"] as? NSNumber).map { $0.int64Value / 1000 },
        source: "sso (profile \(profileName))")
    }
  }
}
