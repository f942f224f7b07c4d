import CloudTrailModel

extension LogFileSource {
  /// Reads every record in the CloudTrail log files and folders under `paths` (gzip or not), the way the store
  /// does, and returns them as separate JSON objects with the problems met (for `cloudtrail-fake` and tests).
  public static func readRecords(
    _ paths: [String], maxFileBytes: Int = defaultMaxFileBytes
  ) -> (records: [[UInt8]], problems: [LoadProblem]) {
    let (files, found) = FileDiscovery.discover(paths)
    var problems = found
    var records: [[UInt8]] = []
    for file in files {
      switch readFile(file.path, maxBytes: maxFileBytes) {
      case .success(let bytes):
        let scan = RecordScanner.scan(bytes.bytes)
        if scan.shape != .digest {
          problems += scan.problems.map { LoadProblem(source: file.path, reason: $0) }
        }
        records += scan.records.map { Array(scan.buffer[$0.range]) }
      case .failure(let problem):
        problems.append(problem)
      }
    }
    return (records, problems)
  }
}
