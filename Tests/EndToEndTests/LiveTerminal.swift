import Foundation
import TestSupport

/// The dashboard against the live API's emulators in tmux: trailview with fixed test keys, no AWS config files, the
/// CloudTrail API at cloudtrail-fake and `extra` (other services' endpoints, folders) on top.
enum LiveTerminal {
  static func start(cloudTrail: String, extra: [String: String]) throws -> TmuxSession {
    let environment = [
      "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "AWS_ACCESS_KEY_ID": "testing",
      "AWS_SECRET_ACCESS_KEY": "testing", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
      "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_CLOUDTRAIL": cloudTrail,
    ].merging(extra) { $1 }
    let command = "\(BuiltProducts.path("trailview")!) --region us-east-1 --since 2d --no-cache"
    return try TmuxSession(command: command, width: 160, height: 36, environment: environment)
  }
}
