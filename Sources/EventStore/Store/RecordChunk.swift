/// The raw bytes of one loaded file or page; records are byte ranges inside it.
///
/// Immutable after creation, so it is shared freely between the store queue and the UI.
public final class RecordChunk: Sendable {
  /// The bytes.
  public let bytes: [UInt8]
  /// Where the bytes came from (a path or a request label), for messages.
  public let source: String

  /// Creates a chunk.
  public init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }
}
