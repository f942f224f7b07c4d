import EventStore
import Testing

@Suite struct LogFileKeyTests {
  @Test func parsesAccountTrailKey() {
    let key = LogFileKey(
      path:
        "bucket/prefix/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz"
    )
    #expect(key.account == "111122223333")
    #expect(key.organization == nil)
    #expect(key.region == "us-east-2")
    #expect(key.deliveryTime == 1_439_822_700)
    #expect(!key.isDigest)
  }

  @Test func parsesOrganizationTrailKey() {
    let key = LogFileKey(
      path:
        "AWSLogs/o-exampleorgid/111122223333/CloudTrail/eu-west-1/2024/01/02/111122223333_CloudTrail_eu-west-1_20240102T0000Z_x.json.gz"
    )
    #expect(key.organization == "o-exampleorgid")
    #expect(key.account == "111122223333")
    #expect(key.region == "eu-west-1")
  }

  @Test func recognisesDigests() {
    #expect(LogFileKey(path: "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/01/01/x.json.gz").isDigest)
    #expect(LogFileKey(path: "x/1_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T000000Z.json.gz").isDigest)
  }

  @Test func otherNamesHaveNoTime() {
    let key = LogFileKey(path: "/tmp/export.json")
    #expect(key.deliveryTime == nil)
    #expect(key.account == nil)
  }
}

@Suite struct GzipTests {
  @Test func roundTripsAndReadsConcatenatedMembers() {
    let a = Array("hello ".utf8)
    let b = Array("world".utf8)
    let (bytes, error) = Gzip.inflate(Gzip.compress(a) + Gzip.compress(b), cap: 1 << 20)
    #expect(error == nil)
    #expect(bytes == a + b)
  }

  @Test func reportsTruncationAndKeepsPrefix() {
    let text = Array(String(repeating: "abcdefghij", count: 10_000).utf8)
    let gz = Gzip.compress(text)
    let (bytes, error) = Gzip.inflate(Array(gz.prefix(gz.count / 2)), cap: 1 << 20)
    #expect(error == .truncated)
    #expect(text.starts(with: bytes))
  }

  @Test func capsDecompressedSize() {
    let (_, error) = Gzip.inflate(Gzip.compress([UInt8](repeating: 0, count: 3 << 20)), cap: 1 << 20)
    #expect(error == .tooLarge(cap: 1 << 20))
  }

  @Test func reportsCorruptData() {
    var gz = Gzip.compress(Array("some text that is long enough to matter".utf8))
    for i in 12..<gz.count - 8 { gz[i] ^= 0x5A }
    let (_, error) = Gzip.inflate(gz, cap: 1 << 20)
    #expect(error != nil)
  }
}
