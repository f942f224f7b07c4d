import CloudTrailModel
import Foundation
import TestSupport
import Testing

@testable import trailview

/// The config file (TOML): where it is, every setting, what a file with a problem says (with its line), saving the
/// columns in place, and how the settings meet the command line and the environment.
@Suite struct ConfigTests {
  /// A fresh folder and an environment whose config lives in it (`XDG_CONFIG_HOME`).
  static func home() -> (folder: URL, environment: [String: String], file: String) {
    let folder = LogTree.temporaryFolder()
    let environment = ["XDG_CONFIG_HOME": folder.path + "/xdg", "HOME": folder.path + "/home"]
    return (folder, environment, folder.path + "/xdg/trailview/config.toml")
  }

  static func write(_ text: String, to file: String) {
    try? FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
  }

  static func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  static let full = """
    # trailview settings
    profile = "incident-readonly"
    regions = ["us-east-1", "eu-west-1"]
    since = "7d"

    columns = [
      "time",
      "EVENTNAME",  # aliases and any case
      "sourceIPAddress",
      "time",
    ]
    rules = ["~/detections", "/srv/rules"]
    theme = "mono"
    'follow-every' = 15
    """

  @Test func thePathFollowsXDGElseHome() {
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "/x/", "HOME": "/h"]) == "/x/trailview/config.toml")
    #expect(TrailviewConfig.path(environment: ["HOME": "/h"]) == "/h/.config/trailview/config.toml")
    // A relative or empty XDG_CONFIG_HOME is ignored, as the XDG spec says.
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).hasPrefix("/h/.config/"))
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]).hasPrefix("/h/.config/"))
  }

  @Test func noFileIsAnEmptyConfigWithoutAProblem() {
    let (folder, environment, _) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    let loaded = TrailviewConfig.load(environment: environment)
    #expect(loaded.config == TrailviewConfig() && loaded.problem == nil && !loaded.found)
  }

  @Test func everySettingIsReadWithItsLine() {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(Self.full, to: file)
    let loaded = TrailviewConfig.load(environment: environment)
    #expect(loaded.problem == nil && loaded.found)
    let expected = TrailviewConfig(
      profile: "incident-readonly", regions: ["us-east-1", "eu-west-1"], since: "7d",
      columns: [.time, .eventName, .sourceIP], rules: [folder.path + "/home/detections", "/srv/rules"], theme: .mono,
      followSeconds: 15)
    #expect(loaded.config == expected)
    #expect(
      loaded.lines == [
        "profile": 2, "regions": 3, "since": 4, "columns": 6, "rules": 12, "theme": 13, "follow-every": 14,
      ])
    // One region as a string, several separated by commas, "all".
    Self.write("regions = \"us-east-1, eu-west-1\"\nrules = \"/r\"\n", to: file)
    #expect(TrailviewConfig.load(environment: environment).config.regions == ["us-east-1", "eu-west-1"])
    #expect(TrailviewConfig.load(environment: environment).config.rules == ["/r"])
  }

  @Test(arguments: [
    ("profile = 3", "line 1: profile: must be a profile name in quotes"),
    ("\n\nregions = [\"us-east-1\", 2]", "line 3: regions: must be a region, \"all\", or a list of regions in quotes"),
    ("since = \"a week\"", "line 1: since: must be a whole number and a unit"),
    ("columns = [\"time\", \"colour\"]", "line 1: columns: unknown field \"colour\" (known: time, eventName"),
    ("rules = 1", "line 1: rules: must be a folder or a list of folders of Sigma rules, in quotes"),
    ("theme = \"dark\"", "line 1: theme: must be \"auto\" or \"mono\""),
    ("follow-every = 0", "line 1: follow-every: must be a whole number of seconds from 1 to 3600"),
    ("follow-every = 1.5", "line 1: follow-every: must be a whole number of seconds from 1 to 3600"),
    ("follow-every = \"15\"", "line 1: follow-every: must be a whole number of seconds from 1 to 3600"),
    ("colour = \"red\"", "line 1: colour: not a setting (known: profile, regions, since, columns, rules, theme,"),
    ("# ok\nprofile = \"x\"\ncolumns = [\"time\",", "line 3: "),
    ("profile = \"x\"\nprofile = \"y\"", "line 2: "),
  ])
  func aFileWithAProblemIsNamedWithTheLineAndIgnoredWhole(text: String, reason: String) {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A good setting first (another than the one tested).
    Self.write((text.contains("theme") ? "since = \"2d\"\n" : "theme = \"mono\"\n") + text, to: file)
    let loaded = TrailviewConfig.load(environment: environment)
    #expect(loaded.config == TrailviewConfig(), "the good settings are not taken either")
    // The lines count from the top of the file: the first line above is added here.
    let shifted = reason.replacing(/line (\d+)/) { "line \(Int($0.1)! + 1)" }
    #expect(loaded.problem?.hasPrefix("\(file) \(shifted)") == true, "\(loaded.problem ?? "nil")")
    #expect(loaded.problem?.hasSuffix("(the file is ignored)") == true)
  }

  @Test func severalProblemsAreAllNamedInLineOrder() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write("theme = \"dark\"\nprofile = \"p\"\nfollow-every = 0\n", to: file)
    let problem = try #require(TrailviewConfig.load(environment: environment).problem)
    #expect(problem.hasPrefix("\(file) line 1: theme: "))
    #expect(problem.contains("; \(file) line 3: follow-every: "))
  }

  @Test func anOldJSONFileIsNamedAndAnUnreadableFileDescribed() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(#"{"columns": ["time"]}"#, to: folder.path + "/xdg/trailview/config.json")
    let old = TrailviewConfig.load(environment: environment)
    #expect(old.config == TrailviewConfig())
    #expect(old.problem?.contains("config.json is no longer read: its settings go in \(file), in TOML") == true)
    try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: true)  // a folder, not a file
    let unreadable = TrailviewConfig.load(environment: environment)
    #expect(unreadable.config == TrailviewConfig())
    #expect(unreadable.problem?.hasPrefix(file + ": ") == true, "\(unreadable.problem ?? "nil")")
  }

  /// Saving the columns replaces that setting (here a list over several lines) and keeps every other line and
  /// comment; Python's `tomllib` (an independent TOML reader) reads the result.
  @Test func savingTheColumnsKeepsTheRestOfTheFile() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(Self.full, to: file)
    chmod(file, 0o644)
    try TrailviewConfig.save(columns: [.user, .requestID], environment: environment)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    var lines = Self.full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.replaceSubrange(5...10, with: [#"columns = ["user", "requestID"]"#])
    #expect(text == lines.joined(separator: "\n") + "\n")
    let loaded = TrailviewConfig.load(environment: environment)
    #expect(loaded.problem == nil && loaded.config.columns == [.user, .requestID] && loaded.config.theme == .mono)
    #expect(try Self.mode(file) == 0o600)
    let python = try Subprocess.run(
      "/usr/bin/env",
      ["python3", "-c", "import sys, tomllib, json; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))", file])
    if python.status == 0 {
      let object = try JSONSerialization.jsonObject(with: Data(python.stdout)) as? [String: Any]
      #expect(object?["columns"] as? [String] == ["user", "requestID"])
      #expect(object?["follow-every"] as? Int == 15 && object?["profile"] as? String == "incident-readonly")
    }
    // Back to the defaults: the setting goes, the rest stays.
    try TrailviewConfig.save(columns: nil, environment: environment)
    let after = TrailviewConfig.load(environment: environment)
    #expect(after.config.columns == nil && after.config.profile == "incident-readonly")
  }

  @Test func saveCreatesPrivateFoldersAndFileAndLeavesNothingBeside() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TrailviewConfig.save(columns: [.time, .readOnly, .eventName, .requestID], environment: environment)
    #expect(
      try String(contentsOfFile: file, encoding: .utf8) == #"columns = ["time", "readOnly", "eventName", "requestID"]"#
        + "\n")
    #expect(try Self.mode(file) == 0o600)
    #expect(try Self.mode(folder.path + "/xdg") == 0o700)
    #expect(try Self.mode(folder.path + "/xdg/trailview") == 0o700)
    try TrailviewConfig.save(columns: [.sourceIP], environment: environment)
    #expect(TrailviewConfig.load(environment: environment).config.columns == [.sourceIP])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/xdg/trailview") == ["config.toml"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["xdg"])
  }

  @Test func aFailedSaveSaysWhereAndLeavesNothing() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = FileManager.default.createFile(atPath: folder.path + "/plain", contents: Data())
    let environment = ["XDG_CONFIG_HOME": folder.path + "/plain/below"]  // under a file: no folder can be made
    #expect {
      try TrailviewConfig.save(columns: [.user], environment: environment)
    } throws: { error in
      "\(error)".hasPrefix(folder.path + "/plain/below: cannot create the folder: ")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain"])
  }

  /// The command line wins over the environment, which wins over the file (for the profile and the regions), which
  /// wins over the defaults; each setting says where it came from.
  @Test func theCommandLineAndTheEnvironmentComeBeforeTheFile() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(Self.full, to: file)
    let loaded = TrailviewConfig.load(environment: environment)

    var plain = try Options.parse([])
    let fromFile = plain.apply(loaded, environment: environment)
    #expect(plain.profile == "incident-readonly" && plain.regionList == ["us-east-1", "eu-west-1"])
    #expect(plain.since == "7d" && plain.theme == .mono && plain.followEvery == 15)
    #expect(plain.ruleFolders == [folder.path + "/home/detections", "/srv/rules"])
    #expect(fromFile.first { $0.name == "profile" }?.origin == "config file, line 2")
    #expect(fromFile.first { $0.name == "columns" }?.value == "time, eventName, sourceIP")

    var given = try Options.parse([
      "--profile", "cli", "--region", "ap-south-1", "--start-time", "2026-01-01T00:00", "--theme", "auto",
      "--follow-every", "60", "--rules", "/x",
    ])
    let fromCommandLine = given.apply(loaded, environment: environment)
    #expect(given.profile == "cli" && given.regionList == ["ap-south-1"] && given.since == nil)
    #expect(given.theme == .auto && given.followEvery == 60 && given.ruleFolders == ["/x"])
    #expect(fromCommandLine.first { $0.name == "regions" }?.origin == "command line (--region)")

    var withVariables = try Options.parse([])
    var variables = environment
    variables["AWS_PROFILE"] = "from-env"
    variables["AWS_DEFAULT_REGION"] = "sa-east-1"
    let fromEnvironment = withVariables.apply(loaded, environment: variables)
    #expect(withVariables.profile == nil && withVariables.regionList.isEmpty, "left to the credential chain")
    #expect(fromEnvironment.first { $0.name == "profile" }?.value == "from-env")
    #expect(fromEnvironment.first { $0.name == "regions" }?.origin == "environment (AWS_DEFAULT_REGION)")

    var defaults = try Options.parse([])
    let none = defaults.apply(TrailviewConfig.Loaded(path: file), environment: [:])
    #expect(none.allSatisfy { $0.origin == "default" || $0.name == "config file" })
    #expect(none.first { $0.name == "follow-every" }?.value == "30 s")
  }
}
