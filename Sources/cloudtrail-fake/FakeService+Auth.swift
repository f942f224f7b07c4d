import AWSClient
import Foundation

extension FakeService {
  /// A refusal: HTTP status, error code, message.
  struct Denial {
    var status: Int
    var code: String
    var message: String
  }

  /// Checks the signature (unless `--no-auth`), denied keys and session-token expiry; nil when the request may go on.
  func authenticate(_ request: HTTPRequestParts) -> Denial? {
    var key = FakeService.credentialScope(request.header("authorization"))?.key
    if !config.noAuth {
      let now = Int64(Date().timeIntervalSince1970) + config.skewSeconds
      let verdict = SigV4.verify(request, secretFor: { config.keys[$0] }, now: now)
      switch verdict {
      case .valid(let accessKeyId):
        key = accessKeyId
      case .missing(let message):
        return Denial(
          status: 400, code: "MissingAuthenticationTokenException",
          message: "Request is missing Authentication Token (\(message)).")
      case .unknownKey:
        return Denial(
          status: 400, code: "UnrecognizedClientException",
          message: "The security token included in the request is invalid.")
      case .mismatch:
        return Denial(
          status: 400, code: "InvalidSignatureException",
          message:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        )
      case .skewed(let message):
        return Denial(status: 400, code: "InvalidSignatureException", message: "Signature expired: \(message)")
      }
    }
    if let key, config.deniedKeys.contains(key) {
      return Denial(
        status: 403, code: "AccessDeniedException",
        message: "User: arn:aws:iam::123456789012:user/fake is not authorized to perform this action with key \(key)")
    }
    if config.expireAfter > 0, let token = request.header("x-amz-security-token") {
      let uses = state.withLock { s -> Int in
        s.tokenUses[token, default: 0] += 1
        return s.tokenUses[token]!
      }
      if uses > config.expireAfter {
        return Denial(
          status: 400, code: "ExpiredTokenException", message: "The security token included in the request is expired")
      }
    }
    return nil
  }
}
