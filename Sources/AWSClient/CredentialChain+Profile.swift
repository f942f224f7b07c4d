extension CredentialChain {
  /// Credentials of profile `name`: `role_arn` (assume role), SSO settings, static keys, then `credential_process`.
  /// Nil when the profile holds none of these. `visited` guards `source_profile` cycles.
  func profileCredentials(_ name: String, files: AWSProfileFiles, visited: [String]) throws(AWSError)
    -> AWSCredentials?
  {
    guard let profile = files.profile(name) else {
      throw .credentials("profile \"\(name)\" (named by \(visited.last ?? "?")) not found in \(files.describedPaths)")
    }
    if profile["role_arn"] != nil {
      guard !visited.contains(name) else {
        throw .credentials("source_profile cycle: \((visited + [name]).joined(separator: " -> "))")
      }
      let source = try roleSourceCredentials(name, profile: profile, files: files, visited: visited + [name])
      return try assumeRole(profileName: name, profile: profile, source: source)
    }
    if profile["sso_session"] != nil || profile["sso_start_url"] != nil || profile["sso_account_id"] != nil {
      return try ssoCredentials(profileName: name, profile: profile, files: files)
    }
    if let found = Self.staticCredentials(profile, name: name) { return found }
    if let command = profile["credential_process"], !command.isEmpty {
      return try processCredentials(command: command, profileName: name)
    }
    return nil
  }

  /// `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`) of a profile.
  static func staticCredentials(_ profile: [String: String], name: String) -> AWSCredentials? {
    guard let id = profile["aws_access_key_id"], !id.isEmpty, let secret = profile["aws_secret_access_key"],
      !secret.isEmpty
    else { return nil }
    let token = profile["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
    return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token, source: "profile \(name)")
  }

  /// The credentials that call AssumeRole for a role profile: `source_profile` (static keys win there, as in
  /// botocore, so a profile may name itself) or `credential_source`.
  private func roleSourceCredentials(
    _ name: String, profile: [String: String], files: AWSProfileFiles, visited: [String]
  ) throws(AWSError) -> AWSCredentials {
    if let sourceName = profile["source_profile"], !sourceName.isEmpty {
      guard let source = files.profile(sourceName) else {
        throw .credentials(
          "source_profile \"\(sourceName)\" of profile \"\(name)\" not found in \(files.describedPaths)")
      }
      if let found = Self.staticCredentials(source, name: sourceName) { return found }
      guard let found = try profileCredentials(sourceName, files: files, visited: visited) else {
        throw .credentials("source_profile \"\(sourceName)\" of profile \"\(name)\" holds no credentials")
      }
      return found
    }
    guard let source = profile["credential_source"], !source.isEmpty else {
      throw .credentials("profile \"\(name)\" has role_arn but neither source_profile nor credential_source")
    }
    let found: AWSCredentials?
    switch source {
    case "Environment": found = environmentCredentials()
    case "Ec2InstanceMetadata": found = metadataCredentials()
    case "EcsContainer": found = try containerCredentials()
    default:
      throw .credentials("profile \"\(name)\": unsupported credential_source \"\(source)\"")
    }
    guard let found else { throw .credentials("profile \"\(name)\": credential_source \(source) gave no credentials") }
    return found
  }
}
