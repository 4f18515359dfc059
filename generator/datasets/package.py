"""The tables as CSV and JSON, and `datapackage.json` (Data Package v2) describing them.

CSV is RFC 4180: UTF-8 without BOM, comma, CRLF line ends, quotes only where needed, empty cell
for missing. Cells are written exactly as validated (ISO 8601 dates, `.` decimals: frictionless
rejects anything else). JSON carries the same rows with typed values. The descriptor carries each
file's size and SHA-256 so downloads can be verified.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from generator.datasets.meta import Meta
from generator.tables import Table, iter_rows, package_descriptor

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
           "title": "Creative Commons Zero v1.0 Universal"}


def field_types(table_name: str) -> dict[str, str]:
    for resource in package_descriptor()["resources"]:
        if resource["name"] == table_name:
            return {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    raise KeyError(table_name)


def typed(value: str | None, kind: str) -> Any:
    """A validated cell as the value it stands for (dates stay ISO strings in JSON)."""
    if value is None:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "boolean":
        return value == "true"
    return value


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.fields)
    for row in iter_rows(table):
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue().encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def excel_csv_bytes(table: Table) -> bytes:
    """The table for a double-click in Swedish Excel: `;` between cells, UTF-8 with a BOM (else
    Excel shows "Ã¥" for "å"), a decimal comma, and a text cell that would start a formula
    (= + - @) prefixed with an apostrophe, so it is shown and never run. The canonical CSV
    (RFC 4180, UTF-8, the cells as validated) is `<table>.csv`."""
    kinds = field_types(table.name)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.fields)
    for row in table.rows:
        writer.writerow([_excel_cell(row[name], kinds[name]) for name in table.fields])
    return (_BOM + buffer.getvalue()).encode("utf-8")


def _excel_cell(value: str | None, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("number", "integer"):
        return value.strip().replace(".", ",")
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def json_bytes(table: Table) -> bytes:
    """A list of row objects: `pandas.read_json(url)` reads it as it is.

    The bytes of `json.dumps(rows, ensure_ascii=False, indent=1)`, written a cell at a time:
    an indent sends json.dumps down its pure-Python path, four times slower at archive scale."""
    kinds = field_types(table.name)
    keys = [(name, kinds[name], "  " + encode_basestring(name) + ": ") for name in table.fields]
    rows = [" {\n" + ",\n".join(key + _json_value(row[name], kind) for name, kind, key in keys)
            + "\n }" for row in table.rows]
    return (("[\n" + ",\n".join(rows) + "\n]") if rows else "[]").encode("utf-8") + b"\n"


def _json_value(value: str | None, kind: str) -> str:
    if value is None:
        return "null"
    if kind in ("integer", "number", "boolean"):
        return json.dumps(typed(value, kind))
    return encode_basestring(value)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resources() -> list[dict]:
    """The Table Schemas from generator/schema/package.yaml (a copy the caller may change)."""
    return copy.deepcopy(package_descriptor()["resources"])


def descriptor_bytes(meta: Meta, csv_files: dict[str, bytes]) -> bytes:
    """datapackage.json: keys in a fixed order so the bytes only change when the data does."""
    described = []
    for resource in resources():
        data = csv_files[resource["name"]]
        described.append({
            "name": resource["name"],
            "type": "table",
            "path": f"{resource['name']}.csv",
            "title": resource["title"],
            "title_en": resource["title_en"],
            **({"description": resource["description"]} if "description" in resource else {}),
            **({"description_en": resource["description_en"]}
               if "description_en" in resource else {}),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                        "header": True},
            "bytes": len(data),
            "hash": "sha256:" + sha256(data),
            "licenses": [LICENSE],
            "schema": resource["schema"],
        })
    descriptor = {
        "$schema": PROFILE,
        "name": meta.name,
        "id": meta.id,
        "version": meta.version,
        "created": meta.published_datetime,
        "title": meta.title.sv,
        "title_en": meta.title.en or meta.title.sv,
        "description": meta.description_sv,
        "description_en": meta.description_en,
        "homepage": meta.page_url,
        "keywords": ["medborgarlöften", "trygghet", "brottsförebyggande", "citizen promises",
                     "crime prevention", "public safety", meta.place_sv],
        "licenses": [LICENSE],
        "sources": meta.sources,
        "contributors": meta.contributors,
        "resources": described,
    }
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
