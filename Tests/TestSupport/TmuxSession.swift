import Foundation

/// A program running in a detached tmux session on a private server, for end-to-end tests: keys in, screen
/// text out.
///
/// Each session has its own socket (`tmux -L <unique>`) and no configuration (`-f /dev/null`), so tests do not
/// see the user's tmux or each other. The command runs through a wrapper that records its exit status in a
/// temporary file and then keeps the pane open, so the last screen and the status can still be read (tmux's own
/// `remain-on-exit` clears the screen and did not reliably report the status in tests). Synchronize with ``waitFor(text:timeout:)``, which polls the screen.
public final class TmuxSession: Sendable {
  /// Whether a `tmux` binary can be run; end-to-end tests skip themselves when it cannot.
  public static let isTmuxAvailable: Bool = (try? runTmux(["-V"]).status) == 0

  /// The private server's socket name.
  public let socket: String
  /// The pane size it was started with.
  public let width: Int
  /// The pane size it was started with.
  public let height: Int
  /// Where the wrapper writes the command's exit status.
  private let statusPath: String

  /// Starts `command` (a shell command line) in a new detached session.
  ///
  /// - Parameters:
  ///   - command: a shell command line, run in a subshell of `sh -c`.
  ///   - width: pane columns.
  ///   - height: pane rows.
  ///   - environment: variables set for the command (`TERM` included, if given).
  /// - Throws: ``TmuxError/commandFailed(_:_:)`` when tmux cannot start the session.
  public init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
    let id = "\(getpid())-\(UUID().uuidString.prefix(8))"
    self.socket = "trailview-test-\(id)"
    self.statusPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(id).status").path
    self.width = width
    self.height = height
    var args = ["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)"]
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(name)=\(value)"] }
    args.append("(\(command)\n)\necho $? > '\(statusPath)'; exec sleep 86400")
    try tmux(args)
  }

  deinit {
    kill()
  }

  /// Sends keys: literal text (typed as is) and named keys, in order.
  public func sendKeys(_ inputs: TmuxInput...) throws {
    for input in inputs {
      switch input {
      case .text(let text): try tmux(["send-keys", "-t", "main", "-l", text])
      case .key(let name): try tmux(["send-keys", "-t", "main", name])
      }
    }
  }

  /// The visible screen, one string per row, trailing spaces trimmed by tmux unless `trailingSpaces`.
  ///
  /// - Parameters:
  ///   - escapes: keep colours and attributes as ANSI escape sequences (`capture-pane -e`).
  ///   - trailingSpaces: keep spaces up to the right edge (`capture-pane -J`), so a filled bar's extent shows.
  public func capture(escapes: Bool = false, trailingSpaces: Bool = false) throws -> [String] {
    let output = try tmux(
      ["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : []) + (trailingSpaces ? ["-J"] : []))
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Polls the screen until some row contains `text`, and returns that screen.
  ///
  /// - Throws: ``TmuxError/timedOut(waitingFor:screen:)`` with the last screen when `timeout` passes first.
  @discardableResult
  public func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> [String] {
    try waitUntil(description: text, timeout: timeout) { screen in screen.contains { $0.contains(text) } }
  }

  /// Polls the screen every 20 ms until `condition` holds, and returns that screen.
  ///
  /// - Parameters:
  ///   - escapes: capture colours and attributes too (see ``capture(escapes:trailingSpaces:)``).
  ///   - trailingSpaces: keep spaces up to the right edge (see ``capture(escapes:trailingSpaces:)``).
  /// - Throws: ``TmuxError/timedOut(waitingFor:screen:)`` with the last screen when `timeout` passes first.
  @discardableResult
  public func waitUntil(
    description: String, timeout: Duration = .seconds(10), escapes: Bool = false, trailingSpaces: Bool = false,
    _ condition: ([String]) -> Bool
  ) throws -> [String] {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      let screen = try capture(escapes: escapes, trailingSpaces: trailingSpaces)
      if condition(screen) { return screen }
      if clock.now >= deadline { throw TmuxError.timedOut(waitingFor: description, screen: screen) }
      usleep(20_000)
    }
  }

  /// The pane title the program set (with an OSC escape), or tmux's default (the host name).
  public func paneTitle() throws -> String {
    try tmux(["display-message", "-p", "-t", "main", "#{pane_title}"]).trimmingCharacters(in: .newlines)
  }

  /// The program's exit status once it has exited, nil while it runs.
  public func exitStatus() throws -> Int32? {
    guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8), text.hasSuffix("\n") else {
      return nil
    }
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Polls until the program has exited and returns its exit status.
  ///
  /// - Throws: ``TmuxError/timedOut(waitingFor:screen:)`` with the last screen when `timeout` passes first.
  public func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      if let status = try exitStatus() { return status }
      if clock.now >= deadline { throw TmuxError.timedOut(waitingFor: "exit", screen: try capture()) }
      usleep(20_000)
    }
  }

  /// The names of tmux's paste buffers (an OSC 52 clipboard write from the program would create one).
  public func bufferNames() throws -> [String] {
    try tmux(["list-buffers", "-F", "#{buffer_name}"]).split(separator: "\n").map(String.init)
  }

  /// The newest paste buffer's text (what an OSC 52 clipboard write put there).
  public func showBuffer() throws -> String {
    try tmux(["show-buffer"])
  }

  /// Sets a server option (for example `set-clipboard on`, so that OSC 52 would be honoured).
  public func setOption(_ name: String, _ value: String) throws {
    try tmux(["set-option", "-s", name, value])
  }

  /// Resizes the pane; the program sees SIGWINCH.
  public func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
  }

  /// Stops the server and with it the program, and removes the server's socket (tmux leaves it in
  /// `$TMUX_TMPDIR/tmux-UID/`, else `/tmp/tmux-UID/`). Safe to call more than once.
  public func kill() {
    _ = try? Self.runTmux(["-L", socket, "kill-server"])
    unlink(statusPath)
    let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    unlink("\(folder)/tmux-\(getuid())/\(socket)")
  }

  @discardableResult
  private func tmux(_ args: [String]) throws -> String {
    let full = ["-L", socket, "-f", "/dev/null"] + args
    let result = try Self.runTmux(full)
    guard result.status == 0 else { throw TmuxError.commandFailed(full, result.output) }
    return result.output
  }

  /// Runs tmux and returns its status and output.
  ///
  /// Uses `posix_spawnp` and `waitpid` rather than Foundation's `Process`: `new-session` forks a server that
  /// inherits the child's descriptors, and `Process` on Linux learns of the child's exit through a descriptor
  /// the server would keep open, so it would wait forever. Output goes to a temporary file for the same reason.
  private static func runTmux(_ args: [String]) throws -> (status: Int32, output: String) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
    defer { unlink(path) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["tmux"] + args).map { strdup($0) } + [nil]
    let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    // Test code runs on dispatch worker threads, which block most signals; a child inherits that mask, and a
    // program under test with SIGWINCH blocked would never see a resize. Start tmux with everything unblocked
    // and default actions.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw TmuxError.commandFailed(args, String(cString: strerror(spawned))) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, output)
  }
}
