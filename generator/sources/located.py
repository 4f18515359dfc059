"""YAML read into values that remember where they were written.

PyYAML's parser (the C one when available) gives events with marks; we build plain
str/dict/list subclasses carrying a `Position` from them, keeping every scalar as the text the editor typed.
Types (dates, numbers) are checked later by the Table Schemas, so "2021-02-30" is reported as an
impossible date with its line, instead of PyYAML's exception.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml

from generator.problems import Position, Problems
from generator.sources import files

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


_NOT_ALLOWED_ESCAPED = re.compile("\r|" + _NOT_ALLOWED.pattern)


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
        raw = files.read_bytes(path)
    except files.NotRegular:
        problems.add(Position(shown), "not_a_file")
        return None
    except files.TooLarge as exc:
        problems.add(Position(shown), "file_too_large", size=-(-exc.size // 1000),
                     limit=exc.limit // 1000)
        return None
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
    if TRUST_MARKS and "\r" not in text:
        lines.from_marks = True
    try:
        return _Composer(lines, problems).compose(_Loader(text))
    except yaml.MarkedYAMLError as exc:
        problems.add(_error_position(exc, lines), "yaml_syntax",
                     detail=_one_line(exc.problem or exc.context or str(exc)))
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error the scan above did not foresee
        problems.add(Position(shown, 1 + line_offset, 1), "yaml_syntax", detail=_one_line(str(exc)))
        return None


def _error_position(exc: yaml.MarkedYAMLError, lines: Lines) -> Position:
    """Where the editor must look. A scanner error names the token it was reading ("while
    scanning a quoted scalar"): an unclosed quote is found only at the end of the file, but
    the mistake is where the quote opened. Parser errors are best shown where they were found."""
    mark = exc.problem_mark
    if exc.context_mark is not None and (exc.context or "").startswith("while scanning"):
        mark = exc.context_mark
    mark = mark or exc.context_mark
    if mark is None:
        return Position(lines.shown, 1 + lines.line_offset, 1)
    return lines.position(mark.index)


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


MAX_DEPTH = 32  # lists and groups inside each other; the deepest real source has 6
_NO_KEY, _IN_KEY, _SKIP = object(), object(), object()


class _Composer:
    """Builds located values straight from the parser's events, without PyYAML's node graph.
    Anchors and aliases are refused (editors do not need them, and an alias bomb of a few
    hundred bytes expands to gigabytes), depth is bounded (no recursion, no stack overflow), and
    escapes in double-quoted text are checked for control characters like the raw text is."""

    def __init__(self, lines: Lines, problems: Problems) -> None:
        self.lines, self.problems = lines, problems
        self.refused = False
        # Each open list or group: [container, the key waiting for its value (mappings)]
        self.stack: list[list] = []
        self.root: object = None
        self.documents = 0

    def compose(self, loader) -> object:
        try:
            while True:
                event = loader.get_event()
                kind = type(event)
                if kind is yaml.ScalarEvent:
                    self._scalar(event)
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    if not self._open(event, kind is yaml.MappingStartEvent):
                        return None
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    self._add(self.stack.pop()[0])
                elif kind is yaml.AliasEvent:
                    self._refuse(event, "yaml_alias", event.anchor)
                    self._add(None)
                elif kind is yaml.DocumentStartEvent:
                    self.documents += 1
                    if self.documents > 1:
                        self.problems.add(self._pos(event.start_mark), "several_documents")
                        return None
                elif event is None or kind is yaml.StreamEndEvent:
                    break
        finally:
            loader.dispose()
        if self.refused:
            return None
        if self.root is None:
            self.problems.add(Position(self.lines.shown, 1 + self.lines.line_offset, 1), "empty_file")
        return self.root

    def _pos(self, mark) -> Position:
        if self.lines.from_marks:
            return Position(self.lines.shown, mark.line + 1 + self.lines.line_offset, mark.column + 1)
        return self.lines.position(mark.index)

    def _refuse(self, event, code: str, anchor) -> None:
        self.refused = True
        self.problems.add(self._pos(event.start_mark), code, name=str(anchor))

    def _scalar(self, event) -> None:
        if event.anchor is not None:
            self._refuse(event, "yaml_anchor", event.anchor)
        pos = self._pos(event.start_mark)
        value = event.value
        if event.style == '"':  # escapes: \r too, which only a line ending may bring
            bad = _NOT_ALLOWED_ESCAPED.search(value)
            if bad:
                self.problems.add(pos, "control_character", char=f"U+{ord(bad.group()):04X}")
                self.refused = True
        top = self.stack[-1] if self.stack else None
        if top is not None and top[1] is _NO_KEY and isinstance(top[0], LDict):
            self._key(top, LStr(value, pos))
        elif not event.style and value in _NULLS:
            self._add(None)
        else:
            self._add(LStr(value, pos))

    def _open(self, event, mapping: bool) -> bool:
        if event.anchor is not None:
            self._refuse(event, "yaml_anchor", event.anchor)
        pos = self._pos(event.start_mark)
        top = self.stack[-1] if self.stack else None
        if top is not None and top[1] is _NO_KEY and isinstance(top[0], LDict):
            self.problems.add(pos, "key_not_text")  # `? [a, b]: …`: it and its value are dropped
            top[1] = _IN_KEY
        if len(self.stack) >= MAX_DEPTH:
            self.problems.add(pos, "too_deep", limit=MAX_DEPTH)
            return False
        container: LDict | LList
        if mapping:
            container = LDict()
            container.key_pos = {}
        else:
            container = LList()
        container.pos = pos
        self.stack.append([container, _NO_KEY])
        return True

    def _key(self, top: list, key: LStr) -> None:
        mapping = top[0]
        if key == "<<":
            self.problems.add(key.pos, "merge_key")
            top[1] = _SKIP
        elif key in mapping.key_pos:
            self.problems.add(key.pos, "duplicate_key", key=str(key),
                              first_line=mapping.key_pos[key].line)
            top[1] = _SKIP
        else:
            mapping.key_pos[str(key)] = key.pos
            top[1] = str(key)

    def _add(self, value: object) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container, key = top
        if isinstance(container, LList):
            container.append(value)
        elif key is _IN_KEY:  # a key that is a list or a group (reported): drop its value
            top[1] = _SKIP
        else:
            if key is not _SKIP:
                container[key] = value
            top[1] = _NO_KEY
