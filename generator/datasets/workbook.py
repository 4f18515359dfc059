"""One Excel workbook: a read-me sheet, one sheet per table with typed cells, a codebook sheet.

Integers, numbers and dates become real Excel values so sums and filters work. Every text cell is
stored as a string (never as a formula), so text starting with `=`, `+`, `-` or `@` shows as
written and cannot run. The file is deterministic: fixed document dates and a fixed zip layout.

The XML is written by `xlsx` (by hand, not with openpyxl: several times faster). A table's
worksheet depends only on that table, so a caller may pass a memoising `sheet_xml` to
`workbook_bytes` and remake only the sheets of tables that changed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from generator.datasets import xlsx
from generator.datasets.archive import Compressor, deflate
from generator.datasets.docs import CODEBOOK_COLUMNS, citation, codebook
from generator.datasets.meta import Meta
from generator.datasets.package import field_types, resources, typed
from generator.tables import Table

README_SHEET = "read_me"
CODEBOOK_SHEET = "codebook"
README_WIDTH = 120  # characters: the read-me's lines are long


def table_sheet_xml(table: Table) -> bytes:
    """The worksheet of one table: a bold, frozen header row of column names, then one row per
    table row with cells typed by the table's schema. Depends only on the table (and schema)."""
    kinds = field_types(table.name)
    letters = [xlsx.column_letter(number) for number in range(1, len(table.fields) + 1)]
    header = xlsx.row(1, [xlsx.text_cell(f"{letter}1", name, xlsx.BOLD)
                          for letter, name in zip(letters, table.fields)])
    # Column by column: a column's type in the schema is looked up once, not once per cell.
    columns = [xlsx.column(letter, _values([row[name] for row in table.rows], kinds[name]), 2)
               for letter, name in zip(letters, table.fields)]
    rows = [xlsx.row(number, cells) for number, cells in enumerate(zip(*columns), 2)]
    return xlsx.worksheet([header, *rows], len(table.fields), len(table.rows) + 1,
                          frozen_header=True)


def workbook_bytes(meta: Meta, tables: dict[str, Table],
                   sheet_xml: Callable[[Table], bytes] = table_sheet_xml,
                   compress: Compressor = deflate) -> bytes:
    """The .xlsx file. `sheet_xml(table)` makes each table's worksheet (pass a memoising one
    to keep the sheets of unchanged tables); `compress` the zip members (see archive)."""
    sheets = [(README_SHEET, _readme_sheet(meta))]
    for resource in resources():
        table = tables[resource["name"]]
        sheets.append((table.name, sheet_xml(table)))
    sheets.append((CODEBOOK_SHEET, _codebook_sheet()))
    properties = xlsx.Properties(title=meta.title.sv or "", creator=meta.municipality.sv or "",
                                 identifier=meta.id, version=meta.version, created=meta.created)
    return xlsx.package(sheets, properties, compress)


def _values(texts: list[str | None], kind: str) -> list:
    """A column's validated cells as the values its cells hold: numbers and dates as Excel
    values; text, and what a spreadsheet cannot hold as such a value (NaN, a date before
    xlsx.FIRST_DATE), as the text itself."""
    if kind in ("integer", "number"):
        return [_number(text, kind) for text in texts]
    if kind == "date":
        known: dict[str | None, object] = {None: None}  # few distinct dates, many rows
        return [known[text] if text in known else known.setdefault(text, _date(text))
                for text in texts]
    return texts


def _number(text: str | None, kind: str) -> int | float | str | None:
    value = typed(text, kind)
    return text if isinstance(value, float) and not math.isfinite(value) else value


def _date(text: str) -> dt.date | str:
    day = dt.date.fromisoformat(text)
    return day if day >= xlsx.FIRST_DATE else text


def _readme_sheet(meta: Meta) -> bytes:
    lines = _readme_lines(meta)
    rows = [xlsx.row(number, [xlsx.cell(f"A{number}", line,
                                        xlsx.TITLE if number == 1 else xlsx.PLAIN)])
            for number, line in enumerate(lines, 1)]
    return xlsx.worksheet(rows, 1, len(lines), column_widths={1: README_WIDTH}, selected=True)


def _codebook_sheet() -> bytes:
    """One row per column of every table; `position` as a number, empty values as empty cells."""
    letters = [xlsx.column_letter(number) for number in range(1, len(CODEBOOK_COLUMNS) + 1)]
    entries = codebook()
    rows = [xlsx.row(1, [xlsx.text_cell(f"{letter}1", name, xlsx.BOLD)
                         for letter, name in zip(letters, CODEBOOK_COLUMNS)])]
    for number, entry in enumerate(entries, 2):
        rows.append(xlsx.row(number, [
            xlsx.cell(f"{letter}{number}", int(entry[name]) if name == "position" else entry[name])
            for letter, name in zip(letters, CODEBOOK_COLUMNS)]))
    return xlsx.worksheet(rows, len(CODEBOOK_COLUMNS), len(entries) + 1, frozen_header=True)


def _readme_lines(meta: Meta) -> list[str]:
    return [
        f"{meta.title.sv} / {meta.title.en or meta.title.sv}",
        f"Version {meta.version} ({meta.created}). Licens / licence: CC0 1.0.",
        "",
        meta.description_sv,
        "Ett blad per tabell; bladet codebook beskriver varje kolumn. Tom cell = uppgift saknas.",
        "Text visas alltid som text: ingen cell innehåller formler.",
        f"Citera: {citation(meta, 'sv')}",
        f"Senaste versionen: {meta.data_url}",
        "",
        meta.description_en,
        "One sheet per table; the codebook sheet describes every column. Empty cell = missing.",
        "Text is always shown as text: no cell holds a formula.",
        f"Cite as: {citation(meta, 'en')}",
        f"Latest version: {meta.data_url}",
    ]
