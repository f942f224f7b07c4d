import Foundation
import Testing
import TrailviewApp

@Suite struct KeymapDocTests {
  @Test func readmeKeyTableMatchesTheKeymap() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(AppKeys.markdownTable), "regenerate with: trailview --keys-markdown")
  }

  @Test func noKeyIsBoundTwice() {
    #expect(AppKeys.keymap.conflicts().isEmpty)
  }
}
