"""Declarative description of source files: which keys exist, what each holds, and its check.

Every field has a type here: text, Swedish and English text, a list, a group of keys, or a value
with a form (a date, an id, an e-mail address, an http(s) link, one of a list of codes, an
organisation number with its check digit). Values keep the text the editor wrote. A value of the
wrong form is reported and kept as written: the Table Schemas check the published columns again
(the data package's contract), and a problem found by both at one place is shown once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.problems import Position, Problems
from generator.sources.located import LDict, LList, LStr

LANGUAGES = ("sv", "en")


class Spec:
    kind = "value"

    def check(self, value: object, pos: Position, name: str, problems: Problems) -> object:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    """One scalar, kept as the text the editor wrote."""

    kind = "text"

    def check(self, value, pos, name, problems):
        if value is None or isinstance(value, LStr):
            return value
        problems.add(getattr(value, "pos", pos), "expected_text", field_name=name)
        return None


@dataclass(frozen=True)
class Localized(Spec):
    """Text in Swedish and English: `{sv: …, en: …}`; plain text counts as Swedish only."""

    kind = "localized"

    def check(self, value, pos, name, problems):
        if value is None:
            return None
        if isinstance(value, LStr):
            result = LDict(sv=value)
            result.pos, result.key_pos = value.pos, {"sv": value.pos}
            return result
        if not isinstance(value, LDict):
            problems.add(value.pos, "expected_localized", field_name=name)
            return None
        for key in value:
            if key not in LANGUAGES:
                problems.add(value.key_pos[key], "unknown_language", field_name=name, key=key,
                             allowed=", ".join(LANGUAGES))
        for lang in LANGUAGES:
            if lang in value:
                value[lang] = Text().check(value[lang], value.key_pos[lang], f"{name}.{lang}",
                                           problems)
        return value


@dataclass(frozen=True)
class ListOf(Spec):
    """A list; a single item written without the list brackets is accepted as a list of one.
    `unique`: an item may appear once (a language, a responsible organisation)."""

    item: Spec
    unique: bool = False
    kind = "list"

    def check(self, value, pos, name, problems):
        if value is None:
            items = LList()
            items.pos = pos
            return items
        if not isinstance(value, LList):
            single = LList([value])
            single.pos = value.pos
            value = single
        checked = LList(
            self.item.check(v, getattr(v, "pos", value.pos), f"{name}[{i + 1}]", problems)
            for i, v in enumerate(value)
        )
        checked.pos = value.pos
        if self.unique:
            seen: dict[str, Position] = {}
            for item in checked:
                if isinstance(item, LStr):
                    if item in seen:
                        problems.add(item.pos, "repeated_in_list", field_name=name, value=str(item),
                                     first_line=seen[item].line)
                    seen.setdefault(str(item), item.pos)
        return checked


# Forms of single values. `problem` returns the message code and its parameters, or None.

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+")
_ORGANISATION_NUMBER = re.compile(r"([0-9]{6})-?([0-9]{4})")
_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
MAX_ID = 80  # ids become folder and file names: far below any file system's limit


def parse_date(text: str) -> dt.date | None:
    """The one reading of a date: YYYY-MM-DD with a day that exists (ISO 8601 calendar date)."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def luhn_ok(digits: str) -> bool:
    """The check digit of a Swedish organisation or personal number (Luhn, Skatteverket)."""
    total = 0
    for i, char in enumerate(digits[:-1]):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(digits[-1])


def http_url_problem(text: str) -> bool:
    if any(c.isspace() or ord(c) < 32 for c in text):
        return True
    try:
        parts = urlsplit(text)
    except ValueError:
        return True
    return parts.scheme not in ("http", "https") or not parts.hostname


@dataclass(frozen=True)
class Formed(Text):
    """One scalar with a form; reported with its position and kept as written."""

    def check(self, value, pos, name, problems):
        value = super().check(value, pos, name, problems)
        if value is not None:
            found = self.problem(str(value))
            if found is not None:
                code, params = found
                problems.add(value.pos, code, field_name=name, value=str(value), **params)
        return value

    def problem(self, text: str) -> tuple[str, dict] | None:
        raise NotImplementedError


