"""Validate the tables with frictionless and report every problem at the editor's file and line.

Frictionless checks what the Table Schemas say: types (impossible dates), required cells, enums,
patterns, primary keys (duplicate ids) and foreign keys (unknown organisations or ids). We map
each error back through the table's recorded origins. Rules a Table Schema cannot express (a
reason is required when a commitment is late) are checked here too.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.model import NEEDS_REASON, STATUSES
from generator.problems import Position, Problems
from generator.sources.spec import not_allowed
from generator.tables import Table, cells_digest, package_descriptor, source_key

# Cells computed from other tables: their problems are reported where the source value is.
DERIVED = {("commitments", "status"), ("commitments", "status_date")}
# Cells copied from a parent record (its id) or from site.yaml: when empty, the problem is the
# parent's missing id or site.yaml's missing code, reported once there, not on every child row.
INHERITED = {
    ("focus_areas", "promise_id"), ("aims", "promise_id"), ("signatories", "promise_id"),
    ("statements", "promise_id"), ("commitments", "focus_area_id"), ("commitments", "promise_id"),
    ("commitment_organisations", "commitment_id"), ("follow_ups", "commitment_id"),
    ("actions", "follow_up_id"), ("evidence", "follow_up_id"),
}
INHERITED_EVERYWHERE = {"municipality_code"}
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_TYPE = re.compile(r'type is "(\w+)')


def validate_tables(tables: dict[str, Table], problems: Problems,
                    known_valid: dict[str, str] | None = None) -> dict[str, str]:
    """Validate every table, except those `known_valid` says passed before with exactly these
    rows, this schema and these referenced tables. Returns each table's digest: `serve` keeps
    them in memory as the next reload's `known_valid`."""
    descriptors = package_descriptor()["resources"]
    digests = table_digests(tables, descriptors)
    known_valid = known_valid or {}
    # A table without rows has nothing to check: its header is ours.
    to_check = [d["name"] for d in descriptors if tables[d["name"]].rows
                and known_valid.get(d["name"]) != digests[d["name"]]]
    if to_check:
        _validate_with_frictionless(tables, descriptors, to_check, problems)
    _check_rules(tables, problems)
    _check_finite_numbers(tables, [d for d in descriptors if d["name"] in to_check], problems)
    return digests


def _validate_with_frictionless(tables: dict[str, Table], descriptors: list[dict],
                                names: list[str], problems: Problems) -> None:
    """Validate the tables `names`; the tables their foreign keys point to join the package
    only to answer those lookups (a rebuild after one edit loads two or three, not all)."""
    from frictionless import Package, Resource, Schema  # heavy: imported only when validating

    by_name = {d["name"]: d for d in descriptors}
    needed = set(names)
    for name in names:
        needed.update(fk["reference"]["resource"] or name
                      for fk in by_name[name]["schema"].get("foreignKeys", []))
    resources = []
    for descriptor in descriptors:
        if descriptor["name"] not in needed:
            continue
        table = tables[descriptor["name"]]
        data = _Rows([table.fields] + [[row[f] for f in table.fields] for row in table.rows])
        resources.append(Resource(name=table.name, data=data,
                                  schema=Schema.from_descriptor(_strip_custom(descriptor["schema"]))))
    package = Package(resources=resources)  # the other tables answer foreign-key lookups
    for resource in package.resources:
        if resource.name not in names:
            continue
        report = resource.validate(limit_errors=100_000)
        for task in report.tasks:
            table = tables[task.name]
            for error in task.errors:
                _report(error, table, tables, by_name[table.name]["schema"], problems)


class _Rows(list):
    """Inline data that frictionless reads but never changes: its deep copies of a resource
    (for each validation and each foreign-key lookup) share it instead of copying every cell."""

    def __deepcopy__(self, memo: dict) -> _Rows:
        return self


def table_digests(tables: dict[str, Table], descriptors: list[dict]) -> dict[str, str]:
    """A digest per table of everything its validation reads: its schema, its rows and, of the
    tables its foreign keys point to, the key columns (a focus area's new title leaves the
    commitments pointing at it as valid as they were). Only digests of a valid site are kept,
    where every row of a referenced table is valid, so its keys are all a lookup sees."""
    import hashlib
    import json
    from importlib.metadata import version

    here = Path(__file__).resolve().parent
    code = hashlib.sha1(b"".join((here / name).read_bytes() for name in ("validate.py", "tables.py"))
                        + version("frictionless").encode()).hexdigest()  # new checks: again
    rows = {d["name"]: tables[d["name"]].digest() for d in descriptors}
    result = {}
    for descriptor in descriptors:
        name = descriptor["name"]
        referenced = sorted({(fk["reference"]["resource"] or name, tuple(_names(fk["reference"])))
                             for fk in descriptor["schema"].get("foreignKeys", [])})
        keys = [f"{target}{list(fields)}{cells_digest(tables[target].rows, list(fields))}"
                for target, fields in referenced if target != name]  # its own rows: in rows[name]
        schema = json.dumps(descriptor["schema"], sort_keys=True, ensure_ascii=False)
        result[name] = hashlib.sha1("\0".join(
            [code, schema, rows[name], *keys]).encode("utf-8")).hexdigest()
    return result


def _names(reference: dict) -> list[str]:
    fields = reference["fields"]
    return [fields] if isinstance(fields, str) else list(fields)


