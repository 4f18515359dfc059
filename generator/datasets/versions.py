"""Which version this release is, what changed since the published one, and since when.

The published site is the record: `data/versions.json` lists every version with the day it was
first published and what changed per table, and `data/v<version>/` holds each version's files.
A build compares its tables with the newest published version and

- publishes nothing new when the files are the same (a rebuild: same version, same dates);
- otherwise derives the next version from the kind of change, as the data changelog explains:
  MAJOR when a table or a column is removed, MINOR when tables, columns or rows are added,
  PATCH when rows are changed or removed or only the other files (read-me, codebook) differ;
- unless `data_version` in site.yaml pins one. A pin is refused only when it is a real conflict:
  a published version with other data, or a version lower than the newest published one.

The day a version is first published is the build's day (`SOURCE_DATE_EPOCH` when set, for
reproducible builds), written once into `versions.json`; later builds read it from there, so
rebuilding the same sources gives the same bytes. A preview for another address (`serve`, or
`--base-url` elsewhere) reads no history: it shows the pinned version or the first one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.tables import Table

VERSIONS_FILE = "versions.json"
FIRST_VERSION = "1.0.0"
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
MAX_RECORD_BYTES = 20_000_000  # a published versions.json larger than this is not ours
LISTED_IDS = 50  # ids listed per table and kind in the changelog; the rest are counted


def today() -> str:
    """The build's day (UTC), or `SOURCE_DATE_EPOCH`'s: the only clock the data reads."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def parse(version: str) -> tuple[int, int, int] | None:
    match = SEMVER.fullmatch(version)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


