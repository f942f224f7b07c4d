import Dispatch
import Foundation

extension EventStore {
  /// The rows of `ids` (in their order) whose records pass the filter's record tests (text search, predicates on
  /// paths). Rows are taken chunk by chunk, so that a chunk kept compressed is inflated once however its rows
  /// interleave with others' in time, and the chunks are shared out among the cores.
  func recordsPassing(_ ids: [UInt32]) -> [UInt32] {
    guard ids.count > 1 else { return ids.filter(passesRecord) }
    // Each row's position in `ids`, grouped by chunk.
    var byChunk = [[Int32]](repeating: [], count: chunks.count)
    for (k, id) in ids.enumerated() { byChunk[Int(columns.place(id).chunk)].append(Int32(k)) }
    let positions = byChunk
    let busy = positions.indices.filter { !positions[$0].isEmpty }
    var keep = [Bool](repeating: false, count: ids.count)
    let (columns, chunks, compiled) = (self.columns, self.chunks, self.compiled)
    let workers = max(1, min(busy.count, ProcessInfo.processInfo.activeProcessorCount))
    keep.withUnsafeMutableBufferPointer { keep in
      let out = UnsafeSendable(keep)
      // Each worker takes every `workers`-th chunk with one scratch buffer; each chunk's rows are written by one
      // worker only, so the writes never overlap.
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var scratch: [UInt8] = []
        for n in stride(from: worker, to: busy.count, by: workers) {
          let chunk = busy[n]
          chunks[chunk].withBytes(scratch: &scratch) { bytes in
            for k in positions[chunk] {
              let place = columns.place(ids[Int(k)])
              let record = bytes[Int(place.start)..<Int(place.start) + Int(place.length)]
              out.value[Int(k)] = compiled.matchesRecord(record, time: place.time)
            }
          }
        }
      }
    }
    return ids.indices.compactMap { keep[$0] ? ids[$0] : nil }
  }
}

/// A buffer handed to `concurrentPerform`'s workers, each writing its own elements.
private struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
