import Foundation
import TestSupport
import Testing

/// The bastion story: the folder `scripts/build-static.sh` makes, copied into a clean Debian root that
/// `scripts/bastion-root.sh` made (debootstrap's minimal variant plus only the packages of the libraries the binary
/// lists: no Swift runtime, no toolchain), installed there with its own `install.sh`, and run with `chroot`:
/// `--version`, `--demo --print`, and the dashboard in tmux. `.ci/run` builds both and points `TRAILVIEW_DIST` and
/// `TRAILVIEW_BASTION_ROOT` at them; without them (or without root, for chroot) the suite skips.
/// Where `.ci/run` put the folder to install and the clean root.
enum Bastion {
  static let dist = ProcessInfo.processInfo.environment["TRAILVIEW_DIST"]
  static let root = ProcessInfo.processInfo.environment["TRAILVIEW_BASTION_ROOT"]
}

@Suite(
  .serialized,
  .enabled(
    if: Bastion.dist != nil && Bastion.root != nil && getuid() == 0 && TmuxSession.isTmuxAvailable,
    "needs TRAILVIEW_DIST and TRAILVIEW_BASTION_ROOT (scripts/build-static.sh, scripts/bastion-root.sh), root and tmux"
  ))
struct BastionTests {
  /// A fresh install under `/opt/trailview-test-…` in the root, with `/proc` mounted (a real host has it: Swift's
  /// static runtime reads the arguments from `/proc/self/cmdline`); removed and unmounted by `close()`.
  final class Install {
    let root: String
    let prefix: String
    let mountedProc: Bool

    init() throws {
      root = try #require(Bastion.root)
      let dist = try #require(Bastion.dist)
      let name = "trailview-test-\(getpid())-\(UUID().uuidString.prefix(8))"
      prefix = "/opt/\(name)"
      try FileManager.default.createDirectory(atPath: root + prefix, withIntermediateDirectories: true)
      let copy = try Subprocess.run("/bin/cp", ["-r", dist, root + prefix + "/dist"])
      try #require(copy.status == 0)
      mountedProc = !FileManager.default.fileExists(atPath: root + "/proc/self")
      if mountedProc {
        let mount = try Subprocess.run("/bin/mount", ["-t", "proc", "proc", root + "/proc"])
        try #require(mount.status == 0, "mount proc: \(mount.stderr)")
      }
      let installed = try chroot(["/bin/sh", prefix + "/dist/install.sh", "--prefix", prefix])
      try #require(installed.status == 0, "install.sh: \(installed.stderr)")
    }

    func chroot(_ arguments: [String]) throws -> Subprocess.Output {
      try Subprocess.run("/usr/sbin/chroot", [root] + arguments, environment: ["LANG": "C", "TZ": "UTC"])
    }

    var binary: String { prefix + "/bin/trailview" }

    func close() {
      if mountedProc { _ = try? Subprocess.run("/bin/umount", [root + "/proc"]) }
      try? FileManager.default.removeItem(atPath: root + prefix)
    }
  }

  @Test func theRootHoldsNoSwiftAndTheInstallPutsEverythingInPlace() throws {
    let install = try Install()
    defer { install.close() }
    let root = install.root
    let found = try Subprocess.run("/usr/bin/find", [root, "-xdev", "-name", "libswiftCore*", "-o", "-name", "swift*"])
    let strays = found.text.split(separator: "\n").filter { !$0.hasPrefix(root + install.prefix) }
    #expect(strays.isEmpty, "Swift in the clean root: \(strays)")
    for file in [
      "bin/trailview", "share/man/man1/trailview.1", "share/bash-completion/completions/trailview",
      "share/zsh/site-functions/_trailview", "share/fish/vendor_completions.d/trailview.fish",
    ] {
      #expect(FileManager.default.fileExists(atPath: root + install.prefix + "/" + file), "\(file)")
    }
    // Every library the binary needs resolves inside the root (ldd is the root's own, from libc-bin).
    let ldd = try install.chroot(["/usr/bin/ldd", install.binary])
    #expect(ldd.status == 0)
    #expect(!ldd.text.contains("not found"), "\(ldd.text)")
    #expect(!ldd.text.contains("libswift"), "\(ldd.text)")
  }

