import CloudTrailModel

/// The part of a filter CloudWatch Logs' FilterLogEvents can apply itself, as a JSON filter pattern
/// (`{ ($.sourceIPAddress = "198.51.100.7") }`); the local filter still runs over what comes back.
///
/// CloudWatch compares text with case where trailview ignores it, and its wildcard and escaping rules are thinly
/// documented, so only what cannot differ is sent: `FIELD=VALUE` on a plain record field (the source address, the
/// accounts, the event ID) whose value has no letter, no wildcard and no character that needs escaping (digits and
/// `. : -` only; an IPv4 address, an account number). Several values on one field are ORed, fields ANDed.
/// Everything else stays local.
public enum LogFilterPattern {
  /// The pattern for `filter`, or nil when nothing can be sent.
  public static func compile(_ filter: EventFilter) -> String? {
    var groups: [(path: String, values: [String])] = []
    var skipped = Set<String>()
    for predicate in filter.predicates {
      guard case .field(let field) = predicate.target, let path = path(field) else { continue }
      guard case .equals(let value) = predicate.test, plain(value) else {
        if case .equals = predicate.test { skipped.insert(path) }
        continue
      }
      if let i = groups.firstIndex(where: { $0.path == path }) {
        groups[i].values.append(value)
      } else {
        groups.append((path, [value]))
      }
    }
    // A field with a value that cannot be sent is ORed with the ones that can: none of them goes.
    let sent = groups.filter { !skipped.contains($0.path) }
    guard !sent.isEmpty else { return nil }
    let terms = sent.map { group in
      "(" + group.values.map { "$.\(group.path) = \"\($0)\"" }.joined(separator: " || ") + ")"
    }
    return "{ " + terms.joined(separator: " && ") + " }"
  }

  /// The record path of a field CloudWatch can compare as it is.
  static func path(_ field: Field) -> String? {
    switch field {
    case .sourceIP: return "sourceIPAddress"
    case .recipientAccount: return "recipientAccountId"
    case .accountId: return "userIdentity.accountId"
    default: return nil
    }
  }

  /// Digits and `. : -` only, not empty, at most 256 characters.
  static func plain(_ value: String) -> Bool {
    !value.isEmpty && value.utf8.count <= 256
      && value.utf8.allSatisfy { (0x30...0x39).contains($0) || ".:-".utf8.contains($0) }
  }
}
