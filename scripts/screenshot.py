#!/usr/bin/env python3
"""Render ANSI text (as from `tmux capture-pane -e -p`) to a PNG that looks like a dark terminal.

Usage: screenshot.py INPUT.ans OUTPUT.png [--cols N] [--rows N] [--font-size PX]

Handles SGR: reset, bold, dim, italic (ignored), underline, reverse, 8/16 colours (30-37, 40-47, 90-97,
100-107), 256 colours (38;5;n / 48;5;n), true colour (38;2;r;g;b / 48;2;r;g;b) and the defaults (39, 49).
Other escape sequences are skipped. Wide (East Asian) characters take two cells, combining marks none.
"""

import argparse
import re
import sys
import unicodedata

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover
    sys.exit("screenshot.py needs Pillow: python3 -m pip install pillow")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
DEFAULT_FG = (0xD0, 0xD0, 0xD0)
DEFAULT_BG = (0x1C, 0x1C, 0x1C)
BASE16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x31, 0x31), (0x0D, 0xBC, 0x79), (0xE5, 0xE5, 0x10),
    (0x24, 0x72, 0xC8), (0xBC, 0x3F, 0xBC), (0x11, 0xA8, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x66, 0x66, 0x66), (0xF1, 0x4C, 0x4C), (0x23, 0xD1, 0x8B), (0xF5, 0xF5, 0x43),
    (0x3B, 0x8E, 0xEA), (0xD6, 0x70, 0xD6), (0x29, 0xB8, 0xDB), (0xFF, 0xFF, 0xFF),
]
ESCAPE = re.compile(r"\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def palette256(n):
    """The xterm 256-colour palette."""
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    gray = 8 + (n - 232) * 10
    return (gray, gray, gray)


class Pen:
    """The current SGR state."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = False
        self.dim = False
        self.underline = False
        self.reverse = False

    def key(self):
        return (self.fg, self.bg, self.bold, self.dim, self.underline, self.reverse)

    def apply(self, params):
        codes = [int(p) if p.isdigit() else 0 for p in re.split("[;:]", params)] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                self.fg = BASE16[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                self.bg = BASE16[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    color = palette256(codes[i + 2] % 256)
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    color = tuple(v % 256 for v in codes[i + 2:i + 5])
                    i += 4
                else:
                    color = None
                if c == 38:
                    self.fg = color
                else:
                    self.bg = color
            i += 1


def char_width(ch):
    """Terminal columns for one character: 0 for combining marks, 2 for East Asian wide, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text):
    """Parse ANSI text into rows of cells (text, width, pen state)."""
    rows = []
    pen = Pen()
    for line in text.split("\n"):
        row = []
        pos = 0
        while pos < len(line):
            match = ESCAPE.match(line, pos)
            if match:
                if match.group(2) == "m":
                    pen.apply(match.group(1))
                pos = match.end()
                continue
            ch = line[pos]
            pos += 1
            if ch < " " or ch == "\x7f":
                continue
            width = char_width(ch)
            if width == 0 and row:
                row[-1] = (row[-1][0] + ch, row[-1][1], row[-1][2])
            elif width > 0:
                row.append((ch, width, pen.key()))
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def colors(state):
    """Foreground and background for a pen state."""
    fg, bg, bold, dim, _underline, reverse = state
    fg = fg or DEFAULT_FG
    bg = bg or DEFAULT_BG
    if reverse:
        fg, bg = bg, fg
    if dim:
        fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
    return fg, bg


def render(rows, cols, nrows, size):
    """Draw the cells onto an image."""
    regular = ImageFont.truetype(FONT, size)
    bold = ImageFont.truetype(FONT_BOLD, size)
    cell_w = round(regular.getlength("M"))
    ascent, descent = regular.getmetrics()
    cell_h = ascent + descent + 2
    pad = 12
    cols = cols or max([sum(w for _, w, _ in r) for r in rows] + [1])
    nrows = nrows or max(len(rows), 1)
    image = Image.new("RGB", (cols * cell_w + 2 * pad, nrows * cell_h + 2 * pad), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(rows[:nrows]):
        x = 0
        for text, width, state in row:
            if x >= cols:
                break
            fg, bg = colors(state)
            left, top = pad + x * cell_w, pad + y * cell_h
            draw.rectangle([left, top, left + width * cell_w - 1, top + cell_h - 1], fill=bg)
            if text != " ":
                font = bold if state[2] else regular
                glyph_w = font.getlength(text)
                offset = max(0, (width * cell_w - glyph_w) / 2) if width == 2 else 0
                draw.text((left + offset, top + 1), text, font=font, fill=fg)
            if state[4]:
                draw.line([left, top + cell_h - 2, left + width * cell_w - 1, top + cell_h - 2], fill=fg)
            x += width
    return image


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="ANSI text file, or - for standard input")
    parser.add_argument("output", help="PNG to write")
    parser.add_argument("--cols", type=int, default=0, help="columns (default: widest line)")
    parser.add_argument("--rows", type=int, default=0, help="rows (default: number of lines)")
    parser.add_argument("--font-size", type=int, default=14)
    args = parser.parse_args()
    text = sys.stdin.read() if args.input == "-" else open(args.input, encoding="utf-8", errors="replace").read()
    render(parse(text), args.cols, args.rows, args.font_size).save(args.output)


if __name__ == "__main__":
    main()