  @Test func versionNamesTheReleaseAndTheCommit() throws {
    let install = try Install()
    defer { install.close() }
    let out = try install.chroot([install.binary, "--version"])
    #expect(out.status == 0)
    let line = out.text.trimmingCharacters(in: .whitespacesAndNewlines)
    let match = line.wholeMatch(of: /trailview (\d+\.\d+\.\d+) \(commit ([0-9a-f]{12})(-dirty)?\)/)
    #expect(match != nil, "\(line)")
    let head = try Subprocess.run(
      "/usr/bin/git", ["-C", #filePath.components(separatedBy: "/Tests/")[0], "rev-parse", "--short=12", "HEAD"])
    if head.status == 0, let match {
      #expect(String(match.2) == head.text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
  }

  @Test func demoPrintsRecordsWithoutAToolchain() throws {
    let install = try Install()
    defer { install.close() }
    let out = try install.chroot([install.binary, "--demo", "--print"])
    #expect(out.status == 0, "\(out.stderr)")
    let lines = out.text.split(separator: "\n")
    #expect(lines.count >= 50)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["eventName"] is String && object?["eventTime"] is String, "\(line.prefix(120))")
    }
  }

  @Test func dashboardRunsInTmux() throws {
    let install = try Install()
    defer { install.close() }
    let tmux = try TmuxSession(
      command: "/usr/sbin/chroot '\(install.root)' \(install.binary) --demo --demo-page-ms 5", width: 140, height: 40,
      environment: ["TERM": "xterm-256color", "LANG": "C", "TZ": "UTC"])
    defer { tmux.kill() }
    try tmux.waitFor(text: "Loaded", timeout: .seconds(30))
    try tmux.sendKeys("e", "StopLogging", .enter)
    let screen = try tmux.waitUntil(description: "only StopLogging rows") { screen in
      let rows = screen.filter { $0.tableRow.hasPrefix("20") && $0.contains(" W ") }
      return !rows.isEmpty && rows.allSatisfy { $0.contains("StopLogging") }
    }
    #expect(screen.contains { $0.contains("eventName=StopLogging") })
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
  }

  /// bash on the bastion, with the installed completion script, completes an option and an option's values.
  @Test func bashCompletesOptionsAndValues() throws {
    let install = try Install()
    defer { install.close() }
    func complete(_ words: [String]) throws -> [String] {
      let line = words.joined(separator: " ")
      let script = """
        source '\(install.prefix)/share/bash-completion/completions/trailview'
        COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
        COMP_CWORD=\(words.count - 1)
        _trailview trailview '\(words.last!)' '\(words[words.count - 2])'
        printf '%s\\n' "${COMPREPLY[@]}"
        """
      let out = try install.chroot(["/bin/bash", "-c", script])
      #expect(out.status == 0, "\(out.stderr)")
      return out.text.split(separator: "\n").map(String.init)
    }
    #expect(try complete(["trailview", "--dem"]) == ["--demo"])
    #expect(try Set(complete(["trailview", "--format", ""])) == ["ndjson", "json", "csv", "table"])
  }

  /// The manual page renders with man(1) and documents the options.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/man"), "man is not installed"))
  func manualPageRenders() throws {
    let dist = try #require(Bastion.dist)
    let out = try Subprocess.run("/usr/bin/man", ["-l", dist + "/trailview.1"], environment: ["MANWIDTH": "100"])
    #expect(out.status == 0, "\(out.stderr)")
    let text = out.text
    #expect(text.contains("trailview — Browse AWS CloudTrail events in the terminal"))
    for option in ["--demo", "--print", "--where", "--since", "--validate", "--version"] {
      #expect(text.contains(option), "\(option)")
    }
    #expect(!text.contains("trailview subcommand"), "the synopsis names no subcommand argument")
  }

  /// fish completes an option and an option's values from the fish script; zsh reads its script without a syntax
  /// error and the script declares itself for trailview.
  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh"), "fish and zsh are not installed"))
  func fishCompletesAndZshReadsItsScript() throws {
    let dist = try #require(Bastion.dist)
    func fish(_ line: String) throws -> [String] {
      let out = try Subprocess.run(
        "/usr/bin/fish", ["--no-config", "-c", "source '\(dist)/completions/trailview.fish'; complete -C'\(line)'"])
      #expect(out.status == 0, "\(out.stderr)")
      return out.text.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
    }
    #expect(try fish("trailview --dem") == ["--demo"])
    #expect(try Set(fish("trailview --format ")) == ["ndjson", "json", "csv", "table"])
    let zsh = try Subprocess.run("/usr/bin/zsh", ["-n", dist + "/completions/_trailview"])
    #expect(zsh.status == 0, "\(zsh.stderr)")
    let script = try String(contentsOfFile: dist + "/completions/_trailview", encoding: .utf8)
    #expect(script.hasPrefix("#compdef trailview"))
  }
}
