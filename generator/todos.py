"""TODO markers left in the sources: warnings by default, errors with --strict.

`new-year` writes the text "TODO" into every field an editor must replace. The scan works on the
YAML tokens, so a TODO in a `# comment` is a note for editors and is not reported, while one in a
value is, with the line and column of the value.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.problems import Position, Problems

MARKER = "TODO"
_MARKER = re.compile(r"\bTODO\b")
_SHOWN = 60  # characters of the value shown in the message


def find_todos(content_dir: Path, problems: Problems, seen: dict | None = None) -> int:
    """Add one warning per value that still contains TODO; returns how many were found.
    `seen`: what earlier scans found per file, kept by `serve` (a file whose size and time are
    unchanged is not read again); updated here."""
    if not content_dir.is_dir():
        return 0
    found = 0
    kept: dict = {}
    for path in _sources(content_dir):
        try:
            stat = path.stat()
        except OSError:
            continue  # the loader already reports unreadable files
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        earlier = seen.get(path) if seen is not None else None
        todos = earlier[1] if earlier is not None and earlier[0] == signature else _todos_in(path)
        kept[path] = (signature, todos)
        problems.extend(todos)
        found += len(todos)
    if seen is not None:
        seen.clear()
        seen.update(kept)
    return found


def _todos_in(path: Path) -> list:
    import yaml

    from generator.problems import Problem
    from generator.sources import files
    from generator.sources.loader import shown_path

    try:
        text = files.read_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # the loader already reports unreadable files
    if MARKER not in text:
        return []
    try:
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # the loader already reports the syntax error
    return [Problem(Position(shown_path(path), token.start_mark.line + 1,
                             token.start_mark.column + 1), "todo_remaining",
                    {"text": _excerpt(token.value)}, severity="warning")
            for token in tokens
            if isinstance(token, yaml.ScalarToken) and _MARKER.search(token.value)]


def _sources(content_dir: Path):
    """The YAML files the loader reads: the content folder's own and those of each promise
    folder (a link out of the folder, a FIFO or a device is reported by the loader and never
    opened here)."""
    from generator.sources import files
    from generator.sources.loader import PAGES_DIR

    root, unreported = os.path.realpath(content_dir), Problems()
    top = files.entries(content_dir, root, unreported)
    for name, kind in top.items():
        if kind == files.FILE and name.endswith((".yaml", ".yml")):
            yield content_dir / name
    for name, kind in top.items():
        if kind == files.FOLDER and name != PAGES_DIR and not name.startswith("_"):
            for inner, inner_kind in files.entries(content_dir / name, root, unreported).items():
                if inner_kind == files.FILE and inner.endswith((".yaml", ".yml")):
                    yield content_dir / name / inner


def _excerpt(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _SHOWN else one_line[: _SHOWN - 1] + "…"
