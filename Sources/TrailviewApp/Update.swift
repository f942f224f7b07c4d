import EventStore
import TerminalUI

/// Applies one message to the state and returns the effects to perform. Pure: no I/O, no clock.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
  switch msg {
  case .resize(let width, let height):
    state.width = width
    state.height = height
    clampSelection(&state)
    DetailCache.refresh(&state)
    refreshTimeline(&state)
    return []
  case .store(.snapshot(let snapshot)):
    applySnapshot(&state, snapshot)
    return (wantsMore(state) ? [.needMore] : []) + recountSummary(&state, force: false)
  case .tick(let now):
    state.now = now
    refreshTimeline(&state)
    return []
  case .counted(let request, let counts, let events):
    takeCounts(&state, request: request, counts: counts, events: events)
    return []
  case .note(let text):
    state.message = text
    return []
  case .stores(let rows):
    state.storeChoice = StoreChoice(stores: rows)
    return []
  case .askScan(let request, let summary):
    state.scanQuestion = ScanQuestion(request: request, summary: summary)
    return []
  case .exported(let request, let news):
    takeExportNews(&state, request: request, news: news)
    return []
  case .key(let key):
    state.message = nil
    if let question = state.scanQuestion { return answerScan(&state, question, key) }
    if let choice = state.storeChoice { return chooseStore(&state, choice, key) }
    if state.prompt != nil { return handlePromptKey(&state, key) }
    if let screen = state.screens.last { return updateScreen(&state, screen, key) }
    let scopes = AppKeys.scopes(for: state)
    guard let action = AppKeys.keymap.action(for: key, scopes: scopes) else { return [] }
    let effects = perform(&state, action)
    return effects.isEmpty && wantsMore(state) ? [.needMore] : effects
  }
}

private func quit(_ state: inout AppState) -> [Effect] {
  state.quit = true
  return [.quit]
}

/// True when a lazy source should fetch another page: the cursor is near the end of what is loaded, or the
/// filter has not filled the table.
func wantsMore(_ state: AppState) -> Bool {
  let progress = state.snapshot.progress
  guard progress.moreAvailable, progress.finished else { return false }
  let rows = Layout(state).tableRows
  return state.snapshot.count < rows || state.selected >= state.snapshot.count - rows
}

/// Takes a new snapshot, keeping the selected event selected when rows arrive around it.
func applySnapshot(_ state: inout AppState, _ snapshot: EventSnapshot) {
  let filterChanged = snapshot.generation != state.snapshot.generation
  state.snapshot = snapshot
  if filterChanged {
    // The selected event stays selected when it still matches, in the middle of the table so that the events just
    // before and after it show.
    if let id = state.selectedID, let index = snapshot.index(ofRow: id) {
      state.selected = index
      state.top = max(0, index - Layout(state).tableRows / 2)
    } else {
      state.selected = 0
      state.top = 0
    }
  } else if let id = state.selectedID, state.selected > 0, let index = snapshot.visible.firstIndex(of: id) {
    let shift = index - state.selected
    state.selected = index
    state.top = max(0, state.top + shift)
    // Following and scrolled away: the view stays where it is and says how many arrived above it.
    if state.following && shift > 0 && state.top > 0 { state.newAbove += shift }
  }
  clampSelection(&state)
  DetailCache.refresh(&state)
  refreshTimeline(&state)
}

/// Keeps the selection inside the rows and on screen.
func clampSelection(_ state: inout AppState) {
  let count = state.snapshot.count
  state.selected = max(0, min(state.selected, count - 1))
  let rows = Layout(state).tableRows
  if state.selected < state.top { state.top = state.selected }
  if state.selected >= state.top + rows { state.top = state.selected - rows + 1 }
  state.top = max(0, min(state.top, max(0, count - rows)))
  if state.top == 0 { state.newAbove = 0 }
  state.selectedID = count > 0 ? state.snapshot.visible[state.selected] : nil
}