def _strip_custom(schema: dict) -> dict:
    """Frictionless wants plain Table Schema; our bilingual titles are kept for the codebook."""
    fields = [{k: v for k, v in f.items() if not k.endswith("_en")} for f in schema["fields"]]
    return {**schema, "fields": fields}


def _report(error, table: Table, tables: dict[str, Table], schema: dict, problems: Problems) -> None:
    row_number = getattr(error, "row_number", None)
    if row_number is None:  # a descriptor error: our schema is wrong, not the editor's file
        raise RuntimeError(f"data package schema error in {table.name}: {error.message}")
    index = row_number - 2  # frictionless counts the header as row 1
    kind = error.type
    if (table.name, getattr(error, "field_name", None)) in DERIVED:
        return
    if kind == "type-error":
        column = error.field_name
        cell = table.rows[index][column]
        field_type = _field(schema, column)["type"]
        problems.add(_where(table, index, column), f"bad_{field_type}",
                     field_name=source_key(table.name, column), value=cell)
    elif kind == "constraint-error":
        column = error.field_name
        cell = table.rows[index][column]
        if _not_finite(cell):
            return  # not a number at all: reported by _check_finite_numbers
        match = _CONSTRAINT.search(error.note or "")
        constraint = match.group(1) if match else "constraint"
        constraints = _field(schema, column).get("constraints", {})
        key = source_key(table.name, column)
        if constraint == "required":
            if (table.name, column) in INHERITED or column in INHERITED_EVERYWHERE:
                return
            problems.add(_where(table, index, column), "missing_key", field_name=key, key=key)
        elif constraint == "enum":
            labels = {label: code for code, names in STATUSES.items() for label in names}
            code, params = not_allowed(cell or "", constraints["enum"],
                                       labels if column == "status" else None)
            problems.add(_where(table, index, column), code, field_name=key, value=cell, **params)
        else:
            problems.add(_where(table, index, column), f"constraint_{constraint}", field_name=key,
                         value=cell, limit=constraints.get(constraint, ""))
    elif kind == "primary-key":
        columns = [c for c in schema["primaryKey"] if c != "municipality_code"]  # in every key
        if any(table.rows[index][c] is None for c in columns):
            return  # a missing id: reported as a missing required cell, not as a duplicate
        value = ", ".join(str(table.rows[index][c]) for c in columns)
        first = next(i for i, row in enumerate(table.rows)
                     if all(row[c] == table.rows[index][c] for c in columns))
        first_pos = table.position(first, columns[0])
        problems.add(_where(table, index, columns[0]), "duplicate_id",
                     field_name=source_key(table.name, columns[-1]), value=value,
                     first=str(first_pos) if first_pos else "")
    elif kind == "foreign-key":
        column = next(f for f in error.field_names if f != "municipality_code")  # in every key
        value = table.rows[index][column]
        target = error.reference_name or table.name
        if target in problems.incomplete_tables or target == "statuses":
            return  # already reported: the unreadable file, or the status enum
        ref_field = next(f for f in error.reference_field_names if f != "municipality_code")
        known = sorted({cell for row in tables[target].rows if (cell := row[ref_field])})
        close = difflib.get_close_matches(value or "", known, n=1, cutoff=0.5)
        problems.add(_where(table, index, column), "unknown_reference_suggest" if close
                     else "unknown_reference", field_name=source_key(table.name, column),
                     value=value, target=target, suggestion=close[0] if close else "",
                     known=", ".join(known[:12]))
    else:
        problems.add(_where(table, index, None), "invalid_row", detail=error.message)


def _field(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


def _where(table: Table, index: int, column: str | None) -> Position:
    return table.position(index, column) or Position("?")


def _not_finite(cell: str | None) -> bool:
    """Infinity or NaN, which frictionless takes for numbers ("inf" would pass `minimum: 0`)
    but JSON, Excel and readers cannot hold."""
    if cell is None:
        return False
    try:
        return not Decimal(cell.strip()).is_finite()
    except (InvalidOperation, ValueError):
        return False  # not a number: frictionless says so


def _check_finite_numbers(tables: dict[str, Table], descriptors: list[dict],
                          problems: Problems) -> None:
    for descriptor in descriptors:
        table = tables[descriptor["name"]]
        for field in descriptor["schema"]["fields"]:
            if field["type"] not in ("number", "integer"):
                continue
            column = field["name"]
            for index, row in enumerate(table.rows):
                if _not_finite(row[column]):
                    problems.add(_where(table, index, column), f"bad_{field['type']}",
                                 field_name=source_key(table.name, column), value=row[column])


def _check_rules(tables: dict[str, Table], problems: Problems) -> None:
    """Rules across cells that a Table Schema cannot say."""
    follow_ups = tables["follow_ups"]
    for index, row in enumerate(follow_ups.rows):
        if row["status"] in NEEDS_REASON and not row["reason_sv"]:
            problems.add(_where(follow_ups, index, "status"), "reason_required",
                         field_name="reason", status=row["status"])
    promises = tables["promises"]
    for index, row in enumerate(promises.rows):
        start, end = row["start_year"], row["end_year"]
        if start and end and start.isdigit() and end.isdigit() and int(end) < int(start):
            problems.add(_where(promises, index, "end_year"), "end_before_start",
                         field_name="end_year", start=start, end=end)
