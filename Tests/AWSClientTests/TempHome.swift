import Foundation
import TestSupport

/// A throwaway home directory with `.aws/` files, for credential chain tests; removed when the last copy goes.
final class TempHome: Sendable {
  let path: String

  init() {
    path = LogTree.temporaryFolder().path
    try! FileManager.default.createDirectory(atPath: path + "/.aws/sso/cache", withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` at `relative` under the home directory and returns the full path.
  @discardableResult
  func write(_ relative: String, _ text: String, executable: Bool = false) -> String {
    let full = path + "/" + relative
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! text.write(toFile: full, atomically: true, encoding: .utf8)
    if executable { try! FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
    return full
  }
}

/// A transport that fails every request, as an unreachable network would.
func unreachableTransport() -> FakeTransport {
  FakeTransport { _, _ in .failure(URLError(.cannotConnectToHost)) }
}
