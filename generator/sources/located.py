"""YAML read into values that remember where they were written.

PyYAML's composer (the C one when available) gives nodes with marks; we turn them into plain
str/dict/list subclasses carrying a `Position`, keeping every scalar as the text the editor typed.
Types (dates, numbers) are checked later by the Table Schemas, so "2021-02-30" is reported as an
impossible date with its line, instead of PyYAML's exception.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.problems import Position, Problems

try:  # the C composer is about five times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class LStr(str):
    """A scalar as written, with its position."""

    pos: Position

    def __new__(cls, value: str, pos: Position) -> "LStr":
        obj = super().__new__(cls, value)
        obj.pos = pos
        return obj


class LDict(dict):
    """A mapping with its own position and the position of each key."""

    pos: Position
    key_pos: dict[str, Position]


class LList(list):
    pos: Position


Located = "LStr | LDict | LList | None"

_NULLS = {"", "~", "null", "Null", "NULL"}
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text, or None with a problem when it is not readable UTF-8 or empty."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(Position(shown), "file_unreadable", reason=exc.strerror or str(exc))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(Position(shown, line, column), "not_utf8")
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.add(Position(shown, 1, 1), "empty_file")
        return None
    return text


def load_yaml(text: str, shown: str, problems: Problems, line_offset: int = 0) -> object:
    """Parse one YAML document into located values; syntax problems are reported, not raised."""
    tabs = list(_TAB_INDENT.finditer(text))
    for match in tabs:
        line = text.count("\n", 0, match.start()) + 1
        column = match.end() - match.start()
        problems.add(Position(shown, line + line_offset, column), "tab_indent")
    if tabs:
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 0
        column = mark.column + 1 if mark else 0
        detail = _one_line(exc.problem or exc.context or str(exc))
        problems.add(Position(shown, line, column), "yaml_syntax", detail=detail)
        return None
    except yaml.reader.ReaderError as exc:  # a control character (we decoded UTF-8 already)
        offset = exc.position
        line = text.count("\n", 0, offset) + 1 + line_offset
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.add(Position(shown, line, column), "control_character",
                     char=f"U+{exc.character:04X}" if isinstance(exc.character, int)
                     else repr(exc.character))
        return None
    except yaml.YAMLError as exc:
        problems.add(Position(shown, 1, 1), "yaml_syntax", detail=_one_line(str(exc)))
        return None
    if node is None:
        problems.add(Position(shown, 1, 1), "empty_file")
        return None
    return _convert(node, shown, problems, line_offset)


def _one_line(detail: str) -> str:
    """PyYAML's details may span lines; a problem is always one `path:line:col: …` line."""
    return " ".join(detail.split())


def _pos(node: yaml.Node, shown: str, line_offset: int) -> Position:
    return Position(shown, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


def _convert(node: yaml.Node, shown: str, problems: Problems, line_offset: int) -> object:
    pos = _pos(node, shown, line_offset)
    if isinstance(node, yaml.ScalarNode):
        # Plain (unquoted) style is None in PyYAML's Python composer but '' in the C one.
        if not node.style and node.value in _NULLS:
            return None
        return LStr(node.value, pos)
    if isinstance(node, yaml.SequenceNode):
        items = LList(_convert(child, shown, problems, line_offset) for child in node.value)
        items.pos = pos
        return items
    if isinstance(node, yaml.MappingNode):
        mapping = LDict()
        mapping.pos = pos
        mapping.key_pos = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node, shown, line_offset)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.add(key_pos, "key_not_text")
                continue
            key = key_node.value
            if key == "<<":
                problems.add(key_pos, "merge_key")
                continue
            if key in mapping.key_pos:
                first = mapping.key_pos[key]
                problems.add(key_pos, "duplicate_key", key=key, first_line=first.line)
                continue
            mapping.key_pos[key] = key_pos
            mapping[key] = _convert(value_node, shown, problems, line_offset)
        return mapping
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover
