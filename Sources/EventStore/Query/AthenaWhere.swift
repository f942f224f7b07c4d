import CloudTrailModel

/// The part of a filter a remote SQL engine evaluates, and the part left to the local filter.
public struct RemoteCondition: Sendable, Equatable {
  /// A condition for the WHERE clause (`TRUE` when nothing could be sent).
  public var sql: String
  /// The predicates the condition stands for (never more narrowly than the local filter: see ``AthenaWhere``).
  public var pushed: [Predicate]
  /// The predicates only the local filter applies.
  public var local: [Predicate]
}

/// Compiles a filter to a Trino condition over AWS's CloudTrail table for Athena (the documented DDL: lower-case
/// columns, `useridentity` a struct, `requestparameters`, `responseelements` and `additionaleventdata` JSON text).
///
/// The condition never drops an event the local filter keeps; it may keep a few more, so the local filter always
/// runs over the rows that come back and the result is exactly the local one. That rule decides what is sent:
/// - `FIELD=PATTERN` on a column the table has, as `lower(col) LIKE '…' ESCAPE '\'`; `?` (one character, a grapheme
///   cluster locally) goes as `_%` (one code point or more), since a cluster may be several code points. On a plain
///   key of a JSON text column (`requestParameters.bucketName`) only when the pattern can match strings alone
///   (``scalarOnly(_:)``).
/// - `FIELD~TEXT` on a column as `strpos(lower(col), '…') > 0`.
/// - `readOnly=true|false` keeps records without the field (the local filter infers it from the event name).
/// - The time window, on the first 19 characters of `eventtime` (a space read as `T`), widened by a day either way:
///   the local reader also takes times with an offset.
/// - Values are data: only patterns and texts of printable ASCII are sent, quotes doubled, and `%`, `_` and `\`
///   escaped in LIKE patterns. Anything else stays local: other characters (SQL's `lower` and Swift's case
///   folding and grapheme clusters differ), `!=` (the negation of a wider match is narrower), `FIELD?`, the derived
///   fields (`user`, `role`, `mfaUsed`, `issuedAccessKey`), arrays, deeper paths and text search over the record.
///
/// For CloudTrail Lake (``SQLDialect/lake``) the same, except: `eventtime` is a timestamp, compared with timestamp
/// literals to the second; `readonly` a boolean; the JSON columns are maps, so JSON paths stay local.
public enum AthenaWhere {
  /// Whose table the condition is for.
  public enum SQLDialect: Sendable {
    /// AWS's CloudTrail table for Athena (strings and JSON text).
    case athena
    /// A CloudTrail Lake event data store (a timestamp, a boolean, maps).
    case lake
  }

  /// The condition for `filter`'s predicates.
  public static func compile(_ filter: EventFilter, dialect: SQLDialect = .athena) -> RemoteCondition {
    var pushed: [Predicate] = []
    var local: [Predicate] = []
    var parts: [String] = []
    // Several `=` on one target are ORed: the group goes together or stays local together.
    var groups: [Predicate.Target: [Predicate]] = [:]
    var order: [Predicate.Target] = []
    for predicate in filter.predicates {
      if predicate.isEquals {
        if groups[predicate.target] == nil { order.append(predicate.target) }
        groups[predicate.target, default: []].append(predicate)
      } else if let sql = condition(predicate, dialect) {
        parts.append(sql)
        pushed.append(predicate)
      } else {
        local.append(predicate)
      }
    }
    for target in order {
      let group = groups[target] ?? []
      let conditions = group.compactMap { condition($0, dialect) }
      if conditions.count == group.count {
        parts.append(conditions.count == 1 ? conditions[0] : "(" + conditions.joined(separator: " OR ") + ")")
        pushed += group
      } else {
        local += group
      }
    }
    return RemoteCondition(sql: parts.isEmpty ? "TRUE" : parts.joined(separator: " AND "), pushed: pushed, local: local)
  }

  /// The condition for one predicate, or nil when it stays local.
  static func condition(_ predicate: Predicate, _ dialect: SQLDialect = .athena) -> String? {
    if case .field(.time) = predicate.target, case .between(let low, let high) = predicate.test {
      return dialect == .lake ? timestampWindow(low, high) : window(low, high)
    }
    if case .field(.readOnly) = predicate.target, case .equals(let value) = predicate.test {
      let flag = value.lowercased()
      guard flag == "true" || flag == "false" else { return nil }
      return dialect == .lake
        ? "(readonly IS NULL OR readonly = \(flag))" : "(readonly IS NULL OR lower(readonly) = '\(flag)')"
    }
    if dialect == .lake, case .path = predicate.target { return nil }
    guard let (column, orMissing) = column(predicate.target) else { return nil }
    let test: String
    switch predicate.test {
    case .equals(let pattern):
      guard let like = like(pattern) else { return nil }
      if case .path = predicate.target, !scalarOnly(pattern) { return nil }
      test = "lower(\(column)) LIKE '\(like)' ESCAPE '\\'"
    case .contains(let text):
      guard isPrintableASCII(text) else { return nil }
      if case .path = predicate.target { return nil }
      test = "strpos(lower(\(column)), '\(quoted(text.lowercased()))') > 0"
    case .notEquals, .exists, .between:
      return nil
    }
    return orMissing ? "(\(test) OR \(column) IS NULL)" : test
  }

