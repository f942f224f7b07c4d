import CIsal
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
      return "decompressed size exceeds the cap of \(cap / (1 << 20)) MiB (\(LogFileSource.capAdvice(cap)))"
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
    if let whole = inflateSized(input, cap: cap) { return (whole, nil) }
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

  /// Inflates the single-member `input`, which states `size` bytes in its trailer, into the first `size` bytes of
  /// `output` (grown when shorter, its memory reused otherwise) with ISA-L; false when the stream is not exactly
  /// that (the caller then takes ``inflate(_:cap:)``, which says what is wrong).
  static func inflate(_ input: [UInt8], into output: inout [UInt8], size: Int) -> Bool {
    guard input.count >= 18, size > 0, size < Int(UInt32.max), input.count < Int(UInt32.max) else { return false }
    if output.count < size { output = [UInt8](repeating: 0, count: size) }
    return input.withUnsafeBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { out in
        trailview_isal_gunzip(inBuf.baseAddress, UInt32(inBuf.count), out.baseAddress, UInt32(size)) == 1
      }
    }
  }

  /// The decompressed size the gzip trailer of `input` states, when it is plausible and at most `cap` (nil for
  /// anything shorter than a gzip member).
  static func statedSize(_ input: [UInt8], cap: Int) -> Int? {
    guard input.count >= 18 else { return nil }
    let n = input.count
    let size = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
    // Deflate cannot expand more than about 1032:1; a larger claim is a damaged trailer.
    guard size > 0, size <= cap, size <= n * 1032 else { return nil }
    return size
  }

  /// The fast path for the usual single-member file: the gzip trailer states the decompressed size (modulo 2^32),
  /// so the output is allocated once at its exact size and ISA-L (else zlib) inflates straight into it. Returns nil when the
  /// stream does not end exactly there (several members, a wrong or wrapped size, damage): the caller then takes
  /// the general path, which reports errors.
  static func inflateSized(_ input: [UInt8], cap: Int) -> [UInt8]? {
    guard let size = statedSize(input, cap: cap) else { return nil }
    let n = input.count
    var ok = false
    let output = [UInt8](unsafeUninitializedCapacity: size) { out, count in
      count = 0
      // ISA-L first (about 4x zlib's speed); any doubt goes to zlib below, which reports what is wrong.
      let fast = input.withUnsafeBufferPointer { inBuf in
        trailview_isal_gunzip(inBuf.baseAddress, UInt32(n), out.baseAddress, UInt32(size))
      }
      if fast == 1 {
        (count, ok) = (size, true)
        return
      }
      var stream = z_stream()
      guard trailview_inflateInit2(&stream, 15 + 32) == Z_OK else { return }
      defer { inflateEnd(&stream) }
      input.withUnsafeBufferPointer { inBuf in
        stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
        stream.avail_in = UInt32(inBuf.count)
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(size)
        let status = CZlib.inflate(&stream, Z_FINISH)
        count = size - Int(stream.avail_out)
        ok = status == Z_STREAM_END && stream.avail_in == 0 && count == size
      }
    }
    return ok ? output : nil
  }
}
