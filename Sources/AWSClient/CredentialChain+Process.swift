import Foundation

extension CredentialChain {
  /// Runs a profile's `credential_process` with `/bin/sh -c` and reads its JSON
  /// (`Version` 1, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`). The command's output
  /// never appears in errors (it would hold secrets); its stderr is discarded so it cannot draw over the UI.
  func processCredentials(command: String, profileName: String) throws(AWSError) -> AWSCredentials {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .credentials("credential_process of profile \"\(profileName)\" could not start: \(error)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw .credentials(
        "credential_process of profile \"\(profileName)\" exited with status \(process.terminationStatus)")
    }
    guard let json = JSONObject(bytes: Array(data)), json.int("Version") == 1, let id = json.string("AccessKeyId"),
      let secret = json.string("SecretAccessKey")
    else {
      throw .credentials(
        "credential_process of profile \"\(profileName)\" did not print JSON with Version 1, AccessKeyId and "
          + "SecretAccessKey")
    }
    return AWSCredentials(
      accessKeyId: id, secretAccessKey: secret, sessionToken: json.string("SessionToken"),
      expiration: json.string("Expiration").flatMap(AWSTimestamp.parse),
      source: "credential_process (profile \(profileName))")
  }
}
