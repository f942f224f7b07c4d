import CZstd
import Dispatch
import Foundation

/// Where repacking the loaded chunks stands (``EventStore/packWhenSettled()``).
struct PackState {
  /// Chunks before this index have been handed to a pass.
  var handed = 0
  /// True while a pass runs.
  var running = false
  /// Called when no pass runs and none is due.
  var waiters: [@Sendable () -> Void] = []
}

extension EventStore {
  /// Once every source has finished, repacks the chunks that arrived since the last pass as zstd, in the background
  /// on every core (call on the queue; ``publishNow()`` does). zstd chunks inflate three to four times faster than
  /// the gzip they replace and take a little less memory; plain ones shrink about sixfold. Packing waits for the
  /// load to finish so that it never slows the load down.
  func packWhenSettled() {
    guard packsChunks, progress.finished, !packState.running, packState.handed < chunks.count else {
      if !packState.running { callPackWaiters() }
      return
    }
    let todo = Array(chunks[packState.handed...])
    packState.handed = chunks.count
    packState.running = true
    DispatchQueue.global(qos: .utility).async { [self] in
      let workers = max(1, min(todo.count, ProcessInfo.processInfo.activeProcessorCount))
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var (scratch, packed): ([UInt8], [UInt8]) = ([], [])
        for (k, n) in stride(from: worker, to: todo.count, by: workers).enumerated() {
          todo[n].pack(scratch: &scratch, packed: &packed)
          // The bytes freed are scattered through the loaders' heaps: hand their pages back as the pass goes, so that
          // memory never holds both forms of much.
          if k % 256 == 255 { trailview_release_free_memory() }
        }
      }
      trailview_release_free_memory()
      queue.async { [self] in
        packState.running = false
        packWhenSettled()
      }
    }
  }

  /// Calls `done` (on the store's queue) once no repacking runs or is due: at once when the store does not pack or
  /// its sources have not finished. For benchmarks and tests that measure the settled store.
  public func whenPacked(_ done: @escaping @Sendable () -> Void) {
    queue.async { [self] in
      packState.waiters.append(done)
      packWhenSettled()
    }
  }

  private func callPackWaiters() {
    let waiters = packState.waiters
    packState.waiters = []
    for waiter in waiters { waiter() }
  }
}
