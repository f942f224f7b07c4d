import CloudTrailModel
import Foundation

/// ``Identity/displayName(_:in:)`` without building `String`s: the answer as a byte range of the buffer, a fixed
/// text, or (for values with escapes or non-ASCII bytes where character rules matter) the `String` path's answer.
enum IdentityBytes {
  enum Name {
    /// The value is the buffer's bytes `start..<end` (no escapes).
    case bytes(Int, Int)
    /// The value is this field, which may hold escapes.
    case field(JSONStringRef)
    /// A fixed or computed text.
    case text(String)
    /// No value.
    case none
  }

  /// Same result as `Identity.roleName(fields, in: buffer)` (nil as ``Name/none``).
  static func roleName(_ f: RecordFields, in buffer: UnsafeBufferPointer<UInt8>) -> Name {
    let issuer = f[.sessionIssuerUserName]
    if issuer.isPresent && issuer.end > issuer.start { return .field(issuer) }
    let arn = f[.arn]
    guard arn.isPresent, arn.end > arn.start else { return .none }
    // The resource is what follows the fifth colon.
    var colons = 0
    var i = arn.start
    while i < arn.end && colons < 5 {
      if buffer[i] == 0x3A { colons += 1 }
      i += 1
    }
    guard colons == 5 else { return .none }
    var slashes: [Int] = []
    var j = i
    while j < arn.end {
      if buffer[j] == 0x2F { slashes.append(j) }
      j += 1
    }
    guard let firstSlash = slashes.first else { return .none }
    if matches(buffer, i, firstSlash, "assumed-role"), slashes.count >= 2 {
      guard !arn.hasEscapes else { return .text(Identity.roleName(f, in: Array(buffer)) ?? "") }
      return slashes[1] > firstSlash + 1 ? .bytes(firstSlash + 1, slashes[1]) : .none
    }
    if matches(buffer, i, firstSlash, "role") {
      guard !arn.hasEscapes else { return .text(Identity.roleName(f, in: Array(buffer)) ?? "") }
      return slashes.last! + 1 < arn.end ? .bytes(slashes.last! + 1, arn.end) : .none
    }
    return .none
  }

