import CZlib

extension Gzip {
  /// Compresses `input` as one gzip member (for tests, fixtures and the benchmark's log generator).
  public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    guard trailview_deflateInit2(&stream, level, 15 + 16) == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    let produced = input.withUnsafeBufferPointer { inBuf -> Int in
      output.withUnsafeMutableBufferPointer { outBuf -> Int in
        stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
        stream.avail_in = UInt32(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = UInt32(outBuf.count)
        _ = deflate(&stream, Z_FINISH)
        return outBuf.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(produced...)
    return output
  }
}
