// CursesBackend: the only module that calls ncurses.
//
// - `CursesTerminal` owns the screen: it checks the terminal, starts curses (raw mode, no echo, keypad, hidden
//   cursor, 25 ms escape delay, UTF-8 locale), turns input into `TerminalUI.Key`, and draws `CellGrid`s by
//   writing only the cells that changed since the last frame (`CellGrid.changes(since:)`).
// - Colours: pairs are made on first use on top of the terminal's default colours; `NO_COLOR` or a terminal
//   without colours gives `ColorMode.none`, where only bold, reverse, underline and dim are drawn.
// - Signals: SIGTERM, SIGHUP and SIGINT set `quitRequested` (watched on a dispatch queue); Ctrl-C arrives as
//   the key `.ctrl("c")` because of raw mode. A resize arrives as `.resize` from ncurses' own SIGWINCH
//   handling. Crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) restore the terminal in a C handler
//   from the shim before the process dies.
// - Threading: use it from the main thread only; it is not Sendable.

import CNCursesW
import Glibc
import TerminalUI

/// The terminal in full-screen mode, driven by ncurses. Create one, draw grids, read keys, then `shutdown()`.
public final class CursesTerminal {
  /// Whether colours are drawn; the app picks emphasis styles (colour or attributes only) from this.
  public let colorMode: ColorMode

  private let screen: OpaquePointer
  private var pairs: ColorPairs
  private let quit = QuitSignals()
  private var lastGrid: CellGrid?
  private var isShutDown = false

