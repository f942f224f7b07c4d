import ArgumentParser
import CloudTrailModel
import EventStore
import TrailviewApp

extension ThemeChoice: ExpressibleByArgument {}

/// One setting in effect and where it came from, for `--print-config`.
struct EffectiveSetting: Equatable, Sendable {
  var name: String
  var value: String
  var origin: String
}

extension Options {
  /// Takes the config file's settings for what the command line left unset, and returns every setting in effect
  /// with where it came from. The profile and the regions also look at the environment before the file
  /// (`AWS_PROFILE`, `AWS_REGION`, `AWS_DEFAULT_REGION`), as the AWS CLI puts its variables before its files.
  @discardableResult
  mutating func apply(_ loaded: TrailviewConfig.Loaded, environment: [String: String]) -> [EffectiveSetting] {
    let config = loaded.config
    func file(_ key: String) -> String { "config file, line \(loaded.lines[key] ?? 0)" }
    func set(_ name: String, _ value: String, _ origin: String) -> EffectiveSetting {
      EffectiveSetting(name: name, value: value, origin: origin)
    }
    let fileState =
      !loaded.found ? "not found" : loaded.problem == nil ? "read" : "ignored, it has a problem (see stderr)"
    var out = [set("config file", loaded.path, fileState)]

    let profileVariable = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
    if let profile {
      out.append(set("profile", profile, "command line (--profile)"))
    } else if let profileVariable {
      out.append(set("profile", profileVariable, "environment (AWS_PROFILE)"))
    } else if let chosen = config.profile {
      profile = chosen
      out.append(set("profile", chosen, file("profile")))
    } else {
      out.append(set("profile", "default", "default"))
    }

    let regionVariable = ["AWS_REGION", "AWS_DEFAULT_REGION"].first { !(environment[$0] ?? "").isEmpty }
    if !regionList.isEmpty {
      out.append(set("regions", regionList.joined(separator: ", "), "command line (--region)"))
    } else if let regionVariable {
      out.append(set("regions", environment[regionVariable] ?? "", "environment (\(regionVariable))"))
    } else if let chosen = config.regions, !chosen.isEmpty {
      regions = chosen
      out.append(set("regions", regionList.joined(separator: ", "), file("regions")))
    } else {
      out.append(set("regions", "the profile's region", "default"))
    }

    let window = [
      since.map { "--since \($0)" }, startTime.map { "--start-time \($0)" }, endTime.map { "--end-time \($0)" },
    ]
    .compactMap { $0 }
    if !window.isEmpty {
      out.append(set("time window", window.joined(separator: " "), "command line"))
    } else if let chosen = config.since {
      since = chosen
      out.append(set("time window", "since \(chosen) ago", file("since")))
    } else {
      out.append(set("time window", "all events (the live API: its last 90 days)", "default"))
    }

    if let columns {
      out.append(set("columns", columns, "command line (--columns)"))
    } else if let chosen = config.columns {
      out.append(set("columns", chosen.map(\.name).joined(separator: ", "), file("columns")))
    } else {
      out.append(set("columns", TableColumns.defaults.map(\.name).joined(separator: ", "), "default"))
    }

    let builtin = noBuiltinRules ? "" : "the built-in pack"
    if !ruleFolders.isEmpty {
      out.append(
        set("rules", ([builtin] + ruleFolders).filter { !$0.isEmpty }.joined(separator: ", "), "command line (--rules)")
      )
    } else if let chosen = config.rules, !chosen.isEmpty {
      ruleFolders = chosen
      out.append(set("rules", ([builtin] + chosen).filter { !$0.isEmpty }.joined(separator: ", "), file("rules")))
    } else {
      out.append(set("rules", noBuiltinRules ? "none" : builtin, noBuiltinRules ? "command line" : "default"))
    }

    if let theme {
      out.append(set("theme", theme.rawValue, "command line (--theme)"))
    } else if let chosen = config.theme {
      theme = chosen
      out.append(set("theme", chosen.rawValue, file("theme")))
    } else {
      out.append(set("theme", ThemeChoice.auto.rawValue, "default"))
    }

    if let followEvery {
      out.append(set("follow-every", "\(followEvery) s", "command line (--follow-every)"))
    } else if let chosen = config.followSeconds {
      followEvery = chosen
      out.append(set("follow-every", "\(chosen) s", file("follow-every")))
    } else {
      out.append(set("follow-every", "\(Self.defaultFollowSeconds) s", "default"))
    }
    return out
  }
}

/// `--print-config`'s text: a line per setting, the value and where it came from in aligned columns.
enum ConfigReport {
  static func text(_ settings: [EffectiveSetting]) -> String {
    let rows = settings.map { [$0.name, DisplayText.sanitize($0.value), DisplayText.sanitize($0.origin)] }
    var table = AlignedTable(titles: ["SETTING", "VALUE", "FROM"], caps: [14, 100, 60], separator: "  ")
    for row in rows { table.measure(row) }
    return table.line(["SETTING", "VALUE", "FROM"]) + rows.map(table.line).joined()
  }
}
