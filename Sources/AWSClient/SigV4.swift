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
  /// Signs `request` in place: adds `X-Amz-Date`, `X-Amz-Security-Token` (if any), `X-Amz-Content-Sha256` when asked,
  /// and `Authorization`. `date` is seconds since 1970 (injected for tests).
  public static func sign(
    _ request: inout HTTPRequestParts, credentials: AWSCredentials, region: String, service: String, date: Int64
  ) {
    // Placeholder until the signer lands.
  }

  /// Checks a signed request against known secrets; `now` is the server's clock (seconds since 1970).
  public static func verify(
    _ request: HTTPRequestParts, secretFor: (String) -> String?, now: Int64, maxSkewSeconds: Int64 = 300
  ) -> SigV4Verdict {
    .missing("not implemented")
  }
}
