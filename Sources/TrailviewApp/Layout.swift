/// Where each pane goes for a terminal size. Pure arithmetic, shared by update (scrolling) and render.
public struct Layout: Sendable, Equatable {
  /// A rectangle in cells.
  public struct Rect: Sendable, Equatable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width.
    public var width: Int
    /// Height.
    public var height: Int
  }

  /// Header line.
  public var header: Rect
  /// The timeline strip (two rows above the table), when shown; height 0 otherwise.
  public var timeline: Rect
  /// Events table, including its title and column header rows.
  public var table: Rect
  /// Trails pane, including its title row.
  public var trails: Rect
  /// Detail pane, including its title and summary rows.
  public var detail: Rect
  /// Status line.
  public var status: Rect
  /// False when the terminal is too small to draw the dashboard.
  public var fits: Bool

  /// The smallest usable terminal.
  public static let minWidth = 60
  /// The smallest usable terminal.
  public static let minHeight = 16

  /// Lays out the screen for `state` (its size, and whether the timeline is shown).
  public init(_ state: AppState) {
    self.init(width: state.width, height: state.height, timeline: state.showTimeline)
  }

  /// Lays out a `width` x `height` screen, with the timeline strip when `timeline` is set.
  public init(width: Int, height: Int, timeline showTimeline: Bool = false) {
    fits = width >= Self.minWidth && height >= Self.minHeight
    header = Rect(x: 0, y: 0, width: width, height: 1)
    status = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
    let strip = showTimeline && fits ? 2 : 0
    timeline = Rect(x: 0, y: 1, width: width, height: strip)
    let body = max(0, height - 2 - strip)
    let tableHeight = max(4, body * 9 / 20)
    table = Rect(x: 0, y: 1 + strip, width: width, height: tableHeight)
    let bottomY = 1 + strip + tableHeight
    let bottomHeight = max(0, body - tableHeight)
    if width >= 120 {
      let trailsWidth = min(56, width / 3)
      detail = Rect(x: 0, y: bottomY, width: width - trailsWidth - 1, height: bottomHeight)
      trails = Rect(x: width - trailsWidth, y: bottomY, width: trailsWidth, height: bottomHeight)
    } else {
      let trailsHeight = min(4, max(2, bottomHeight / 4))
      trails = Rect(x: 0, y: bottomY, width: width, height: trailsHeight)
      detail = Rect(x: 0, y: bottomY + trailsHeight, width: width, height: bottomHeight - trailsHeight)
    }
  }

  /// Table rows available for events (minus title and column header).
  public var tableRows: Int { max(1, table.height - 2) }
  /// Lines available for the JSON in the detail pane (minus title and summary).
  public var detailRows: Int { max(1, detail.height - 2) }
  /// Width available for the JSON.
  public var detailTextWidth: Int { max(10, detail.width - 2) }
}
