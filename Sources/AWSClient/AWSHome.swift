import Foundation

/// The home directory the AWS CLI would use: `$HOME`, else the account's home.
public enum AWSHome {
  /// `$HOME` when set and non-empty, else the user's home directory from the account database.
  public static var path: String {
    if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
    return FileManager.default.homeDirectoryForCurrentUser.path
  }
}