  /// True when `buffer[start..<end]` spells `word`.
  private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: String) -> Bool {
    let bytes = Array(word.utf8)
    guard end - start == bytes.count else { return false }
    for k in 0..<bytes.count where buffer[start + k] != bytes[k] { return false }
    return true
  }

  /// Same result as `Identity.displayName(fields, in: buffer)`.
  static func displayName(_ f: RecordFields, in buffer: UnsafeBufferPointer<UInt8>, array: [UInt8]) -> Name {
    @inline(__always) func has(_ ref: JSONStringRef) -> Bool { ref.isPresent && ref.end > ref.start }
    guard has(f[.identityType]) else {
      if has(f[.invokedBy]) { return .field(f[.invokedBy]) }
      if has(f[.userName]) { return .field(f[.userName]) }
      return .text("—")
    }
    let type = f[.identityType]
    guard !type.hasEscapes, isASCII(buffer, type) else { return .text(Identity.displayName(f, in: array)) }
    func fallback() -> Name {
      if has(f[.userName]) { return .field(f[.userName]) }
      if has(f[.principalId]) { return .field(f[.principalId]) }
      return .text("unknown")
    }
    switch kind(buffer, type) {
    case .iamUser:
      if has(f[.userName]) { return .field(f[.userName]) }
      if has(f[.arn]) {
        guard !f[.arn].hasEscapes, isASCII(buffer, f[.arn]) else { return .text(Identity.displayName(f, in: array)) }
        if let name = userNameInARN(buffer, f[.arn]) { return name }
      }
      return fallback()
    case .assumedRole:
      if has(f[.arn]) {
        guard !f[.arn].hasEscapes, isASCII(buffer, f[.arn]) else { return .text(Identity.displayName(f, in: array)) }
        if let tail = lastComponent(buffer, f[.arn]) { return tail }
      }
      if has(f[.sessionIssuerUserName]) { return .field(f[.sessionIssuerUserName]) }
      return fallback()
    case .role:
      if has(f[.sessionIssuerUserName]) { return .field(f[.sessionIssuerUserName]) }
      if has(f[.arn]) {
        guard !f[.arn].hasEscapes, isASCII(buffer, f[.arn]) else { return .text(Identity.displayName(f, in: array)) }
        if let tail = lastComponent(buffer, f[.arn]) { return tail }
      }
      return fallback()
    case .root: return .text("root")
    case .federatedUser:
      if has(f[.arn]) {
        guard !f[.arn].hasEscapes, isASCII(buffer, f[.arn]) else { return .text(Identity.displayName(f, in: array)) }
        if let name = federatedName(buffer, f[.arn]) { return name }
      }
      return fallback()
    case .awsService:
      if has(f[.invokedBy]) { return .field(f[.invokedBy]) }
      return fallback()
    case .awsAccount:
      if has(f[.invokedBy]) { return .field(f[.invokedBy]) }
      if has(f[.accountId]) { return .field(f[.accountId]) }
      return fallback()
    case .identityCenterUser:
      if has(f[.userName]) { return .field(f[.userName]) }
      if has(f[.onBehalfOfUserId]) { return .field(f[.onBehalfOfUserId]) }
      if has(f[.principalId]) { return .field(f[.principalId]) }
      return .text("unknown")
    case .other: return fallback()
    }
  }

  /// The `userIdentity.type` values with their own rule.
  enum Kind: String, CaseIterable {
    case iamUser = "IAMUser"
    case assumedRole = "AssumedRole"
    case role = "Role"
    case root = "Root"
    case federatedUser = "FederatedUser"
    case awsService = "AWSService"
    case awsAccount = "AWSAccount"
    case identityCenterUser = "IdentityCenterUser"
    case other = ""

    static let spelled: [(Kind, [UInt8])] = allCases.map { ($0, Array($0.rawValue.utf8)) }
  }

  /// The known type the bytes spell, or `.other`.
  private static func kind(_ buffer: UnsafeBufferPointer<UInt8>, _ ref: JSONStringRef) -> Kind {
    let length = ref.end - ref.start
    for (kind, name) in Kind.spelled where name.count == length && length > 0 {
      if name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, buffer.baseAddress! + ref.start, length) }) == 0 {
        return kind
      }
    }
    return .other
  }

  static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>, _ ref: JSONStringRef) -> Bool {
    var i = ref.start
    while i < ref.end {
      if buffer[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  /// The bytes after the last `/`, when there is one and something follows it.
  private static func lastComponent(_ buffer: UnsafeBufferPointer<UInt8>, _ ref: JSONStringRef) -> Name? {
    var i = ref.end - 1
    while i >= ref.start {
      if buffer[i] == 0x2F { return i + 1 < ref.end ? .bytes(i + 1, ref.end) : nil }
      i -= 1
    }
    return nil
  }

  /// `NAME` from an ARN whose sixth `:`-separated part is `user/NAME` or `user/PATH/NAME`.
  private static func userNameInARN(_ buffer: UnsafeBufferPointer<UInt8>, _ ref: JSONStringRef) -> Name? {
    var colons = 0
    var i = ref.start
    while i < ref.end && colons < 5 {
      if buffer[i] == 0x3A { colons += 1 }
      i += 1
    }
    let prefix = Array("user/".utf8)
    guard colons == 5, ref.end - i > prefix.count else { return nil }
    for k in 0..<prefix.count where buffer[i + k] != prefix[k] { return nil }
    return lastComponent(buffer, ref)
  }

  /// `NAME` from an ARN whose sixth `:`-separated part is `federated-user/NAME`.
  private static func federatedName(_ buffer: UnsafeBufferPointer<UInt8>, _ ref: JSONStringRef) -> Name? {
    var colons = 0
    var i = ref.start
    while i < ref.end && colons < 5 {
      if buffer[i] == 0x3A { colons += 1 }
      i += 1
    }
    guard colons == 5 else { return nil }
    let prefix = Array("federated-user/".utf8)
    guard ref.end - i > prefix.count else { return nil }
    for k in 0..<prefix.count where buffer[i + k] != prefix[k] { return nil }
    return .bytes(i + prefix.count, ref.end)
  }
}
