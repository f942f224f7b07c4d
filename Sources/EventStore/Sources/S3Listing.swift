import AWSClient

/// Lists a bucket's CloudTrail log keys the way the layout allows: accounts (and organizations' accounts) under
/// `AWSLogs/`, regions under `CloudTrail/` and `CloudTrail-Insight/`, then each region's chosen days (or all of it),
/// so that a time window never lists the whole bucket.
struct S3Listing {
  let client: S3Client
  let bucket: String

  /// The log keys (`.json.gz`, `.json`) under `prefix`, newest first (by the time in their names); prefixes that
  /// cannot be listed are added to `problems`. `services` are the folders beside each account's regions
  /// (`CloudTrail-Digest/` for digests).
  /// `listed` hears the number of keys found so far after each folder is listed.
  func logKeys(
    under prefix: String, days: [String]?, services: [String] = ["CloudTrail/", "CloudTrail-Insight/"],
    problems: inout [LoadProblem], listed: ((Int) -> Void)? = nil
  ) -> [String] {
    var accounts: [String] = []
    for entry in folders(prefix + "AWSLogs/", &problems) {
      let name = entry.dropLast().split(separator: "/").last.map(String.init) ?? ""
      if name.hasPrefix("o-") {
        accounts += folders(entry, &problems)
      } else {
        accounts.append(entry)
      }
    }
    var keys: [String] = []
    for account in accounts {
      for service in services {
        for region in folders(account + service, &problems) {
          for folder in days.map({ $0.map { region + $0 + "/" } }) ?? [region] {
            keys += objects(folder, &problems).filter { $0.hasSuffix(".json.gz") || $0.hasSuffix(".json") }
            listed?(keys.count)
          }
        }
      }
    }
    return keys.sorted { Self.stamp($0) > Self.stamp($1) }
  }

  /// The time in a log file's name (`ACCOUNT_CloudTrail_REGION_20261201T1045Z_x.json.gz`), then the key.
  static func stamp(_ key: String) -> String {
    let name = key.split(separator: "/").last ?? ""
    let parts = name.split(separator: "_")
    return (parts.count >= 4 ? String(parts[3]) : "") + key
  }

  /// The sub-folders of `prefix` (common prefixes with `/`).
  private func folders(_ prefix: String, _ problems: inout [LoadProblem]) -> [String] {
    list(prefix, delimiter: "/", &problems).prefixes
  }

  /// Every key under `prefix`.
  private func objects(_ prefix: String, _ problems: inout [LoadProblem]) -> [String] {
    list(prefix, delimiter: nil, &problems).keys
  }

  /// All pages of one listing; a failure stops it and is added to `problems`.
  private func list(_ prefix: String, delimiter: String?, _ problems: inout [LoadProblem]) -> (
    keys: [String], prefixes: [String]
  ) {
    var keys: [String] = []
    var prefixes: [String] = []
    var token: String?
    repeat {
      switch client.listObjectsAndWait(
        bucket: bucket, prefix: prefix, delimiter: delimiter, continuationToken: token)
      {
      case .success(let page):
        keys += page.objects.map(\.key)
        prefixes += page.prefixes
        token = page.nextToken
      case .failure(let error):
        problems.append(LoadProblem(source: "s3://\(bucket)/\(prefix)", reason: error.explanation))
        token = nil
      }
    } while token != nil
    return (keys, prefixes)
  }
}
