/// The values of one CloudTrail record at the paths of ``ScanSlot``, as located by ``RecordScanner``.
///
/// String values refer into the scan buffer; decode them with ``JSONStringRef/decode(in:)``. Read them with
/// `fields[.eventName]`.
public struct RecordFields: Sendable, Equatable {
  /// Room for every slot (checked when the scan plan is built).
  public static let capacity = 32

  /// `eventTime` as seconds since 1970 (UTC), or nil when missing or not an ISO 8601 string.
  public var eventTime: Int64? = nil
  /// `readOnly`: a JSON bool in log files, the string "true"/"false" elsewhere; nil when absent.
  public var readOnly: Bool? = nil
  @usableFromInline var refs = InlineArray<32, JSONStringRef>(repeating: .absent)
  /// Which keys on the slots' paths the scanner met (nil when the fields were not filled by the scanner).
  public var keys: KeyPresence? = nil

  /// Creates an empty set of fields.
  public init() {}

  /// The string value at `slot`'s path, or ``JSONStringRef/absent``.
  @inlinable
  public subscript(slot: ScanSlot) -> JSONStringRef {
    // Read through `span`: a plain `refs[i]` with an index not known at compile time copies the whole array first
    // (Swift 6.3), 384 bytes per read.
    get { refs.span[slot.rawValue] }
    set { refs[slot.rawValue] = newValue }
  }

  /// The string value in slot number `index`.
  subscript(index index: Int) -> JSONStringRef {
    get { refs.span[index] }
    set { refs[index] = newValue }
  }

  /// Compares every slot (not ``keys``, which says how far the slots can be trusted).
  public static func == (a: RecordFields, b: RecordFields) -> Bool {
    guard a.eventTime == b.eventTime, a.readOnly == b.readOnly else { return false }
    let (x, y) = (a.refs.span, b.refs.span)
    for i in 0..<capacity where x[i] != y[i] { return false }
    return true
  }
}

extension RecordFields {
  /// What a slot says about the JSON path it is read from.
  public enum PathValue: Sendable, Equatable {
    /// The path reaches exactly one value: the slot's string.
    case string
    /// The path reaches nothing in the record.
    case missing
    /// Only reading the record can tell (a repeated key, a non-string value, an array on the way).
    case unknown
  }

  /// Whether the slot's string (or its absence) is everything `slot`'s JSON path reaches in the record, looking
  /// into arrays as ``JSONPath`` does. A slot is read without descending into arrays and keeps the last of
  /// repeated keys; so it answers only when no key on the slots' paths repeated, and reports a missing value only
  /// when its key never came up and nothing on its way was an array or a scalar.
  @inlinable
  public func pathValue(_ slot: ScanSlot) -> PathValue {
    guard let keys, !keys.repeated else { return .unknown }
    if self[slot].isPresent { return .string }
    let bits = Self.slotBits[slot.rawValue]
    return keys.seen & bits.leaf == 0 && keys.opaque & bits.ancestors == 0 ? .missing : .unknown
  }
}

extension RecordFields {
  /// The standard plan's bits per slot, copied out of the plan (a class) so that reading them touches no reference
  /// count.
  @usableFromInline static let slotBits = ScanPlan.standard.slotBits
}

/// The keys on ``ScanSlot`` paths that one record held, as the scanner met them.
public struct KeyPresence: Sendable, Equatable {
  /// A key came up twice at the same place (JSON allows it; the slot keeps the last one).
  @usableFromInline var repeated: Bool
  /// The plan entries whose keys came up.
  @usableFromInline var seen: UInt64
  /// The entries leading to deeper keys whose value was not an object.
  @usableFromInline var opaque: UInt64
}

/// One record found by ``RecordScanner``: where its JSON object lies in the buffer, and its indexed fields.
public struct ScannedRecord: Sendable, Equatable {
  /// Byte range of the record's JSON object (from `{` to `}` inclusive) in ``ScanResult/buffer``.
  public var range: Range<Int>
  /// The indexed fields.
  public var fields: RecordFields

  /// Creates a scanned record.
  public init(range: Range<Int>, fields: RecordFields) {
    self.range = range
    self.fields = fields
  }
}
