import CloudTrailModel
import Dispatch
import Foundation
import Synchronization

/// What a log-file source remembers to follow its folders.
struct FollowState: Sendable {
  /// Files already read (or found at the first load).
  var known = Set<String>()
  /// New files that could not be read whole: their size at the last try, and whether they were named as a problem.
  var unfinished: [String: (size: Int, named: Bool)] = [:]
  /// The first load has listed its files (until then there is nothing to compare with).
  var discovered = false
  /// The next batch's ordinal.
  var ordinal: UInt32 = 0
  /// The poll loop's generation (a change stops the old loop) and interval.
  var generation = 0
  var every: Int?
}

extension LogFileSource {
  /// Looks in the folders for new log files every `seconds` (nil: stops); new files' events are marked arrived. A
  /// file that cannot be read whole (still being written) is tried again at the next look, named as a problem once
  /// its size has stayed the same between two looks, and tried again whenever its size changes.
  public func follow(every seconds: Int?) {
    let generation = followState.withLock { state -> Int in
      state.generation += 1
      state.every = seconds.map { max(1, $0) }
      return state.generation
    }
    reporter.following(every: seconds.map { max(1, $0) })
    guard let seconds else { return }
    DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .seconds(max(1, seconds))) { [self] in
      look(generation: generation)
    }
  }

  /// One look: reads the files not seen before, then schedules the next look.
  func look(generation: Int) {
    guard
      let (every, discovered) = followState.withLock({ $0.generation == generation ? ($0.every, $0.discovered) : nil }),
      let every
    else { return }
    let now = Int64(Date().timeIntervalSince1970)
    let files = discovered ? FileDiscovery.discover(paths).files : []
    let fresh = followState.withLock { state in
      files.filter { file in
        guard !state.known.contains(file.path) else { return false }
        guard let last = state.unfinished[file.path] else { return true }
        return !last.named || last.size != Self.size(of: file.path)
      }
    }
    for file in fresh {
      let ordinal = followState.withLock { state -> UInt32 in
        defer { state.ordinal += 1 }
        return state.ordinal
      }
      switch Self.readFile(file.path, maxBytes: min(maxFileBytes, Self.maxFileBytesLimit)) {
      case .success(let bytes) where bytes.error == nil:
        followState.withLock { state in
          state.known.insert(file.path)
          state.unfinished[file.path] = nil
        }
        let scan = RecordScanner.scan(bytes.bytes)
        var batch = RecordBatch(scan: scan, source: file.path, ordinal: ordinal, detector: reporter.store.detector)
        if scan.shape == .digest { batch.problems.removeAll() }
        reporter.arrived(batch, polledAt: now)
      case .success(let bytes):
        unreadable(file.path, LoadProblem(source: file.path, reason: bytes.error ?? "unreadable"))
      case .failure(let problem):
        unreadable(file.path, problem)
      }
    }
    reporter.polled(at: now)
    DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .seconds(every)) { [self] in
      look(generation: generation)
    }
  }

  /// A new file that could not be read whole: maybe still being written, so it is tried again at the next look,
  /// named as a problem once its size stays the same between two looks, and tried again whenever its size changes.
  private func unreadable(_ path: String, _ problem: LoadProblem) {
    let size = Self.size(of: path)
    let name = followState.withLock { state -> Bool in
      let settled = state.unfinished[path]?.size == size
      state.unfinished[path] = (size, settled)
      return settled
    }
    if name { reporter.problem(problem) }
  }

  /// A file's size in bytes (-1 when it cannot be read).
  static func size(of path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1
  }
}
