"""`new-year`: next year's sources as a draft made from an earlier year.

What carries over and what does not, so the draft never states something the sources do not:
- focus areas and commitments are copied with new ids (`2022-…`), years in the text moved on;
- follow-ups are dropped, so every commitment starts as "not yet assessed";
- signatories, statements, the signing text, the signing date and the source link are emptied:
  they are facts about one year's signing and must come from that year's sources;
- the headline, the introduction and every commitment's text get a "TODO:" in front, and the
  signing text is just "TODO", so `validate` lists each place the editor must confirm or replace.

The folder is written beside the content under a hidden name and renamed into place at the end,
so a failure never leaves half a year behind.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Position, Problems
from generator.todos import MARKER

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass
class NewYear:
    folder: Path
    source: Path
    files: int
    todos: int


def create(content_dir: Path, year: int, from_year: str | None, problems: Problems) -> NewYear | None:
    """Write content/<year>/ from content/<from_year>/; None (with problems) when it cannot."""
    from generator.sources import formats
    from generator.sources.loader import PROMISE_FILE, read_source, shown_path
    from generator.todos import find_todos

    if not content_dir.is_dir():
        problems.add(Position(shown_path(content_dir)), "content_dir_missing")
        return None
    target = content_dir / str(year)
    if target.exists():
        problems.add(Position(shown_path(target)), "new_year_exists", year=year)
        return None
    source = _source_folder(content_dir, year, from_year, problems)
    if source is None:
        return None
    if source.name == str(year):
        problems.add(Position(shown_path(source)), "new_year_same_year", year=year)
        return None

    promise = read_source(source / PROMISE_FILE, formats.PROMISE, problems)
    areas = {}
    for path in sorted(source.iterdir()):
        if path.is_file() and path.suffix in (".yaml", ".yml") and path.name != PROMISE_FILE:
            areas[path.name] = read_source(path, formats.FOCUS_AREA, problems)
    if problems.errors or promise is None or None in areas.values():
        return None

    old_id = str(promise.get("id") or source.name)
    shift = YearShift.of(promise, year)
    new_id = str(year)
    files = {PROMISE_FILE: _promise(promise, new_id, shift)}
    for name, area in areas.items():
        files[name] = _focus_area(area, old_id, new_id, shift)

    staging = content_dir / f".new-year-{year}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        header = _header(year, source.name)
        for name, data in files.items():
            (staging / name).write_text(header + dump(data), encoding="utf-8")
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return NewYear(folder=target, source=source, files=len(files),
                   todos=find_todos(target, Problems()))


def _source_folder(content_dir: Path, year: int, from_year: str | None,
                   problems: Problems) -> Path | None:
    from generator.sources.loader import PROMISE_FILE, shown_path

    if from_year:
        folder = content_dir / from_year
        if not (folder / PROMISE_FILE).is_file():
            problems.add(Position(shown_path(folder)), "new_year_source_missing", year=from_year)
            return None
        return folder
    earlier = [p for p in content_dir.iterdir()
               if p.is_dir() and p.name.isdigit() and int(p.name) < year
               and (p / PROMISE_FILE).is_file()]
    if not earlier:
        problems.add(Position(shown_path(content_dir)), "new_year_no_source")
        return None
    return max(earlier, key=lambda p: int(p.name))


@dataclass(frozen=True)
class YearShift:
    """Moves the years a promise covers (and only those) forward in ids and text."""

    first: int
    last: int
    by: int

    @classmethod
    def of(cls, promise, year: int) -> YearShift:
        first = _int(promise.get("start_year")) or _int(promise.get("id")) or year - 1
        last = max(_int(promise.get("end_year")) or first, first)
        return cls(first, last, year - first)

    def year(self, value) -> int | None:
        number = _int(value)
        return number + self.by if number is not None else None

    def text(self, value: str) -> str:
        def move(match: re.Match) -> str:
            number = int(match.group(1))
            return str(number + self.by) if self.first <= number <= self.last else match.group(1)
        return _YEAR.sub(move, value)


def _int(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _plain(value, shift: YearShift | None = None):
    """Located values → plain str/dict/list; years moved on when a shift is given."""
    if isinstance(value, dict):
        return {str(k): _plain(v, shift) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, shift) for v in value if v is not None]
    if value is None or str(value) == "":
        return None  # an empty value stays empty (written as nothing after the colon)
    return shift.text(str(value)) if shift else str(value)


def _todo(value, shift: YearShift):
    """Text to confirm: the old wording with years moved on, marked 'TODO:'."""
    text = _plain(value, shift) or {}
    return {lang: f"{MARKER}: {words}" for lang, words in text.items() if words} or \
        {"sv": MARKER, "en": MARKER}


def _promise(data, new_id: str, shift: YearShift) -> dict:
    out: dict = {}
    for key, value in data.items():
        if key == "id":
            out[key] = new_id
            out["draft"] = True  # published only once the editor removes this line
        elif key == "draft":
            continue
        elif key in ("reports", "sources"):
            continue  # what was published about last year is not this year's
        elif key == "commitments":
            old_id = str(data.get("id"))
            out[key] = [_commitment(c, old_id, new_id, shift) for c in value or [] if c is not None]
        elif key in ("start_year", "end_year"):
            out[key] = shift.year(value) or int(new_id)
        elif key in ("signed_date", "source_url"):
            out[key] = None
        elif key in ("signatories", "statements"):
            out[key] = []
        elif key == "signing":
            out[key] = {"sv": MARKER, "en": MARKER}
        elif key in ("headline", "introduction"):
            out[key] = _todo(value, shift)
        elif key in ("background", "aims", "follow_up_interval"):
            out[key] = _plain(value)  # what medborgarlöften are does not change with the year
        else:
            out[key] = _plain(value, shift)
    out.setdefault("start_year", int(new_id))
    out.setdefault("end_year", int(new_id))
    for key in ("signed_date", "source_url"):
        out.setdefault(key, None)
    out.setdefault("headline", _todo(data.get("title"), shift))
    out.setdefault("signing", {"sv": MARKER, "en": MARKER})
    out.setdefault("signatories", [])
    return out


def _new_id(old: str, old_prefix: str, new_prefix: str) -> str:
    if old.startswith(old_prefix + "-"):
        return new_prefix + old[len(old_prefix):]
    return f"{new_prefix}-{old}"


def _focus_area(data, old_id: str, new_id: str, shift: YearShift) -> dict:
    out: dict = {}
    for key, value in data.items():
        if key == "id":
            out[key] = _new_id(str(value), old_id, new_id)
        elif key == "commitments":
            out[key] = (value if value == "not_stated" else
                        [_commitment(c, old_id, new_id, shift) for c in value or [] if c is not None])
        elif key == "reports":
            continue  # last year's follow-ups
        else:
            out[key] = _plain(value, shift)
    return out


def _commitment(data, old_id: str, new_id: str, shift: YearShift) -> dict:
    out: dict = {}
    for key, value in data.items():
        if key == "id":
            out[key] = _new_id(str(value), old_id, new_id)
        elif key == "text":
            out[key] = _todo(value, shift)
        elif key == "follow_ups":
            continue
        elif key == "responsible":
            out[key] = _plain(value)
        else:
            out[key] = _plain(value, shift)
    out["follow_ups"] = []  # statuses start again: "not yet assessed"
    return out


def _header(year: int, source: str) -> str:
    return (
        f"# Utkast för {year}, skapat med 'medborgarloften new-year {year} --from {source}'.\n"
        f"# Ersätt varje TODO med den riktiga uppgiften; 'medborgarloften validate' visar var de finns.\n"
        f"# Draft for {year}, made with 'medborgarloften new-year {year} --from {source}'.\n"
        f"# Replace every TODO with the real information; 'medborgarloften validate' shows where.\n"
    )


def dump(data: dict) -> str:
    """Readable, deterministic YAML: keys in source order, multi-line text as literal blocks."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def empty(dumper, _value):
        return dumper.represent_scalar("tag:yaml.org,2002:null", "")

    Dumper.add_representer(str, text)
    Dumper.add_representer(type(None), empty)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100, indent=2)
