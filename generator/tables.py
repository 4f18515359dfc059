"""Turn the model into the long tables of the data package, remembering each cell's source.

These rows are the single truth: frictionless validates them, the CSV/JSON/Excel downloads are
written from them, so a download can never disagree with what was checked.

A focus area's rows (its own, its commitments', their follow-ups'...: most of every table's
rows) are made once and kept on the focus area, with a digest of their cells; `serve` keeps
the focus areas of unchanged files in memory (generator/live.py), so a reload neither makes nor
hashes those rows again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.model import (
    STATUS_DEFINITIONS,
    STATUSES,
    Commitment,
    Content,
    FocusArea,
    FollowUp,
    Localized,
    Source,
)
from generator.problems import Position
from generator.render.markdown import plain_text

SCHEMA_FILE = Path(__file__).parent / "schema" / "package.yaml"

Row = dict[str, "str | None"]


@dataclass
class Table:
    name: str
    fields: list[str]
    rows: list[Row] = field(default_factory=list)
    # Per row: where the record was written, and where each filled cell came from.
    origins: list[tuple[Position | None, dict[str, Position]]] = field(default_factory=list)
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)
    # where each piece of rows ends, with the digest of its cells (None: not known yet)
    _pieces: list[tuple[int, str | None]] = field(default_factory=list, init=False, repr=False,
                                                  compare=False)

    def digest(self) -> str:
        """A hash of the name, the columns and every cell: what validation and the data files
        are made from. The rows are hashed in pieces (each `extend`, and the rows `add`ed
        between them), and the table hashes the pieces' digests in order. Kept once computed (a
        build computes it before forking, so validation and the data release share it); adding
        rows forgets it."""
        if self._digest is None:
            import hashlib

            parts, start = [repr([self.name, self.fields])], 0
            for end, digest in [*self._pieces, (len(self.rows), None)]:
                if end > start:
                    parts.append(digest or cells_digest(self.rows[start:end], self.fields))
                start = end
            self._digest = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()
        return self._digest

    def extend(self, rows: list[Row], origins: list, digest: str) -> None:
        """Rows made before as one piece, with `cells_digest` of them."""
        if len(self.rows) > (self._pieces[-1][0] if self._pieces else 0):
            self._pieces.append((len(self.rows), None))  # the rows added before are a piece
        self.rows.extend(rows)
        self.origins.extend(origins)
        self._pieces.append((len(self.rows), digest))
        self._digest = None

    def add(self, record_pos: Position | None, **cells: object) -> None:
        row: Row = {}
        where: dict[str, Position] = {}
        for name in self.fields:
            value = cells.get(name)
            if value is None or value == "":
                row[name] = None
            else:
                row[name] = str(value)
                pos = getattr(value, "pos", None)
                if pos is not None:
                    where[name] = pos
        unknown = set(cells) - set(self.fields)
        if unknown:  # a programming error, not an editor's
            raise KeyError(f"{self.name}: no such columns {sorted(unknown)}")
        for markdown, copy in PLAIN_COPIES.get(self.name, ()):
            row[copy] = plain_text(row[markdown])
        self.rows.append(row)
        self.origins.append((record_pos, where))
        self._digest = None

    def position(self, row_index: int, field_name: str | None = None) -> Position | None:
        record_pos, where = self.origins[row_index]
        if field_name and field_name in where:
            return where[field_name]
        return record_pos or next(iter(where.values()), None)


def _read_package() -> dict:
    with SCHEMA_FILE.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _with_plain_copies(package: dict) -> dict[str, list[tuple[str, str]]]:
    """Beside every Markdown column, a `<column>_text` copy in plain text (for spreadsheets and
    text analysis, which would otherwise see asterisks and brackets): added to the schemas here,
    filled in by `Table.add`. Returns (Markdown column, copy) per table."""
    copies: dict[str, list[tuple[str, str]]] = {}
    for resource in package["resources"]:
        fields = []
        for fld in resource["schema"]["fields"]:
            fields.append(fld)
            if "Markdown" in fld.get("description_en", ""):
                name = fld["name"]
                fields.append({
                    "name": f"{name}_text", "type": "string",
                    "title": f"{fld['title']}, ren text", "title_en": f"{fld['title_en']}, plain text",
                    "description": f"{name} som ren text, utan formatering.",
                    "description_en": f"{name} as plain text, formatting removed."})
                copies.setdefault(resource["name"], []).append((name, f"{name}_text"))
        resource["schema"]["fields"] = fields
    return copies


# The data package descriptor with every Table Schema: part of the program, read at import.
PACKAGE: dict = _read_package()
PLAIN_COPIES = _with_plain_copies(PACKAGE)
COLUMNS: dict[str, tuple[str, ...]] = {
    resource["name"]: tuple(f["name"] for f in resource["schema"]["fields"])
    for resource in PACKAGE["resources"]}


def package_descriptor() -> dict:
    """The data package descriptor with every Table Schema (generator/schema/package.yaml)."""
    return PACKAGE


def empty_tables(names=None) -> dict[str, Table]:
    """The tables of the data package (or those `names`), without rows, in the package's order."""
    return {name: Table(name, list(fields)) for name, fields in COLUMNS.items()
            if names is None or name in names}


