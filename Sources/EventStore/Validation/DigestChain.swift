import Crypto

/// What validation says of one file of a trail's evidence.
public enum Evidence: Sendable, Equatable {
  /// A digest whose signature verifies, or a log file whose SHA-256 is the one a valid digest holds.
  case valid
  /// The bytes are not the ones signed for (the reason says how it shows).
  case modified(String)
  /// A digest lists it (or the next digest names it), but it is not there.
  case missing
  /// A log file no valid digest lists (delivered while validation was off, or added by hand).
  case notCovered
  /// A digest whose signature could not be checked (the reason says why: no signature known offline, no public key).
  case notChecked(String)
  /// A digest file that is not one, or that was read from another place than the one it states.
  case invalid(String)
}

/// A gap in a digest chain: a digest that names no previous one although an older one exists (logging or
/// validation was off between `from` and `to`).
public struct ChainGap: Sendable, Equatable {
  /// The older digest's end time.
  public var from: String
  /// The newer digest's start time.
  public var to: String

  /// A gap from `from` to `to`.
  public init(from: String, to: String) { (self.from, self.to) = (from, to) }
}

/// Validates digests and log files the way `aws cloudtrail validate-logs` does, from bytes already read: each
/// digest's signature (from its S3 object metadata, or, offline, from the next digest's `previousDigestSignature`),
/// the chain (the next digest's `previousDigestHashValue` against the digest's own SHA-256; gaps where a chain
/// restarts), and each log file's SHA-256 against the digest that lists it (one that verifies, or whose signature
/// could not be checked, which its own verdict says).
public struct DigestChain: Sendable {
  /// One digest file as read.
  public struct Input: Sendable {
    /// The bucket it was read from (what it must state).
    public var bucket: String
    /// The key it was read from.
    public var key: String
    /// Its uncompressed bytes.
    public var bytes: [UInt8] { didSet { parsed = DigestFile.parse(bytes) } }
    /// What the bytes say, parsed once (validation, its key requests and its log places all read it).
    public private(set) var parsed: Result<DigestFile, DigestProblem>
    /// Its signature from the S3 object's metadata (`x-amz-meta-signature`), when read from S3.
    public var signature: String?
    /// A backfill digest's `x-amz-meta-backfill-generation-timestamp` (when it was made, later than the hours it
    /// covers: its key may be a newer one), when read from S3.
    public var backfillGeneratedAt: String?

    /// A digest read from `bucket`/`key`.
    public init(
      bucket: String, key: String, bytes: [UInt8], signature: String? = nil, backfillGeneratedAt: String? = nil
    ) {
      (self.bucket, self.key, self.bytes, self.signature) = (bucket, key, bytes, signature)
      self.parsed = DigestFile.parse(bytes)
      self.backfillGeneratedAt = backfillGeneratedAt
    }

    /// A backfill digest (`..._backfill.json.gz`), made after the fact for hours that had none.
    public var isBackfill: Bool { key.hasSuffix("_backfill.json.gz") }
  }

  /// The verdict on each digest and log file (by `bucket/key`), and the gaps.
  public struct Report: Sendable {
    /// Each digest's verdict by `bucket/key` (a digest named by another but absent: ``Evidence/missing``).
    public var digests: [String: Evidence] = [:]
    /// Each log file's verdict by `bucket/key`.
    public var logs: [String: Evidence] = [:]
    /// Where chains restart, oldest last.
    public var gaps: [ChainGap] = []
  }

  /// Validates `digests` and the log files in `logs` (`bucket/key` to the SHA-256 of the uncompressed bytes, hex)
  /// with CloudTrail's public keys by fingerprint (DER).
  public static func validate(
    digests inputs: [Input], logs: [String: String], publicKeys: [String: [UInt8]]
  ) -> Report {
    var report = Report()
    var parsed: [(input: Input, digest: DigestFile)] = []
    for input in unique(inputs) {
      let place = "\(input.bucket)/\(input.key)"
      switch input.parsed {
      case .failure(let problem): report.digests[place] = .invalid("not a digest: \(problem)")
      case .success where input.isBackfill && input.signature != nil && input.backfillGeneratedAt == nil:
        report.digests[place] = .invalid("a backfill digest without its backfill-generation-timestamp metadata")
      case .success(let digest) where digest.bucket != input.bucket || digest.key != input.key:
        report.digests[place] = .invalid("states another place (s3://\(digest.bucket)/\(digest.key)): it was moved")
      case .success(let digest): parsed.append((input, digest))
      }
    }
    parsed.sort { $0.digest.endTime > $1.digest.endTime }
    // Who names each digest as its previous one: the signature and hash it vouches for.
    var namedBy: [String: DigestFile] = [:]
    for (_, digest) in parsed {
      if let bucket = digest.previousBucket, let key = digest.previousKey { namedBy["\(bucket)/\(key)"] = digest }
    }
    let present = Set(parsed.map { "\($0.input.bucket)/\($0.input.key)" })
    var listedBy: [String: DigestFile] = [:]
    for (n, (input, digest)) in parsed.enumerated() {
      let place = "\(input.bucket)/\(input.key)"
      let successor = namedBy[place]
      let verdict = digestVerdict(input, digest, successor: successor, publicKeys: publicKeys)
      report.digests[place] = verdict
      if let bucket = digest.previousBucket, let key = digest.previousKey, !present.contains("\(bucket)/\(key)") {
        report.digests["\(bucket)/\(key)"] = .missing
      }
      // A chain that restarts while an older digest of the same chain exists: logging or validation was off.
      let chain = chainName(input.key)
      if digest.previousKey == nil, let older = parsed[(n + 1)...].first(where: { chainName($0.input.key) == chain }) {
        report.gaps.append(ChainGap(from: older.digest.endTime, to: digest.startTime))
      }
      // Log files are compared with a digest that verifies, or whose signature could not be checked (said beside it).
      if case .notChecked = verdict {} else if verdict != .valid { continue }
      for file in digest.logFiles { listedBy["\(file.bucket)/\(file.key)"] = digest }
    }
    for (place, digest) in listedBy {
      guard let hash = logs[place] else {
        report.logs[place] = .missing
        continue
      }
      let expected = digest.logFiles.first { "\($0.bucket)/\($0.key)" == place }?.hash
      report.logs[place] =
        hash == expected?.lowercased() ? .valid : .modified("its SHA-256 is not the one its digest holds")
    }
    for place in logs.keys where listedBy[place] == nil { report.logs[place] = .notCovered }
    return report
  }

  /// A digest's verdict: its signature (its own, or the one the next digest vouches for), then the next digest's
  /// hash of it.
  private static func digestVerdict(
    _ input: Input, _ digest: DigestFile, successor: DigestFile?, publicKeys: [String: [UInt8]]
  ) -> Evidence {
    if let successor, let hash = successor.previousHash,
      hash.lowercased() != DigestFile.hex(SHA256.hash(data: input.bytes))
    {
      return .modified("its SHA-256 is not the one the next digest holds")
    }
    guard let signature = input.signature ?? successor?.previousSignature else {
      return .notChecked(Evidence.unsignedOffline)
    }
    guard let key = publicKeys[digest.publicKeyFingerprint] else {
      return .notChecked("no public key with fingerprint \(digest.publicKeyFingerprint)")
    }
    return digest.isSigned(signature, uncompressed: input.bytes, publicKey: key)
      ? .valid : .modified("its signature does not verify")
  }
}

extension Evidence {
  /// Why a local tree's newest digest (or the newest before a gap) cannot be checked.
  static let unsignedOffline =
    "no later digest names it, and its own signature is in its S3 object metadata, which a local copy does not keep"

}
