import CloudTrailModel

/// Writes events in an ``ExportFormat`` through a byte sink: shared by the export screen and print mode.
public struct EventExport {
  /// The snapshot the events come from.
  public let snapshot: EventSnapshot
  /// The events, as row ids, in output order.
  public let rows: [UInt32]
  /// The format.
  public let format: ExportFormat
  /// The CSV columns.
  public let columns: [ExportColumn]

  /// Creates an export of `rows` (default: the visible events, newest first).
  public init(snapshot: EventSnapshot, rows: [UInt32]? = nil, format: ExportFormat, columns: [Field] = []) {
    self.init(snapshot: snapshot, rows: rows, format: format, exportColumns: columns.map(ExportColumn.field))
  }

  /// Creates an export of `rows` whose CSV columns may include what the detection rules found.
  public init(snapshot: EventSnapshot, rows: [UInt32]? = nil, format: ExportFormat, exportColumns: [ExportColumn]) {
    self.snapshot = snapshot
    self.rows = rows ?? snapshot.visible
    self.format = format
    self.columns = exportColumns
  }

  /// Writes everything to `sink` in pieces of about 1 MiB; `progress` gets (events written, events in all) after
  /// each piece. A throwing sink stops the export with its error.
  public func write(
    to sink: (UnsafeRawBufferPointer) throws -> Void, progress: (Int, Int) -> Void = { _, _ in }
  ) throws {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20 + 1 << 16)
    func flush(_ done: Int) throws {
      try buffer.withUnsafeBytes { try sink($0) }
      buffer.removeAll(keepingCapacity: true)
      progress(done, rows.count)
    }
    switch format {
    case .ndjson:
      for (i, row) in rows.enumerated() {
        Self.appendRecord(snapshot.record(row: row), to: &buffer)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush(i + 1) }
      }
    case .json:
      buffer.append(contentsOf: Array("{\"Records\":[".utf8))
      for (i, row) in rows.enumerated() {
        buffer.append(contentsOf: i == 0 ? [0x0A] : [0x2C, 0x0A])
        Self.appendRecord(snapshot.record(row: row), to: &buffer)
        if buffer.count >= 1 << 20 { try flush(i + 1) }
      }
      buffer.append(contentsOf: Array("\n]}\n".utf8))
    case .csv:
      buffer.append(contentsOf: Array((columns.map(\.csvHeader).joined(separator: ",") + "\r\n").utf8))
      for (i, row) in rows.enumerated() {
        let cells = columns.map { CSVCell.cell($0.text(snapshot, row: row)) }
        buffer.append(contentsOf: Array((cells.joined(separator: ",") + "\r\n").utf8))
        if buffer.count >= 1 << 20 { try flush(i + 1) }
      }
    }
    try flush(rows.count)
  }

  /// Appends a record on one line, safe for a terminal: as it is when it is plain ASCII without controls (most
  /// records), else through ``CloudTrailModel/JSONPretty/compact(_:)``.
  static func appendRecord(_ record: ArraySlice<UInt8>, to buffer: inout [UInt8]) {
    if isPlain(record) {
      buffer.append(contentsOf: record)
    } else {
      buffer.append(contentsOf: JSONPretty.compact(record))
    }
  }

  /// True when every byte is printable ASCII or a space (no controls, no DEL, nothing above 0x7F).
  static func isPlain(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      let ones: UInt64 = 0x0101_0101_0101_0101
      var i = 0
      let raw = UnsafeRawPointer(b.baseAddress!)
      while i + 8 <= b.count {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // High bit set, a byte below 0x20, or 0x7F (0x7F + 1 sets the high bit).
        let low = (w &- ones &* 0x20) & ~w
        let del = (w ^ (ones &* 0x7F))
        let isDel = (del &- ones) & ~del
        if (w | low | isDel) & (ones &* 0x80) != 0 { return false }
        i += 8
      }
      while i < b.count {
        let c = b[i]
        if c < 0x20 || c >= 0x7F { return false }
        i += 1
      }
      return true
    }
  }
}
