import CloudTrailModel
import Foundation
import Testing

/// The README's print-mode section names every field `--where`, `--columns` and `--summary` take.
@Suite struct ReadmeFieldsTests {
  @Test func everyFieldIsInTheReadme() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "## Print mode"))
    let section = text[start.upperBound...]
    let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
    let printMode = section[..<end]
    for field in Field.allCases {
      #expect(printMode.contains("`\(field.name)`"), "\(field.name) is not in the README's print-mode section")
    }
  }
}
