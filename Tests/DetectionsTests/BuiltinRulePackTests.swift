import Detections
import Foundation
import Testing

/// The built-in rule pack as a whole: every rule loads, and carries what a finding shows (title, a unique id, a
/// level, ATT&CK tactic and technique, a description, false positives).
@Suite struct BuiltinRulePackTests {
  static let tactics: Set<String> = [
    "attack.initial-access", "attack.execution", "attack.persistence", "attack.privilege-escalation",
    "attack.defense-evasion", "attack.credential-access", "attack.discovery", "attack.lateral-movement",
    "attack.collection", "attack.exfiltration", "attack.impact",
  ]

  @Test func everyRuleLoads() {
    let set = BuiltinRules.load()
    #expect(set.problems.map { "\($0.source): \($0.reason)" } == [])
    #expect(set.rules.count == BuiltinRules.all.count)
    #expect(set.rules.map(\.source) == BuiltinRules.all.map { "builtin:\($0.name)" })
  }

  @Test func namesAndIdsAreUnique() {
    let names = BuiltinRules.all.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
    let ids = BuiltinRules.load().rules.map { $0.id.lowercased() }
    #expect(Set(ids).count == ids.count)
    for id in ids { #expect(UUID(uuidString: id) != nil, "\(id) is not a UUID") }
  }

  @Test(arguments: BuiltinRules.all.map(\.name))
  func ruleHasItsMetadata(name: String) throws {
    let yaml = try #require(BuiltinRules.all.first { $0.name == name }?.yaml)
    let rule = try SigmaLoader.rule(yaml, source: "builtin:\(name)").get()
    #expect(!rule.title.isEmpty && rule.title != "(untitled)")
    #expect(rule.description.count >= 60, "a description says what the event means")
    #expect(!rule.falsePositives.isEmpty)
    // The level is written out (the loader defaults a missing one to medium).
    #expect(yaml.contains("\nlevel: \(rule.level.rawValue)\n"))
    #expect(yaml.contains("\nauthor: trailview\n"))
    #expect(rule.tags.contains { Self.tactics.contains($0) }, "an ATT&CK tactic")
    #expect(rule.tags.contains { $0.wholeMatch(of: /attack\.t\d{4}(\.\d{3})?/) != nil }, "an ATT&CK technique")
    #expect(rule.tags.allSatisfy { Self.tactics.contains($0) || $0.wholeMatch(of: /attack\.t\d{4}(\.\d{3})?/) != nil })
  }

  @Test func thePackCoversEveryTactic() {
    let tags = Set(BuiltinRules.load().rules.flatMap(\.tags))
    #expect(Self.tactics.subtracting(tags).subtracting(["attack.collection"]) == [])
  }
}
