import Detections
import Foundation
import TestSupport
import Testing

/// Rule files are input: a YAML bomb, a huge file, deep nesting, a rule with 10,000 values, a regex built to
/// backtrack. Each is refused or bounded with a named reason, quickly, and the other rules still load.
@Suite struct HostileRuleTests {
  static let header = "title: t\nlogsource:\n  product: aws\n  service: cloudtrail\n"

  /// A folder holding `files` (name to text) and one good rule.
  static func folder(_ files: [String: String]) -> URL {
    let root = LogTree.temporaryFolder()
    for (name, text) in files { LogTree.write(text, to: name, under: root) }
    LogTree.write(
      header + "detection:\n  selection:\n    eventName: StopLogging\n  condition: selection\n", to: "good.yml",
      under: root)
    return root
  }

  @Test func eachHostileFileIsNamedAndTheGoodRuleStillLoads() throws {
    // Nine levels of aliases, each ten times the last: 10^9 values if expanded.
    var bomb = Self.header + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      bomb += "a\(level): &a\(level) [\(previous)]\n"
    }
    bomb += "detection:\n  selection:\n    eventName: *a9\n  condition: selection\n"
    let values = (0..<10_000).map { "      - Event\($0)" }.joined(separator: "\n")
    let many = Self.header + "detection:\n  selection:\n    eventName:\n\(values)\n  condition: selection\n"
    let huge = Self.header + "description: " + String(repeating: "x", count: 2 << 20) + "\n"
    let deep = Self.header + "detection: " + String(repeating: "[", count: 10_000) + "\n"
    let root = Self.folder([
      "bomb.yml": bomb, "many.yml": many, "huge.yml": huge, "deep.yml": deep,
      "catastrophic.yml": Self.header
        + "detection:\n  selection:\n    eventName|re: '(a+)+$'\n  condition: selection\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let started = Date()
    let set = RuleSet.load([root.path])
    #expect(Date().timeIntervalSince(started) < 10, "bounded, not hung (a generous ceiling, not a benchmark)")
    let reasons = Dictionary(
      uniqueKeysWithValues: set.problems.map { (($0.source as NSString).lastPathComponent, $0.reason) })
    #expect(reasons["bomb.yml"]?.contains("expands past 100000 values") == true, "\(reasons)")
    #expect(reasons["many.yml"]?.contains("more than 5000 values") == true, "\(reasons)")
    #expect(reasons["huge.yml"]?.contains("larger than 1 MiB") == true, "\(reasons)")
    #expect(reasons["deep.yml"]?.contains("nest deeper than 64") == true, "\(reasons)")
    // The catastrophic pattern is accepted: it runs in linear time.
    #expect(reasons["catastrophic.yml"] == nil)
    #expect(set.rules.count == 2)
    let record = ArraySlice(Array(#"{"eventName":"\#(String(repeating: "a", count: 20_000))b"}"#.utf8))
    #expect(set.matches(record).isEmpty)
  }

  /// SigmaHQ's CloudTrail rules (in ../shared, when present) all compile.
  @Test(.enabled(if: SigmaHQ.folder != nil, "../shared/conformance/sigma/rules is absent; skipped"))
  func sigmaHQsCloudTrailRulesAllCompile() throws {
    let set = RuleSet.load([SigmaHQ.folder!])
    #expect(set.problems.isEmpty, "\(set.problems)")
    #expect(set.rules.count == 57)
  }
}
