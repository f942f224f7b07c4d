import Testing

@testable import TerminalUI

struct CellGridPutTests {
  private func grid(_ width: Int, _ text: String, x: Int = 0, maxWidth: Int = .max) -> (CellGrid, Int) {
    var grid = CellGrid(width: width, height: 1)
    let written = grid.put(text, x: x, y: 0, maxWidth: maxWidth)
    return (grid, written)
  }

  private func texts(_ grid: CellGrid) -> [String] { grid.cells.map(\.text) }

  @Test func asciiFillsCells() {
    let (g, written) = grid(6, "abc", x: 1)
    #expect(texts(g) == [" ", "a", "b", "c", " ", " "])
    #expect(written == 3)
  }

  @Test func wideGraphemeTakesTwoCells() {
    let (g, written) = grid(5, "a中b")
    #expect(texts(g) == ["a", "中", "", "b", " "])
    #expect(written == 4)
    #expect(g.lines == ["a中b "])
  }

  @Test func wideGraphemeExactlyAtRightEdgeFits() {
    let (g, written) = grid(4, "ab中")
    #expect(texts(g) == ["a", "b", "中", ""])
    #expect(written == 4)
  }

  @Test func wideGraphemeOverRightEdgeBecomesSpace() {
    var g = CellGrid(width: 3, height: 1)
    g.fill(x: 0, y: 0, width: 3, height: 1, with: Cell("#"))
    let written = g.put("ab中", x: 0, y: 0)
    #expect(texts(g) == ["a", "b", " "])
    #expect(written == 3)
  }

  @Test func maxWidthClipsInsideTheGrid() {
    let (g, written) = grid(8, "中文字", x: 1, maxWidth: 3)
    #expect(texts(g) == [" ", "中", "", " ", " ", " ", " ", " "])
    #expect(written == 3)
    let (narrow, narrowWritten) = grid(8, "abcdef", x: 2, maxWidth: 2)
    #expect(narrow.lines == ["  ab    "])
    #expect(narrowWritten == 2)
  }

  @Test func textClipsAtTheGridEdge() {
    let (g, written) = grid(4, "abcdef", x: 2)
    #expect(texts(g) == [" ", " ", "a", "b"])
    #expect(written == 2)
  }

  @Test func negativeXDropsTheCharactersBeforeColumnZero() {
    let (g, _) = grid(5, "abc", x: -1)
    #expect(texts(g) == ["b", "c", " ", " ", " "])
  }

  @Test func combiningMarksStayWithTheirBase() {
    let (g, written) = grid(4, "e\u{301}x")
    #expect(g[0, 0].text == "e\u{301}")
    #expect(g[1, 0].text == "x")
    #expect(written == 2)
    #expect(g.lines == ["e\u{301}x  "])
  }

  @Test func zeroWidthAndControlGraphemesDrawNothing() {
    let (g, written) = grid(4, "a\u{200B}b\u{7}c")
    #expect(texts(g) == ["a", "b", "c", " "])
    #expect(written == 3)
  }

  @Test func emojiSequencesAreOneWideCell() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
    let (g, written) = grid(4, family + "!")
    #expect(texts(g) == [family, "", "!", " "])
    #expect(written == 3)
  }

  @Test func rowsOutsideTheGridAreIgnored() {
    var g = CellGrid(width: 3, height: 2)
    #expect(g.put("abc", x: 0, y: 2) == 0)
    #expect(g.put("abc", x: 0, y: -1) == 0)
    #expect(g == CellGrid(width: 3, height: 2))
  }

  @Test func styleIsAppliedToEveryWrittenCell() {
    var g = CellGrid(width: 4, height: 1)
    let bold = Style(fg: .red, bold: true)
    g.put("a中", x: 0, y: 0, style: bold)
    #expect(g[0, 0].style == bold)
    #expect(g[1, 0].style == bold)
    #expect(g[2, 0].style == bold)
    #expect(g[3, 0].style == .plain)
  }

  @Test func negativeXStillFillsToTheRightEdge() {
    let (g, _) = grid(4, "abcdef", x: -2)
    #expect(texts(g) == ["c", "d", "e", "f"])
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var g = CellGrid(width: 4, height: 1)
    g.put("日本", x: 0, y: 0)
    g.put("x", x: 1, y: 0)
    #expect(texts(g) == [" ", "x", "本", ""])
    var h = CellGrid(width: 4, height: 1)
    h.put("日", x: 1, y: 0)
    h.put("y", x: 1, y: 0)
    #expect(h[1, 0].text == "y")
    #expect(h[2, 0].text == " ")
  }
}
