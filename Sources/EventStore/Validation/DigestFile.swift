import Crypto
import Foundation
import _CryptoExtras

/// One CloudTrail digest file (`CloudTrail-Digest/`): the hour it covers, where it was delivered, the previous
/// digest's place, hash and signature, and each log file delivered in the hour with its SHA-256.
public struct DigestFile: Sendable, Equatable {
  /// One log file the digest lists.
  public struct LogFile: Sendable, Equatable {
    /// The bucket it was delivered to.
    public var bucket: String
    /// Its key.
    public var key: String
    /// The SHA-256 of its uncompressed bytes, lower-case hex.
    public var hash: String
  }

  /// `digestStartTime`: the start of the hour covered.
  public var startTime: String
  /// `digestEndTime`: its end (signed).
  public var endTime: String
  /// `digestS3Bucket`: where the digest says it was delivered (it must be read from there).
  public var bucket: String
  /// `digestS3Object`: the key it says it was delivered to.
  public var key: String
  /// `digestPublicKeyFingerprint`: which of CloudTrail's public keys signed it.
  public var publicKeyFingerprint: String
  /// `digestSignatureAlgorithm` (`SHA256withRSA`).
  public var signatureAlgorithm: String
  /// `previousDigestS3Bucket` (nil for a chain's first digest).
  public var previousBucket: String?
  /// `previousDigestS3Object`.
  public var previousKey: String?
  /// `previousDigestHashValue`: the SHA-256 of the previous digest's uncompressed bytes.
  public var previousHash: String?
  /// `previousDigestSignature`: the previous digest's signature (hex), part of what this one signs.
  public var previousSignature: String?
  /// The log files delivered in the hour.
  public var logFiles: [LogFile]

  /// The digest in `bytes` (uncompressed JSON), or why it is not one. Digests are small and read once: Foundation's
  /// parser is fine here.
  public static func parse(_ bytes: [UInt8]) -> Result<DigestFile, DigestProblem> {
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
      return .failure(DigestProblem("not a JSON object"))
    }
    func text(_ key: String) -> String? { object[key] as? String }
    let required = [
      "digestStartTime", "digestEndTime", "digestS3Bucket", "digestS3Object", "digestPublicKeyFingerprint",
    ]
    if let missing = required.first(where: { text($0) == nil }) {
      return .failure(DigestProblem("no \(missing)"))
    }
    guard object.keys.contains("previousDigestSignature") else {
      return .failure(DigestProblem("no previousDigestSignature"))
    }
    var logFiles: [LogFile] = []
    for entry in object["logFiles"] as? [[String: Any]] ?? [] {
      guard let bucket = entry["s3Bucket"] as? String, let key = entry["s3Object"] as? String,
        let hash = entry["hashValue"] as? String
      else { return .failure(DigestProblem("a logFiles entry without s3Bucket, s3Object or hashValue")) }
      logFiles.append(LogFile(bucket: bucket, key: key, hash: hash.lowercased()))
    }
    return .success(
      DigestFile(
        startTime: text("digestStartTime")!, endTime: text("digestEndTime")!, bucket: text("digestS3Bucket")!,
        key: text("digestS3Object")!, publicKeyFingerprint: text("digestPublicKeyFingerprint")!,
        signatureAlgorithm: text("digestSignatureAlgorithm") ?? "SHA256withRSA",
        previousBucket: text("previousDigestS3Bucket"), previousKey: text("previousDigestS3Object"),
        previousHash: text("previousDigestHashValue"), previousSignature: text("previousDigestSignature"),
        logFiles: logFiles))
  }

  /// What CloudTrail signs: the end time, the digest's place, the SHA-256 of its uncompressed bytes and the previous
  /// digest's signature (the text `null` for a chain's first), one per line.
  public func stringToSign(uncompressed: [UInt8]) -> String {
    "\(endTime)\n\(bucket)/\(key)\n\(Self.hex(SHA256.hash(data: uncompressed)))\n\(previousSignature ?? "null")"
  }

  /// Whether `signature` (hex) is CloudTrail's SHA256withRSA signature of this digest (`uncompressed`) under
  /// `publicKey` (DER: PKCS #1 `RSAPublicKey`, as ListPublicKeys gives it, or SubjectPublicKeyInfo).
  public func isSigned(
    _ signature: String, uncompressed: [UInt8], publicKey: [UInt8]
  ) -> Bool {
    guard signatureAlgorithm == "SHA256withRSA", let signatureBytes = Self.unhex(signature),
      let key = Self.publicKey(publicKey)
    else { return false }
    return key.isValidSignature(
      _RSA.Signing.RSASignature(rawRepresentation: signatureBytes),
      for: SHA256.hash(data: Array(stringToSign(uncompressed: uncompressed).utf8)), padding: .insecurePKCS1v1_5)
  }

  /// An RSA public key from PKCS #1 or SubjectPublicKeyInfo DER (keys under 2,048 bits are accepted: the signature
  /// is what is checked, and AWS chose the key).
  static func publicKey(_ der: [UInt8]) -> _RSA.Signing.PublicKey? {
    (try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der))
      ?? (try? _RSA.Signing.PublicKey(unsafeDERRepresentation: subjectPublicKeyInfo(pkcs1: der)))
  }

  /// PKCS #1 `RSAPublicKey` wrapped as SubjectPublicKeyInfo (rsaEncryption, NULL parameters).
  static func subjectPublicKeyInfo(pkcs1: [UInt8]) -> [UInt8] {
    func length(_ n: Int) -> [UInt8] {
      if n < 0x80 { return [UInt8(n)] }
      var bytes: [UInt8] = []
      var v = n
      while v > 0 {
        bytes.insert(UInt8(v & 0xFF), at: 0)
        v >>= 8
      }
      return [0x80 | UInt8(bytes.count)] + bytes
    }
    let algorithm: [UInt8] = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
    let bitString: [UInt8] = [0x03] + length(pkcs1.count + 1) + [0x00] + pkcs1
    let body = algorithm + bitString
    return [0x30] + length(body.count) + body
  }

  static func hex(_ digest: some Sequence<UInt8>) -> String {
    digest.map { String(format: "%02x", $0) }.joined()
  }

  static func unhex(_ text: String) -> [UInt8]? {
    let chars = Array(text.utf8)
    guard chars.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
      guard let high = nibble(chars[i]), let low = nibble(chars[i + 1]) else { return nil }
      out.append(high << 4 | low)
      i += 2
    }
    return out
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x61...0x66: return c - 0x61 + 10
    case 0x41...0x46: return c - 0x41 + 10
    default: return nil
    }
  }
}

/// Why a digest file cannot be used.
public struct DigestProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// The reason.
  public var description: String
  init(_ description: String) { self.description = description }
}
