import Crypto
import Synchronization

/// The SHA-256 of each log file's uncompressed bytes, taken by the sources as they read the file (validation compares
/// them with the digests, so no file is read twice), by source (a path or an `s3://` URL).
public final class FileHashes: Sendable {
  private let table = Mutex<[String: String]>([:])

  /// An empty table.
  public init() {}

  /// Records the hash of `bytes` for `source`; only files of a trail's `CloudTrail/` layout are kept.
  func record(source: String, bytes: [UInt8]) {
    guard source.contains("AWSLogs/"), source.contains("/CloudTrail/") else { return }
    let hash = DigestFile.hex(SHA256.hash(data: bytes))
    table.withLock { $0[source] = hash }
  }

  /// Every hash taken so far, by source.
  public var all: [String: String] { table.withLock { $0 } }
}
