import CloudTrailModel
import Dispatch
import Foundation
import Synchronization

/// Reads CloudTrail log files and folders into a store, newest files first, on all cores.
public final class LogFileSource: EventSource {
  /// Default cap on one file's decompressed size.
  public static let defaultMaxFileBytes = 1 << 30
  /// Default amount of decompressed record bytes kept plain; past it, gzip files stay compressed in memory.
  public static let defaultPlainBudget = 32 << 20
  /// The largest file (decompressed) that can be read whatever cap is asked for: records are located by 32-bit
  /// offsets (``RecordBatch``), so a bigger file would point at the wrong bytes.
  public static let maxFileBytesLimit = Int(UInt32.max)

  let paths: [String]
  let reporter: SourceReporter
  let maxFileBytes: Int
  private let plainBudget: Int
  private let workers: Int?
  private let started = OnceFlag()
  /// What following needs: the files read so far, the poll loop's generation and interval.
  let followState = Mutex(FollowState())

  /// The source's id in its store.
  public var id: SourceID { reporter.id }

  /// Creates a source for `paths` feeding `store`; nothing is read until ``start(filter:)``.
  ///
  /// - Parameters:
  ///   - paths: files and folders.
  ///   - store: the store to fill.
  ///   - maxFileBytes: cap on one file's (decompressed) size; at most ``maxFileBytesLimit``.
  ///   - plainBudget: decompressed bytes kept plain; past it, gzip files keep their compressed bytes (about a fifth)
  ///     and are inflated on demand for the detail pane, search and export.
  ///   - workers: parallel readers (default: the number of cores).
  public init(
    _ paths: [String], into store: EventStore, maxFileBytes: Int = defaultMaxFileBytes,
    plainBudget: Int = defaultPlainBudget, workers: Int? = nil
  ) {
    self.paths = paths
    self.reporter = store.makeReporter()
    self.maxFileBytes = maxFileBytes
    self.plainBudget = plainBudget
    self.workers = workers
  }

  /// Creates a source for `paths` and starts it (files are read once, whatever the filter).
  @discardableResult
  public static func load(
    _ paths: [String], into store: EventStore, maxFileBytes: Int = defaultMaxFileBytes,
    plainBudget: Int = defaultPlainBudget, workers: Int? = nil
  ) -> LogFileSource {
    let source = LogFileSource(
      paths, into: store, maxFileBytes: maxFileBytes, plainBudget: plainBudget, workers: workers)
    source.start(filter: EventFilter())
    return source
  }

  /// Reads the files in the background, the first time only: the store filters what was read.
  public func start(filter: EventFilter) {
    guard started.first() else { return }
    let (paths, reporter, maxFileBytes, plainBudget, workers) = (
      self.paths, self.reporter, self.maxFileBytes, self.plainBudget, self.workers
    )
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let (files, problems) = FileDiscovery.discover(paths)
      followState.withLock { state in
        state.known.formUnion(files.map(\.path))
        state.ordinal = UInt32(files.count)
        state.discovered = true
      }
      let label = paths.count == 1 ? paths[0] : "\(paths.count) paths"
      reporter.begin(label: label, unit: "files", total: files.count, problems: problems)
      let next = Atomic<Int>(0)
      let plainUsed = Atomic<Int>(0)
      let count = max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
      DispatchQueue.concurrentPerform(iterations: count) { _ in
        var scratch: [UInt8] = []
        while true {
          let index = next.add(1, ordering: .relaxed).oldValue
          guard index < files.count else { break }
          let file = files[index]
          let cap = min(maxFileBytes, Self.maxFileBytesLimit)
          let read = Self.readRaw(file.path, maxBytes: cap).flatMap { raw in
            Self.batch(
              raw: raw, source: file.path, ordinal: UInt32(index), reporter: reporter, plainUsed: plainUsed,
              plainBudget: plainBudget, maxBytes: cap, scratch: &scratch)
          }
          switch read {
          case .success(let batch): reporter.batch(batch)
          case .failure(let problem): reporter.problem(problem, countsAsUnit: true)
          }
        }
      }
      reporter.finish()
    }
  }

  /// What to do about a file over `cap`: raise `--max-file-mb`, unless the cap is already the 4 GiB limit.
  static func capAdvice(_ cap: Int) -> String {
    cap >= maxFileBytesLimit ? "4 GiB is the limit for one file" : "raise it with --max-file-mb"
  }

  /// File bytes (decompressed when gzip) and, when only part could be read, why.
  struct FileBytes {
    var bytes: [UInt8]
    var error: String?
    /// The file's gzip bytes, when it was gzip.
    var gzip: [UInt8]? = nil
  }

  /// A file's records as a batch for the store: compressed chunks kept compressed once `plainUsed` passes
  /// `plainBudget`, a truncated file's reason first among its problems (a digest file's records are no problem).
  static func batch(
    _ bytes: FileBytes, source: String, ordinal: UInt32, reporter: SourceReporter, plainUsed: borrowing Atomic<Int>,
    plainBudget: Int
  ) -> RecordBatch {
    var (batch, compressible) = scanned(
      bytes.bytes, error: bytes.error, source: source, ordinal: ordinal, reporter: reporter)
    if let gzip = bytes.gzip, bytes.error == nil, compressible,
      plainUsed.add(bytes.bytes.count, ordering: .relaxed).newValue > plainBudget
    {
      batch.chunk = RecordChunk(gzip: gzip, size: bytes.bytes.count, source: source)
    }
    return batch
  }

  /// A file's records as a batch, from its bytes as read (`raw`). Once the plain budget is spent, a whole gzip file
  /// is inflated into the reader's `scratch` buffer, reused from file to file (memory already mapped and warm in
  /// cache), since only its compressed bytes are kept; anything else goes through ``fileBytes(_:source:maxBytes:)``.
  static func batch(
    raw: [UInt8], source: String, ordinal: UInt32, reporter: SourceReporter, plainUsed: borrowing Atomic<Int>,
    plainBudget: Int, maxBytes: Int, scratch: inout [UInt8]
  ) -> Result<RecordBatch, LoadProblem> {
    if plainUsed.load(ordering: .relaxed) > plainBudget, Gzip.isGzip(raw),
      let size = Gzip.statedSize(raw, cap: maxBytes)
    {
      if scratch.count > size {
        scratch.removeSubrange(size...)  // keeps the capacity
      } else if scratch.count < size {
        scratch.append(contentsOf: repeatElement(0, count: size - scratch.count))
      }
      if Gzip.inflate(raw, into: &scratch, size: size) {
        var (batch, compressible) = scanned(scratch, error: nil, source: source, ordinal: ordinal, reporter: reporter)
        if compressible { batch.chunk = RecordChunk(gzip: raw, size: size, source: source) }
        return .success(batch)
      }
    }
    return fileBytes(raw, source: source, maxBytes: maxBytes).map { bytes in
      batch(
        bytes, source: source, ordinal: ordinal, reporter: reporter, plainUsed: plainUsed, plainBudget: plainBudget)
    }
  }

  /// The batch of a file's (decompressed) bytes, holding them plain, and whether it may hold the file's compressed
  /// bytes instead (not when its records were unescaped into a buffer of their own).
  private static func scanned(
    _ plain: [UInt8], error: String?, source: String, ordinal: UInt32, reporter: SourceReporter
  ) -> (batch: RecordBatch, compressible: Bool) {
    let scan = RecordScanner.scan(plain)
    var batch = RecordBatch(
      scan: scan, source: source, ordinal: ordinal, detector: reporter.store.detector, load: reporter.store.loadFilter)
    if let error {
      batch.problems.insert(LoadProblem(source: source, reason: error), at: 0)
    }
    if scan.shape == .digest {
      batch.problems.removeAll()
    } else {
      reporter.store.fileHashes?.record(source: source, bytes: plain)
    }
    return (batch, scan.shape != .lookupEvents)
  }

  /// The bytes of a file read whole (`raw`), inflated when gzip; a truncated gzip still yields what it held.
  static func fileBytes(_ raw: [UInt8], source: String, maxBytes: Int) -> Result<FileBytes, LoadProblem> {
    guard Gzip.isGzip(raw) else { return .success(FileBytes(bytes: raw, error: nil)) }
    let (bytes, error) = Gzip.inflate(raw, cap: maxBytes)
    if let error, bytes.isEmpty {
      return .failure(LoadProblem(source: source, reason: error.description))
    }
    return .success(FileBytes(bytes: bytes, error: error?.description, gzip: raw))
  }

  /// Reads a whole file, inflating gzip; a truncated gzip still yields what it held.
  static func readFile(_ path: String, maxBytes: Int) -> Result<FileBytes, LoadProblem> {
    readRaw(path, maxBytes: maxBytes).flatMap { fileBytes($0, source: path, maxBytes: maxBytes) }
  }

  /// Reads a whole regular file as it is.
  static func readRaw(_ path: String, maxBytes: Int) -> Result<[UInt8], LoadProblem> {
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { return .failure(LoadProblem(source: path, reason: String(cString: strerror(errno)))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      return .failure(LoadProblem(source: path, reason: String(cString: strerror(errno))))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      return .failure(LoadProblem(source: path, reason: "not a regular file: \(FileDiscovery.kindName(info.st_mode))"))
    }
    let size = Int(info.st_size)
    guard size <= maxBytes else {
      return .failure(
        LoadProblem(source: path, reason: "file is \(size >> 20) MiB, over the cap (\(capAdvice(maxBytes)))"))
    }
    var raw = [UInt8](repeating: 0, count: size)
    var got = 0
    while got < size {
      let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, size - got) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(LoadProblem(source: path, reason: String(cString: strerror(errno))))
      }
      if n == 0 { break }
      got += n
    }
    if got < size { raw.removeSubrange(got...) }
    return .success(raw)
  }
}
