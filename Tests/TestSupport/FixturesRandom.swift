/// A small seeded generator (SplitMix64) so random fixtures are reproducible.
public struct FixturesRNG: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random CloudTrail-like records as JSON text: random escapes and Unicode, wrong types, decoy nested keys, shuffled
/// key order.
public enum FixturesRandom {
  /// JSON string-literal pieces (already escaped) mixed into random strings.
  static let pieces = [
    "abc", "Z", "9", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u001b", "\\u0007", "\\u00e9",
    "é", "中文", "\u{202E}", "\u{200B}", "\\u202e", "\\ud83d\\ude00", "😀", "\\u0041", "\u{9B}", "a\u{301}", "/",
  ]

  /// A random JSON string literal, quotes included.
  public static func string(_ rng: inout FixturesRNG) -> String {
    var s = "\""
    for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces.randomElement(using: &rng)! }
    return s + "\""
  }

  /// A random string literal, or sometimes a value of the wrong type.
  public static func stringish(_ rng: inout FixturesRNG) -> String {
    switch Int.random(in: 0..<20, using: &rng) {
    case 0: return "42"
    case 1: return "null"
    case 2: return "true"
    case 3: return "{\"eventName\":\"Decoy\",\"a\":[1,{\"b\":\"c\"}]}"
    case 4: return "[\"x\",{\"name\":\"Decoy\"}]"
    default: return string(&rng)
    }
  }

  /// A random `eventTime` value: mostly valid ISO 8601, sometimes invalid or of the wrong type.
  public static func eventTime(_ rng: inout FixturesRNG) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let roll = Int.random(in: 0..<10, using: &rng)
    if roll == 0 { return "1700000000" }
    if roll == 1 {
      return [
        "\"yesterday\"", "\"2024-13-01T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"",
        "\"2024-01-01 00:00:00\"", "\"2024-01-01T24:00:00Z\"",
      ].randomElement(using: &rng)!
    }
    var s = "\"\(Int.random(in: 1970...2099, using: &rng))-\(two(Int.random(in: 1...12, using: &rng)))-"
    s += "\(two(Int.random(in: 1...28, using: &rng)))T\(two(Int.random(in: 0...23, using: &rng))):"
    s += "\(two(Int.random(in: 0...59, using: &rng))):\(two(Int.random(in: 0...59, using: &rng)))"
    if Bool.random(using: &rng) { s += ".\(Int.random(in: 0...999_999, using: &rng))" }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      s += (Bool.random(using: &rng) ? "+" : "-") + two(Int.random(in: 0...14, using: &rng)) + ":30"
    } else {
      s += "Z"
    }
    return s + "\""
  }

  /// A random `userIdentity` value.
  public static func identity(_ rng: inout FixturesRNG) -> String {
    if Int.random(in: 0..<8, using: &rng) == 0 { return string(&rng) }
    let types = [
      "IAMUser", "AssumedRole", "Role", "Root", "FederatedUser", "AWSService", "AWSAccount", "Directory", "SAMLUser",
      "WebIdentityUser", "IdentityCenterUser", "Unknown", "Mystery",
    ]
    var members = ["\"type\":\"\(types.randomElement(using: &rng)!)\""]
    let arns = ["arn:aws:sts::1:assumed-role/R/", "arn:aws:iam::1:role/p/", "arn:aws:sts::1:federated-user/", "x"]
    members.append("\"arn\":\"\(arns.randomElement(using: &rng)!)\(string(&rng).dropFirst())")
    for key in ["userName", "invokedBy", "accountId", "principalId", "accessKeyId"] where Bool.random(using: &rng) {
      members.append("\"\(key)\":\(stringish(&rng))")
    }
    if Bool.random(using: &rng) {
      members.append(
        "\"sessionContext\":{\"attributes\":{\"userName\":\"Decoy\"},\"sessionIssuer\":{\"userName\":"
          + stringish(&rng) + "}}")
    }
    if Bool.random(using: &rng) { members.append("\"onBehalfOf\":{\"userId\":\(stringish(&rng))}") }
    members.shuffle(using: &rng)
    return "{" + members.joined(separator: ",") + "}"
  }

  /// One random record object as JSON text.
  public static func record(_ rng: inout FixturesRNG) -> String {
    var members: [String] = ["\"eventTime\":\(eventTime(&rng))"]
    let plain = [
      "eventName", "eventSource", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "eventID",
      "eventType", "recipientAccountId",
    ]
    for key in plain where Int.random(in: 0..<5, using: &rng) > 0 { members.append("\"\(key)\":\(stringish(&rng))") }
    if Bool.random(using: &rng) {
      members.append(
        "\"readOnly\":" + ["true", "false", "\"true\"", "\"false\"", "\"maybe\"", "null"]
          .randomElement(using: &rng)!)
    }
    if Int.random(in: 0..<6, using: &rng) > 0 { members.append("\"userIdentity\":\(identity(&rng))") }
    if Bool.random(using: &rng) {
      let name = Bool.random(using: &rng) ? "\"name\":\(stringish(&rng))," : ""
      members.append("\"requestParameters\":{\(name)\"eventName\":\"Decoy\",\"inner\":{\"name\":\"Decoy\"}}")
    }
    members.append("\"responseElements\":{\"userIdentity\":{\"type\":\"Root\"},\"eventTime\":\"2001-01-01T00:00:00Z\"}")
    members.shuffle(using: &rng)
    return "{" + members.joined(separator: ",") + "}"
  }
}
