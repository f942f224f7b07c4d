import EventStore
import Foundation
import TestSupport
import Testing

/// The store drops an event seen twice and keeps distinct records: it knows a record by its event ID and time, and
/// compares two records whole (whitespace aside) only when that key comes again.
@Suite struct DedupeTests {
  static func record(_ id: String?, user: String, minute: Int = 1) -> String {
    let time = String(format: "2026-12-01T10:%02d:00Z", minute)
    let full = LogTree.record(time: time, name: "GetObject", user: user, eventID: id ?? "drop-me")
    return id == nil ? full.replacingOccurrences(of: #","eventID":"drop-me""#, with: "") : full
  }

  /// Loads `files` (name to records), compressed past a budget of `plainBudget` bytes.
  static func load(_ files: [String: String], plainBudget: Int = LogFileSource.defaultPlainBudget) -> EventSnapshot {
    let root = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for (name, text) in files { LogTree.write(text, to: name, under: root, gzip: name.hasSuffix(".gz")) }
    return StoreHarness.load([root.path], plainBudget: plainBudget)
  }

  /// `json` with a newline and indent after every `{`, `[` and `,` and a space after every `:`, outside strings (the
  /// key order and every value stay as they were, as a pretty printer that keeps order would write them).
  static func spaced(_ json: String) -> String {
    var out = ""
    var inString = false
    var escaped = false
    for c in json {
      out.append(c)
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
        continue
      }
      switch c {
      case "\"": inString = true
      case "{", "[", ",": out += "\n  "
      case ":": out += " "
      default: break
      }
    }
    return out
  }

  static func users(_ snapshot: EventSnapshot) -> [String] {
    snapshot.visible.map { snapshot.text(.user, row: $0) }.sorted()
  }

  @Test func aPrettyPrintedCopyIsTheSameEvents() {
    let file = LogTree.recordsFile([Self.record("a", user: "alice"), Self.record("b", user: "bob", minute: 2)])
    let pretty = Self.spaced(file)
    #expect(pretty.contains("\n  "))
    for budget in [LogFileSource.defaultPlainBudget, 0] {
      let snapshot = Self.load(["one.json.gz": file, "copy.json.gz": pretty], plainBudget: budget)
      #expect(Self.users(snapshot) == ["alice", "bob"] && snapshot.progress.duplicates == 2, "budget \(budget)")
    }
  }

  @Test func distinctRecordsThatShareAnIDAreKept() {
    let file = LogTree.recordsFile([
      Self.record("same", user: "alice"), Self.record("same", user: "bob"), Self.record("same", user: "alice"),
      Self.record("same", user: "carol"), Self.record("same", user: "bob"),
    ])
    let snapshot = Self.load(["f.json": file])
    #expect(Self.users(snapshot) == ["alice", "bob", "carol"])
    #expect(snapshot.progress.duplicates == 2)
  }

  @Test func recordsWithoutAnIDAreComparedWhole() {
    let file = LogTree.recordsFile([
      Self.record(nil, user: "alice"), Self.record(nil, user: "alice"), Self.record(nil, user: "bob"),
    ])
    let snapshot = Self.load(["f.json": file])
    #expect(Self.users(snapshot) == ["alice", "bob"] && snapshot.progress.duplicates == 1)
  }

  @Test func theSameIDAtAnotherTimeIsAnotherEvent() {
    let file = LogTree.recordsFile([Self.record("x", user: "alice"), Self.record("x", user: "alice", minute: 9)])
    #expect(Self.load(["f.json": file]).count == 2)
  }
}
