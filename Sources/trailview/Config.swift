import CloudTrailModel
import EventStore
import Foundation
import TOMLKit

/// How the dashboard looks: `auto` draws colours unless `NO_COLOR` is set or the terminal has none; `mono` never.
enum ThemeChoice: String, CaseIterable, Sendable {
  case auto, mono
}

/// trailview's settings file, `$XDG_CONFIG_HOME/trailview/config.toml` (else `~/.config/trailview/config.toml`):
///
///     profile = "incident-readonly"            # --profile
///     regions = ["us-east-1", "eu-west-1"]     # --region ("all": every enabled region)
///     since = "7d"                             # --since, when no time option is given
///     columns = ["time", "readOnly", "eventName", "user"]
///     rules = ["~/detections"]                 # --rules
///     theme = "mono"                           # --theme: auto or mono
///     follow-every = 15                        # --follow-every
///
/// Loading never fails: a missing file is an empty configuration; a file with any problem (TOML syntax, an unknown
/// setting, a value of the wrong kind) is ignored whole, and every problem is described with its line for the
/// caller to report. Saving the columns edits that one line in place, keeping the rest of the file and its comments.
struct TrailviewConfig: Equatable, Sendable {
  var profile: String?
  var regions: [String]?
  var since: String?
  /// The events table's columns (print mode's table and CSV, the dashboard).
  var columns: [Field]?
  var rules: [String]?
  var theme: ThemeChoice?
  /// Seconds between looks for new events when following.
  var followSeconds: Int?

  /// The settings a file may hold, in the order `--print-config` shows them.
  static let keys = ["profile", "regions", "since", "columns", "rules", "theme", "follow-every"]

  /// What reading the file gave.
  struct Loaded: Sendable {
    /// The settings (empty when the file is missing or has a problem).
    var config = TrailviewConfig()
    /// The file's path.
    var path: String
    /// True when the file exists.
    var found = false
    /// What is wrong with the file, one line each, with the path and line; nil when nothing is.
    var problem: String?
    /// The line each setting was read from.
    var lines: [String: Int] = [:]
  }

  /// The file's path: under `XDG_CONFIG_HOME` when it is set to an absolute path, else under `HOME`'s `.config`.
  static func path(environment: [String: String]) -> String {
    folder(environment: environment) + "/config.toml"
  }

  private static func folder(environment: [String: String]) -> String {
    if var base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
      while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
      return base + "/trailview"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/trailview"
  }

  /// The configuration in the file for `environment`, and what was wrong with it.
  static func load(environment: [String: String]) -> Loaded {
    let path = path(environment: environment)
    var loaded = Loaded(path: path)
    switch PrivateFiles.read(path, limit: 1 << 20) {
    case .success(let bytes?):
      loaded.found = true
      let (config, lines, problems) = parse(String(decoding: bytes, as: UTF8.self), home: environment["HOME"])
      if problems.isEmpty {
        (loaded.config, loaded.lines) = (config, lines)
      } else {
        loaded.problem = problems.map { "\(path) \($0)" }.joined(separator: "; ") + " (the file is ignored)"
      }
    case .success(nil):
      let old = folder(environment: environment) + "/config.json"
      if FileManager.default.fileExists(atPath: old) {
        loaded.problem = "\(old) is no longer read: its settings go in \(path), in TOML (see the README)"
      }
    case .failure(let failure):
      loaded.problem = failure.description
    }
    return loaded
  }

