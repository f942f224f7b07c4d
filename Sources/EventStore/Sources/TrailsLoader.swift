import AWSClient
import Dispatch
import Synchronization

/// Fills the trails pane from the CloudTrail API: ListTrails, DescribeTrails by ARN, and GetTrailStatus per trail
/// in its home region (by ARN, so shadow trails work). Throttling, server and network errors are retried.
public enum TrailsLoader {
  /// What one region's calls found: the trails and the first problem.
  typealias Found = (trails: [TrailState], problem: LoadProblem?)

  /// Loads every trail visible to the account and hands the list to the store; `done` runs when finished.
  public static func load(client: CloudTrailClient, into store: EventStore, done: (@Sendable () -> Void)? = nil) {
    load(clients: [client], into: store, done: done)
  }

  /// Asks every region's client (DescribeTrails includes the shadow trails of multi-region trails) and hands the
  /// union to the store once, each trail once (by its ARN, else name and home region); a region that fails is named
  /// in the problems while the others' trails still show.
  public static func load(clients: [CloudTrailClient], into store: EventStore, done: (@Sendable () -> Void)? = nil) {
    let found = Mutex<[(region: String, found: Found)]>([])
    let group = DispatchGroup()
    for client in clients {
      group.enter()
      region(client) { result in
        found.withLock { $0.append((client.region, result)) }
        group.leave()
      }
    }
    group.notify(queue: .global()) {
      let all = found.withLock { $0 }.sorted { $0.region < $1.region }
      var seen = Set<String>()
      var trails: [TrailState] = []
      for (_, result) in all {
        for trail in result.trails where seen.insert(trail.arn ?? trail.name + "\u{0}" + trail.region).inserted {
          trails.append(trail)
        }
      }
      let problems = all.compactMap { region, result in
        result.problem.map { problem in
          clients.count > 1 ? LoadProblem(source: "\(problem.source) (\(region))", reason: problem.reason) : problem
        }
      }
      store.setTrails(trails, problems: problems)
      done?()
    }
  }

  /// One region's trails and their status.
  private static func region(_ client: CloudTrailClient, completion: @escaping @Sendable (Found) -> Void) {
    listAll(client: client, token: nil, found: []) { result in
      switch result {
      case .failure(let error):
        completion(([], LoadProblem(source: "ListTrails", reason: error.explanation)))
      case .success(let infos):
        describe(client: client, infos: infos, done: completion)
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
    client: CloudTrailClient, infos: [TrailInfo], done: @escaping @Sendable (Found) -> Void
  ) {
    guard !infos.isEmpty else {
      done(([], nil))
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
      statuses(client: client, trails: trails, problem: problem, done: done)
    }
  }

  private static func statuses(
    client: CloudTrailClient, trails: [Trail], problem: LoadProblem?, done: @escaping @Sendable (Found) -> Void
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
      done((results.withLock { $0 }, firstError.withLock { $0 }))
    }
  }
}

extension TrailState {
  /// A trail entry from DescribeTrails.
  init(_ trail: Trail) {
    self.init(name: trail.name, region: trail.homeRegion ?? "")
    fromAPI = true
    arn = trail.trailARN
    isMultiRegion = trail.isMultiRegionTrail
    isOrganization = trail.isOrganizationTrail
    validation = trail.logFileValidationEnabled
    bucket = trail.s3BucketName
    keyPrefix = trail.s3KeyPrefix
    logGroup = trail.cloudWatchLogsLogGroupArn
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