@dataclass(frozen=True)
class Date(Formed):
    kind = "date"

    def problem(self, text):
        return None if parse_date(text) else ("bad_date", {})


@dataclass(frozen=True)
class Year(Formed):
    kind = "year"

    def problem(self, text):
        return None if _YEAR.fullmatch(text) else ("bad_year", {})


@dataclass(frozen=True)
class Id(Formed):
    """A stable id: it becomes part of addresses and file names."""

    kind = "id"

    def problem(self, text):
        if len(text) > MAX_ID:
            return "id_too_long", {"length": len(text), "limit": MAX_ID}
        return None if _ID.fullmatch(text) else ("bad_id", {})


@dataclass(frozen=True)
class Email(Formed):
    kind = "email"

    def problem(self, text):
        return None if _EMAIL.fullmatch(text) else ("bad_email", {})


@dataclass(frozen=True)
class HttpUrl(Formed):
    kind = "url"

    def problem(self, text):
        return ("bad_url", {}) if http_url_problem(text) else None


@dataclass(frozen=True)
class OrganisationNumber(Formed):
    kind = "organisation_number"

    def problem(self, text):
        match = _ORGANISATION_NUMBER.fullmatch(text)
        if match and luhn_ok(match.group(1) + match.group(2)):
            return None
        return "bad_organisation_number", {}


@dataclass(frozen=True)
class Version(Formed):
    kind = "version"

    def problem(self, text):
        return None if _VERSION.fullmatch(text) else ("bad_version", {})


@dataclass(frozen=True)
class Choice(Formed):
    """One of a list of codes. `labels`: what the site shows for each code (in any language),
    so a label written as a value gets "did you mean <code>?"."""

    codes: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # (label, code)
    kind = "choice"

    def problem(self, text):
        if text in self.codes:
            return None
        return not_allowed(text, self.codes, dict(self.labels))


def not_allowed(text: str, codes, labels: dict[str, str] | None = None) -> tuple[str, dict]:
    """The problem for a value that is not one of `codes`, with the best suggestion."""
    folded = {label.casefold(): code for label, code in (labels or {}).items()}
    suggestion = folded.get(text.strip().casefold())
    if suggestion is None:
        close = difflib.get_close_matches(text, list(codes) + list(folded), n=1, cutoff=0.5)
        suggestion = folded.get(close[0], close[0]) if close else None
    params = {"allowed": ", ".join(codes), "suggestion": suggestion or ""}
    return ("not_in_list_suggest" if suggestion else "not_in_list"), params


