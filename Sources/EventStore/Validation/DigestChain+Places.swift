extension DigestChain {
  /// The same digest read twice (a bucket and a local copy of it) once, with its signature when one read had it.
  static func unique(_ inputs: [Input]) -> [Input] {
    var seen: [String: Int] = [:]
    var unique: [Input] = []
    for input in inputs {
      let place = "\(input.bucket)/\(input.key)"
      if let at = seen[place] {
        if unique[at].signature == nil { unique[at] = input }
      } else {
        seen[place] = unique.count
        unique.append(input)
      }
    }
    return unique
  }

  /// The chain a digest belongs to, from its key: one per account, region, trail and home region (the file name
  /// without its time), whatever the bucket; backfill digests chain apart. A file not named the CloudTrail way goes
  /// by its account and region; a key outside the layout is a chain of its own.
  static func chainName(_ key: String) -> String {
    guard let start = key.range(of: "AWSLogs/"), let digestDir = key.range(of: "/CloudTrail-Digest/") else {
      return key
    }
    let account = key[start.upperBound..<digestDir.lowerBound]
    let rest = key[digestDir.upperBound...]
    let region = rest.prefix { $0 != "/" }
    let file = rest.split(separator: "/").last ?? ""
    let backfill = file.hasSuffix("_backfill.json.gz")
    // ACCOUNT_CloudTrail-Digest_REGION_NAME_HOME_20261130T060000Z[_backfill].json.gz: drop the time.
    let named = file.contains("_CloudTrail-Digest_") ? file.split(separator: "_").dropLast(backfill ? 2 : 1) : []
    return "\(account)/\(region)/" + named.joined(separator: "_") + (backfill ? "/backfill" : "")
  }
}

extension DigestChain {
  /// Where each log file read from a source (a path or an `s3://` URL) is, as digests name places (`bucket/key`): a
  /// URL names its place; a local copy keeps no bucket name (nor, synced from below it, the trail's key prefix), so
  /// its file takes the place a digest lists for its key from `AWSLogs/` on (else the first digest's bucket).
  public static func logPlaces(_ sources: some Sequence<String>, digests: [Input]) -> [String: String] {
    var placeOf: [Substring: String] = [:]
    for input in digests {
      for file in (try? input.parsed.get())?.logFiles ?? [] {
        if let key = FileEvidence.key(file.key) { placeOf[key] = "\(file.bucket)/\(file.key)" }
      }
    }
    let someBucket = digests.first?.bucket ?? ""
    var places: [String: String] = [:]
    for source in sources {
      if let (bucket, key) = S3Source.parse(source) {
        places[source] = "\(bucket)/\(key)"
      } else if let key = FileEvidence.key(source) {
        places[source] = placeOf[key] ?? "\(someBucket)/\(key)"
      }
    }
    return places
  }
}
