import CloudTrailModel
import EventStore
import TerminalUI

/// Which pane of the dashboard has the keyboard.
public enum Focus: Sendable, Equatable {
  /// The events table.
  case table
  /// The detail pane.
  case detail
  /// The trails pane.
  case trails
}

/// Everything the screen shows; changed only by ``update(_:_:)``.
public struct AppState: Sendable {
  /// Terminal width.
  public var width: Int
  /// Terminal height.
  public var height: Int
  /// The latest store snapshot.
  public var snapshot = EventSnapshot()
  /// The filter the user asked for (the snapshot catches up with it).
  public var filter: EventFilter
  /// Selected row among the visible ones.
  public var selected = 0
  /// First row shown in the table.
  public var top = 0
  /// Row id of the selection, kept so that arriving rows do not move it.
  public var selectedID: UInt32?
  /// Keyboard focus.
  public var focus = Focus.table
  /// The table's columns, in order.
  public var columns: [Field] = TableColumns.defaults
  /// The cell cursor: an index into ``columns``.
  public var column = 0
  /// The cursor line in the detail pane (an index into the detail lines).
  public var detailLine = 0
  /// Marked events (row ids), in the order they were marked.
  public var marked: [UInt32] = []
  /// Show the timeline strip above the table.
  public var showTimeline = false
  /// The timeline strip's counts, for the current snapshot, window and width.
  public var timeline: TimelineCache?
  /// A bucket range anchored with `v` (the bucket's start time), for `z` to take as the time window.
  public var timelineAnchor: Int64?
  /// The time-window preset in use ("24 h"), for the header; nil for a typed or command-line window.
  public var windowPreset: String?
  /// The last background request number handed out (answers carry it back).
  public var requests = 0
  /// Open prompt, if any.
  public var prompt: PromptState?
  /// The event data stores to choose from, while the list is open.
  public var storeChoice: StoreChoice?
  /// A source's question whether it may run a query AWS charges for, while unanswered.
  public var scanQuestion: ScanQuestion?
  /// Screens open above the dashboard, the top one last.
  public var screens: [Screen] = []
  /// First line shown in the trails pane.
  public var trailsScroll = 0
  /// The `s3://` URLs of trails' buckets and the `cwl://` URLs of their log groups opened from the trails pane.
  public var openedBuckets: Set<String> = []
  /// The clock's latest tick, seconds since 1970 (0 before the first).
  public var now: Int64 = 0
  /// Show local time instead of UTC.
  public var localTime = false
  /// First line shown in the detail pane.
  public var detailScroll = 0
  /// Pretty-printed lines of the selected event, cached.
  public var detail = DetailCache()
  /// The title of the rule whose events the row filter shows (from the findings screen); nil for marked events.
  public var ruleFilter: String?
  /// Looking for new events (follow mode).
  public var following = false
  /// Events that arrived above the view while it was scrolled away from the top (shown as "+N new").
  public var newAbove = 0
  /// A one-off message for the status line.
  public var message: String?
  /// Set when the user asked to quit.
  public var quit = false
  /// What is shown as the data source in the header.
  public var sourceLabel: String

  /// Creates the initial state.
  public init(
    width: Int, height: Int, filter: EventFilter = EventFilter(), sourceLabel: String,
    columns: [Field] = TableColumns.defaults
  ) {
    self.width = width
    self.height = height
    self.filter = filter
    self.sourceLabel = sourceLabel
    self.columns = columns.isEmpty ? TableColumns.defaults : columns
    self.column = self.columns.firstIndex(of: .eventName) ?? 0
  }

  /// The field under the table's cell cursor.
  public var cursorField: Field { columns[min(max(0, column), columns.count - 1)] }
}
