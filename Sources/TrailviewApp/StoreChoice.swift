import CloudTrailModel
import TerminalUI

/// An event data store offered by `lake://` (the dashboard lists them with ListEventDataStores).
public struct StoreRow: Sendable, Equatable {
  /// The store's ARN (what is opened).
  public var arn: String
  /// Its name.
  public var name: String
  /// "ENABLED · 2557 days · multi-region".
  public var detail: String

  /// A row.
  public init(arn: String, name: String, detail: String) {
    self.arn = arn
    self.name = name
    self.detail = detail
  }
}

/// The choice of a store to open, while it is on screen.
public struct StoreChoice: Sendable, Equatable {
  /// The stores.
  public var stores: [StoreRow]
  /// The highlighted one.
  public var selected = 0

  /// A choice among `stores`.
  public init(stores: [StoreRow]) { self.stores = stores }
}

/// ↑/↓ (k/j) move, Enter opens the highlighted store, Esc closes the list, q quits.
func chooseStore(_ state: inout AppState, _ choice: StoreChoice, _ key: Key) -> [Effect] {
  var choice = choice
  switch key {
  case .up, .char("k"): choice.selected = max(0, choice.selected - 1)
  case .down, .char("j"): choice.selected = min(choice.stores.count - 1, choice.selected + 1)
  case .enter:
    state.storeChoice = nil
    guard choice.stores.indices.contains(choice.selected) else { return [] }
    let store = choice.stores[choice.selected]
    state.message = "opening \(store.name)…"
    return [.openStore(store.arn)]
  case .escape:
    state.storeChoice = nil
    return []
  case .char("q"), .ctrl("c"):
    state.quit = true
    return [.quit]
  default: break
  }
  state.storeChoice = choice
  return []
}

/// The list of stores, a box in the middle.
func drawStoreChoice(_ grid: inout CellGrid, _ choice: StoreChoice, env: RenderEnvironment) {
  let width = min(grid.width - 4, 130)
  let shown = min(choice.stores.count, max(1, grid.height - 8))
  let height = shown + 4
  let x = (grid.width - width) / 2
  let y = max(1, (grid.height - height) / 2)
  drawBox(&grid, x: x, y: y, width: width, height: height, title: "CloudTrail Lake event data stores", env: env)
  closeBox(&grid, x: x, y: y, width: width, height: height, env: env)
  let top = max(0, min(choice.selected - shown + 1, choice.stores.count - shown))
  if choice.stores.isEmpty { grid.put("no event data stores", x: x + 2, y: y + 1, style: env.theme.muted) }
  for (i, store) in choice.stores.dropFirst(top).prefix(shown).enumerated() {
    let selected = top + i == choice.selected
    let style = selected ? env.theme.selected : Style.plain
    grid.fill(x: x + 1, y: y + 1 + i, width: width - 2, height: 1, with: Cell(" ", style: style))
    let name = min(28, (width - 6) / 2)
    drawCell(&grid, store.name, x: x + 2, y: y + 1 + i, width: name, style: style, env: env)
    drawCell(&grid, store.detail, x: x + 3 + name, y: y + 1 + i, width: width - name - 6, style: style, env: env)
  }
  grid.put(
    "↑↓ choose · Enter opens · Esc closes", x: x + 2, y: y + height - 2, maxWidth: width - 4, style: Style(bold: true))
}
