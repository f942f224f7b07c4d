import Synchronization

/// The raw bytes of one loaded file or page; records are byte ranges inside them.
///
/// A chunk keeps its bytes either plain or, past the store's memory budget, as the file's own gzip bytes (about a
/// fifth of the size), inflated on demand through a small shared cache. Immutable after creation, so it is shared
/// freely between the store queue and the UI.
public final class RecordChunk: Sendable {
  /// Where the bytes came from (a path or a request label), for messages.
  public let source: String
  private let plain: [UInt8]?
  private let gzip: [UInt8]?
  private let size: Int
  /// A number no other chunk of this process has (cache key; object addresses can be reused).
  let id: UInt64
  private static let nextID = Atomic<UInt64>(1)

  /// Creates a chunk holding `bytes` as they are.
  public init(bytes: [UInt8], source: String) {
    self.id = Self.nextID.add(1, ordering: .relaxed).oldValue
    self.source = source
    self.plain = bytes
    self.gzip = nil
    self.size = bytes.count
  }

  /// Creates a chunk that keeps `gzip` (which inflates to `size` bytes) and inflates it when read.
  public init(gzip: [UInt8], size: Int, source: String) {
    self.id = Self.nextID.add(1, ordering: .relaxed).oldValue
    self.source = source
    self.plain = nil
    self.gzip = gzip
    self.size = size
  }

  /// The (decompressed) bytes.
  public var bytes: [UInt8] {
    if let plain { return plain }
    return ChunkCache.shared.bytes(of: self) {
      Array(Gzip.inflate(gzip ?? [], cap: size).bytes.prefix(size))
    }
  }

  /// Calls `body` with the (decompressed) bytes. A compressed chunk that is not in the shared cache is inflated into
  /// `scratch` (its memory reused from call to call, so a scan over many chunks neither allocates nor evicts what
  /// the screen reads) and not cached.
  func withBytes<T>(scratch: inout [UInt8], _ body: (ArraySlice<UInt8>) -> T) -> T {
    if let plain { return body(plain[...]) }
    if let cached = ChunkCache.shared.cached(id) { return body(cached[...]) }
    guard let gzip, Gzip.inflate(gzip, into: &scratch, size: size) else { return body(bytes[...]) }
    return body(scratch[0..<size])
  }

  /// Bytes this chunk keeps in memory (not counting the shared cache).
  public var residentBytes: Int { plain?.count ?? gzip?.count ?? 0 }

  /// True when the bytes are kept compressed.
  public var isCompressed: Bool { plain == nil }
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
