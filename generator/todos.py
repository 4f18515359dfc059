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


def find_todos(content_dir: Path, problems: Problems) -> int:
    """Add one warning per value that still contains TODO; returns how many were found."""
    import yaml

    from generator.sources.loader import shown_path

    if not content_dir.is_dir():
        return 0
    found = 0
    for path in _sources(content_dir):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the loader already reports unreadable files
        if MARKER not in text:
            continue
        try:
            tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError:
            continue  # the loader already reports the syntax error
        for token in tokens:
            if isinstance(token, yaml.ScalarToken) and _MARKER.search(token.value):
                mark = token.start_mark
                problems.add(Position(shown_path(path), mark.line + 1, mark.column + 1),
                             "todo_remaining", severity="warning", text=_excerpt(token.value))
                found += 1
    return found


def _sources(content_dir: Path):
    """The YAML files under `content_dir`, hidden files and folders left out as the walk goes
    (rglob and a check of every path's parts took a fifth longer at 2,300 files). Linked
    folders are followed, as the loader follows them."""
    for folder, subfolders, files in os.walk(content_dir, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                yield Path(folder, name)


def _excerpt(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _SHOWN else one_line[: _SHOWN - 1] + "…"
