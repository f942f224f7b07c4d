/// The shape of a file's contents, as detected by ``RecordScanner``.
public enum FileShape: String, Sendable, Equatable {
  /// `{"Records":[...]}` as CloudTrail delivers to S3.
  case records
  /// A bare JSON array of records.
  case array
  /// One record (or one `{"Records":...}` batch) per line.
  case ndjson
  /// A single record object.
  case single
  /// The output of `aws cloudtrail lookup-events`: `{"Events":[{"CloudTrailEvent":"..."}]}`.
  case lookupEvents
  /// A CloudTrail digest file (skipped quietly).
  case digest
  /// Empty or whitespace only.
  case empty
  /// Not recognisable as CloudTrail.
  case unknown
}

/// The result of scanning one file's bytes.
public struct ScanResult: Sendable {
  /// The bytes the record ranges refer to: the input itself, or for lookup-events output the unescaped records.
  public var buffer: [UInt8]
  /// The records found, in file order.
  public var records: [ScannedRecord]
  /// The detected shape.
  public var shape: FileShape
  /// Why the file, or part of it, could not be read; empty when every byte was understood.
  public var problems: [String]

  /// Creates a scan result.
  public init(buffer: [UInt8], records: [ScannedRecord], shape: FileShape, problems: [String]) {
    self.buffer = buffer
    self.records = records
    self.shape = shape
    self.problems = problems
  }
}

/// Finds CloudTrail records in a file's bytes without building dictionaries.
public enum RecordScanner {
  /// Scans a whole file's (decompressed) contents.
  ///
  /// - Parameter bytes: the file's bytes, optionally starting with a UTF-8 BOM.
  /// - Returns: the records found, the shape, and any problems (invalid JSON, not CloudTrail, skipped records).
  public static func scan(_ bytes: [UInt8]) -> ScanResult {
    // Placeholder until the scanner lands.
    ScanResult(buffer: bytes, records: [], shape: .unknown, problems: ["scanner not implemented"])
  }
}

extension JSONStringRef {
  /// Decodes the referenced JSON string content (resolving escapes; invalid UTF-8 is repaired).
  public func decode(in buffer: [UInt8]) -> String {
    guard isPresent else { return "" }
    return String(decoding: buffer[start..<end], as: UTF8.self)
  }
}
