import Foundation

/// The shared `config` and `credentials` files, read once.
struct AWSProfileFiles: Sendable {
  /// Path of the config file (`AWS_CONFIG_FILE` or `~/.aws/config`).
  let configPath: String
  /// Path of the credentials file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`).
  let credentialsPath: String
  /// Whether each file could be read.
  let configFound: Bool
  /// Whether the credentials file could be read.
  let credentialsFound: Bool
  /// Whether `AWS_CONFIG_FILE` named the config file.
  let configFromEnvironment: Bool
  /// Whether `AWS_SHARED_CREDENTIALS_FILE` named the credentials file.
  let credentialsFromEnvironment: Bool
  private let config: [String: [String: String]]
  private let credentials: [String: [String: String]]

  /// Reads both files; missing files count as empty.
  init(environment: [String: String], homeDirectory: String) {
    func path(_ key: String, _ fallback: String) -> String {
      let value = environment[key].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
      return value.hasPrefix("~/") ? homeDirectory + value.dropFirst() : value
    }
    configFromEnvironment = environment["AWS_CONFIG_FILE"].map { !$0.isEmpty } ?? false
    credentialsFromEnvironment = environment["AWS_SHARED_CREDENTIALS_FILE"].map { !$0.isEmpty } ?? false
    configPath = path("AWS_CONFIG_FILE", homeDirectory + "/.aws/config")
    credentialsPath = path("AWS_SHARED_CREDENTIALS_FILE", homeDirectory + "/.aws/credentials")
    let configText = try? String(contentsOfFile: configPath, encoding: .utf8)
    let credentialsText = try? String(contentsOfFile: credentialsPath, encoding: .utf8)
    configFound = configText != nil
    credentialsFound = credentialsText != nil
    config = configText.map(INIFile.parse) ?? [:]
    credentials = credentialsText.map(INIFile.parse) ?? [:]
  }

  /// The profile's settings: config `[profile NAME]` (or `[default]`), overridden by credentials `[NAME]`; nil when
  /// neither file has the profile.
  func profile(_ name: String) -> [String: String]? {
    let fromConfig = name == "default" ? (config["default"] ?? config["profile default"]) : config["profile \(name)"]
    let fromCredentials = credentials[name]
    guard fromConfig != nil || fromCredentials != nil else { return nil }
    return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, new in new }
  }

  /// A `[sso-session NAME]` section of the config file.
  func ssoSession(_ name: String) -> [String: String]? { config["sso-session \(name)"] }

  /// Both files for messages: "PATH", with "(from AWS_CONFIG_FILE)" when a variable named it and "missing" when it
  /// could not be read.
  var describedPaths: String {
    Self.describe(configPath, variable: configFromEnvironment ? "AWS_CONFIG_FILE" : nil, found: configFound) + " and "
      + Self.describe(
        credentialsPath, variable: credentialsFromEnvironment ? "AWS_SHARED_CREDENTIALS_FILE" : nil,
        found: credentialsFound)
  }

  private static func describe(_ path: String, variable: String?, found: Bool) -> String {
    let notes = [variable.map { "from \($0)" }, found ? nil : "missing"].compactMap { $0 }
    return notes.isEmpty ? path : "\(path) (\(notes.joined(separator: ", ")))"
  }
}
