import Foundation
import Testing

@testable import EventStore

/// Interning by raw bytes at offsets past 2 GiB (files up to the 4 GiB limit).
@Suite struct ByteInternerTests {
  @Test func valuesPastTwoGibibytesAreFoundAgain() throws {
    // A sparse anonymous mapping: only the pages written are backed by memory.
    let size = (1 << 31) + (64 << 20)
    let raw = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
    try #require(raw != MAP_FAILED, "no address space for the mapping")
    defer { munmap(raw, size) }
    let bytes = raw!.bindMemory(to: UInt8.self, capacity: size)
    let value = Array("arn:aws:iam::123456789012:user/alice".utf8)
    let first = (1 << 31) + (1 << 20)
    let second = (1 << 31) + (32 << 20)
    for offset in [first, second] {
      for (i, b) in value.enumerated() { bytes[offset + i] = b }
    }
    let buffer = UnsafeBufferPointer(start: bytes, count: size)
    var interner = ByteInterner()
    var strings = StringTable()
    let a = interner.intern(buffer, first, first + value.count, strings: &strings)
    let b = interner.intern(buffer, second, second + value.count, strings: &strings)
    #expect(a == b)
    #expect(strings[a] == "arn:aws:iam::123456789012:user/alice")
  }
}
