import AWSClient
import Foundation

/// CloudTrail's public keys for `ListPublicKeys`, from a `--public-keys` file in the shape
/// `aws cloudtrail list-public-keys` prints (`{"PublicKeyList":[{"Value":BASE64,"Fingerprint":HEX,
/// "ValidityStartTime":SECONDS,"ValidityEndTime":SECONDS}]}`; a key without validity times is valid always).
struct FakePublicKeys: Sendable {
  /// One key.
  struct Key: Sendable {
    /// The DER (PKCS #1) key, base64 as on the wire.
    var value: String
    /// Its fingerprint.
    var fingerprint: String
    /// When it starts and stops being used, seconds since 1970.
    var validFrom: Int64, validTo: Int64
  }

  /// The keys, in file order.
  var keys: [Key] = []

  /// No keys.
  init() {}

  /// The keys of a `--public-keys` file.
  init(file: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object["PublicKeyList"] as? [[String: Any]]
    else { throw FakeError.usage("\(file): expected {\"PublicKeyList\": [...]}") }
    keys = try list.map { entry in
      guard let value = entry["Value"] as? String, let fingerprint = entry["Fingerprint"] as? String else {
        throw FakeError.usage("\(file): every public key needs a Value and a Fingerprint")
      }
      func seconds(_ name: String, _ otherwise: Int64) -> Int64 {
        (entry[name] as? NSNumber).map { Int64($0.doubleValue) } ?? otherwise
      }
      return Key(
        value: value, fingerprint: fingerprint, validFrom: seconds("ValidityStartTime", 0),
        validTo: seconds("ValidityEndTime", Int64.max))
    }
  }

  /// `ListPublicKeys`: the keys whose validity overlaps `StartTime`..`EndTime` (each defaults to now).
  func list(_ body: [String: Any], now: Int64) -> Result<JSONOut, LookupError> {
    func seconds(_ name: String) -> Int64 { (body[name] as? NSNumber).map { Int64($0.doubleValue) } ?? now }
    let (start, end) = (seconds("StartTime"), seconds("EndTime"))
    guard start <= end else {
      return .failure(LookupError(code: "InvalidTimeRangeException", message: "Start time must precede end time."))
    }
    if body["NextToken"] != nil {
      return .failure(LookupError(code: "InvalidTokenException", message: "Invalid NextToken."))
    }
    let found = keys.filter { $0.validFrom <= end && start <= $0.validTo }.map { key -> JSONOut in
      var members: [(String, JSONOut)] = [("Value", .string(key.value))]
      if key.validFrom > 0 { members.append(("ValidityStartTime", .int(key.validFrom))) }
      if key.validTo < Int64.max { members.append(("ValidityEndTime", .int(key.validTo))) }
      members.append(("Fingerprint", .string(key.fingerprint)))
      return .object(members)
    }
    return .success(.object([("PublicKeyList", .array(found))]))
  }
}