@dataclass(frozen=True)
class Key:
    spec: Spec
    doc_sv: str = ""
    doc_en: str = ""


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with a fixed set of keys; unknown keys are errors with a did-you-mean."""

    keys: dict[str, Key] = field(default_factory=dict)
    kind = "record"

    def check(self, value, pos, name, problems):
        if value is None:
            return None
        if not isinstance(value, LDict):
            problems.add(getattr(value, "pos", pos), "expected_mapping", field_name=name)
            return None
        result = LDict()
        result.pos, result.key_pos = value.pos, dict(value.key_pos)
        for key, item in value.items():
            key_pos = value.key_pos[key]
            if key not in self.keys:
                close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
                if close:
                    problems.add(key_pos, "unknown_key_suggest", field_name=_join(name, key),
                                 key=key, suggestion=close[0])
                else:
                    problems.add(key_pos, "unknown_key", field_name=_join(name, key), key=key,
                                 allowed=", ".join(self.keys))
                continue
            result[key] = self.keys[key].spec.check(item, key_pos, _join(name, key), problems)
        return result


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


# Dates as precise as the sources give them (docs/content-format-2.md): ISO 8601 / EDTF levels
# 0-1 (a day, a month, a year, a season, an interval) and named periods (quarter, tertial,
# half-year, "continuous"); `not_stated` where the source gives none.

NOT_STATED = "not_stated"
NONE_KNOWN = "none_known"
CONTINUOUS = "continuous"
_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<part>0[1-9]|1[0-2]|2[1-4]|Q[1-4]|T[1-3]|VT|HT)"
                     r"(?:-(?P<day>[0-9]{2}))?)?")
_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "T1": (1, 4), "T2": (5, 8),
           "T3": (9, 12), "VT": (1, 6), "HT": (7, 12), "21": (3, 5), "22": (6, 8), "23": (9, 11),
           "24": (12, 14)}


def period_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a partial date or interval; None when it is not one (and for
    `continuous` and `not_stated`, whose days depend on the promise or do not exist)."""
    if "/" in text:
        first, _, last = text.partition("/")
        a, b = period_bounds(first), period_bounds(last)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1]
    match = _PERIOD.fullmatch(text)
    if not match:
        return None
    year, part, day = int(match["year"]), match["part"], match["day"]
    if day is not None:
        found = parse_date(text)
        return (found, found) if found else None
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    low, high = _MONTHS[part] if part in _MONTHS else (int(part), int(part))
    last_year, last_month = year + (high - 1) // 12, (high - 1) % 12 + 1
    next_first = dt.date(last_year + last_month // 12, last_month % 12 + 1, 1)
    return dt.date(year, low, 1), next_first - dt.timedelta(days=1)


@dataclass(frozen=True)
class PartialDate(Formed):
    """A date or period as precise as the source: see `period_bounds`."""

    kind = "partial_date"

    def problem(self, text):
        if text in (NOT_STATED, CONTINUOUS) or period_bounds(text) is not None:
            return None
        old = _FORMAT_1_PERIOD.fullmatch(text.strip())
        if old:  # format 1 wrote periods as free text: "2021 T1"
            return "period_format_1", {"suggestion": f"{old[1]}-{old[2].upper()}"}
        return "bad_partial_date", {}


_FORMAT_1_PERIOD = re.compile(r"([0-9]{4})\s+([TtQq][1-4])")


COMPARATORS = ("exactly", "at_least", "at_most", "about")


@dataclass(frozen=True)
class Quantity(Spec):
    """A number as the source gives it: `14`, or `{value: 14, comparator: at_least, unit: …}`.
    Always returned as a group (value, comparator, unit)."""

    kind = "quantity"

    def check(self, value, pos, name, problems):
        if value is None:
            return None
        if isinstance(value, LStr):
            group = LDict(value=value)
            group.pos, group.key_pos = value.pos, {"value": value.pos}
            value = group
        return _QUANTITY_SHAPE.check(value, pos, name, problems)


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Number(Formed):
    """A count or amount: digits with an optional decimal point, never negative."""

    kind = "number"

    def problem(self, text):
        return None if _NUMBER.fullmatch(text) else ("bad_number", {})


# How to read a count or a target's value ("minst 14" is 14, at_least), for both.
COMPARATOR = Choice(codes=COMPARATORS, labels=(
    ("minst", "at_least"), ("högst", "at_most"), ("cirka", "about"), ("ca", "about"),
    ("exakt", "exactly")))
_QUANTITY_SHAPE = Record({"value": Key(Number()), "comparator": Key(COMPARATOR),
                          "unit": Key(Localized())})


@dataclass(frozen=True)
class Flag(Choice):
    """yes or no, written `true`/`false` (or ja/nej)."""

    codes: tuple[str, ...] = ("true", "false")
    labels: tuple[tuple[str, str], ...] = (("ja", "true"), ("yes", "true"), ("nej", "false"),
                                           ("no", "false"), ("True", "true"), ("False", "false"))
    kind = "flag"


@dataclass(frozen=True)
class ListOrNotStated(ListOf):
    """A list, or `not_stated` where the sources name the thing but not its items."""

    kind = "list"

    def check(self, value, pos, name, problems):
        if isinstance(value, LStr) and value == NOT_STATED:
            return value
        return super().check(value, pos, name, problems)


@dataclass(frozen=True)
class ListOrNoneKnown(ListOf):
    """A list, or `none_known` where the site states there is nothing to list (an accessibility
    statement whose assessment found no gaps). An empty list says nothing; this says "none"."""

    kind = "list"

    def check(self, value, pos, name, problems):
        if isinstance(value, LStr) and value == NONE_KNOWN:
            return value
        return super().check(value, pos, name, problems)
