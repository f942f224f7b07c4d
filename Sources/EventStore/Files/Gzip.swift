import CZlib

/// Why a gzip stream could not be fully inflated.
public enum GzipError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The stream ended before the gzip trailer.
  case truncated
  /// zlib reported corrupt data.
  case corrupt(String)
  /// The decompressed size passed the cap (a gzip bomb, or a file larger than allowed).
  case tooLarge(cap: Int)

  /// A short reason for messages.
  public var description: String {
    switch self {
    case .truncated: return "truncated gzip (stream ends early)"
    case .corrupt(let why): return "corrupt gzip: \(why)"
    case .tooLarge(let cap):
      return "decompressed size exceeds the cap of \(cap / (1 << 20)) MiB (raise it with --max-file-mb)"
    }
  }
}

/// Inflates gzip data (all members of a multi-member stream) with zlib.
public enum Gzip {
  /// True when `bytes` starts with the gzip magic number.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// Inflates `input`; on failure returns what was inflated so far together with the error.
  ///
  /// - Parameters:
  ///   - input: gzip bytes.
  ///   - cap: the largest decompressed size accepted.
  /// - Returns: the decompressed bytes and, when the stream was not read to its end, why.
  public static func inflate(_ input: [UInt8], cap: Int) -> (bytes: [UInt8], error: GzipError?) {
    var output = [UInt8]()
    output.reserveCapacity(min(cap, max(input.count * 6, 1 << 16)))
    var stream = z_stream()
    guard trailview_inflateInit2(&stream, 15 + 32) == Z_OK else { return ([], .corrupt("inflateInit failed")) }
    defer { inflateEnd(&stream) }
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    let error: GzipError? = input.withUnsafeBufferPointer { inBuf -> GzipError? in
      guard let base = inBuf.baseAddress else { return .truncated }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = UInt32(inBuf.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(out.count)
          let status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (status, out.count - Int(stream.avail_out))
        }
        if output.count + produced > cap { return .tooLarge(cap: cap) }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_STREAM_END:
          // Another gzip member may follow (concatenated gzip files are valid).
          if stream.avail_in == 0 { return nil }
          if inflateReset(&stream) != Z_OK { return .corrupt("cannot continue after member") }
        case Z_OK:
          if stream.avail_in == 0 && produced == 0 { return .truncated }
        case Z_BUF_ERROR:
          if stream.avail_in == 0 { return .truncated }
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          return .corrupt(message)
        }
      }
    }
    return (output, error)
  }
}
