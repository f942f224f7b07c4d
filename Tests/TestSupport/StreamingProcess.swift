import Foundation
import Synchronization

/// A process whose output a test reads while it runs (a follow mode that never ends on its own): the lines so far,
/// and a wait for what a test needs, woken by each chunk of output on either stream (no sleeps). Killed by
/// ``stop()`` or when released.
public final class StreamingProcess: Sendable {
  private let process: Process
  private let state = StreamState()

  /// Starts `path` with `arguments` and exactly `environment`.
  public init(_ path: String, _ arguments: [String], environment: [String: String]) throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    for (pipe, isError) in [(out, false), (err, true)] {
      let reader = pipe.fileHandleForReading
      Thread.detachNewThread { [state] in
        while true {
          let chunk = reader.availableData
          if isError {
            state.errors.withLock { $0 += chunk }
          } else {
            state.output.withLock { $0 += chunk }
          }
          for semaphore in state.changed.withLock({ $0 }) { semaphore.signal() }
          if chunk.isEmpty { return }
        }
      }
    }
  }

  /// The lines written to standard output so far (a last line without its newline is left out).
  public var lines: [String] {
    let text = String(decoding: state.output.withLock { $0 }, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.removeLast()
    return lines
  }

  /// Standard error so far.
  public var stderr: String { String(decoding: state.errors.withLock { $0 }, as: UTF8.self) }

  /// Waits until `condition` holds (true), or `seconds` pass or the process ends first (false).
  public func wait(seconds: Double, for condition: ([String]) -> Bool) -> Bool {
    let semaphore = DispatchSemaphore(value: 0)
    state.changed.withLock { $0.append(semaphore) }
    let deadline = DispatchTime.now() + seconds
    while true {
      if condition(lines) { return true }
      guard process.isRunning, semaphore.wait(timeout: deadline) == .success else { return condition(lines) }
    }
  }

  /// Stops the process (idempotent).
  public func stop() { process.killAndWait() }

  deinit { stop() }
}

/// What the reading threads share with the test.
private final class StreamState: Sendable {
  let output = Mutex<[UInt8]>([])
  let errors = Mutex<[UInt8]>([])
  let changed = Mutex<[DispatchSemaphore]>([])
}
