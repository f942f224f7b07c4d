import AWSClient
import Dispatch
import EventStore
import Foundation
import Synchronization

/// One trail as `--print --trails` reports it: its DescribeTrails fields, and its GetTrailStatus fields when that
/// call worked.
struct TrailReport: Sendable {
  var trail: Trail
  var status: TrailStatus?
}

/// Collects every trail and its status for print mode, blocking: ListTrails (every page), DescribeTrails by ARN
/// (shadow trails included), then GetTrailStatus per trail in its home region, by ARN. Throttling, server and network
/// errors are retried with backoff, as the dashboard's trails loader does.
enum TrailsFetch {
  /// What was found, sorted by name then home region, and each call that failed for good.
  struct Outcome {
    var trails: [TrailReport] = []
    var problems: [(source: String, reason: String)] = []
  }

  /// Asks every region's client at once and merges: each trail once (by ARN, else name and home region), each
  /// failure named with its region when there are several.
  static func run(clients: [CloudTrailClient]) -> Outcome {
    let found = Mutex([Outcome?](repeating: nil, count: clients.count))
    DispatchQueue.concurrentPerform(iterations: clients.count) { i in
      let outcome = run(client: clients[i])
      found.withLock { $0[i] = outcome }
    }
    var merged = Outcome()
    var seen = Set<String>()
    for (client, outcome) in zip(clients, found.withLock { $0 }.map { $0 ?? Outcome() }) {
      for report in outcome.trails
      where seen.insert(report.trail.trailARN ?? report.trail.name + "\u{0}" + (report.trail.homeRegion ?? "")).inserted
      {
        merged.trails.append(report)
      }
      merged.problems += outcome.problems.map {
        clients.count > 1 ? ("\($0.source) (\(client.region))", $0.reason) : $0
      }
    }
    merged.trails.sort { ($0.trail.name, $0.trail.homeRegion ?? "") < ($1.trail.name, $1.trail.homeRegion ?? "") }
    return merged
  }

  /// One region's trails.
  static func run(client: CloudTrailClient) -> Outcome {
    var outcome = Outcome()
    var infos: [TrailInfo] = []
    var token: String?
    repeat {
      switch call({ client.listTrails(nextToken: token, completion: $0) }) {
      case .failure(let error):
        outcome.problems.append(("ListTrails", error.explanation))
        return outcome
      case .success(let page):
        infos += page.trails
        token = page.nextToken.flatMap { $0.isEmpty || $0 == token ? nil : $0 }
      }
    } while token != nil && infos.count < 10_000
    guard !infos.isEmpty else { return outcome }
    var trails: [Trail]
    switch call({ client.describeTrails(trailNameList: infos.map(\.trailARN), completion: $0) }) {
    case .success(let list): trails = list
    case .failure(let error):
      outcome.problems.append(("DescribeTrails", error.explanation))
      trails = infos.map { info in
        var trail = Trail(name: info.name)
        trail.trailARN = info.trailARN
        trail.homeRegion = info.homeRegion
        return trail
      }
    }
    let described = trails
    let statuses = Mutex([Result<TrailStatus, AWSError>?](repeating: nil, count: described.count))
    DispatchQueue.concurrentPerform(iterations: described.count) { i in
      let trail = described[i]
      let result = call {
        client.getTrailStatus(name: trail.trailARN ?? trail.name, region: trail.homeRegion, completion: $0)
      }
      statuses.withLock { $0[i] = result }
    }
    for (trail, result) in zip(trails, statuses.withLock { $0 }) {
      switch result {
      case .success(let status): outcome.trails.append(TrailReport(trail: trail, status: status))
      case .failure(let error):
        outcome.trails.append(TrailReport(trail: trail, status: nil))
        outcome.problems.append(("GetTrailStatus \(trail.name)", error.explanation))
      case nil: outcome.trails.append(TrailReport(trail: trail, status: nil))
      }
    }
    outcome.trails.sort { ($0.trail.name, $0.trail.homeRegion ?? "") < ($1.trail.name, $1.trail.homeRegion ?? "") }
    return outcome
  }

  /// Runs one API call to its end, retrying the errors paging retries (5 attempts, 0.4 s doubling, with jitter).
  static func call<T: Sendable>(
    _ operation: (@escaping @Sendable (Result<T, AWSError>) -> Void) -> Void
  ) -> Result<T, AWSError> {
    var delay = 400
    var attempt = 0
    while true {
      attempt += 1
      let done = DispatchSemaphore(value: 0)
      let box = Mutex<Result<T, AWSError>?>(nil)
      operation { result in
        box.withLock { $0 = result }
        done.signal()
      }
      done.wait()
      let result = box.withLock { $0 }!
      guard case .failure(let error) = result, attempt < 5, PagingMachine.isRetryable(error.code) else { return result }
      usleep(UInt32(delay / 2 + Int.random(in: 0...(delay / 2))) * 1000)  // backoff before the next attempt
      delay = min(8_000, delay * 2)
    }
  }
}
