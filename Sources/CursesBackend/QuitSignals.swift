import CNCursesW
import Dispatch
import Glibc
import Synchronization

/// Watches SIGTERM, SIGHUP and SIGINT on a background queue and raises a flag the run loop polls.
///
/// The signals are ignored at the C level and observed through dispatch signal sources, so no code runs
/// inside a signal handler and ncurses is never touched off the main thread.
final class QuitSignals {
  /// Set once any watched signal arrives; `Atomic` makes the cross-thread read and write safe.
  private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
  }

  static let watched: [Int32] = [SIGTERM, SIGHUP, SIGINT]

  private let flag = Flag()
  private var sources: [any DispatchSourceSignal] = []
  private let queue = DispatchQueue(label: "trailview.quit-signals")

  /// Whether a quit signal has arrived.
  var requested: Bool { flag.value.load(ordering: .acquiring) }

  /// Starts watching.
  func start() {
    guard sources.isEmpty else { return }
    let flag = self.flag
    for number in Self.watched {
      trailview_ignore_signal(number)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { flag.value.store(true, ordering: .releasing) }
      source.resume()
      sources.append(source)
    }
  }

  /// Stops watching and restores the default actions.
  func stop() {
    for source in sources { source.cancel() }
    if !sources.isEmpty { Self.watched.forEach(trailview_default_signal) }
    sources.removeAll()
  }
}
