"""YAML read into values that remember where they were written.

PyYAML's composer (the C one when available) gives nodes with marks; we turn them into plain
str/dict/list subclasses carrying a `Position`, keeping every scalar as the text the editor typed.
Types (dates, numbers) are checked later by the Table Schemas, so "2021-02-30" is reported as an
impossible date with its line, instead of PyYAML's exception.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml

from generator.problems import Position, Problems

try:  # the C composer is about five times faster
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """Composes nodes without resolving their tags: every scalar is kept as the text written
    (types are the Table Schemas' business), so the resolver need not be asked about every
    node."""

    def descend_resolver(self, current_node, current_index) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind, value, implicit) -> str:
        return yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG


class LStr(str):
    """A scalar as written, with its position."""

    pos: Position

    def __new__(cls, value: str, pos: Position) -> LStr:
        obj = super().__new__(cls, value)
        obj.pos = pos
        return obj

    def __reduce__(self):
        """Pickled for worker processes and caches, copied by `copy`: keep the position (str's
        own way would call `LStr(text)` without one and fail)."""
        return (LStr, (str(self), self.pos))


class LDict(dict):
    """A mapping with its own position and the position of each key."""

    pos: Position
    key_pos: dict[str, Position]


class LList(list):
    pos: Position


Located = "LStr | LDict | LList | None"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOM = b"\xef\xbb\xbf"
# Lines break where editors break them: \n, \r\n and \r. PyYAML (YAML 1.1) also breaks at U+0085,
# U+2028 and U+2029, which editors show inside a line (refused below), and its C reader counts
# offsets in bytes, so positions are computed from the character index of a mark.
# libyaml's own line and column of a mark equal the counted ones (tests/test_positions.py)
TRUST_MARKS = True
_BREAK = re.compile(r"\r\n|\r|\n")
_TAB_INDENT = re.compile(r"(?:^|(?<=[\r\n]))[ ]*\t")
# What the YAML reader refuses (its "non-printable" set; the decoded text has no surrogates),
# and U+0085, U+2028 and U+2029 as well: invisible in editors, yet line breaks to PyYAML, so one
# pasted into a comment turns the rest of that line into YAML and fails lines further down.
_NOT_ALLOWED = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD"
                          "\U00010000-\U0010FFFF]")


class Lines:
    """Turns a character index into the line and column an editor shows (1-based)."""

    def __init__(self, text: str, shown: str, line_offset: int = 0) -> None:
        self.text, self.shown, self.line_offset = text, shown, line_offset
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        # libyaml's own line and column of a mark are these (counted in characters, breaking
        # only at \n once U+0085, U+2028 and U+2029 are refused), so no conversion is needed.
        # Set by load_yaml for texts without \r, where CR and CRLF cannot differ.
        self.from_marks = False

    def position(self, index: int) -> Position:
        index = max(0, min(index, len(self.text)))
        if 0 < index < len(self.text) and self.text[index - 1:index + 1] == "\r\n":
            index -= 1  # inside a CRLF pair: the end of the line
        line = bisect.bisect_right(self.starts, index) - 1
        return Position(self.shown, line + 1 + self.line_offset, index - self.starts[line] + 1)


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text, or None with a problem when it is not readable UTF-8 or empty."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(Position(shown), "file_unreadable", reason=exc.strerror or str(exc))
        return None
    if raw.startswith(_BOM):  # an editor shows no BOM: positions count from after it
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")  # valid up to the first bad byte
        problems.add(Lines(before, shown).position(len(before)), "not_utf8")
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.add(Position(shown, 1, 1), "empty_file")
        return None
    return text


def load_yaml(text: str, shown: str, problems: Problems, line_offset: int = 0) -> object:
    """Parse one YAML document into located values; syntax problems are reported, not raised."""
    lines = Lines(text, shown, line_offset)
    tabs = list(_TAB_INDENT.finditer(text)) if "\t" in text else []  # the scan is slow
    for match in tabs:
        problems.add(lines.position(match.end() - 1), "tab_indent")
    controls = _first_per_line(_NOT_ALLOWED.finditer(text), lines)
    for index, char in controls:
        problems.add(lines.position(index), "control_character", char=f"U+{ord(char):04X}")
    if tabs or controls:
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = lines.position(mark.index) if mark else Position(shown, 1 + line_offset, 1)
        detail = _one_line(exc.problem or exc.context or str(exc))
        problems.add(where, "yaml_syntax", detail=detail)
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error the scan above did not foresee
        problems.add(Position(shown, 1 + line_offset, 1), "yaml_syntax", detail=_one_line(str(exc)))
        return None
    if node is None:
        problems.add(Position(shown, 1 + line_offset, 1), "empty_file")
        return None
    if TRUST_MARKS and "\r" not in text:
        lines.from_marks = True
    return _convert(node, lines, problems)


def _first_per_line(matches, lines: Lines) -> list[tuple[int, str]]:
    """One control character per line is enough to find them all, and a file saved in the
    wrong encoding (UTF-16: a NUL after every letter) must not bury the editor in messages."""
    found, seen = [], set()
    for match in matches:
        line = lines.position(match.start()).line
        if line not in seen:
            seen.add(line)
            found.append((match.start(), match.group()))
    return found


def _one_line(detail: str) -> str:
    """PyYAML's details may span lines; a problem is always one `path:line:col: …` line."""
    return " ".join(detail.split())


def _pos(node: yaml.Node, lines: Lines) -> Position:
    mark = node.start_mark
    if lines.from_marks:
        return Position(lines.shown, mark.line + 1 + lines.line_offset, mark.column + 1)
    return lines.position(mark.index)


def _convert(node: yaml.Node, lines: Lines, problems: Problems) -> object:
    pos = _pos(node, lines)
    if isinstance(node, yaml.ScalarNode):
        # Plain (unquoted) style is None in PyYAML's Python composer but '' in the C one.
        if not node.style and node.value in _NULLS:
            return None
        return LStr(node.value, pos)
    if isinstance(node, yaml.SequenceNode):
        items = LList(_convert(child, lines, problems) for child in node.value)
        items.pos = pos
        return items
    if isinstance(node, yaml.MappingNode):
        mapping = LDict()
        mapping.pos = pos
        mapping.key_pos = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node, lines)
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
            mapping[key] = _convert(value_node, lines, problems)
        return mapping
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover
