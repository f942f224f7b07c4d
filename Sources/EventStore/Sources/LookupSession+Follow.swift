import AWSClient
import Dispatch

extension LookupSession {
  /// How far back each poll looks before the end of the last one: CloudTrail puts events in Event History about
  /// 5 minutes after the call (not guaranteed), so each poll asks again for the last 10 minutes and the store drops
  /// what it already holds.
  public static let followOverlapSeconds: Int64 = 600

  /// At most this many pages per poll (50 events each).
  static let pollPageLimit = 200

  /// Looks for new events every `seconds` while the window is open-ended (nil: stops); the first look is one
  /// interval from now, when the first page has long arrived.
  public func follow(every seconds: Int?) {
    queue.async { [self] in
      followEvery = seconds.map { max(1, $0) }
      followGeneration += 1
      reporter.following(every: followEvery)
      guard let every = followEvery else { return }
      queue.asyncAfter(deadline: .now() + .seconds(every)) { [self, generation = followGeneration] in
        poll(generation: generation)
      }
    }
  }

  /// One poll: the query's attribute over (the last poll's end minus the overlap, now], every page, then the next
  /// poll after the interval. A failure is shown and the next poll tries the same window again.
  func poll(generation: Int) {
    guard generation == followGeneration, followEvery != nil else { return }
    guard requested.end == nil else {
      reporter.activity("not following: the time window has a fixed end")
      return
    }
    let end = clock()
    var request = LookupEventsRequest(
      lookupAttributes: machine.template.lookupAttributes,
      startTime: max(window.start ?? 0, pollFrom - Self.followOverlapSeconds), endTime: end)
    request.maxResults = 50
    request.eventCategory = machine.template.eventCategory
    pollPage(request, page: 0, generation: generation)
  }

  private func pollPage(_ request: LookupEventsRequest, page: Int, generation: Int) {
    service.lookupEvents(request) { [self] result in
      queue.async { [self] in
        guard generation == followGeneration, let every = followEvery else { return }
        let end = request.endTime ?? clock()
        switch result {
        case .success(let answer):
          let batch = Self.batch(
            from: answer, ordinal: pageCounter, label: label, detector: reporter.store.detector)
          reporter.arrived(batch, polledAt: end)
          pageCounter += 1
          cache(for: request.eventCategory)?.append(answer.events.map(\.cloudTrailEvent))
          if let token = answer.nextToken, !token.isEmpty, page + 1 < Self.pollPageLimit {
            var next = request
            next.nextToken = token
            queue.asyncAfter(deadline: .now() + .milliseconds(minInterval)) { [self, next] in
              guard generation == followGeneration else { return }
              pollPage(next, page: page + 1, generation: generation)
            }
            return
          }
          if request.lookupAttributes.isEmpty, let from = request.startTime {
            cache(for: request.eventCategory)?.cover(from, end)
          }
          pollFrom = end
          reporter.activity(nil)
        case .failure(let error):
          reporter.activity("following: \(Self.describe(error.code)), looking again in \(every) s")
        }
        queue.asyncAfter(deadline: .now() + .seconds(every)) { [self] in poll(generation: generation) }
      }
    }
  }
}