  /// The settings in `text`, the line of each, and what is wrong (each "line N: reason"); `home` expands `~/` in
  /// rule paths.
  static func parse(_ text: String, home: String?) -> (TrailviewConfig, [String: Int], [String]) {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      return (TrailviewConfig(), [:], ["line \(error.source.begin.line): \(error.description)"])
    } catch {
      return (TrailviewConfig(), [:], ["is not TOML: \(error)"])
    }
    let lines = keyLines(text)
    var config = TrailviewConfig()
    var problems: [(Int, String)] = []
    for key in table.keys {
      guard let value = table[key] else { continue }
      let line = lines[key] ?? 0
      if let problem = config.take(key, value, home: home) {
        problems.append((line, "line \(line): \(key): \(problem)"))
      }
    }
    return (config, lines, problems.sorted { $0.0 < $1.0 }.map(\.1))
  }

  /// Sets `key` from `value`; returns what is wrong with it.
  private mutating func take(_ key: String, _ value: TOMLValueConvertible, home: String?) -> String? {
    switch key {
    case "profile":
      guard let name = value.string, !name.isEmpty else { return "must be a profile name in quotes" }
      profile = name
    case "regions":
      guard let names = Self.strings(value) else { return "must be a region, \"all\", or a list of regions in quotes" }
      regions = names.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
    case "since":
      guard let text = value.string, TimeText.duration(text) != nil else {
        return "must be a whole number and a unit, s, m, h, d or w, in quotes, such as \"12h\" or \"7d\""
      }
      since = text
    case "columns":
      guard let names = Self.strings(value) else { return "must be a list of field names in quotes" }
      let unknown = names.filter { Field(name: $0) == nil }
      guard unknown.isEmpty else {
        return "unknown field " + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
          + " (known: \(Options.fieldNames))"
      }
      var fields: [Field] = []
      for field in names.compactMap(Field.init(name:)) where !fields.contains(field) { fields.append(field) }
      columns = fields.isEmpty ? nil : fields
    case "rules":
      guard let paths = Self.strings(value) else {
        return "must be a folder or a list of folders of Sigma rules, in quotes"
      }
      rules = paths.map { path in
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
      }
    case "theme":
      guard let name = value.string, let choice = ThemeChoice(rawValue: name) else {
        return "must be \"auto\" or \"mono\""
      }
      theme = choice
    case "follow-every":
      guard value.type == .int, let seconds = value.int, (1...3600).contains(seconds) else {
        return "must be a whole number of seconds from 1 to 3600"
      }
      followSeconds = seconds
    default:
      return "not a setting (known: \(Self.keys.joined(separator: ", ")))"
    }
    return nil
  }

  /// A string or a list of strings.
  private static func strings(_ value: TOMLValueConvertible) -> [String]? {
    if let one = value.string { return [one] }
    guard let list = value.array else { return nil }
    let strings = list.compactMap { $0.string }
    return strings.count == list.count ? strings : nil
  }

  /// The line (from 1) of each top-level key in `text`: bare or quoted keys before the first table header.
  static func keyLines(_ text: String) -> [String: Int] {
    var lines: [String: Int] = [:]
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("[") { break }
      guard let equals = trimmed.firstIndex(of: "=") else { continue }
      var key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
      if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote {
        key = String(key.dropFirst().dropLast())
      }
      if lines[key] == nil { lines[key] = index + 1 }
    }
    return lines
  }

  /// Saves `columns` (nil: the defaults) to the file for `environment`, creating it and its folders (mode 0700)
  /// when missing: the `columns` line is replaced in place (or added first), every other line kept. The new file
  /// is written beside the old with mode 0600, synced, and renamed over it.
  static func save(columns: [Field]?, environment: [String: String]) throws {
    let path = path(environment: environment)
    try PrivateFiles.makeFolders(String(path[..<path.lastIndex(of: "/")!]))
    let old: String
    switch PrivateFiles.read(path, limit: 1 << 20) {
    case .success(let bytes?): old = String(decoding: bytes, as: UTF8.self)
    case .success(nil): old = ""
    case .failure(let failure): throw failure
    }
    try PrivateFiles.replace(path, with: Array(withColumns(columns, in: old).utf8), sync: true)
  }

  /// `text` with its top-level `columns` setting (a line, or a list over several lines) replaced by `columns`, or
  /// added as the first line; removed when `columns` is nil.
  static func withColumns(_ columns: [Field]?, in text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let setting = columns.map { "columns = [" + $0.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]" }
    if let start = keyLines(text)["columns"].map({ $0 - 1 }) {
      // The value ends on the line whose brackets close the list.
      var depth = 0
      var end = start
      for (n, line) in lines[start...].enumerated() {
        depth += line.filter { $0 == "[" }.count - line.filter { $0 == "]" }.count
        end = start + n
        if depth <= 0 { break }
      }
      lines.replaceSubrange(start...end, with: setting.map { [$0] } ?? [])
    } else if let setting {
      lines.insert(setting, at: 0)
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }
}
