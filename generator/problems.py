"""Problems are values: every stage collects them and the command line prints them all at once.

A problem names the editor's file, line and column and carries a message code; the text is looked
up in `messages` so the same problem reads in Swedish or English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from generator import messages

# Line breaks, escapes and other invisible characters an editor's value may hold (a quoted YAML
# key "a\nb", or "\e[31m"): shown escaped, so a problem stays one line and cannot steer the
# terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line, with invisible characters written as escapes (\\n, \\x1b, \\u2028)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """Where something came from in an editor's file (1-based line and column). Slotted: a big
    site holds one for nearly every value it read."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    position: Position
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    field_name: str = ""
    severity: str = "error"  # "error" or "warning"

    def message(self, lang: str) -> str:
        return messages.text(self.code, lang, self._shown_params(lang))

    def hint(self, lang: str) -> str:
        return messages.hint(self.code, lang, self._shown_params(lang))

    def _shown_params(self, lang: str) -> dict[str, Any]:
        params = self.params
        if self.code == "yaml_syntax" and isinstance(params.get("detail"), str):
            # PyYAML's own text is English: in another language, the catalogue's words for it.
            from generator.catalogue import yaml_detail

            params = {**params, "detail": yaml_detail(params["detail"], lang)}
        return {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}

    def render(self, lang: str) -> str:
        """`path:line:column: [warning: ]message (hint)`: the one format editors learn."""
        prefix = "" if self.severity == "error" else messages.text("warning_prefix", lang, {}) + " "
        where = f"{printable(self.field_name)}: " if self.field_name else ""
        text = f"{self.position}: {prefix}{where}{self.message(lang)}"
        hint = self.hint(lang)
        return f"{text} ({hint})" if hint else text

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "path": self.position.path,
            "line": self.position.line,
            "column": self.position.column,
            "field": self.field_name,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


class Problems:
    """An ordered collection; errors and warnings sorted by file and line when reported."""

    def __init__(self) -> None:
        self._items: list[Problem] = []
        # Tables whose source file could not be read: references into them are not reported,
        # since "unknown organisation" on every line would only bury the real problem.
        self.incomplete_tables: set[str] = set()

    def add(self, position: Position, code: str, field_name: str = "", severity: str = "error",
            **params: Any) -> None:
        self._items.append(Problem(position, code, params, field_name, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "warning"]

    def promote_warnings(self) -> None:
        """--strict: every warning becomes an error."""
        self._items = [replace(p, severity="error") for p in self.sorted()]

    def sorted(self) -> list[Problem]:
        # One error per place (a line and column), the first found: a value's own check (an
        # impossible year) and the Table Schema's check of the same cell (not a whole number)
        # say the same thing twice, and a derived cell (a commitment's current status) must not
        # repeat the problem reported for the follow-up it came from. A whole file or folder
        # (no line) may have several problems; warnings are kept per kind.
        unique: dict[tuple, Problem] = {}
        for problem in self._items:
            one_per_place = problem.position.line and problem.severity == "error"
            unique.setdefault((problem.position, "" if one_per_place else problem.code,
                               problem.severity), problem)
        return sorted(unique.values(), key=lambda p: (p.position, p.code, p.field_name))

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        """As reported, repeats included (see `sorted` for what is shown)."""
        return iter(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


def default_language() -> str:
    """Messages follow the environment's language; Swedish when it is unknown."""
    for name in ("MEDBORGARLOFTEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"