@dataclass(frozen=True)
class TableChange:
    """What changed in one table between two versions (ids as `id` or `a/b` for two-part keys)."""

    table: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    table_added: bool = False
    table_removed: bool = False

    @property
    def kind(self) -> str:
        """major, minor or patch, as the module docstring explains ('' when nothing changed)."""
        if self.table_removed or self.columns_removed:
            return "major"
        if self.table_added or self.columns_added or self.added:
            return "minor"
        return "patch" if self.changed or self.removed else ""

    def as_json(self) -> dict:
        out: dict = {"table": self.table}
        for name in ("table_added", "table_removed"):
            if getattr(self, name):
                out[name] = True
        for name in ("columns_added", "columns_removed", "added", "changed", "removed"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        return out

    @classmethod
    def from_json(cls, data: dict) -> TableChange:
        lists = {name: tuple(str(x) for x in data.get(name, []) if isinstance(x, (str, int)))
                 for name in ("added", "changed", "removed", "columns_added", "columns_removed")}
        return cls(str(data.get("table", "")), **lists,
                   table_added=data.get("table_added") is True,
                   table_removed=data.get("table_removed") is True)


@dataclass(frozen=True)
class VersionRecord:
    """One published version: its number, the day it was first published (None when the site
    that published it kept no record), and what changed since the version before it."""

    version: str
    published: str | None
    changes: tuple[TableChange, ...] = ()
    other_files_changed: bool = False
    pinned: bool = False

    @property
    def kind(self) -> str:
        return _kind(self.changes) or ("patch" if self.other_files_changed else "")

    def as_json(self) -> dict:
        out: dict = {"version": self.version, "published": self.published}
        if self.pinned:
            out["pinned"] = True
        if self.other_files_changed:
            out["other_files_changed"] = True
        out["changes"] = [change.as_json() for change in self.changes]
        return out


@dataclass(frozen=True)
class Plan:
    """This release's version and its history, newest first (this version included)."""

    version: str
    published: str  # the day this version was first published
    history: tuple[VersionRecord, ...]
    reuses_published: bool = False  # the newest published version, if the bytes still match
    pinned: bool = False
    newer: tuple[VersionRecord, ...] = ()  # published after this one (a pin of an older version)

    @property
    def first_published(self) -> str:
        dates = [r.published for r in self.history if r.published]
        return min(dates) if dates else self.published


@dataclass
class Published:
    """What the published site holds: its versions (newest first) and their folders."""

    root: Path  # the site's data folder
    records: list[VersionRecord] = field(default_factory=list)

    @property
    def newest(self) -> VersionRecord | None:
        return self.records[0] if self.records else None

    def folder(self, version: str) -> Path:
        return self.root / f"v{version}"


def read_published(data_dir: Path) -> Published:
    """The published versions: `versions.json` where the site has one, and every `v<x.y.z>/`
    folder (a site published before versions were recorded has folders only: their day is
    unknown, never guessed)."""
    published = Published(data_dir)
    if not data_dir.is_dir():
        return published
    folders = {p.name[1:] for p in data_dir.iterdir()
               if p.is_dir() and not p.is_symlink() and p.name.startswith("v")
               and parse(p.name[1:])}
    # the latest release's record, then each version's own (frozen) one
    recorded: dict[str, VersionRecord] = {}
    for path in [data_dir / VERSIONS_FILE, *(data_dir / f"v{v}" / VERSIONS_FILE for v in folders)]:
        for record in _read_records(path):
            recorded.setdefault(record.version, record)
    versions = sorted(folders, key=lambda v: parse(v) or (0, 0, 0), reverse=True)
    published.records = [recorded.get(v, VersionRecord(v, None)) for v in versions]
    return published


def _read_records(path: Path) -> list[VersionRecord]:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_RECORD_BYTES:
            return []
        data = json.loads(path.read_bytes())
        records = []
        for item in data.get("versions", []):
            version = str(item.get("version", ""))
            day = item.get("published")
            if not parse(version):
                continue
            day = day if isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None
            records.append(VersionRecord(
                version, day,
                tuple(TableChange.from_json(c) for c in item.get("changes", [])
                      if isinstance(c, dict)),
                other_files_changed=item.get("other_files_changed") is True,
                pinned=item.get("pinned") is True))
        return records
    except (OSError, ValueError, AttributeError, TypeError):
        return []  # not a record this generator wrote: the folders still say which versions exist


class VersionConflict(Exception):
    """A pinned version the published site cannot take."""

    def __init__(self, code: str, args: dict[str, str]) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def bump(version: str, kind: str) -> str:
    major, minor, patch = parse(version) or (1, 0, 0)
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def plan(tables: dict[str, Table], keys: dict[str, list[str]], csv_of, published: Published | None,
         pinned: str | None, day: str) -> Plan:
    """This release's version. `csv_of(table)` gives a table's CSV bytes as published; `keys`
    each table's primary key. `published` is None for a preview (no history is read)."""
    if published is None or published.newest is None:
        version = pinned or FIRST_VERSION
        first = VersionRecord(version, day, tuple(
            TableChange(name, table_added=True) for name in sorted(keys)), pinned=bool(pinned))
        return Plan(version, day, (first,), pinned=bool(pinned))
    newest = published.newest
    changes = tuple(c for c in (diff_table(name, tables.get(name), keys.get(name, []), csv_of,
                                           published.folder(newest.version))
                                for name in sorted(set(keys) | _published_tables(published, newest)))
                    if c.kind)
    if pinned:
        return _pinned_plan(pinned, published, changes, day)
    if not changes:  # maybe a rebuild: the release checks the other files' bytes
        return Plan(newest.version, newest.published or day, tuple(published.records),
                    reuses_published=True)
    record = VersionRecord(bump(newest.version, _kind(changes)), day, changes)
    return Plan(record.version, day, (record, *published.records))


def with_other_files_changed(old: Plan, day: str) -> Plan:
    """The tables are the same but other files differ (a read-me, the codebook): a PATCH."""
    newest = old.history[0]
    record = VersionRecord(bump(newest.version, "patch"), day, (), other_files_changed=True)
    return replace(old, version=record.version, published=day, history=(record, *old.history),
                   reuses_published=False)


def _pinned_plan(pinned: str, published: Published, changes: tuple[TableChange, ...],
                 day: str) -> Plan:
    newest = published.newest
    assert newest is not None
    same = next((r for r in published.records if r.version == pinned), None)
    if same is not None:  # the release's bytes are compared with that folder afterwards
        key = parse(pinned) or (0, 0, 0)
        return Plan(pinned, same.published or day,
                    tuple(r for r in published.records if (parse(r.version) or (0, 0, 0)) <= key),
                    reuses_published=True, pinned=True,
                    newer=tuple(r for r in published.records
                                if (parse(r.version) or (0, 0, 0)) > key))
    if (parse(pinned) or (0, 0, 0)) < (parse(newest.version) or (0, 0, 0)):
        raise VersionConflict("data_version_lower", {"version": pinned, "newest": newest.version})
    record = VersionRecord(pinned, day, changes, other_files_changed=not changes, pinned=True)
    return Plan(pinned, day, (record, *published.records), pinned=True)


def _kind(changes: tuple[TableChange, ...]) -> str:
    """The strongest kind of change among the tables' ('' when none changed)."""
    kinds = {c.kind for c in changes}
    return next((k for k in ("major", "minor", "patch") if k in kinds), "")


def _published_tables(published: Published, record: VersionRecord) -> set[str]:
    """The tables of a published version: its datapackage.json's resources."""
    try:
        package = json.loads((published.folder(record.version) / "datapackage.json").read_bytes())
        return {str(r["name"]) for r in package.get("resources", []) if isinstance(r, dict)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def diff_table(name: str, table: Table | None, key: list[str], csv_of, folder: Path
               ) -> TableChange:
    """Rows by their key (the municipality code left out of the ids shown), compared cell by
    cell on the columns both versions have."""
    old_path = folder / f"{name}.csv"
    old_rows, old_columns = _read_csv(old_path) if old_path.is_file() else (None, [])
    if table is None:
        return TableChange(name, table_removed=old_rows is not None)
    new_rows, new_columns = _read_csv_bytes(csv_of(table))
    if old_rows is None:
        return TableChange(name, table_added=True)
    shown = [k for k in key if k != "municipality_code"] or key

    def index(rows: list[dict], columns: list[str]) -> dict[tuple, dict]:
        if key and all(k in columns for k in key):
            return {tuple(row.get(k, "") for k in key): row for row in rows}
        return {(str(n),): row for n, row in enumerate(rows)}  # no key: compare by position

    def label(row_key: tuple) -> str:
        if key and len(row_key) == len(key):
            return "/".join(v for k, v in zip(key, row_key) if k in shown)
        return "#" + row_key[0]

    old, new = index(old_rows, old_columns), index(new_rows, new_columns)
    common = [c for c in new_columns if c in old_columns]
    return TableChange(
        name,
        added=tuple(label(k) for k in new if k not in old),
        changed=tuple(label(k) for k in new
                      if k in old and any(new[k].get(c) != old[k].get(c) for c in common)),
        removed=tuple(label(k) for k in old if k not in new),
        columns_added=tuple(c for c in new_columns if c not in old_columns),
        columns_removed=tuple(c for c in old_columns if c not in new_columns),
    )


def _read_csv(path: Path) -> tuple[list[dict] | None, list[str]]:
    try:
        return _read_csv_bytes(path.read_bytes())
    except OSError:
        return None, []


def _read_csv_bytes(data: bytes) -> tuple[list[dict], list[str]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    rows = list(reader)
    if not rows:
        return [], []
    columns = rows[0]
    return [dict(zip(columns, row)) for row in rows[1:]], columns


def versions_json(plan_: Plan) -> bytes:
    """The record later builds read: every version, newest first."""
    data = {"versions": [r.as_json() for r in plan_.history]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def shown_ids(ids: tuple[str, ...]) -> str:
    """Ids for the changelog: the first `LISTED_IDS`, then how many more."""
    listed = ", ".join(f"`{i}`" for i in ids[:LISTED_IDS])
    more = len(ids) - LISTED_IDS
    return listed + (f" … (+{more})" if more > 0 else "")
