import AWSClient
import Dispatch
import Foundation
import Synchronization

/// Where the live API's cache lives: `--cache-dir`, else `$XDG_CACHE_HOME/trailview` (an absolute path), else
/// `~/.cache/trailview`; inside it one folder per partition, account and region. The account comes from STS
/// GetCallerIdentity (read-only, allowed to every identity).
enum CacheLocation {
  /// The cache's root folder.
  static func root(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if var base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
      while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
      return base + "/trailview"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.cache/trailview"
  }

  /// The account the client's credentials belong to, or why it could not be found.
  static func account(client: CloudTrailClient, endpoint: URL) -> Result<String, AWSError> {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<Result<String, AWSError>?>(nil)
    client.callerAccount(endpoint: endpoint) { result in
      box.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    return box.withLock { $0 }!
  }

  /// `ROOT/PARTITION/ACCOUNT/REGION`.
  static func folder(root: String, account: String, region: String) -> String {
    "\(root)/\(AWSEndpoints.partition(of: region))/\(account)/\(region)"
  }
}
