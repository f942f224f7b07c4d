import CloudTrailModel
import EventStore
import TerminalUI

/// What to export, handed to the run loop.
public struct ExportRequest: Sendable, Equatable {
  /// The answer's request number.
  public var request: Int
  /// The file to write.
  public var path: String
  /// The format.
  public var format: ExportFormat
  /// The events (row ids, in output order).
  public var rows: [UInt32]
  /// CSV columns.
  public var columns: [Field]
  /// Replace an existing file (only after the user said so).
  public var overwrite: Bool
}

/// The export screen: a file name, a format, filtered or marked events, and how writing goes.
public struct ExportState: Sendable, Equatable {
  /// Where writing stands.
  public enum Phase: Sendable, Equatable {
    /// The user edits the name and options.
    case editing
    /// The file exists: replace it?
    case confirmOverwrite
    /// Writing: events written so far and in all.
    case writing(done: Int, total: Int)
    /// Finished, with what happened.
    case finished(message: String, failed: Bool)
  }

  /// The file name typed.
  public var path: String
  /// The format.
  public var format: ExportFormat
  /// Export the marked events instead of the filtered ones.
  public var markedOnly: Bool
  /// Where writing stands.
  public var phase = Phase.editing
  /// The request whose answers are awaited.
  public var request = 0
}

/// `x`: opens the export screen with a file name made from the clock.
func openExport(_ state: inout AppState) -> [Effect] {
  let stamp = EventTime.formatISO(state.now).filter { $0.isNumber || $0 == "T" }
  let format = ExportFormat.ndjson
  let path = "trailview-export-\(stamp).\(format.fileExtension)"
  state.screens.append(.export(ExportState(path: path, format: format, markedOnly: false)))
  return []
}

/// Keys on the export screen: typing edits the name; Tab the format; Shift-Tab filtered or marked.
func updateExport(_ state: inout AppState, _ export: ExportState, _ key: Key) -> [Effect] {
  var export = export
  defer { if case .export? = state.screens.last { state.screens[state.screens.count - 1] = .export(export) } }
  switch export.phase {
  case .writing: return []
  case .finished:
    return closeScreen(&state)
  case .confirmOverwrite:
    switch key {
    case .char("y"), .char("Y"): return startExport(&state, &export, overwrite: true)
    default: export.phase = .editing
    }
    return []
  case .editing:
    switch key {
    case .escape: return closeScreen(&state)
    case .enter: return startExport(&state, &export, overwrite: false)
    case .tab:
      let old = "." + export.format.fileExtension
      export.format = export.format.next
      if export.path.hasSuffix(old) {
        export.path = String(export.path.dropLast(old.count)) + "." + export.format.fileExtension
      }
    case .backTab:
      export.markedOnly.toggle()
    case .backspace, .delete:
      if !export.path.isEmpty { export.path.removeLast() }
    case .ctrl("u"):
      export.path = ""
    case .char(let c):
      if export.path.count < 1024 { export.path.append(c) }
    default: break
    }
    return []
  }
}

/// Sends the export to the run loop.
private func startExport(_ state: inout AppState, _ export: inout ExportState, overwrite: Bool) -> [Effect] {
  guard !export.path.isEmpty else {
    export.phase = .finished(message: "no file name given", failed: true)
    return []
  }
  let rows: [UInt32]
  if export.markedOnly {
    let marked = Set(state.marked)
    rows = state.snapshot.visible.filter(marked.contains)
    guard !rows.isEmpty else {
      export.phase = .finished(message: "no marked event is visible: m marks one", failed: true)
      return []
    }
  } else {
    rows = state.snapshot.visible
  }
  state.requests += 1
  export.request = state.requests
  export.phase = .writing(done: 0, total: rows.count)
  return [
    .export(
      ExportRequest(
        request: export.request, path: export.path, format: export.format, rows: rows, columns: state.columns,
        overwrite: overwrite))
  ]
}

/// News from the run loop about an export.
func takeExportNews(_ state: inout AppState, request: Int, news: ExportNews) {
  guard case .export(var export)? = state.screens.last, export.request == request else { return }
  switch news {
  case .progress(let done, let total): export.phase = .writing(done: done, total: total)
  case .exists: export.phase = .confirmOverwrite
  case .finished(let message, let failed):
    export.phase = .finished(message: message, failed: failed)
    state.message = message
  }
  state.screens[state.screens.count - 1] = .export(export)
}

/// What the run loop reports about an export.
public enum ExportNews: Sendable, Equatable {
  /// Events written so far, and in all.
  case progress(done: Int, total: Int)
  /// The file exists and overwriting was not allowed.
  case exists
  /// Done (or failed), with a message for the user.
  case finished(message: String, failed: Bool)
}
