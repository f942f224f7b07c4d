import CloudTrailModel

extension DigestChain {
  /// What to ask ListPublicKeys for `digests`: each region's digests (from the `CloudTrail-Digest/REGION/` part of
  /// the key) span their oldest start to their newest end, plus two hours (keys rotate; the AWS CLI asks as much).
  /// A backfill digest, signed when it was made, adds the hour either side of that time. Digests that cannot be
  /// parsed are left out; regions in order.
  public static func keyRequests(_ digests: [Input]) -> [(region: String, start: Int64, end: Int64)] {
    var spans: [String: (start: Int64, end: Int64)] = [:]
    for input in digests {
      guard let range = input.key.range(of: "/CloudTrail-Digest/"),
        let region = input.key[range.upperBound...].split(separator: "/").first,
        case .success(let digest) = input.parsed,
        let start = EventTime.parse(ArraySlice(digest.startTime.utf8)),
        let end = EventTime.parse(ArraySlice(digest.endTime.utf8))
      else { continue }
      var span = spans[String(region)] ?? (start, end + 7_200)
      span = (min(span.start, start), max(span.end, end + 7_200))
      if let made = input.backfillGeneratedAt.flatMap({ EventTime.parse(ArraySlice($0.utf8)) }) {
        span = (min(span.start, made - 3_600), max(span.end, made + 3_600))
      }
      spans[String(region)] = span
    }
    return spans.keys.sorted().map { ($0, spans[$0]!.start, spans[$0]!.end) }
  }
}
