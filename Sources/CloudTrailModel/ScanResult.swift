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
