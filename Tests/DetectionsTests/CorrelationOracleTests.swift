import CloudTrailModel
import Detections
import Foundation
import TestSupport
import Testing
import TrailviewDemo

/// The correlation engine against pySigma's SQLite backend (scripts/sigma-oracle.py --correlations), which runs
/// each correlation rule as SQL window queries: for every rule of every kind, over records with bursts in them, the
/// same windows alert and the same events are in them.
@Suite(.enabled(if: Oracle.available, "python3 with pysigma and pysigma-backend-sqlite is not installed; skipped"))
struct CorrelationOracleTests {
  /// Our alerts' end times (in order) and events, per correlation rule id, for `records`.
  static func ours(_ set: RuleSet, _ records: [[UInt8]]) -> [String: (ends: [Int64], rows: [UInt32])] {
    let results = CorrelationRun.evaluate(set.rules, records, semantics: .flattenedTable)
    return Dictionary(
      uniqueKeysWithValues: results.map { c, result in
        (set.rules[c].id, (result.alerts.map(\.end).sorted(), result.rows))
      })
  }

  static func compare(_ set: RuleSet, records: [[UInt8]], files: [String]) throws -> Int {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("records.ndjson")
    _ = FileManager.default.createFile(atPath: input.path, contents: Data(records.joined(separator: [0x0A])))
    let out = try Subprocess.run(Oracle.python, ["python3", Oracle.script, "--correlations", input.path] + files)
    #expect(out.status == 0, "\(out.stderr)")
    let answer = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
    #expect((answer["errors"] as? [String: String])?.isEmpty == true, "\(answer["errors"] ?? "")")
    let alerts = try #require(answer["alerts"] as? [String: [[Any]]])
    let ours = Self.ours(set, records)
    var total = 0
    for c in set.rules where c.correlation != nil {
      let theirs = try #require(alerts[c.id], "\(c.title)")
      let ends = theirs.map { Int64(($0[0] as! NSNumber).doubleValue) }.sorted()
      let rows = Set(theirs.flatMap { ($0[1] as! [Int]).map(UInt32.init) })
      let mine = try #require(ours[c.id])
      #expect(mine.ends == ends, "\(c.title): \(mine.ends.count) alerts, the oracle \(ends.count)")
      #expect(
        Set(mine.rows) == rows,
        "\(c.title): only ours \(Set(mine.rows).subtracting(rows).sorted().prefix(5)), only the oracle \(rows.subtracting(mine.rows).sorted().prefix(5))"
      )
      total += ends.count
    }
    return total
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func everyKindAlertsLikeTheOracle(seed: UInt64) throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = LogTree.write(CorrelationFixtures.rules, to: "correlations.yml", under: folder).path
    var set = RuleSet.load([file])
    set.resolveCorrelations()
    #expect(set.problems.isEmpty, "\(set.problems)")
    #expect(set.rules.filter { $0.correlation != nil }.count == 9)
    let records = CorrelationFixtures.records(count: 1_500, seed: seed).map { Array($0.utf8) }
    let alerts = try Self.compare(set, records: records, files: [file])
    #expect(alerts > 200, "the bursts must make the rules alert for the comparison to mean anything")
  }

  @Test func theBuiltinCorrelationsAlertLikeTheOracleOnTheDemo() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, yaml) in BuiltinRules.all { LogTree.write(yaml, to: "builtin/\(name).yml", under: folder) }
    var set = RuleSet.load([folder.appendingPathComponent("builtin").path])
    set.resolveCorrelations()
    #expect(set.problems.isEmpty, "\(set.problems)")
    let records =
      DemoAccount.records(now: 1_795_700_000) + CorrelationFixtures.records(count: 500, seed: 9).map { Array($0.utf8) }
    let files = Set(set.rules.map(\.source)).sorted()
    let alerts = try Self.compare(set, records: records, files: files)
    #expect(alerts > 0)
  }
}
