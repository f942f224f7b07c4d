import AWSClient
import Dispatch
import Synchronization

/// Fills the trails pane from the CloudTrail API: ListTrails, DescribeTrails by ARN, and GetTrailStatus per trail
/// in its home region (by ARN, so shadow trails work). Throttling, server and network errors are retried.
public enum TrailsLoader {
  /// Loads every trail visible to the account and hands the list to the store; `done` runs when finished.
  public static func load(client: CloudTrailClient, into store: EventStore, done: (@Sendable () -> Void)? = nil) {
    listAll(client: client, token: nil, found: []) { result in
      switch result {
      case .failure(let error):
        store.setTrails([], problem: LoadProblem(source: "ListTrails", reason: error.explanation))
        done?()
      case .success(let infos):
        describe(client: client, infos: infos, store: store, done: done)
      }
    }
  }

  private static func listAll(
    client: CloudTrailClient, token: String?, found: [TrailInfo],
    completion: @escaping @Sendable (Result<[TrailInfo], AWSError>) -> Void
  ) {
    TransientRetry.run({ client.listTrails(nextToken: token, completion: $0) }) { result in
      switch result {
      case .failure(let error): completion(.failure(error))
      case .success(let page):
        let all = found + page.trails
        if let next = page.nextToken, !next.isEmpty, next != token, all.count < 10_000 {
          listAll(client: client, token: next, found: all, completion: completion)
        } else {
          completion(.success(all))
        }
      }
    }
  }

  private static func describe(
    client: CloudTrailClient, infos: [TrailInfo], store: EventStore, done: (@Sendable () -> Void)?
  ) {
    guard !infos.isEmpty else {
      store.setTrails([], problem: nil)
      done?()
      return
    }
    let arns = infos.map(\.trailARN)
    TransientRetry.run({ client.describeTrails(trailNameList: arns, includeShadowTrails: true, completion: $0) }) {
      result in
      var trails: [Trail]
      var problem: LoadProblem?
      switch result {
      case .success(let list): trails = list
      case .failure(let error):
        problem = LoadProblem(source: "DescribeTrails", reason: error.explanation)
        trails = infos.map { info in
          var trail = Trail(name: info.name)
          trail.trailARN = info.trailARN
          trail.homeRegion = info.homeRegion
          return trail
        }
      }
      statuses(client: client, trails: trails, store: store, problem: problem, done: done)
    }
  }

  private static func statuses(
    client: CloudTrailClient, trails: [Trail], store: EventStore, problem: LoadProblem?,
    done: (@Sendable () -> Void)?
  ) {
    let results = Mutex<[TrailState]>([])
    let firstError = Mutex<LoadProblem?>(problem)
    let group = DispatchGroup()
    for trail in trails {
      group.enter()
      let region = trail.homeRegion ?? client.region
      let name = trail.trailARN ?? trail.name
      TransientRetry.run({ client.getTrailStatus(name: name, region: region, completion: $0) }) { result in
        var state = TrailState(trail)
        switch result {
        case .success(let status): state.apply(status)
        case .failure(let error):
          firstError.withLock { value in
            if value == nil { value = LoadProblem(source: "GetTrailStatus \(trail.name)", reason: error.explanation) }
          }
        }
        results.withLock { $0.append(state) }
        group.leave()
      }
    }
    group.notify(queue: .global()) {
      store.setTrails(results.withLock { $0 }, problem: firstError.withLock { $0 })
      done?()
    }
  }
}

extension TrailState {
  /// A trail entry from DescribeTrails.
  init(_ trail: Trail) {
    self.init(name: trail.name, region: trail.homeRegion ?? "")
    fromAPI = true
    isMultiRegion = trail.isMultiRegionTrail
    isOrganization = trail.isOrganizationTrail
    validation = trail.logFileValidationEnabled
    bucket = trail.s3BucketName
  }

  /// Adds GetTrailStatus facts.
  mutating func apply(_ status: TrailStatus) {
    isLogging = status.isLogging
    latestDelivery = status.latestDeliveryTime
    deliveryError = status.latestDeliveryError
    if status.isLogging {
      lastEventName = "StartLogging"
      changedAt = status.startLoggingTime
    } else {
      lastEventName = "StopLogging"
      changedAt = status.stopLoggingTime
    }
  }
}
