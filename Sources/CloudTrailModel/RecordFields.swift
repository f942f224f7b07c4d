/// The values of one CloudTrail record at the paths of ``ScanSlot``, as located by ``RecordScanner``.
///
/// String values refer into the scan buffer; decode them with ``JSONStringRef/decode(in:)``. Read them with
/// `fields[.eventName]`.
public struct RecordFields: Sendable, Equatable {
  /// Room for every slot (checked when the scan plan is built).
  static let capacity = 32

  /// `eventTime` as seconds since 1970 (UTC), or nil when missing or not an ISO 8601 string.
  public var eventTime: Int64? = nil
  /// `readOnly`: a JSON bool in log files, the string "true"/"false" elsewhere; nil when absent.
  public var readOnly: Bool? = nil
  private var refs = InlineArray<32, JSONStringRef>(repeating: .absent)

  /// Creates an empty set of fields.
  public init() {}

  /// The string value at `slot`'s path, or ``JSONStringRef/absent``.
  public subscript(slot: ScanSlot) -> JSONStringRef {
    get { refs[slot.rawValue] }
    set { refs[slot.rawValue] = newValue }
  }

  /// The string value in slot number `index`.
  subscript(index index: Int) -> JSONStringRef {
    get { refs[index] }
    set { refs[index] = newValue }
  }

  /// Compares every slot.
  public static func == (a: RecordFields, b: RecordFields) -> Bool {
    guard a.eventTime == b.eventTime, a.readOnly == b.readOnly else { return false }
    for i in 0..<capacity where a.refs[i] != b.refs[i] { return false }
    return true
  }
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
