#ifndef TRAILVIEW_CNCURSESW_SHIM_H
#define TRAILVIEW_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* ---- C globals and function-like macros, which Swift 6 cannot use directly ---- */

static inline WINDOW *trailview_stdscr(void) { return stdscr; }
static inline int trailview_lines(void) { return LINES; }
static inline int trailview_cols(void) { return COLS; }
static inline int trailview_colors(void) { return COLORS; }
static inline int trailview_color_pairs(void) { return COLOR_PAIRS; }
static inline int trailview_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline void trailview_getmaxyx(WINDOW *win, int *y, int *x) {
  int rows, cols;
  getmaxyx(win, rows, cols);
  *y = rows;
  *x = cols;
}

/* Creates the screen on stdout/stdin; NULL (not exit) when the terminal type is unusable. */
static inline SCREEN *trailview_newterm(const char *term) { return newterm(term, stdout, stdin); }

/* Checks TERM against terminfo without starting curses: 1 usable, 0 unknown or hardcopy, -1 no database,
   -2 known but without cursor addressing (for example "dumb"). */
static inline int trailview_check_terminal(const char *term) {
  int err = 0;
  TERMINAL *saved = cur_term;
  if (setupterm(term, STDOUT_FILENO, &err) != OK) return err == 0 ? 0 : -1;
  const char *cup = tigetstr("cup");
  int usable = (cup != NULL && cup != (const char *)-1) ? 1 : -2;
  del_curterm(cur_term);
  set_curterm(saved);
  return usable;
}

/* ---- keys ---- */

enum {
  TRAILVIEW_KEY_CODE_YES = KEY_CODE_YES,
  TRAILVIEW_KEY_UP = KEY_UP,
  TRAILVIEW_KEY_DOWN = KEY_DOWN,
  TRAILVIEW_KEY_LEFT = KEY_LEFT,
  TRAILVIEW_KEY_RIGHT = KEY_RIGHT,
  TRAILVIEW_KEY_NPAGE = KEY_NPAGE,
  TRAILVIEW_KEY_PPAGE = KEY_PPAGE,
  TRAILVIEW_KEY_HOME = KEY_HOME,
  TRAILVIEW_KEY_END = KEY_END,
  TRAILVIEW_KEY_ENTER = KEY_ENTER,
  TRAILVIEW_KEY_BTAB = KEY_BTAB,
  TRAILVIEW_KEY_BACKSPACE = KEY_BACKSPACE,
  TRAILVIEW_KEY_DC = KEY_DC,
  TRAILVIEW_KEY_RESIZE = KEY_RESIZE,
  TRAILVIEW_KEY_F0 = KEY_F0,
};

/* Reads one key with a timeout in milliseconds. Returns ERR (nothing), OK (a character in *ch) or
   KEY_CODE_YES (a KEY_* code in *ch). */
static inline int trailview_read_key(int timeout_ms, unsigned int *ch) {
  wint_t value = 0;
  wtimeout(stdscr, timeout_ms);
  int result = wget_wch(stdscr, &value);
  *ch = (unsigned int)value;
  return result;
}

/* ---- drawing ---- */

enum {
  TRAILVIEW_ATTR_BOLD = 1,
  TRAILVIEW_ATTR_REVERSE = 2,
  TRAILVIEW_ATTR_UNDERLINE = 4,
  TRAILVIEW_ATTR_DIM = 8,
};

/* Draws one cell: `text` is a NUL-terminated UTF-32 grapheme (one spacing character, then up to four
   combining ones), `flags` a set of TRAILVIEW_ATTR_*, `pair` a colour pair (0 for the default colours).
   Returns OK; ERR when the cell could not be moved past (the bottom-right corner, still drawn); -2 when
   setcchar rejected the text (for example a character the C library does not know), nothing drawn. */
static inline int trailview_put_cell(int y, int x, const wchar_t *text, int flags, short pair) {
  attr_t attrs = A_NORMAL;
  if (flags & TRAILVIEW_ATTR_BOLD) attrs |= A_BOLD;
  if (flags & TRAILVIEW_ATTR_REVERSE) attrs |= A_REVERSE;
  if (flags & TRAILVIEW_ATTR_UNDERLINE) attrs |= A_UNDERLINE;
  if (flags & TRAILVIEW_ATTR_DIM) attrs |= A_DIM;
  cchar_t cell;
  memset(&cell, 0, sizeof cell);
  if (setcchar(&cell, text, attrs, pair, NULL) != OK) return -2;
  return mvwadd_wch(stdscr, y, x, &cell);
}

/* ---- fatal-signal guard: give the terminal back even when the process dies ---- */

/* State lives in function-local statics: Swift's importer does not emit file-scope static variables. */
static inline struct termios *trailview_guard_termios(void) {
  static struct termios saved;
  return &saved;
}
static inline int *trailview_guard_fd(void) {
  static int fd = -1;
  return &fd;
}
static inline char *trailview_guard_stack(size_t *size) {
  static char stack[65536];
  *size = sizeof stack;
  return stack;
}

static void trailview_fatal_handler(int sig) {
  static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
  int fd = *trailview_guard_fd();
  if (fd >= 0) {
    tcsetattr(fd, TCSANOW, trailview_guard_termios());
    ssize_t ignored = write(fd, reset, sizeof reset - 1);
    (void)ignored;
  }
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  raise(sig);
}

/* Saves the terminal's current (cooked) settings and installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE,
   SIGABRT and SIGTRAP (Swift traps arrive as SIGILL or SIGTRAP) that restore them, leave the alternate
   screen, show the cursor, reset attributes, then re-raise the signal with its default action. Call before
   curses starts. Returns 0 when the settings were saved, -1 when neither stdout nor stdin is a terminal. */
static inline int trailview_install_fatal_guard(void) {
  int fd = isatty(STDOUT_FILENO) ? STDOUT_FILENO : (isatty(STDIN_FILENO) ? STDIN_FILENO : -1);
  if (fd < 0 || tcgetattr(fd, trailview_guard_termios()) != 0) return -1;
  *trailview_guard_fd() = fd;
  stack_t stack;
  memset(&stack, 0, sizeof stack);
  stack.ss_sp = trailview_guard_stack(&stack.ss_size);
  sigaltstack(&stack, NULL);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = trailview_fatal_handler;
  action.sa_flags = SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
  for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &action, NULL);
  return 0;
}

/* Ignores `sig` so that a dispatch signal source can observe it instead. */
static inline void trailview_ignore_signal(int sig) { signal(sig, SIG_IGN); }

/* Restores the default action for `sig`. */
static inline void trailview_default_signal(int sig) { signal(sig, SIG_DFL); }

#endif
