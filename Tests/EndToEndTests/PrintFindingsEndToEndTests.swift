import Foundation
import TestSupport
import Testing

/// `--rules`, `--flagged` and `--findings` in print mode, checked against Python's own reading of the same events.
@Suite(.enabled(if: BuiltProducts.path("trailview") != nil, "trailview is not built next to the test bundle"))
struct PrintFindingsEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"
  static let rule = """
    title: Denied calls from the intruder's address
    id: 11111111-2222-3333-4444-555555555555
    level: high
    tags: [attack.discovery]
    logsource:
      product: aws
      service: cloudtrail
    detection:
      selection:
        sourceIPAddress|cidr: 203.0.113.0/24
        errorCode|endswith: AccessDenied*
      condition: selection
    """

  static func lines(_ out: Subprocess.Output) -> [[String: Any]] {
    out.text.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
  }

  @Test func flaggedEventsAndFindingsAgreeWithAPlainReading() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    LogTree.write(Self.rule, to: "rules/denied.yml", under: folder)
    LogTree.write("title: [broken\n", to: "rules/broken.yml", under: folder)
    let rules = ["--no-builtin-rules", "--rules", folder.appendingPathComponent("rules").path]
    // The demo's events, once, in a file: every run below reads the same events.
    let all = try Subprocess.run(Self.binary, ["--demo", "--print"])
    let events = LogTree.write(all.stdout, to: "demo.ndjson", under: folder).path
    // The same decision made here by hand: the intruder's /24 and an error code starting AccessDenied (any case).
    let expected = Set(
      Self.lines(all).filter { record in
        (record["sourceIPAddress"] as? String ?? "").hasPrefix("203.0.113.")
          && (record["errorCode"] as? String ?? "").lowercased().hasPrefix("accessdenied")
      }.compactMap { $0["eventID"] as? String })
    #expect(expected.count >= 3)
    let flagged = try Subprocess.run(Self.binary, ["--print", "--flagged", events] + rules)
    #expect(flagged.status == 2, "a rule file was skipped: \(flagged.stderr)")
    #expect(flagged.stderr.contains("broken.yml: rule skipped: not YAML"), "\(flagged.stderr)")
    #expect(Set(Self.lines(flagged).compactMap { $0["eventID"] as? String }) == expected)
    let findings = try Subprocess.run(
      Self.binary, ["--print", "--findings", "--format", "json", events] + rules)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(findings.stdout)) as? [String: Any])
    let hits = try #require(document["findings"] as? [[String: Any]])
    #expect(
      hits.count == 1 && hits.first?["count"] as? Int == expected.count && hits.first?["level"] as? String == "high")
    #expect(Set(hits.first?["eventIDs"] as? [String] ?? []) == expected)
    let table = try Subprocess.run(Self.binary, ["--print", "--findings", events] + rules)
    #expect(table.text.split(separator: "\n").count == 2 && table.text.contains("Denied calls from the intruder"))
  }

  /// A correlation rule file (the rule above counted per address, three within an hour) given with `--rules`: the
  /// findings name only the correlation (its counted rule does not `generate`), with the events a plain reading
  /// finds in some hour-long window of three or more.
  @Test func aCorrelationRuleFromAFileFindsTheBurst() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let burst = """
      \(Self.rule.replacingOccurrences(of: "level: high", with: "name: denied"))
      ---
      title: Three denied calls within an hour from one address
      id: 11111111-2222-3333-4444-777777777777
      level: critical
      correlation:
        type: event_count
        rules: [denied]
        group-by: [sourceIPAddress]
        timespan: 1h
        condition: {gte: 3}
      """
    LogTree.write(burst, to: "rules/burst.yml", under: folder)
    let all = try Subprocess.run(Self.binary, ["--demo", "--print"])
    let events = LogTree.write(all.stdout, to: "demo.ndjson", under: folder).path
    let denied = Self.lines(all).filter { record in
      (record["sourceIPAddress"] as? String ?? "").hasPrefix("203.0.113.")
        && (record["errorCode"] as? String ?? "").lowercased().hasPrefix("accessdenied")
    }
    // By hand: per address, an event is in the burst when some window [t - 1h, t] ending at an event holds it and
    // two more.
    let formatter = ISO8601DateFormatter()
    let timed = denied.map {
      (
        ip: $0["sourceIPAddress"] as! String, id: $0["eventID"] as! String,
        t: formatter.date(from: $0["eventTime"] as! String)!.timeIntervalSince1970
      )
    }
    var expected = Set<String>()
    for end in timed {
      let window = timed.filter { $0.ip == end.ip && $0.t <= end.t && $0.t >= end.t - 3600 }
      if window.count >= 3 { expected.formUnion(window.map(\.id)) }
    }
    #expect(expected.count >= 10)
    let findings = try Subprocess.run(
      Self.binary,
      ["--print", "--findings", "--format", "json", "--no-builtin-rules", "--rules", folder.path + "/rules", events])
    #expect(findings.status == 0, "\(findings.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(findings.stdout)) as? [String: Any])
    let hits = try #require(document["findings"] as? [[String: Any]])
    #expect(hits.count == 1 && hits.first?["level"] as? String == "critical")
    #expect(hits.first?["correlation"] as? String == "event_count gte 3 within 3600s by sourceIPAddress")
    #expect(Set(hits.first?["eventIDs"] as? [String] ?? []) == expected)
  }

  @Test func theBuiltInPackFlagsTheIncidentsStopLogging() throws {
    let out = try Subprocess.run(
      Self.binary, ["--demo", "--print", "--flagged", "--event-name", "StopLogging"])
    #expect(out.status == 0, "\(out.stderr)")
    let records = Self.lines(out)
    #expect(records.count == 1 && (records.first?["sourceIPAddress"] as? String) == "203.0.113.66")
    let off = try Subprocess.run(
      Self.binary, ["--demo", "--print", "--flagged", "--no-builtin-rules"])
    #expect(off.status == 0 && off.text.isEmpty, "no rules, nothing flagged")
  }

  static let second = """
    title: Instances listed
    id: 11111111-2222-3333-4444-666666666666
    level: low
    logsource:
      product: aws
      service: cloudtrail
    detection:
      selection:
        eventName: DescribeInstances
      condition: selection
    """

  /// `level` and `rules` as CSV and table columns, and `--flagged` adding them: each event's most serious level and
  /// its rules' titles, as worked out by hand from the records.
  @Test func levelsAndRulesInCSVAndTable() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    LogTree.write(Self.rule, to: "rules/denied.yml", under: folder)
    LogTree.write(Self.second, to: "rules/listed.yml", under: folder)
    let rules = ["--no-builtin-rules", "--rules", folder.appendingPathComponent("rules").path]
    let all = try Subprocess.run(Self.binary, ["--demo", "--print"])
    let events = LogTree.write(all.stdout, to: "demo.ndjson", under: folder).path
    var expected: [String: (level: String, rules: String)] = [:]
    for record in Self.lines(all) {
      guard let id = record["eventID"] as? String else { continue }
      let denied =
        (record["sourceIPAddress"] as? String ?? "").hasPrefix("203.0.113.")
        && (record["errorCode"] as? String ?? "").lowercased().hasPrefix("accessdenied")
      let listed = (record["eventName"] as? String ?? "").lowercased() == "describeinstances"
      let titles = (denied ? ["Denied calls from the intruder's address"] : []) + (listed ? ["Instances listed"] : [])
      expected[id] = (denied ? "high" : listed ? "low" : "", titles.joined(separator: "; "))
    }
    #expect(expected.values.contains { $0.rules.contains(";") } || expected.values.contains { $0.level == "low" })
    let csv = try Subprocess.run(
      Self.binary, ["--print", "--format", "csv", "--columns", "eventID,level,rules", events] + rules)
    let rows = csv.text.split(separator: "\r\n").map(String.init)
    #expect(rows.first == "eventID,level,rules")
    var seen = 0
    for row in rows.dropFirst() {
      // eventID and level hold no commas; the rules cell is quoted when it has spaces.
      let parts = row.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 3, let want = expected[parts[0]] else {
        Issue.record("unexpected row \(row)")
        continue
      }
      let rulesCell = parts[2].hasPrefix("\"") ? String(parts[2].dropFirst().dropLast()) : parts[2]
      #expect(parts[1] == want.level && rulesCell.replacingOccurrences(of: "\"\"", with: "\"") == want.rules, "\(row)")
      seen += 1
    }
    #expect(seen == expected.count)
    // --flagged: the table ends with LEVEL and RULES, one line per flagged event.
    let table = try Subprocess.run(Self.binary, ["--print", "--flagged", "--format", "table", events] + rules)
    let lines = table.text.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.hasSuffix("LEVEL  RULES") == true || lines.first?.contains(" LEVEL ") == true, "\(lines.first ?? "")"
    )
    #expect(lines.count - 1 == expected.values.filter { !$0.level.isEmpty }.count)
    #expect(lines.dropFirst().allSatisfy { $0.contains(" high ") || $0.contains(" low ") })
  }
}