func perform(_ state: inout AppState, _ action: AppAction) -> [Effect] {
  let layout = Layout(state)
  switch action {
  case .quit: return quit(&state)
  case .help: state.screens.append(.help(scroll: 0))
  case .problems: state.screens.append(.problems(scroll: 0))
  case .toggleFocus: state.focus = state.focus == .table ? .detail : .table
  case .cycleFocus:
    switch state.focus {
    case .table: state.focus = .detail
    case .detail: state.focus = layout.trails.height > 1 ? .trails : .table
    case .trails: state.focus = .table
    }
  case .back, .close:
    if state.focus == .table && state.snapshot.progress.cancellable {
      state.message = "cancelling the query; the rows loaded so far stay"
      return [.cancelQueries]
    }
    state.focus = .table
  case .left: state.column = max(0, state.column - 1)
  case .right: state.column = min(state.columns.count - 1, state.column + 1)
  case .summary: return openSummary(&state)
  case .compare: return openCompare(&state)
  case .export: return openExport(&state)
  case .timeWindow: return openTimeWindow(&state)
  case .trace: return openTrace(&state)
  case .columns: return openColumns(&state)
  case .toggleColumn, .moveUp, .moveDown: break
  case .toggleTimeline, .busiestBucket, .olderBucket, .newerBucket, .anchorBucket, .zoomBucket:
    return timelineAction(&state, action)
  case .copy: return copyEvent(&state)
  case .nextField, .previousField, .drillDown: break
  case .pivotIn: return pivot(&state, exclude: false)
  case .pivotOut: return pivot(&state, exclude: true)
  case .removeLast: return removeLastPredicate(&state)
  case .mark: return toggleMark(&state)
  case .markedOnly: return toggleMarkedOnly(&state)
  case .unmarkAll:
    state.marked = []
    state.message = "no events marked"
    guard state.filter.rows != nil else { return [] }
    state.filter.rows = nil
    return [.setFilter(state.filter)]
  case .loadAll: return state.snapshot.progress.moreAvailable ? [.loadAll] : []
  case .refreshTrails:
    state.message = "refreshing trails…"
    return [.refreshTrails]
  case .openBucket: return openTrailBucket(&state)
  case .openLogGroup: return openTrailLogGroup(&state)
  case .toggleTime: state.localTime.toggle()
  case .findings: return openFindings(&state)
  case .toggleInsights:
    let on = state.filter.equalsValue(.field(.eventCategory))?.lowercased() == "insight"
    state.filter.setEquals(.field(.eventCategory), on ? nil : "Insight")
    state.message = on ? "management events" : "Insights events only: unusual call and error rates"
    return [.setFilter(state.filter)]
  case .toggleFollow:
    state.following.toggle()
    // Following shows in the status line itself (how often, when last, how many new).
    state.message = state.following ? nil : "stopped following"
    return [.follow(state.following)]
  case .up, .down, .pageUp, .pageDown, .first, .last:
    switch state.focus {
    case .detail: scrollDetail(&state, action, page: layout.detailRows)
    case .trails: scrollTrails(&state, action, page: max(1, layout.trails.height - 1))
    case .table: moveSelection(&state, action, page: layout.tableRows)
    }
  case .filterUser: openPrompt(&state, .user)
  case .filterEventName: openPrompt(&state, .eventName)
  case .search: openPrompt(&state, .search)
  case .wherePrompt: openPrompt(&state, .predicate)
  case .cycleReadWrite:
    state.filter.readWrite = state.filter.readWrite.next
    return [.setFilter(state.filter)]
  case .clearFilters:
    var keepWindow = EventFilter()
    keepWindow.window = state.filter.window
    guard state.filter != keepWindow else { return [] }
    state.filter = keepWindow
    return [.setFilter(state.filter)]
  case .nextMatch, .previousMatch:
    findMatch(&state, forward: action == .nextMatch)
  }
  return []
}

