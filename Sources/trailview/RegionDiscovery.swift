import AWSClient
import Dispatch
import Foundation
import Synchronization

/// Which regions `--region all` reads: those EC2 DescribeRegions says are enabled for the account, else (when that
/// call fails) the partition's list, with a notice saying why.
enum RegionDiscovery {
  /// The regions, `home` first, and the notice to show when DescribeRegions could not be used.
  static func regions(client: CloudTrailClient, endpoint: URL) -> (regions: [String], notice: String?) {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<Result<[RegionInfo], AWSError>?>(nil)
    client.describeRegions(endpoint: endpoint) { result in
      box.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    let home = client.region
    let partition = AWSEndpoints.partition(of: home)
    switch box.withLock({ $0 })!.map({ $0.filter { $0.isEnabled && AWSEndpoints.partition(of: $0.name) == partition } })
    {
    case .success(let found) where !found.isEmpty:
      // Only the home region's partition: its credentials mean nothing in another (emulators list them all).
      return (ordered(found.map(\.name), home: home), nil)
    case .success:
      return fallback(home, reason: "it listed no region")
    case .failure(let error):
      return fallback(home, reason: error.explanation)
    }
  }

  /// The partition's regions with the reason DescribeRegions was not used.
  static func fallback(_ home: String, reason: String) -> (regions: [String], notice: String?) {
    let regions = ordered(AWSEndpoints.partitionRegions(of: home), home: home)
    return (
      regions,
      "EC2 DescribeRegions failed (\(reason)); reading the partition's \(regions.count) regions instead, and "
        + "naming those not enabled for the account"
    )
  }

  /// `home` first, then the others in the order given.
  static func ordered(_ regions: [String], home: String) -> [String] {
    [home] + regions.filter { $0 != home }
  }
}
