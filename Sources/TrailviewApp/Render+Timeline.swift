import CloudTrailModel
import EventStore
import TerminalUI

/// The timeline strip: a bar per bucket (red with failures, in the write colour with writes), then an axis with
/// the range's ends, the selected event's bucket (▲) and an anchored range.
func drawTimeline(_ grid: inout CellGrid, _ state: AppState, _ rect: Layout.Rect, env: RenderEnvironment) {
  guard rect.height >= 2 else { return }
  grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 2)
  guard let histogram = state.timeline?.histogram else {
    grid.put(" timeline: no events with a time", x: rect.x, y: rect.y, style: env.theme.muted)
    return
  }
  let levels = env.ascii ? Array(" .:-=+*#%@") : Array(" ▁▂▃▄▅▆▇█")
  let maximum = max(1, histogram.reads.indices.map(histogram.total).max() ?? 1)
  let selected =
    state.selected < state.snapshot.count ? histogram.bucket(of: state.snapshot.time(at: state.selected)) : nil
  let anchor = state.timelineAnchor.flatMap(histogram.bucket)
  let x0 = rect.x + 1
  for i in histogram.reads.indices where x0 + i < rect.x + rect.width {
    let total = histogram.total(i)
    let level = total == 0 ? 0 : max(1, total * (levels.count - 1) / maximum)
    var style = histogram.errors[i] > 0 ? env.theme.error : (histogram.writes[i] > 0 ? env.theme.write : env.theme.text)
    if let anchor, let selected, (min(anchor, selected)...max(anchor, selected)).contains(i) { style.reverse = true }
    grid.put(String(levels[level]), x: x0 + i, y: rect.y, style: style)
  }
  let end = histogram.start + histogram.bucketSeconds * Int64(histogram.reads.count) - 1
  let left = formatTime(histogram.start, state: state, env: env, short: true)
  let right = formatTime(end, state: state, env: env, short: true)
  let size = bucketLabel(histogram.bucketSeconds)
  let busiest = histogram.reads.indices.max { histogram.total($0) < histogram.total($1) } ?? 0
  // The axis: the range's ends and the mark size, kept clear of the selected event's marker.
  let marker = selected.map { x0 + $0 }.flatMap { $0 < rect.x + rect.width ? $0 : nil }
  var leftX = x0
  var rightX = rect.x + rect.width - right.count - 1
  if let marker, marker >= leftX && marker < leftX + left.count { leftX = marker + 2 }
  if let marker, marker >= rightX && marker < rightX + right.count { rightX = marker - right.count - 1 }
  grid.put(left, x: leftX, y: rect.y + 1, style: env.theme.muted)
  let middle = " \(size) per mark · busiest \(formatCount(histogram.total(busiest))) "
  let gap = rightX - leftX - left.count
  if gap > middle.count + 4 {
    grid.put(middle, x: leftX + left.count + (gap - middle.count) / 2, y: rect.y + 1, style: env.theme.muted)
  }
  grid.put(right, x: rightX, y: rect.y + 1, style: env.theme.muted)
  if let marker { grid.put(env.ascii ? "^" : "▲", x: marker, y: rect.y + 1, style: Style(bold: true)) }
}

/// `15 min`, `1 h`, `1 d`.
func bucketLabel(_ seconds: Int64) -> String {
  if seconds % 86400 == 0 { return "\(seconds / 86400) d" }
  if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
  if seconds % 60 == 0 { return "\(seconds / 60) min" }
  return "\(seconds) s"
}