  /// Checks the terminal and starts curses.
  ///
  /// - Parameter environment: variables to use instead of the process environment (`TERM`, `NO_COLOR`).
  /// - Throws: ``TerminalUnavailable`` when standard input or output is not a terminal, or `TERM` is unset,
  ///   `dumb`, unknown to terminfo or unable to move the cursor. The process keeps running.
  public init(environment: [String: String]? = nil) throws {
    let env = environment ?? Self.processEnvironment()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalUnavailable(reason: "standard input and output must be a terminal")
    }
    let term = try Self.checkedTerm(env["TERM"])
    Self.selectUTF8Locale()
    _ = trailview_install_fatal_guard()
    guard let screen = trailview_newterm(term) else {
      throw TerminalUnavailable(reason: "curses could not start on TERM=\(term)")
    }
    self.screen = screen
    let window = trailview_stdscr()
    raw()
    noecho()
    nonl()
    keypad(window, true)
    intrflush(window, false)
    leaveok(window, true)
    curs_set(0)
    set_escdelay(25)
    colorMode = ColorMode.decide(environment: env, terminalHasColors: has_colors())
    if colorMode == .full {
      start_color()
      let defaults = use_default_colors() == OK
      pairs = ColorPairs(defaultColors: defaults, capacity: Int(trailview_color_pairs()))
    } else {
      pairs = ColorPairs(defaultColors: true, capacity: 0)
    }
    quit.start()
  }

  deinit {
    shutdown()
  }

  /// The screen size in cells.
  public var size: (width: Int, height: Int) {
    var rows: Int32 = 0
    var cols: Int32 = 0
    trailview_getmaxyx(trailview_stdscr(), &rows, &cols)
    return (width: Int(cols), height: Int(rows))
  }

  /// Compares the terminal's real size (`TIOCGWINSZ` on stdout) with the screen's and, when they differ, resizes
  /// the screen and returns true (then the next ``draw(_:)`` repaints everything). A storm of resizes can leave
  /// ncurses on a stale size when a SIGWINCH arrives while it handles the one before; the run loop calls this when
  /// idle so the screen always settles on the real size.
  public func syncSize() -> Bool {
    guard !isShutDown else { return false }
    var real = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &real) == 0, real.ws_row > 0, real.ws_col > 0 else { return false }
    let current = size
    guard Int(real.ws_col) != current.width || Int(real.ws_row) != current.height else { return false }
    resizeterm(Int32(real.ws_row), Int32(real.ws_col))
    lastGrid = nil
    return true
  }

  /// Whether SIGTERM, SIGHUP or SIGINT has arrived; the run loop should then shut down and exit.
  public var quitRequested: Bool { quit.requested }

  /// Waits up to `timeoutMilliseconds` for a key; nil on timeout or for keys trailview does not use.
  ///
  /// A resize returns `.resize` and makes the next ``draw(_:)`` repaint everything.
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    guard !isShutDown else { return nil }
    var code: UInt32 = 0
    let status = trailview_read_key(Int32(clamping: timeoutMilliseconds), &code)
    let key = Self.key(status: status, code: code)
    if key == .resize { lastGrid = nil }
    return key
  }

  /// Shows `grid`, writing only the cells that differ from the last drawn grid (all of them after a resize,
  /// on the first frame or after ``invalidate()``).
  public func draw(_ grid: CellGrid) {
    guard !isShutDown else { return }
    let window = trailview_stdscr()
    if lastGrid == nil { werase(window) }
    for change in grid.changes(since: lastGrid) { put(change) }
    lastGrid = grid
    wnoutrefresh(window)
    doupdate()
  }

  /// Asks the terminal to put `text` on the system clipboard with OSC 52 (which terminal emulators honour over SSH;
  /// inside tmux it needs `set-clipboard on`). The text travels base64-encoded, so no byte of it reaches the
  /// terminal raw.
  public func copyToClipboard(_ text: String) {
    guard !isShutDown else { return }
    let sequence = Array("\u{1B}]52;c;".utf8) + Base64.encode(Array(text.utf8)) + [0x07]
    fflush(nil)  // curses writes through stdio: flush it before writing around it
    sequence.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
      }
    }
  }

  /// Forgets what is on screen: the next ``draw(_:)`` clears the terminal and repaints every cell.
  public func invalidate() {
    guard !isShutDown else { return }
    lastGrid = nil
    clearok(trailview_stdscr(), true)
  }

  /// Leaves curses and gives the terminal back. Safe to call more than once; also called on deinit.
  public func shutdown() {
    guard !isShutDown else { return }
    isShutDown = true
    quit.stop()
    endwin()
    delscreen(screen)
  }

  private func put(_ change: CellChange) {
    let scalars = Array(change.text.unicodeScalars)
    guard let first = scalars.first else { return }
    var text: [wchar_t] = [wchar_t(bitPattern: first.value)]
    for scalar in scalars.dropFirst().prefix(4) where DisplayWidth.of(scalar) == 0 {
      text.append(wchar_t(bitPattern: scalar.value))
    }
    text.append(0)
    let flags = Self.flags(change.style)
    let pair = colorMode == .full ? pairs.pair(fg: change.style.fg, bg: change.style.bg, initPair: Self.initPair) : 0
    let y = Int32(change.y)
    let x = Int32(change.x)
    if trailview_put_cell(y, x, text, flags, pair) == -2 {
      let fallback: [wchar_t] = [wchar_t(UInt8(ascii: "?")), 0]
      _ = trailview_put_cell(y, x, fallback, flags, pair)
    }
    if DisplayWidth.of(change.text) == 2, DisplayWidth.of(first) < 2 {
      let space: [wchar_t] = [wchar_t(UInt8(ascii: " ")), 0]
      _ = trailview_put_cell(y, x + 1, space, flags, pair)
    }
  }

  private static func initPair(_ number: Int16, _ fg: Int16, _ bg: Int16) {
    init_pair(number, fg, bg)
  }

  private static func flags(_ style: Style) -> Int32 {
    var flags: Int32 = 0
    if style.bold { flags |= Int32(TRAILVIEW_ATTR_BOLD) }
    if style.reverse { flags |= Int32(TRAILVIEW_ATTR_REVERSE) }
    if style.underline { flags |= Int32(TRAILVIEW_ATTR_UNDERLINE) }
    if style.dim { flags |= Int32(TRAILVIEW_ATTR_DIM) }
    return flags
  }
}
