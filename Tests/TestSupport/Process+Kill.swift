import Foundation

extension Process {
  /// Stops a server started by a test and waits for it (idempotent). SIGKILL: the test runner's blocked-signal mask
  /// is inherited, so SIGTERM might wait.
  func killAndWait() {
    guard isRunning else { return }
    kill(processIdentifier, SIGKILL)
    waitUntilExit()
  }
}
