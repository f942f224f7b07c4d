import Testing

@testable import TerminalUI

struct GridDiffTests {
  private func row(_ texts: [String]) -> CellGrid {
    var grid = CellGrid(width: texts.count, height: 1)
    for (x, text) in texts.enumerated() { grid[x, 0] = Cell(text) }
    return grid
  }

  private func drawn(_ changes: [CellChange]) -> [String] {
    changes.map { "\($0.x):\($0.text)" }
  }

  @Test func firstFrameDrawsEveryCellButContinuations() {
    let grid = row(["a", "中", "", " "])
    #expect(drawn(grid.changes(since: nil)) == ["0:a", "1:中", "3: "])
  }

  @Test func identicalGridsNeedNoWrites() {
    let grid = row(["a", "中", "", "b"])
    #expect(grid.changes(since: grid).isEmpty)
  }

  @Test func onlyChangedCellsAreWrittenWithTheirStyle() {
    let before = row(["a", "b", "c", "d"])
    var after = before
    after[2, 0] = Cell("x", style: Style(reverse: true))
    let changes = after.changes(since: before)
    #expect(changes == [CellChange(x: 2, y: 0, text: "x", style: Style(reverse: true))])
    var restyled = before
    restyled[0, 0].style.bold = true
    #expect(drawn(restyled.changes(since: before)) == ["0:a"])
  }

  @Test func aSizeChangeRedrawsEverything() {
    let before = CellGrid(width: 3, height: 1)
    let after = CellGrid(width: 3, height: 2)
    #expect(after.changes(since: before).count == 6)
  }

  @Test func changesAreInRowMajorOrder() {
    var before = CellGrid(width: 2, height: 2)
    before[0, 0] = Cell("q")
    var after = CellGrid(width: 2, height: 2)
    after[1, 1] = Cell("z")
    after[1, 0] = Cell("y")
    #expect(after.changes(since: before).map { [$0.x, $0.y] } == [[0, 0], [1, 0], [1, 1]])
  }

  @Test func brokenWideGraphemesAndOrphanContinuationsBecomeSpaces() {
    let grid = row(["", "中", "x", "中"])
    #expect(drawn(grid.changes(since: nil)) == ["0: ", "1: ", "2:x", "3: "])
    let zeroWidth = row(["\u{301}", "ab"])
    #expect(drawn(zeroWidth.changes(since: nil)) == ["0: ", "1: "])
  }

  @Test func aChangedContinuationRewritesItsWideGrapheme() {
    let before = row(["中", "x", "b"])
    let after = row(["中", "", "b"])
    #expect(drawn(after.changes(since: before)) == ["0:中"])
  }

  @Test func replacingAWideGraphemeRewritesTheCellItCovered() {
    let before = row(["中", "", "b"])
    let after = row(["a", "", "b"])
    #expect(drawn(after.changes(since: before)) == ["0:a", "1: "])
  }

  @Test func aChangeNextToAnUnchangedWideGraphemeLeavesItAlone() {
    let before = row(["中", "", "b"])
    let after = row(["中", "", "c"])
    #expect(drawn(after.changes(since: before)) == ["2:c"])
  }

  @Test func overwritingHalfAWideGraphemeRepairsTheOtherHalf() {
    let before = row(["中", "", "b"])
    let after = row(["中", "x", "b"])
    #expect(drawn(after.changes(since: before)) == ["0: ", "1:x"])
  }
}
