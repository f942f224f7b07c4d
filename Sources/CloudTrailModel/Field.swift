/// Every field trailview can show, filter on, count and export, declared once: its name, JSON path, how its value is
/// obtained, and how a table column of it is sized (``FieldSpec``).
///
/// Scanner extraction (through ``ScanSlot``), the store's columns, table, CSV and print columns, filter predicates,
/// prompt completion and counting all come from this list. Any other JSON path is reachable too: ``JSONPath`` reads
/// it from the raw record on demand.
public enum Field: Int, CaseIterable, Sendable, Hashable, Codable {
  /// `eventTime`.
  case time
  /// `eventName`.
  case eventName
  /// `eventSource`.
  case eventSource
  /// The identity a responder would name (``Identity/displayName(_:in:)``).
  case user
  /// `userIdentity.type`.
  case identityType
  /// The role behind an assumed-role session (``Identity/roleName(_:in:)``).
  case role
  /// `userIdentity.arn`.
  case arn
  /// `userIdentity.principalId`.
  case principalId
  /// `userIdentity.accountId`.
  case accountId
  /// `userIdentity.accessKeyId`.
  case accessKeyId
  /// `sourceIPAddress`.
  case sourceIP
  /// `userAgent`.
  case userAgent
  /// `awsRegion`.
  case region
  /// `readOnly` ("true" or "false"; inferred from the event name when the record has none).
  case readOnly
  /// `errorCode`.
  case errorCode
  /// `errorMessage`.
  case errorMessage
  /// `eventType`.
  case eventType
  /// `eventCategory`.
  case eventCategory
  /// `recipientAccountId`.
  case recipientAccount
  /// `resources[].ARN`.
  case resources
  /// `resources[].type`.
  case resourceType
  /// `eventID`.
  case eventID
  /// `requestID`.
  case requestID
  /// Whether MFA was used: `additionalEventData.MFAUsed`, else `sessionContext.attributes.mfaAuthenticated`.
  case mfaUsed
  /// The access key a call issued: `responseElements.credentials.accessKeyId` (AssumeRole, GetSessionToken,
  /// GetFederationToken, ...) or `responseElements.accessKey.accessKeyId` (CreateAccessKey).
  case issuedAccessKey

  /// The field's declaration.
  public var spec: FieldSpec { Self.specs[rawValue] }

  /// The name used on the command line, in the config file and in breadcrumbs (`eventName`, `user`, ...).
  public var name: String { spec.name }

  /// The field called `name` (exact, or ignoring case), if any.
  public init?(name: String) {
    if let field = Self.byName[name] ?? Self.byName[name.lowercased()] {
      self = field
    } else {
      return nil
    }
  }

  /// The fields stored as interned columns in the store, in column order.
  public static let columnFields: [Field] = allCases.filter { $0.spec.isColumn }

  /// This field's index among ``columnFields``, or nil when it is not a column.
  public var columnIndex: Int? { Self.columnIndexes[rawValue] }

  private static let columnIndexes: [Int?] = allCases.map { columnFields.firstIndex(of: $0) }

  private static let byName: [String: Field] = {
    var names: [String: Field] = [:]
    for field in allCases {
      names[field.spec.name] = field
      names[field.spec.name.lowercased()] = field
      for alias in field.spec.aliases { names[alias.lowercased()] = field }
    }
    return names
  }()
}

/// How a field's value is obtained.
public enum FieldSource: Sendable, Equatable {
  /// `eventTime`, kept as seconds in the store's time column.
  case time
  /// `readOnly`, kept as a flag (with whether it was inferred).
  case readOnly
  /// A column interned from one scan slot.
  case slot(ScanSlot)
  /// A column interned from the first slot that is present (Insights events name their call in
  /// `insightDetails`).
  case slotOr(ScanSlot, ScanSlot)
  /// A column derived from the identity slots: ``Identity/displayName(_:in:)``.
  case user
  /// A column derived from the identity slots: ``Identity/roleName(_:in:)``.
  case role
  /// A column derived from `additionalEventData.MFAUsed` and `sessionContext.attributes.mfaAuthenticated`.
  case mfa
  /// A column derived from `responseElements.credentials.accessKeyId` and `responseElements.accessKey.accessKeyId`.
  case issuedKey
  /// Not stored: read from the raw record at ``FieldSpec/path`` when needed.
  case onDemand
}

/// How wide a table column of a field may be: it starts at `minimum`, takes spare width in proportion to `weight`,
/// and stops at `cap`.
public struct ColumnWidth: Sendable, Equatable {
  /// Narrowest useful width.
  public var minimum: Int
  /// Share of spare width (0: never grows).
  public var weight: Int
  /// Widest useful width.
  public var cap: Int

  /// Creates a width rule.
  public init(_ minimum: Int, _ weight: Int, _ cap: Int) {
    self.minimum = minimum
    self.weight = weight
    self.cap = cap
  }
}

/// The declaration of one ``Field``.
public struct FieldSpec: Sendable {
  /// Command-line and config name.
  public var name: String
  /// Other accepted names (JSON key spellings such as `sourceIPAddress`).
  public var aliases: [String]
  /// Table column title.
  public var title: String
  /// The JSON path the value comes from (`userIdentity.arn`, `resources[].ARN`).
  public var path: String
  /// How the value is obtained.
  public var source: FieldSource
  /// Table column width.
  public var width: ColumnWidth
  /// One line for help texts.
  public var help: String

  /// True when the store keeps the field as an interned column (filters and counts run on ids).
  public var isColumn: Bool {
    switch source {
    case .slot, .slotOr, .user, .role, .mfa, .issuedKey: return true
    case .time, .readOnly, .onDemand: return false
    }
  }
}
