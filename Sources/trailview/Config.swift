import CloudTrailModel
import EventStore
import Foundation

/// trailview's settings file, `$XDG_CONFIG_HOME/trailview/config.json` (else `~/.config/trailview/config.json`):
/// JSON such as `{"columns": ["time", "readOnly", "eventName", "user"], "followSeconds": 15}`.
///
/// Loading never fails: a missing file is an empty configuration, and a broken one is described for the caller to
/// report, then ignored. Saving replaces the file atomically (a temporary file in the same folder, renamed over it).
struct TrailviewConfig: Equatable, Sendable {
  /// The events table's columns (print mode's table and CSV), when chosen.
  var columns: [Field]?
  /// Seconds between looks for new events when following (`followSeconds`), when set.
  var followSeconds: Int?

  /// The file's path: under `XDG_CONFIG_HOME` when it is set to an absolute path, else under `HOME`'s `.config`.
  static func path(environment: [String: String]) -> String {
    if var base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
      while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
      return base + "/trailview/config.json"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/trailview/config.json"
  }

  /// The configuration in the file for `environment`, and what was wrong with it (path and reason), if anything:
  /// an unreadable or invalid file is ignored whole, unknown column names are skipped.
  static func load(environment: [String: String]) -> (TrailviewConfig, problem: String?) {
    let path = path(environment: environment)
    let bytes: [UInt8]
    switch PrivateFiles.read(path, limit: 1 << 20) {
    case .success(let read?): bytes = read
    case .success(nil): return (TrailviewConfig(), nil)
    case .failure(let failure): return (TrailviewConfig(), failure.description)
    }
    var config = TrailviewConfig()
    let problem = config.decode(bytes).map { "\(path): \($0)" }
    return (config, problem)
  }

  /// Writes the configuration to the file for `environment`, creating its folders (mode 0700); the file is written
  /// beside its final place with mode 0600, synced, and renamed over it, so a reader sees the old file or the new one.
  func save(environment: [String: String]) throws {
    let path = Self.path(environment: environment)
    try PrivateFiles.makeFolders(String(path[..<path.lastIndex(of: "/")!]))
    try PrivateFiles.replace(path, with: Array(encoded().utf8), sync: true)
  }

  /// The file's text: `{"columns": [...], "followSeconds": N}` (`{}` when nothing is set), ending in a newline.
  func encoded() -> String {
    var members: [String] = []
    if let columns {
      members.append("\"columns\": [" + columns.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]")
    }
    if let followSeconds { members.append("\"followSeconds\": \(followSeconds)") }
    return "{" + members.joined(separator: ", ") + "}\n"
  }

  /// Takes the settings from the file's bytes; returns what was wrong (nil when nothing was).
  private mutating func decode(_ bytes: [UInt8]) -> String? {
    guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return "not valid JSON" }
    guard let object = json as? [String: Any] else { return "not a JSON object" }
    var problems: [String] = []
    if let value = object["followSeconds"] {
      if let seconds = value as? Int, !(value is Bool), (1...3600).contains(seconds) {
        followSeconds = seconds
      } else {
        problems.append("\"followSeconds\" must be a whole number of seconds from 1 to 3600")
      }
    }
    if let problem = decodeColumns(object["columns"]) { problems.append(problem) }
    return problems.isEmpty ? nil : problems.joined(separator: "; ")
  }

  /// Takes the columns from the file's `columns` value; returns what was wrong.
  private mutating func decodeColumns(_ value: Any?) -> String? {
    guard let value else { return nil }
    guard let names = value as? [String] else { return "\"columns\" is not a list of field names" }
    var fields: [Field] = []
    var unknown: [String] = []
    for name in names {
      if let field = Field(name: name) {
        if !fields.contains(field) { fields.append(field) }
      } else {
        unknown.append(name)
      }
    }
    columns = fields.isEmpty ? nil : fields
    guard !unknown.isEmpty else { return nil }
    return "unknown column \(unknown.count == 1 ? "name" : "names") skipped: "
      + unknown.map { "\"\($0)\"" }.joined(separator: ", ") + " (known: \(Options.fieldNames))"
  }

}