private func moveSelection(_ state: inout AppState, _ action: AppAction, page: Int) {
  state.selected = moved(state.selected, by: action, page: page, count: state.snapshot.count) ?? state.selected
  clampSelection(&state)
  DetailCache.refresh(&state)
}

/// The trail under the trails pane's cursor, read from its bucket: its prefix, for the window's days. A trail whose
/// bucket is not known (no call in the data named it, and no live API) says so. (The status line sanitizes what it
/// shows.)
private func openTrailBucket(_ state: inout AppState) -> [Effect] {
  guard let trail = selectedTrail(state) else { return [] }
  guard let bucket = trail.bucket, !bucket.isEmpty else {
    state.message = "the bucket of \(trail.name) is not known (no CreateTrail or UpdateTrail in the data names it)"
    return []
  }
  let prefix = trail.keyPrefix ?? ""
  let url = "s3://\(bucket)/\(prefix.isEmpty ? "" : prefix + "/")"
  return openOnce(&state, url, reading: "reading \(url) in place…", .openBucket(bucket: bucket, prefix: prefix))
}

/// W on a trail in the trails pane: read its CloudWatch Logs group as one more source; a trail without one (or seen
/// only in the data) says so.
private func openTrailLogGroup(_ state: inout AppState) -> [Effect] {
  guard let trail = selectedTrail(state) else { return [] }
  guard let group = trail.logGroup, !group.isEmpty else {
    state.message = "\(trail.name) delivers to no CloudWatch Logs group (as far as DescribeTrails says)"
    return []
  }
  return openOnce(&state, "cwl://\(group)", reading: "reading cwl://\(group)…", .openLogGroup(group))
}

/// The trail under the trails pane's cursor, when the pane has the focus.
private func selectedTrail(_ state: AppState) -> TrailState? {
  let trails = sortedTrails(state.snapshot.trails)
  guard state.focus == .trails, state.trailsScroll < trails.count else { return nil }
  return trails[state.trailsScroll]
}

/// `effect`, unless `url` was opened from the trails pane before (then the status line says it is already read).
private func openOnce(_ state: inout AppState, _ url: String, reading: String, _ effect: Effect) -> [Effect] {
  guard !state.openedBuckets.contains(url) else {
    state.message = "\(url) is already read"
    return []
  }
  state.openedBuckets.insert(url)
  state.message = reading
  return [effect]
}

private func scrollTrails(_ state: inout AppState, _ action: AppAction, page: Int) {
  state.trailsScroll =
    moved(state.trailsScroll, by: action, page: page, count: state.snapshot.trails.count) ?? state.trailsScroll
}

/// Moves the detail pane's cursor line, scrolling to keep it in view.
private func scrollDetail(_ state: inout AppState, _ action: AppAction, page: Int) {
  let count = state.detail.lines.count
  state.detailLine = moved(state.detailLine, by: action, page: page, count: count) ?? state.detailLine
  if state.detailLine < state.detailScroll { state.detailScroll = state.detailLine }
  if state.detailLine >= state.detailScroll + page { state.detailScroll = state.detailLine - page + 1 }
  state.detailScroll = max(0, min(state.detailScroll, max(0, count - page)))
}

/// In the detail pane: scroll to the next line containing the search text. In the table: the next matching event.
private func findMatch(_ state: inout AppState, forward: Bool) {
  guard let text = state.filter.search?.lowercased(), !text.isEmpty else {
    state.message = "no search: press / first"
    return
  }
  if state.focus == .table {
    moveSelection(&state, forward ? .down : .up, page: 1)
    return
  }
  let lines = state.detail.lines.map { line in line.spans.map(\.text).joined().lowercased() }
  var i = state.detailLine
  for _ in 0..<lines.count {
    i = (i + (forward ? 1 : lines.count - 1)) % max(1, lines.count)
    if lines[i].contains(text) {
      state.detailLine = i
      state.detailScroll = i
      return
    }
  }
  state.message = "no match in this event"
}
