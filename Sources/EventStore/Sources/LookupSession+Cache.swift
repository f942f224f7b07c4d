import AWSClient
import CloudTrailModel

extension LookupSession {
  /// The cache of an event category (nil: management), opened on first use; nil without a cache folder or when it
  /// cannot be made (said once in the status line).
  func cache(for category: String?) -> LookupCache? {
    guard let cacheFolder else { return nil }
    let name = category ?? "management"
    if let open = caches[name] { return open }
    do {
      let cache = try LookupCache(folder: cacheFolder, category: name)
      caches[name] = cache
      return cache
    } catch {
      reporter.notice("cache not used: \(error)")
      return nil
    }
  }

  /// Shows the cached events of the query's category in its window (once per window) and returns the parts of the
  /// window to ask the server for, newest first: all of it for a query with an attribute (the cache's ranges are
  /// for whole categories), else what the cache does not cover, the newest part reaching back over the delivery
  /// delay (events appear about 5 minutes after the call, so a range fetched up to "now" may since have grown).
  func planSegments(_ request: LookupEventsRequest) -> [(start: Int64?, end: Int64)] {
    let whole = [(start: request.startTime, end: request.endTime ?? clock())]
    guard let cache = cache(for: request.eventCategory), let end = request.endTime else { return whole }
    let name = request.eventCategory ?? "management"
    if let shown = cacheShown[name], (shown.start ?? Int64.min) <= (request.startTime ?? Int64.min), shown.end >= end {
      // Shown already for a window that holds this one.
    } else {
      let loaded = cache.load(from: request.startTime, to: end)
      if let problem = loaded.problem { reporter.notice(problem) }
      if loaded.count > 0 {
        let scan = RecordScanner.scan(loaded.records)
        let batch = RecordBatch(
          scan: scan, source: "\(label) cache", ordinal: pageCounter, detector: reporter.store.detector)
        reporter.batch(batch, countsAsUnit: false)
        pageCounter += 1
        reporter.notice("\(label): \(loaded.count) events from the cache; asking the server for the rest")
      }
      cacheShown[name] = (request.startTime, end)
    }
    guard request.lookupAttributes.isEmpty else { return whole }
    var gaps = cache.gaps(from: request.startTime, to: end)
    if let first = gaps.first, first.end == end, let start = first.start, !cache.covered.isEmpty {
      gaps[0].start = max(request.startTime ?? Int64.min, start - Self.followOverlapSeconds)
    } else if requested.end == nil && gaps.first?.end != end {
      // An open window covered up to now: events of the last minutes may have been delivered since.
      gaps.insert((max(request.startTime ?? Int64.min, end - Self.followOverlapSeconds), end), at: 0)
    }
    return gaps
  }

  /// Keeps a page's events in the cache and, for a query without an attribute, records the time it covers: every
  /// event newer than the page's oldest second has been returned (pages come newest first).
  func pageFetched(_ page: LookupEventsResponse) {
    guard let cache = cache(for: queryKey.eventCategory) else { return }
    cache.append(page.events.map(\.cloudTrailEvent))
    guard queryKey.lookupAttributes.isEmpty, page.nextToken != nil, let oldest = page.events.map(\.eventTime).min()
    else { return }
    cache.cover(max(segment.start ?? Int64.min, oldest + 1), segment.end)
  }

  /// Records that the part of the window just fetched is in the cache whole.
  func segmentFetched() {
    guard queryKey.lookupAttributes.isEmpty, let cache = cache(for: queryKey.eventCategory) else { return }
    cache.cover(segment.start ?? 0, segment.end)
  }
}
