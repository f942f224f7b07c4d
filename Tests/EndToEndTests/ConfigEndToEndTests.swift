import Foundation
import TestSupport
import Testing

/// The config file through the real binary: `--print-config` says what is in effect and where it came from, and
/// the dashboard takes its theme from the file.
@Suite(.serialized, .enabled(if: BuiltProducts.path("trailview") != nil))
struct ConfigEndToEndTests {
  static let binary = BuiltProducts.path("trailview") ?? "trailview"

  /// `--print-config`'s rows, each cut at runs of two or more spaces: setting, value, origin.
  static func rows(_ text: String) -> [String: [String]] {
    var rows: [String: [String]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      rows[cells[0]] = Array(cells.dropFirst())
    }
    return rows
  }

  @Test func printConfigSaysWhatIsInEffectAndWhere() throws {
    let config = PrintRun.config(
      """
      # trailview
      profile = "incident-readonly"
      regions = ["us-east-1", "eu-west-1"]
      since = "7d"
      theme = "mono"
      follow-every = 15
      """)
    defer { try? FileManager.default.removeItem(at: config) }
    let out = try Subprocess.run(
      Self.binary, ["--print-config", "--region", "ap-south-1", "--follow-every", "45"],
      environment: [
        "XDG_CONFIG_HOME": config.path, "AWS_PROFILE": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
      ])
    #expect(out.status == 0 && out.stderr.isEmpty, "\(out.stderr)")
    let rows = Self.rows(out.text)
    #expect(rows["config file"] == ["\(config.path)/trailview/config.toml", "read"])
    #expect(rows["profile"] == ["incident-readonly", "config file, line 2"])
    #expect(rows["regions"] == ["ap-south-1", "command line (--region)"])
    #expect(rows["time window"] == ["since 7d ago", "config file, line 4"])
    #expect(rows["theme"] == ["mono", "config file, line 5"])
    #expect(rows["follow-every"] == ["45 s", "command line (--follow-every)"])
    #expect(rows["columns"]?.last == "default" && rows["rules"] == ["the built-in pack", "default"])

    // AWS_PROFILE comes before the file; a file with a problem gives the defaults, said on stderr.
    LogTree.write("profile = \"p\"\ntheme = \"dark\"\n", to: "trailview/config.toml", under: config)
    let broken = try Subprocess.run(
      Self.binary, ["--print-config"], environment: ["XDG_CONFIG_HOME": config.path, "AWS_PROFILE": "from-env"])
    #expect(broken.status == 0)
    let brokenRows = Self.rows(broken.text)
    #expect(brokenRows["profile"] == ["from-env", "environment (AWS_PROFILE)"])
    #expect(brokenRows["theme"] == ["auto", "default"])
    #expect(brokenRows["config file"]?.last == "ignored, it has a problem (see stderr)")
    #expect(
      broken.stderr
        == "trailview: config: \(config.path)/trailview/config.toml line 2: theme: must be \"auto\" or \"mono\" "
        + "(the file is ignored)\n")
  }

  /// `theme = "mono"` in the file: the dashboard draws no colours (only attributes), where the default theme does.
  @Test(.enabled(if: TmuxSession.isTmuxAvailable))
  func theDashboardTakesItsThemeFromTheFile() throws {
    let mono = PrintRun.config("theme = \"mono\"\n")
    let none = PrintRun.config("# nothing\n")
    defer { for folder in [mono, none] { try? FileManager.default.removeItem(at: folder) } }
    func screen(_ config: URL) throws -> String {
      let tmux = try TmuxSession(
        command: "\(Self.binary) --demo --demo-page-ms 5", width: 140, height: 40,
        environment: [
          "TERM": "xterm-256color", "LANG": "C.UTF-8", "TZ": "UTC", "XDG_CONFIG_HOME": config.path, "NO_COLOR": "",
        ])
      defer { tmux.kill() }
      try tmux.waitFor(text: "Loaded", timeout: .seconds(30))
      return try tmux.capture(escapes: true).joined(separator: "\n")
    }
    // Whether any SGR sequence sets a colour: 30-37, 40-47, 90-97, 100-107, or 38/48 (extended colours).
    func drawsColour(_ screen: String) -> Bool {
      screen.matches(of: /\u{1B}\[([0-9;]*)m/).contains { match in
        match.1.split(separator: ";").compactMap { Int($0) }.contains {
          (30...48).contains($0) && $0 != 39 || (90...107).contains($0)
        }
      }
    }
    let monoScreen = try screen(mono)
    let colourScreen = try screen(none)
    #expect(drawsColour(colourScreen), "the default theme draws colours")
    #expect(!drawsColour(monoScreen), "mono draws none")
    #expect(monoScreen.contains("\u{1B}[7m") || monoScreen.contains(";7m"), "mono still marks by reverse video")
  }
}