def cells_digest(rows: list[Row], fields: list[str]) -> str:
    import hashlib

    cells = [[row[f] for f in fields] for row in rows]
    return hashlib.sha1(repr(cells).encode("utf-8", "surrogatepass")).hexdigest()


def _pair(prefix: str, text: Localized) -> dict[str, str | None]:
    return {f"{prefix}_sv": text.sv, f"{prefix}_en": text.en}


def build_tables(content: Content) -> dict[str, Table]:
    """Every table, rows in source order (which is sorted and therefore deterministic)."""
    tables = empty_tables()
    code = content.site.municipality_code
    for org in content.organisations:
        tables["organisations"].add(org.pos, municipality_code=code, organisation_id=org.id,
                                    **_pair("name", org.name), kind=org.kind, part_of=org.part_of)
    for key, (label_sv, label_en) in STATUSES.items():
        definition_sv, definition_en = STATUS_DEFINITIONS[key]
        tables["statuses"].add(None, municipality_code=code, status=key, label_sv=label_sv,
                               label_en=label_en, definition_sv=definition_sv, definition_en=definition_en)
    for theme in content.site.themes:
        tables["themes"].add(theme.pos, municipality_code=code, theme_id=theme.id,
                             **_pair("title", theme.title), **_pair("description", theme.description))
    for promise in content.promises:
        years = (promise.start_year, promise.end_year)
        tables["promises"].add(
            promise.pos, municipality_code=code, promise_id=promise.id,
            **_pair("title", promise.title), start_year=promise.start_year,
            end_year=promise.end_year, **_when("signed_date", promise.signed_date, years),
            follow_up_interval=promise.follow_up_interval,
            source_url=promise.sources[0].url if promise.sources else None,
            **_pair("headline", promise.headline), **_pair("introduction", promise.introduction),
            **_pair("situation_meetings", promise.situation_meetings),
            **_pair("background", promise.background),
        )
        for position, aim in enumerate(promise.aims, start=1):
            tables["aims"].add(getattr(aim.sv, "pos", promise.pos), municipality_code=code,
                               promise_id=promise.id, position=position, **_pair("aim", aim))
        for person in promise.signatories:
            tables["signatories"].add(
                person.pos, municipality_code=code, signatory_id=person.id,
                promise_id=promise.id, name=person.name, **_pair("role", person.role),
                organisation_id=person.organisation_id, person_id=person.person,
            )
        for position, statement in enumerate(promise.statements, start=1):
            tables["statements"].add(
                statement.pos, municipality_code=code, promise_id=promise.id, position=position,
                signatory_id=statement.signatory_id, **_pair("text", statement.text),
            )
        _add_sources(tables, code, "promise", promise.id, promise.sources, years)
        own = empty_tables(AREA_TABLES)  # the promise's own commitments and reports
        for commitment in promise.own_commitments:
            _add_commitment(own, code, commitment, years)
        for report in promise.reports:
            _add_follow_up(own, code, report, years)
        for name, table in own.items():
            tables[name].extend(table.rows, table.origins, cells_digest(table.rows, table.fields))
        for area in promise.focus_areas:
            for name, (rows, origins, digest) in _area_rows(area, promise, code).items():
                tables[name].extend(rows, origins, digest)
    return tables


AREA_TABLES = ("focus_areas", "commitments", "commitment_organisations", "follow_ups", "actions",
               "evidence", "action_actors", "sources")
Years = tuple  # a promise's (start_year, end_year): what "continuous" spans


def _when(name: str, text: str | None, years: Years) -> dict[str, str | None]:
    """A partial date as written, with its first and last day (docs/content-format-2.md);
    `not_stated` is an empty cell, as is an omitted date."""
    from generator.sources.spec import CONTINUOUS, NOT_STATED, period_bounds

    if text is None or text == NOT_STATED:
        return {name: None, f"{name}_first": None, f"{name}_last": None}
    if text == CONTINUOUS:
        first = f"{years[0]}-01-01" if years[0] else None
        last = f"{years[1] or years[0]}-12-31" if years[0] else None
        return {name: text, f"{name}_first": first, f"{name}_last": last}
    bounds = period_bounds(text)
    return {name: text, f"{name}_first": bounds[0].isoformat() if bounds else None,
            f"{name}_last": bounds[1].isoformat() if bounds else None}


