import CZstd

/// zstd for the chunks the store keeps compressed in memory: about as small as the files' own gzip and inflated
/// three to four times faster (measured in DECISIONS.md), so search over packed chunks is not bound by gzip.
enum Zstd {
  /// The level chunks are packed at: level 1 packs JSON logs smaller than gzip -6 at about 900 MB/s a core.
  static let level: Int32 = 1

  /// `input` compressed as one zstd frame, or nil when zstd fails (the caller keeps what it had). `scratch` holds
  /// the frame while it is made (its memory reused from call to call); the result is allocated at its exact size.
  static func compress(_ input: ArraySlice<UInt8>, scratch: inout [UInt8], level: Int32 = level) -> [UInt8]? {
    let bound = ZSTD_compressBound(input.count)
    if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
    let n = input.withUnsafeBytes { inBuf in
      scratch.withUnsafeMutableBytes { out in
        ZSTD_compress(out.baseAddress, bound, inBuf.baseAddress, inBuf.count, level)
      }
    }
    return ZSTD_isError(n) != 0 ? nil : Array(scratch[0..<n])
  }

  /// Decompresses the frame `input`, which holds exactly `size` bytes, into the first `size` bytes of `output`
  /// (grown when shorter, its memory reused otherwise); false when the frame is damaged or another size.
  static func decompress(_ input: [UInt8], into output: inout [UInt8], size: Int) -> Bool {
    if output.count < size { output = [UInt8](repeating: 0, count: size) }
    let n = input.withUnsafeBytes { inBuf in
      output.withUnsafeMutableBytes { out in
        ZSTD_decompress(out.baseAddress, size, inBuf.baseAddress, inBuf.count)
      }
    }
    return ZSTD_isError(n) == 0 && n == size
  }
}