  /// The column expression for a target, and whether records without it must be kept (the local field falls back
  /// to another place: Insights events name their call in `insightDetails`).
  static func column(_ target: Predicate.Target) -> (String, Bool)? {
    switch target {
    case .field(let field):
      switch field {
      case .eventName: return ("eventname", true)
      case .eventSource: return ("eventsource", true)
      case .identityType: return ("useridentity.type", false)
      case .arn: return ("useridentity.arn", false)
      case .principalId: return ("useridentity.principalid", false)
      case .accountId: return ("useridentity.accountid", false)
      case .accessKeyId: return ("useridentity.accesskeyid", false)
      case .sourceIP: return ("sourceipaddress", false)
      case .userAgent: return ("useragent", false)
      case .region: return ("awsregion", false)
      case .errorCode: return ("errorcode", false)
      case .errorMessage: return ("errormessage", false)
      case .eventType: return ("eventtype", false)
      case .eventCategory: return ("eventcategory", false)
      case .recipientAccount: return ("recipientaccountid", false)
      case .eventID: return ("eventid", false)
      case .requestID: return ("requestid", false)
      default: return nil
      }
    case .path(let path):
      // A plain key of a JSON text column: requestParameters.bucketName.
      let parts = path.description.split(separator: ".", omittingEmptySubsequences: false)
      let columns = [
        "requestParameters": "requestparameters", "responseElements": "responseelements",
        "additionalEventData": "additionaleventdata",
      ]
      guard parts.count == 2, let column = columns[String(parts[0])],
        !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 < 0x80 && (isAlphanumeric($0) || $0 == 0x5F) })
      else { return nil }
      return ("json_extract_scalar(\(column), '$.\(parts[1])')", false)
    case .text:
      return nil
    }
  }

  /// True when a pattern on a JSON path can only match a string value, so that `json_extract_scalar` (a string's
  /// text; a number's text in the engine's own spelling; NULL for null, objects and arrays) loses nothing the local
  /// reader (numbers and literals as written, objects and arrays as compact JSON) would match: its first character
  /// is a literal that starts no number (`-`, a digit), no `null`, object or array.
  static func scalarOnly(_ pattern: String) -> Bool {
    var first = pattern.lowercased().first
    if first == "\\" { first = pattern.dropFirst().first } else if first == "*" || first == "?" { return false }
    guard let first else { return false }
    return !(first.isNumber || "-n{[".contains(first))
  }

  /// The time window on `eventtime`'s first 19 characters, widened by a day either way.
  static func window(_ low: Int64?, _ high: Int64?) -> String? {
    let time = "replace(substr(eventtime, 1, 19), ' ', 'T')"
    var parts: [String] = []
    if let low { parts.append("\(time) >= '\(stamp(low - 86_400))'") }
    if let high { parts.append("\(time) <= '\(stamp(high + 86_400))'") }
    return parts.isEmpty ? nil : "(" + parts.joined(separator: " AND ") + ")"
  }

  /// The time window on a timestamp `eventtime` (CloudTrail Lake), to the second.
  static func timestampWindow(_ low: Int64?, _ high: Int64?) -> String? {
    var parts: [String] = []
    func literal(_ t: Int64) -> String { "timestamp '" + stamp(t).replacingOccurrences(of: "T", with: " ") + "'" }
    if let low { parts.append("eventtime >= \(literal(low))") }
    if let high { parts.append("eventtime <= \(literal(high))") }
    return parts.isEmpty ? nil : "(" + parts.joined(separator: " AND ") + ")"
  }

  /// `YYYY-MM-DDTHH:MM:SS` for seconds since 1970 (clamped to years 0001–9999).
  static func stamp(_ seconds: Int64) -> String {
    let clamped = min(max(seconds, -62_135_596_800), 253_402_300_799)
    return String(EventTime.formatISO(clamped).prefix(19))
  }

  /// A trailview pattern as a LIKE pattern (lowercase, `\` the escape), or nil when it is not printable ASCII.
  static func like(_ pattern: String) -> String? {
    guard isPrintableASCII(pattern) else { return nil }
    var out = ""
    var escaped = false
    for c in pattern.lowercased() {
      if escaped {
        out += literal(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "*" {
        out += "%"
      } else if c == "?" {
        out += "_%"
      } else {
        out += literal(c)
      }
    }
    if escaped { out += literal("\\") }
    return out
  }

  private static func literal(_ c: Character) -> String {
    switch c {
    case "%", "_", "\\": return "\\" + String(c)
    case "'": return "''"
    default: return String(c)
    }
  }

  /// `text` inside single quotes: quotes doubled (backslashes are plain characters outside LIKE).
  static func quoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }

  static func isPrintableASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

  private static func isAlphanumeric(_ b: UInt8) -> Bool {
    (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
  }
}
