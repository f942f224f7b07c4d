import CloudTrailModel
import Foundation
import TestSupport
import Testing

@testable import trailview

/// The config file: where it is, what a broken one says, and saving it in place.
@Suite struct ConfigTests {
  /// A fresh folder and an environment whose config lives in it (`XDG_CONFIG_HOME`).
  static func home() -> (folder: URL, environment: [String: String], file: String) {
    let folder = LogTree.temporaryFolder()
    let environment = ["XDG_CONFIG_HOME": folder.path + "/xdg", "HOME": folder.path + "/home"]
    return (folder, environment, folder.path + "/xdg/trailview/config.json")
  }

  static func write(_ text: String, to file: String) {
    try? FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
  }

  static func mode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  @Test func thePathFollowsXDGElseHome() {
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "/x/", "HOME": "/h"]) == "/x/trailview/config.json")
    #expect(TrailviewConfig.path(environment: ["HOME": "/h"]) == "/h/.config/trailview/config.json")
    // A relative or empty XDG_CONFIG_HOME is ignored, as the XDG spec says.
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).hasPrefix("/h/.config/"))
    #expect(TrailviewConfig.path(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]).hasPrefix("/h/.config/"))
  }

  @Test func noFileIsAnEmptyConfigWithoutAProblem() {
    let (folder, environment, _) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.columns == nil)
    #expect(problem == nil)
  }

  @Test func followSecondsAreReadWhenInRangeAndKeptBesideTheColumns() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(#"{"followSeconds": 15, "columns": ["time"]}"#, to: file)
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.followSeconds == 15 && config.columns == [.time] && problem == nil)
    for bad in ["0", "3601", "true", "\"15\"", "1.5"] {
      Self.write("{\"followSeconds\": \(bad)}", to: file)
      let (read, problem) = TrailviewConfig.load(environment: environment)
      #expect(read.followSeconds == nil, "\(bad)")
      #expect(problem?.contains("\"followSeconds\" must be a whole number of seconds from 1 to 3600") == true, "\(bad)")
    }
    // Saving the columns keeps the interval.
    var saved = config
    saved.columns = [.eventName]
    try saved.save(environment: environment)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["followSeconds"] as? Int == 15 && object["columns"] as? [String] == ["eventName"])
  }

  @Test func columnsAreReadByNameAliasOrAnyCase() {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(#"{"columns": ["time", "EVENTNAME", "sourceIPAddress", "time"], "later": {"x": 1}}"#, to: file)
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.columns == [.time, .eventName, .sourceIP])
    #expect(problem == nil)
  }

  @Test func unknownColumnsAreNamedAndSkipped() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(#"{"columns": ["time", "colour", "user", "sauce"]}"#, to: file)
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.columns == [.time, .user])
    let text = try #require(problem)
    #expect(text.hasPrefix(file + ": unknown column names skipped: \"colour\", \"sauce\""), "\(text)")
    #expect(text.contains("eventName") && text.contains("issuedAccessKey"))
  }

  @Test(arguments: [
    ("{\"columns\": [\"time\",", "not valid JSON"), ("[\"time\"]", "not a JSON object"),
    ("{\"columns\": \"time,user\"}", "\"columns\" is not a list of field names"),
    ("{\"columns\": [\"time\", 3]}", "\"columns\" is not a list of field names"),
  ])
  func aBrokenFileIsDescribedAndIgnored(text: String, reason: String) {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(text, to: file)
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.columns == nil)
    #expect(problem == "\(file): \(reason)")
  }

  @Test func anUnreadableFileIsDescribed() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: true)  // a folder, not a file
    let (config, problem) = TrailviewConfig.load(environment: environment)
    #expect(config.columns == nil)
    #expect(problem?.hasPrefix(file + ": ") == true, "\(problem ?? "nil")")
  }

  @Test func saveCreatesPrivateFoldersAndFileAndReadsBack() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = TrailviewConfig(columns: [.time, .readOnly, .eventName, .requestID])
    try config.save(environment: environment)
    #expect(TrailviewConfig.load(environment: environment).0 == config)
    #expect(try Self.mode(file) == 0o600)
    #expect(try Self.mode(folder.path + "/xdg") == 0o700)
    #expect(try Self.mode(folder.path + "/xdg/trailview") == 0o700)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]]
    #expect(json == ["columns": ["time", "readOnly", "eventName", "requestID"]])
    #expect(text.hasSuffix("\n"))
  }

  @Test func saveReplacesTheFileAndLeavesNothingBeside() throws {
    let (folder, environment, file) = Self.home()
    defer { try? FileManager.default.removeItem(at: folder) }
    Self.write(#"{"columns": ["user"]}"#, to: file)
    chmod(file, 0o644)
    try TrailviewConfig(columns: [.sourceIP]).save(environment: environment)
    try TrailviewConfig(columns: nil).save(environment: environment)
    #expect(TrailviewConfig.load(environment: environment).0.columns == nil)
    #expect(try Self.mode(file) == 0o600)
    let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/xdg/trailview")
    #expect(beside == ["config.json"])
    // Foundation's atomic write leaves TemporaryDirectory.* folders; this one writes beside the file only.
    let above = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(above == ["xdg"])
  }

  @Test func aFailedSaveSaysWhereAndLeavesNothing() throws {
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = FileManager.default.createFile(atPath: folder.path + "/plain", contents: Data())
    let environment = ["XDG_CONFIG_HOME": folder.path + "/plain/below"]  // under a file: no folder can be made
    #expect {
      try TrailviewConfig(columns: [.user]).save(environment: environment)
    } throws: { error in
      "\(error)".hasPrefix(folder.path + "/plain/below: cannot create the folder: ")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain"])
  }
}
