"""The source lines around a problem, with a marker at its column (as Hugo's browser overlay and
compilers show them), so an editor sees the mistake without opening the file.

    12 | goal:
  > 13 |   sv: [unclosed
       |       ^
    14 | commitments:

Read when shown, from the problem's path (relative to the current folder, as `shown_path`
gives it). Nothing here raises: a file that is missing, unreadable, not a regular file, not
UTF-8 or shorter than the problem's line gives a shorter excerpt or none at all.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache

from generator.problems import Problem

CONTEXT = 2  # lines shown before and after the problem's line
WIDTH = 100  # characters of a line shown; a longer line is cut around the column
TAB = 4  # a tab is shown as spaces up to the next multiple of this
READ_LIMIT = 4 * 1024 * 1024  # bytes read of a file; a problem further down gets no excerpt

# Positions that are not a source file under the current folder: link problems name a page of
# the built site (site-relative), which a file of the same name here must not be taken for.
_NOT_SOURCES = frozenset({"broken_link", "link_outside_site", "broken_anchor"})

# The line breaks PyYAML counts lines by (most sources are YAML).
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_ELLIPSIS = "…"


@dataclass(frozen=True)
class Line:
    """One line of an excerpt: its 1-based number in the file, its text as shown (tabs
    expanded, invisible characters escaped, cut to WIDTH), and for the problem's own line the
    0-based offset in `text` of the column's character (None: no line or no column given)."""

    number: int
    text: str
    problem: bool = False
    marker: int | None = None


def excerpt_lines(problem: Problem, context: int = CONTEXT, width: int = WIDTH) -> list[Line]:
    """The lines around the problem's position; [] when there is nothing to show."""
    try:
        return _excerpt(problem, context, width)
    except Exception:  # noqa: BLE001 - an excerpt is a help; it must never cost the message
        return []


def excerpt_text(problem: Problem) -> str:
    """The excerpt for a terminal: numbered lines, `>` before the problem's line and a `^` under
    its column; "" when there is none. Each line is indented by two spaces and ends in a newline."""
    lines = excerpt_lines(problem)
    if not lines:
        return ""
    digits = len(str(lines[-1].number))
    out = []
    for line in lines:
        out.append(f"  {'>' if line.problem else ' '} {line.number:>{digits}} | {line.text}".rstrip())
        if line.marker is not None:
            out.append(f"    {'':>{digits}} | {' ' * line.marker}^")
    return "\n".join(out) + "\n"


def excerpt_html(problem: Problem) -> str:
    """The excerpt as a `<pre class="excerpt">` block, every character escaped; "" when there is
    none. The problem's line is a `<mark>`, the marker a `<span class="caret">`."""
    import html

    lines = excerpt_lines(problem)
    if not lines:
        return ""
    digits = len(str(lines[-1].number))
    rows = []
    for line in lines:
        number = f"{line.number:>{digits}}"
        text = html.escape(line.text)
        if line.problem:
            rows.append(f'<mark><span class="ln">{number}</span> {text}</mark>')
        else:
            rows.append(f'<span class="ln">{number}</span> {text}')
        if line.marker is not None:
            rows.append(f'<span class="ln">{" " * digits}</span> {" " * line.marker}'
                        '<span class="caret">^</span>')
    return '<pre class="excerpt">' + "\n".join(rows) + "</pre>"


def _excerpt(problem: Problem, context: int, width: int) -> list[Line]:
    position = problem.position
    if problem.code in _NOT_SOURCES or position.line < 1 or not position.path:
        return []
    lines = _source_lines(position.path)
    if lines is None or position.line > len(lines):
        return []
    first = max(1, position.line - context)
    last = min(len(lines), position.line + context)
    if last == len(lines) and last > position.line and lines[-1] == "":
        last -= 1  # the "line" after a file's final newline is only shown when it is the place
    shown = {number: _shown(lines[number - 1]) for number in range(first, last + 1)}

    # The column's character as an offset in the shown text (tabs and escapes widen it).
    own = lines[position.line - 1]
    marker = None
    if position.column > 0:
        before = own[:position.column - 1]
        marker = len(_shown(before)) + max(0, position.column - 1 - len(own))
        marker = min(marker, len(shown[position.line]))  # past the end: just after the text

    # A long line is cut to a window around the marker; the other lines keep the same window,
    # so they stay aligned with it.
    longest = max(len(text) for text in shown.values())
    start = 0
    if longest > width:
        start = max(0, (marker or 0) - width // 2)
    result = []
    for number in range(first, last + 1):
        text = shown[number]
        cut = text[start:start + width]
        # One character before every line when cut (an ellipsis where text was left out), so
        # the lines stay aligned with the marker.
        prefix = (_ELLIPSIS if text[:start].strip() else " ") if start else ""
        suffix = _ELLIPSIS if len(text) > start + width else ""
        line_marker = None
        if number == position.line and marker is not None:
            line_marker = marker - start + len(prefix)
        result.append(Line(number, prefix + cut + suffix, number == position.line, line_marker))
    return result


def _shown(text: str) -> str:
    """Tabs as spaces, invisible characters (and a stray BOM) as escapes: one terminal or
    `<pre>` column per character shown."""
    out: list[str] = []
    column = 0
    for char in text:
        if char == "\t":
            piece = " " * (TAB - column % TAB)
        elif char.isprintable() or char == " ":
            piece = char
        else:
            piece = repr(char)[1:-1]
            if piece == char:  # printable to repr but not to str (e.g. a BOM): escape it
                piece = f"\\u{ord(char):04x}"
        out.append(piece)
        column += len(piece)
    return "".join(out)


def _source_lines(path: str) -> tuple[str, ...] | None:
    """The file's lines, or None when it is no readable regular file. Opened without blocking
    and checked to be a regular file, so a FIFO or a device of that name cannot hang the caller."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return _read_lines(path, info.st_mtime_ns, info.st_size, info.st_ino)


@lru_cache(maxsize=8)  # an error page shows many problems of few files
def _read_lines(path: str, _mtime: int, _size: int, _inode: int) -> tuple[str, ...] | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(READ_LIMIT)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]  # the byte-order mark is not a character PyYAML counts in the column
    lines = _BREAKS.split(text)
    if len(data) == READ_LIMIT and len(lines) > 1:
        lines.pop()  # the last line read may be cut short: not shown as if it were whole
    return tuple(lines)
