import AWSClient
import CloudTrailModel
import Dispatch
import EventStore
import Foundation
import Synchronization

/// `--print --trails`: the trails pane as a table on stdout.
enum TrailsPrint {
  static func run(client: CloudTrailClient) -> Int32 {
    let done = DispatchSemaphore(value: 0)
    let final = Mutex<EventSnapshot?>(nil)
    let store = EventStore(publishIntervalMilliseconds: 50) { update in
      guard case .snapshot(let snapshot) = update else { return }
      final.withLock { $0 = snapshot }
    }
    TrailsLoader.load(client: client, into: store) { store.flush { done.signal() } }
    done.wait()
    guard let snapshot = final.withLock({ $0 }) else { return 1 }
    let out = OutputWriter()
    out.write(
      "NAME\tHOME REGION\tMULTI-REGION\tORGANIZATION\tLOGGING\tSTOPPED AT\tLATEST DELIVERY\tVALIDATION\tS3 BUCKET\tDELIVERY ERROR\n"
    )
    func time(_ t: Int64?) -> String { t.map { EventTime.formatISO($0) } ?? "-" }
    func flag(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "-" }
    for trail in snapshot.trails.sorted(by: { $0.name < $1.name }) {
      let cells = [
        trail.name, trail.region, flag(trail.isMultiRegion), flag(trail.isOrganization),
        trail.isLogging.map { $0 ? "on" : "OFF" } ?? "-", trail.isLogging == false ? time(trail.changedAt) : "-",
        time(trail.latestDelivery), flag(trail.validation), trail.bucket ?? "-", trail.deliveryError ?? "-",
      ]
      out.write(cells.map { DisplayText.sanitize($0) }.joined(separator: "\t") + "\n")
    }
    out.flush()
    for problem in snapshot.progress.problems {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    return snapshot.progress.problems.isEmpty ? 0 : (snapshot.trails.isEmpty ? 1 : 2)
  }
}
