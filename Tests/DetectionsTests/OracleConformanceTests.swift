import CloudTrailModel
import Detections
import Foundation
import TestSupport
import Testing
import TrailviewDemo

/// trailview's rule engine against an independent one: pySigma's SQLite backend (scripts/sigma-oracle.py) over the
/// shared samples and the demo account, for every SigmaHQ CloudTrail rule and every built-in rule. Under the flattened table's semantics the
/// decisions must be equal, record by record; the differences under Sigma's own semantics (case, arrays, null) are
/// the deliberate ones, each shown by SemanticsDifferenceTests.
@Suite(
  .enabled(if: Oracle.available, "python3 with pysigma and pysigma-backend-sqlite is not installed; skipped"),
  .enabled(if: SigmaHQ.folder != nil && FixturesSamples.available, "../shared is absent; skipped"))
struct OracleConformanceTests {
  /// Every record of the samples and the demo account, compact, one per line.
  static func records() throws -> [[UInt8]] {
    var records: [[UInt8]] = []
    for file in FixturesSamples.files() {
      let scan = RecordScanner.scan(try FixturesSamples.bytes(of: file))
      records += scan.records.map { JSONPretty.compact(scan.buffer[$0.range]) }
    }
    return records + DemoAccount.records(now: 1_795_700_000)
  }

  @Test func everyRuleDecidesLikeTheOracle() throws {
    let records = try Self.records()
    #expect(records.count > 3_000)
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("records.ndjson")
    _ = FileManager.default.createFile(atPath: input.path, contents: Data(records.joined(separator: [0x0A])))
    // SigmaHQ's rules and the built-in pack (written out as files for the oracle).
    for (name, yaml) in BuiltinRules.all { LogTree.write(yaml, to: "builtin/\(name).yml", under: folder) }
    var set = RuleSet.load([SigmaHQ.folder!, folder.appendingPathComponent("builtin").path])
    set.resolveCorrelations()
    #expect(set.problems.isEmpty && set.rules.count == 57 + BuiltinRules.all.count, "\(set.problems)")
    // Correlation rules decide over many events: CorrelationOracleTests compares them.
    set.rules.removeAll { $0.correlation != nil }
    let files = set.rules.map(\.source)
    let out = try Subprocess.run(Oracle.python, ["python3", Oracle.script, input.path] + files)
    #expect(out.status == 0, "\(out.stderr)")
    let answer = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
    let matches = try #require(answer["matches"] as? [String: [Int]])
    #expect((answer["errors"] as? [String: String])?.isEmpty == true, "\(answer["errors"] ?? "")")
    var compared = 0
    var hits = 0
    var differences: [String] = []
    for rule in set.rules {
      let oracle = Set(try #require(matches[rule.source], "\(rule.source)"))
      let ours = Set(records.indices.filter { rule.matches(records[$0][...], semantics: .flattenedTable) })
      #expect(
        ours == oracle,
        "\(rule.title): only trailview \(ours.subtracting(oracle).sorted().prefix(5)), only the oracle \(oracle.subtracting(ours).sorted().prefix(5))"
      )
      let specified = Set(records.indices.filter { rule.matches(records[$0][...]) })
      if specified != ours { differences.append("\(rule.title): \(specified.symmetricDifference(ours).count)") }
      compared += records.count
      hits += oracle.count
    }
    #expect(hits > 100, "the rules must match something for the comparison to mean anything")
    print("compared \(compared) decisions (\(hits) matches); Sigma's semantics differ on: \(differences)")
  }
}

/// pySigma with its SQLite backend, when python3 has it.
enum Oracle {
  static let python = "/usr/bin/env"
  static var script: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("scripts/sigma-oracle.py").path
  }

  static let available: Bool = {
    let out = try? Subprocess.run(python, ["python3", "-c", "import sigma.backends.sqlite"])
    return out?.status == 0
  }()
}