def _area_rows(area: FocusArea, promise, code: str | None) -> dict[str, tuple]:
    """The focus area's rows in each table it has rows in, with their digest: kept on the area
    (in its __dict__, not a field), for as long as the promise id and years and the
    municipality code are the ones they were made with."""
    promise_id, years = promise.id, (promise.start_year, promise.end_year)
    made_with = (code, promise_id, getattr(promise_id, "pos", None), years)
    kept = area.__dict__.get("_rows")
    if kept is not None and kept[0] == made_with:
        return kept[1]
    tables = empty_tables(AREA_TABLES)
    tables["focus_areas"].add(
        area.pos, municipality_code=code, focus_area_id=area.id, promise_id=promise_id,
        position=area.position, **_pair("title", area.title), **_pair("goal", area.goal),
        **_pair("description", area.description), **_pair("background", area.background),
        **_pair("cause_analysis", area.cause_analysis), theme_id=area.theme,
        commitments_stated="true" if area.commitments_stated else "false",
    )
    for commitment in area.commitments:
        _add_commitment(tables, code, commitment, years)
    for report in area.reports:
        _add_follow_up(tables, code, report, years)
    rows = {name: (t.rows, t.origins, cells_digest(t.rows, t.fields))
            for name, t in tables.items() if t.rows}
    area.__dict__["_rows"] = (made_with, rows)
    return rows


def _add_commitment(tables: dict[str, Table], code: str | None, commitment: Commitment,
                    years: Years) -> None:
    assessed = [f for f in commitment.history if f.status]
    tables["commitments"].add(
        commitment.pos, municipality_code=code, commitment_id=commitment.id,
        focus_area_id=commitment.focus_area_id, promise_id=commitment.promise_id,
        position=commitment.position, **_pair("text", commitment.text),
        target_value=commitment.target_value, target_comparator=commitment.target_comparator,
        **_pair("target_unit", commitment.target_unit),
        **_pair("target", commitment.target_text), **_pair("indicator", commitment.indicator),
        status=commitment.status, status_date=assessed[-1].date if assessed else None,
    )
    for position, org_id in enumerate(commitment.responsible, start=1):
        tables["commitment_organisations"].add(
            getattr(org_id, "pos", commitment.pos), municipality_code=code,
            commitment_id=commitment.id, organisation_id=org_id, position=position,
        )
    for follow in commitment.history:
        _add_follow_up(tables, code, follow, years)


def _add_follow_up(tables: dict[str, Table], code: str | None, follow: FollowUp, years: Years) -> None:
    tables["follow_ups"].add(
        follow.pos, municipality_code=code, follow_up_id=follow.id, level=follow.level,
        promise_id=follow.promise_id, focus_area_id=follow.focus_area_id,
        commitment_id=follow.commitment_id, **_when("date", follow.date, years),
        period_type=follow.period_type, **_when("period", follow.period, years),
        published=follow.published if follow.published != "not_stated" else None,
        status=follow.status, **_pair("reason", follow.reason),
        actual_value=follow.actual, **_pair("summary", follow.summary),
    )
    for action in follow.actions:
        count = action.count
        tables["actions"].add(
            action.pos, municipality_code=code, follow_up_id=follow.id,
            position=action.position, **_when("date", action.date, years),
            count=count.value if count else None, count_comparator=count.comparator if count else None,
            **_pair("count_unit", count.unit if count else Localized()),
            **_pair("description", action.description), **_pair("result", action.result),
        )
        for position, org_id in enumerate(action.actors, start=1):
            tables["action_actors"].add(
                getattr(org_id, "pos", action.pos), municipality_code=code, follow_up_id=follow.id,
                action_position=action.position, organisation_id=org_id, position=position)
    for evidence in follow.evidence:
        tables["evidence"].add(
            evidence.pos, municipality_code=code, follow_up_id=follow.id,
            position=evidence.position, url=evidence.url, **_pair("title", evidence.title),
        )
    _add_sources(tables, code, "follow_up", follow.id, follow.sources, years)


def _add_sources(tables: dict[str, Table], code: str | None, owner: str, owner_id: str,
                 sources: list[Source], years: Years) -> None:
    for position, source in enumerate(sources, start=1):
        tables["sources"].add(
            source.pos, municipality_code=code, owner=owner, owner_id=owner_id, position=position,
            url=source.url, **_pair("title", source.title), publisher_id=source.publisher,
            **_when("published", source.published, years))


def source_key(table: str, column: str) -> str:
    """The key an editor writes for a column: `text_sv` is `text: {sv: …}` in the source."""
    if (table, column) == ("commitment_organisations", "organisation_id"):
        return "responsible"  # the editor lists them under `responsible:`
    renames = {"organisation_id": "organisation", "actual_value": "actual",
               "signatory_id": "signatory", "target_value": "target.value"}
    if column in renames and table not in ("organisations",):
        return renames[column]
    for suffix in ("_sv", "_en"):
        if column.endswith(suffix):
            base = column[: -len(suffix)]
            base = {"target": "target.text", "target_unit": "target.unit", "aim": "aims",
                    "name": "name"}.get(base, base)
            return f"{base}.{suffix[1:]}"
    if column.endswith("_id") and column[:-3] in table:
        return "id"
    return column


def iter_rows(table: Table) -> Iterable[list[str | None]]:
    for row in table.rows:
        yield [row[name] for name in table.fields]
