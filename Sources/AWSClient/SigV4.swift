/// The result of checking a request's SigV4 signature (used by `cloudtrail-fake`).
public enum SigV4Verdict: Sendable, Equatable {
  /// The signature is right; the access key that signed.
  case valid(accessKeyId: String)
  /// No or malformed Authorization header.
  case missing(String)
  /// Unknown access key (`UnrecognizedClientException`).
  case unknownKey(String)
  /// Wrong signature (`InvalidSignatureException`).
  case mismatch(String)
  /// The request time is too far from the server's clock (`SignatureDoesNotMatch` / skew).
  case skewed(String)
}

/// AWS Signature Version 4.
public enum SigV4 {
  /// The only algorithm this signer speaks.
  static let algorithm = "AWS4-HMAC-SHA256"

  /// Signs `request` in place: removes earlier signing headers, adds `X-Amz-Date`, `X-Amz-Security-Token` (if the
  /// credentials have one) and `Authorization`. Signs `host`, `content-type` and every `x-amz-*` header, so the
  /// request must already carry `Host`. `date` is seconds since 1970 (injected for tests). The path is URI-encoded
  /// once more while signing (the AWS rule for services other than S3); for `s3` it is signed as sent, with the
  /// payload hash of its `x-amz-content-sha256` header.
  public static func sign(
    _ request: inout HTTPRequestParts, credentials: AWSCredentials, region: String, service: String, date: Int64
  ) {
    let stale: Set<String> = ["authorization", "x-amz-date", "x-amz-security-token"]
    request.headers.removeAll { stale.contains($0.name.lowercased()) }
    let stamp = amzDate(date)
    request.headers.append((name: "X-Amz-Date", value: stamp))
    if let token = credentials.sessionToken, !token.isEmpty {
      request.headers.append((name: "X-Amz-Security-Token", value: token))
    }
    let canonical = canonical(request, service: service) {
      $0 == "host" || $0 == "content-type" || $0.hasPrefix("x-amz-")
    }
    let day = String(stamp.prefix(8))
    let scope = scope(day: day, region: region, service: service)
    let toSign = stringToSign(canonicalRequest: canonical.request, amzDate: stamp, scope: scope)
    let signature = signature(
      stringToSign: toSign, secret: credentials.secretAccessKey, day: day, region: region, service: service)
    request.headers.append(
      (
        name: "Authorization",
        value: "\(algorithm) Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(canonical.signedHeaders), "
          + "Signature=\(signature)"
      ))
  }

  /// Checks a signed request against known secrets; `now` is the server's clock (seconds since 1970).
  /// Order: Authorization parse (`missing`), access key (`unknownKey`), `X-Amz-Date` against `now` (`skewed`),
  /// signature over the request's own SignedHeaders (`mismatch`). Messages never contain secrets or signatures.
  public static func verify(
    _ request: HTTPRequestParts, secretFor: (String) -> String?, now: Int64, maxSkewSeconds: Int64 = 300
  ) -> SigV4Verdict {
    guard let header = request.header("Authorization") else { return .missing("no Authorization header") }
    guard let auth = AuthorizationHeader(header) else { return .missing("malformed Authorization header") }
    guard let secret = secretFor(auth.accessKeyId) else {
      return .unknownKey("The security token included in the request is invalid.")
    }
    guard let stampText = request.header("X-Amz-Date"), let stamp = parseAmzDate(stampText) else {
      return .missing("no valid X-Amz-Date header")
    }
    if abs(now - stamp) > maxSkewSeconds {
      return .skewed(
        "Signature expired: \(stampText) is now earlier or later than \(amzDate(now)) by more than "
          + "\(maxSkewSeconds) seconds")
    }
    guard stampText.hasPrefix(auth.day) else { return .mismatch("credential scope date does not match X-Amz-Date") }
    let names = auth.signedHeaders.split(separator: ";").map(String.init)
    guard names.contains("host") else { return .mismatch("the host header must be signed") }
    let present = Set(request.headers.map { $0.name.lowercased() })
    guard names.allSatisfy(present.contains) else { return .mismatch("a signed header is missing from the request") }
    let wanted = Set(names)
    let canonical = canonical(request) { wanted.contains($0) }
    let toSign = stringToSign(
      canonicalRequest: canonical.request, amzDate: stampText,
      scope: scope(day: auth.day, region: auth.region, service: auth.service))
    let expected = signature(
      stringToSign: toSign, secret: secret, day: auth.day, region: auth.region, service: auth.service)
    guard constantTimeEqual(expected, auth.signature) else {
      return .mismatch(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
          + "Access Key and signing method.")
    }
    return .valid(accessKeyId: auth.accessKeyId)
  }

  /// Compares two strings without stopping at the first difference.
  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}
