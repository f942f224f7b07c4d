/// The parts of an `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
struct AuthorizationHeader: Equatable {
  /// The access key id from the credential scope.
  var accessKeyId: String
  /// `YYYYMMDD`.
  var day: String
  /// The region of the scope.
  var region: String
  /// The service of the scope.
  var service: String
  /// `a;b;c`.
  var signedHeaders: String
  /// Hex signature.
  var signature: String

  /// Parses the header; nil when it is not a well-formed SigV4 header.
  init?(_ text: String) {
    let trimmed = text.trimmingPrefix { $0 == " " }
    guard trimmed.hasPrefix(SigV4.algorithm + " ") else { return nil }
    var fields: [String: String] = [:]
    for part in trimmed.dropFirst(SigV4.algorithm.count + 1).split(separator: ",") {
      let kv = part.split(separator: "=", maxSplits: 1)
      guard kv.count == 2 else { return nil }
      fields[kv[0].trimmingCharacters(in: " ")] = kv[1].trimmingCharacters(in: " ")
    }
    guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let sig = fields["Signature"]
    else { return nil }
    let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty, scope[1].count == 8 else { return nil }
    (accessKeyId, day, region, service) = (scope[0], scope[1], scope[2], scope[3])
    signedHeaders = signed
    signature = sig
  }
}

extension Substring {
  /// Drops leading and trailing characters equal to `c`.
  fileprivate func trimmingCharacters(in c: Character) -> String {
    String(drop { $0 == c }.reversed().drop { $0 == c }.reversed())
  }
}
