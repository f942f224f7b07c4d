import Detections
import Synchronization

/// The raw bytes of one loaded file or page; records are byte ranges inside them.
///
/// A chunk keeps its bytes plain or, past the store's memory budget, as the file's own gzip bytes (about a fifth of
/// the size); once loading settles, a store that stays open repacks its chunks as zstd (``pack(scratch:packed:)``:
/// a little smaller than gzip, inflated three to four times faster). Compressed bytes are inflated on demand through a small shared cache. The bytes a
/// chunk stands for never change, so it is shared freely between the store queue and the UI; only their packing
/// does, behind a lock.
public final class RecordChunk: Sendable {
  /// How the bytes are kept.
  enum Packing {
    case plain([UInt8])
    case gzip([UInt8])
    case zstd([UInt8])
  }

  /// Where the bytes came from (a path or a request label), for messages.
  public let source: String
  private let packing: Locked<Packing>
  private let size: Int
  /// A number no other chunk of this process has (cache key; object addresses can be reused).
  let id: UInt64
  private static let nextID = Atomic<UInt64>(1)

  /// Creates a chunk holding `bytes` as they are.
  public init(bytes: [UInt8], source: String) {
    self.id = Self.nextID.add(1, ordering: .relaxed).oldValue
    self.source = source
    self.packing = Locked(.plain(bytes))
    self.size = bytes.count
  }

  /// Creates a chunk that keeps `gzip` (which inflates to `size` bytes) and inflates it when read.
  public init(gzip: [UInt8], size: Int, source: String) {
    self.id = Self.nextID.add(1, ordering: .relaxed).oldValue
    self.source = source
    self.packing = Locked(.gzip(gzip))
    self.size = size
  }

  private var current: Packing { packing.withLock { $0 } }

  /// The (decompressed) bytes.
  public var bytes: [UInt8] {
    let packed = current
    if case .plain(let plain) = packed { return plain }
    return ChunkCache.shared.bytes(of: self) { Self.unpack(packed, size: size) }
  }

  /// Calls `body` with the (decompressed) bytes. A compressed chunk that is not in the shared cache is inflated into
  /// `scratch` (its memory reused from call to call, so a scan over many chunks neither allocates nor evicts what
  /// the screen reads) and not cached.
  func withBytes<T>(scratch: inout [UInt8], _ body: (ArraySlice<UInt8>) -> T) -> T {
    let packed = current
    if case .plain(let plain) = packed { return body(plain[...]) }
    if let cached = ChunkCache.shared.cached(id) { return body(cached[...]) }
    let done: Bool
    switch packed {
    case .plain: done = false
    case .gzip(let gzip): done = Gzip.inflate(gzip, into: &scratch, size: size)
    case .zstd(let zstd): done = Zstd.decompress(zstd, into: &scratch, size: size)
    }
    return done ? body(scratch[0..<size]) : body(bytes[...])
  }

  /// Repacks the chunk as zstd (inflating gzip through `scratch`, compressing through `packed`): a gzip chunk always
  /// (zstd inflates three to four times faster), a plain one when that makes it smaller. Returns whether the chunk
  /// was repacked.
  @discardableResult
  func pack(scratch: inout [UInt8], packed: inout [UInt8]) -> Bool {
    let now = current
    if case .zstd = now { return false }
    guard let zstd = withBytes(scratch: &scratch, { Zstd.compress($0, scratch: &packed) }) else { return false }
    if case .plain(let plain) = now, zstd.count >= plain.count { return false }
    packing.withLock { $0 = .zstd(zstd) }
    return true
  }

  /// The bytes `packed` stands for (a damaged stream gives what could be read, padded with zero bytes).
  private static func unpack(_ packed: Packing, size: Int) -> [UInt8] {
    switch packed {
    case .plain(let plain): return plain
    case .gzip(let gzip): return Array(Gzip.inflate(gzip, cap: size).bytes.prefix(size))
    case .zstd(let zstd):
      var out: [UInt8] = []
      return Zstd.decompress(zstd, into: &out, size: size) ? out : [UInt8](repeating: 0, count: size)
    }
  }

  /// Bytes this chunk keeps in memory (not counting the shared cache).
  public var residentBytes: Int {
    switch current {
    case .plain(let bytes), .gzip(let bytes), .zstd(let bytes): return bytes.count
    }
  }

  /// True when the bytes are kept compressed.
  public var isCompressed: Bool {
    if case .plain = current { return false }
    return true
  }

  /// True when the bytes are kept as zstd.
  var isZstd: Bool {
    if case .zstd = current { return true }
    return false
  }
}

/// The most recently inflated compressed chunks, up to a byte budget, least recently used evicted first.
final class ChunkCache: Sendable {
  static let shared = ChunkCache(budget: 96 << 20)

  private struct State {
    var entries: [UInt64: [UInt8]] = [:]
    var order: [UInt64] = []
    var total = 0
  }

  private let budget: Int
  private let state = Mutex(State())

  init(budget: Int) {
    self.budget = budget
  }

  /// The bytes cached for the chunk numbered `id`, if any (without counting as a use).
  func cached(_ id: UInt64) -> [UInt8]? { state.withLock { $0.entries[id] } }

  /// The cached bytes of `chunk`, or `inflate()`'s result, cached.
  func bytes(of chunk: RecordChunk, inflate: () -> [UInt8]) -> [UInt8] {
    let key = chunk.id
    if let hit = state.withLock({ state -> [UInt8]? in
      guard let bytes = state.entries[key] else { return nil }
      if let i = state.order.lastIndex(of: key) { state.order.remove(at: i) }
      state.order.append(key)
      return bytes
    }) {
      return hit
    }
    let bytes = inflate()
    state.withLock { state in
      guard state.entries[key] == nil else { return }
      state.entries[key] = bytes
      state.order.append(key)
      state.total += bytes.count
      while state.total > budget, state.order.count > 1 {
        let old = state.order.removeFirst()
        state.total -= state.entries.removeValue(forKey: old)?.count ?? 0
      }
    }
    return bytes
  }
}
