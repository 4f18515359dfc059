"""CSV files and `datapackage.json` under `data/`.

CSV is RFC 4180: UTF-8 without BOM, comma, CRLF line ends, quotes only where needed, empty cell
for missing. The descriptor carries each file's size and SHA-256 so downloads can be verified.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json

from generator.model import Content
from generator.output import Output
from generator.tables import Table, iter_rows, package_descriptor

DATA_DIR = "data"


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.fields)
    for row in iter_rows(table):
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue().encode("utf-8")


def write_data_package(content: Content, tables: dict[str, Table], output: Output) -> dict:
    descriptor = copy.deepcopy(package_descriptor())
    for resource in descriptor["resources"]:
        data = csv_bytes(tables[resource["name"]])
        path = f"{resource['name']}.csv"
        output.write_bytes(f"{DATA_DIR}/{path}", data)
        resource.update({
            "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        })
    ordered = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": descriptor["name"],
        "title": descriptor["title"],
        "title_en": descriptor["title_en"],
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                      "title": "Creative Commons Zero v1.0 Universal"}],
        "resources": [_ordered_resource(r) for r in descriptor["resources"]],
    }
    text = json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"
    output.write_text(f"{DATA_DIR}/datapackage.json", text)
    return ordered


def _ordered_resource(resource: dict) -> dict:
    keys = ["name", "path", "title", "title_en", "format", "mediatype", "encoding", "bytes", "hash",
            "schema"]
    return {key: resource[key] for key in keys if key in resource}
