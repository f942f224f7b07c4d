import CloudTrailModel
import EventStore

/// The timeline strip's counts and what they were computed for.
public struct TimelineCache: Sendable, Equatable {
  /// Visible events per bucket.
  public var histogram: Histogram
  /// What the counts depend on: the snapshot, the width and the range.
  var key: [Int64]
}

/// The bucket size for `span` seconds over `slots` marks: the smallest whole number of seconds (under a minute) or
/// of minutes that fits, so the strip uses its whole width.
func bucketSize(span: Int64, slots: Int) -> Int64 {
  let exact = max(1, (span + Int64(slots) - 1) / Int64(slots))
  return exact < 60 ? exact : (exact + 59) / 60 * 60
}

/// The time range the strip covers: the window, its open end at the clock; without a window, the visible events.
func timelineRange(_ state: AppState) -> (Int64, Int64)? {
  let window = state.filter.window
  let events = state.snapshot.timeRange
  guard let start = window.start ?? events?.first else { return nil }
  let end = window.end ?? (window.start != nil && state.now > start ? state.now : events?.last ?? start)
  return (start, max(start, end))
}

/// Recomputes the strip's counts when what they depend on has changed.
func refreshTimeline(_ state: inout AppState) {
  guard state.showTimeline, let (start, end) = timelineRange(state) else {
    state.timeline = nil
    return
  }
  let slots = max(10, Layout(state).timeline.width - 2)
  let span = end - start + 1
  let size = bucketSize(span: span, slots: slots)
  let first = start
  let count = Int((end - first) / size) + 1
  let key = [
    Int64(state.snapshot.generation), Int64(state.snapshot.total), Int64(state.snapshot.count), first, size,
    Int64(count),
  ]
  guard state.timeline?.key != key else { return }
  let histogram = state.snapshot.histogram(from: first, to: first + size * Int64(count) - 1, buckets: count)
  state.timeline = TimelineCache(histogram: histogram, key: key)
}

/// Timeline keys: show/hide, busiest bucket, previous/next bucket, anchor, zoom.
func timelineAction(_ state: inout AppState, _ action: AppAction) -> [Effect] {
  if action == .toggleTimeline {
    state.showTimeline.toggle()
    state.timelineAnchor = nil
    refreshTimeline(&state)
    clampSelection(&state)
    return []
  }
  guard let histogram = state.timeline?.histogram else {
    state.message = state.showTimeline ? "no events with a time" : "H shows the timeline first"
    return []
  }
  let current =
    state.selected < state.snapshot.count ? histogram.bucket(of: state.snapshot.time(at: state.selected)) : nil
  switch action {
  case .busiestBucket:
    // The busiest bucket, the newest one on ties.
    guard let busiest = histogram.reads.indices.reversed().max(by: { histogram.total($0) < histogram.total($1) }),
      histogram.total(busiest) > 0
    else { return [] }
    select(bucket: busiest, histogram, &state)
  case .olderBucket, .newerBucket:
    let step = action == .olderBucket ? -1 : 1
    var i = (current ?? (step < 0 ? histogram.reads.count : -1)) + step
    while i >= 0 && i < histogram.reads.count && histogram.total(i) == 0 { i += step }
    guard i >= 0 && i < histogram.reads.count else {
      state.message = step < 0 ? "no older events in the strip" : "no newer events in the strip"
      return []
    }
    select(bucket: i, histogram, &state)
  case .anchorBucket:
    guard let current else { return [] }
    let start = histogram.start + Int64(current) * histogram.bucketSeconds
    state.timelineAnchor = state.timelineAnchor == nil ? start : nil
    state.message =
      state.timelineAnchor == nil ? "range cleared" : "range anchored: move, then z takes it as the window"
  case .zoomBucket:
    guard let current else { return [] }
    let here = histogram.start + Int64(current) * histogram.bucketSeconds
    let low = min(here, state.timelineAnchor ?? here)
    let high = max(here, state.timelineAnchor ?? here) + histogram.bucketSeconds - 1
    state.timelineAnchor = nil
    return setWindow(&state, (low, high), preset: nil)
  default: break
  }
  return []
}

/// Selects the newest visible event in bucket `i`.
private func select(bucket i: Int, _ histogram: Histogram, _ state: inout AppState) {
  let high = histogram.start + Int64(i + 1) * histogram.bucketSeconds - 1
  // Visible events are newest first: the first one at or before the bucket's end.
  var low = 0
  var upper = state.snapshot.count
  while low < upper {
    let mid = (low + upper) / 2
    if state.snapshot.time(at: mid) > high { low = mid + 1 } else { upper = mid }
  }
  guard low < state.snapshot.count else { return }
  state.selected = low
  state.top = max(0, low - Layout(state).tableRows / 2)
  clampSelection(&state)
  DetailCache.refresh(&state)
}
