"""One Excel workbook: a read-me sheet, one sheet per table with typed cells, a codebook sheet.

Integers, numbers and dates become real Excel values so sums and filters work. Every text cell is
written with `write_string` (never guessed, never a formula), so text starting with `=`, `+`,
`-` or `@` shows as written and cannot run, and codes such as `0180` keep their zeros.
Characters XML 1.0 cannot hold become U+FFFD.

Written with XlsxWriter, in memory. The file is deterministic: the document dates come from the
publication (`meta.published`), and XlsxWriter dates every zip member 1980-01-01.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from typing import Any

import xlsxwriter

from generator.datasets.docs import CODEBOOK_COLUMNS, citation, codebook
from generator.datasets.meta import Meta
from generator.datasets.package import field_types, resources, typed
from generator.tables import Table

README_SHEET = "read_me"
CODEBOOK_SHEET = "codebook"
README_WIDTH = 120  # characters: the read-me's lines are long
# The first date Excel and LibreOffice give the same serial number: Excel counts a 29 February
# 1900 that never was, LibreOffice does not, so earlier dates would show a day apart.
FIRST_DATE = dt.date(1900, 3, 1)
MAX_ROWS = 1_048_576  # a worksheet's rows in Excel; XlsxWriter would drop the rest silently
DATE_FORMAT = "yyyy-mm-dd"
# Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False}


def workbook_bytes(meta: Meta, tables: dict[str, Table]) -> bytes:
    """The .xlsx file: read_me (shown on opening), a sheet per table in schema order, codebook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _OPTIONS)
    # The day the version was first published (recorded, not a rebuild's clock).
    created = dt.datetime.fromisoformat(meta.published[:10])
    book.set_properties({"title": _legal(meta.title.sv or ""),
                         "author": _legal(meta.municipality.sv or ""), "created": created})
    # Core properties have no fields for these; custom properties (docProps/custom.xml) do.
    book.set_custom_property("identifier", _legal(meta.id))
    book.set_custom_property("version", _legal(meta.version))
    styles = {"title": book.add_format({"bold": True, "font_size": 14}),
              "header": book.add_format({"bold": True}),
              "date": book.add_format({"num_format": DATE_FORMAT})}
    _readme_sheet(book, meta, styles)
    for resource in resources():
        _table_sheet(book, tables[resource["name"]], styles)
    _codebook_sheet(book, styles)
    book.close()
    return buffer.getvalue()


def _table_sheet(book: Any, table: Table, styles: dict) -> None:
    """A bold, frozen header row of column names, then one row per table row with cells typed
    by the table's schema; a missing value is an empty cell."""
    if len(table.rows) + 1 > MAX_ROWS:
        raise ValueError(f"{table.name}: {len(table.rows)} rows do not fit in an Excel worksheet")
    sheet = book.add_worksheet(table.name)
    _header(sheet, table.fields, styles["header"])
    kinds = field_types(table.name)
    # Column by column: a column's type in the schema is looked up once, not once per cell.
    for column, name in enumerate(table.fields):
        write = _writer(sheet, kinds[name], styles["date"])
        for row_number, row in enumerate(table.rows, 1):
            text = row[name]
            if text is not None and text != "":
                write(row_number, column, text)


def _writer(sheet: Any, kind: str, date_style: Any) -> Callable[[int, int, str], None]:
    """How a column's validated cells are written: numbers and dates as Excel values; text,
    and what a spreadsheet cannot hold as such a value (NaN, a date before FIRST_DATE), as
    the text itself."""
    def text(row: int, column: int, value: str) -> None:
        sheet.write_string(row, column, _legal(value))

    def number(row: int, column: int, value: str) -> None:
        parsed = typed(value, kind)
        if isinstance(parsed, float) and not math.isfinite(parsed):
            text(row, column, value)
        else:
            sheet.write_number(row, column, parsed)

    known: dict[str, dt.date | None] = {}  # few distinct dates, many rows

    def date(row: int, column: int, value: str) -> None:
        if value not in known:
            parsed = dt.date.fromisoformat(value)
            known[value] = parsed if parsed >= FIRST_DATE else None
        day = known[value]
        if day is None:
            text(row, column, value)
        else:
            sheet.write_datetime(row, column, day, date_style)

    if kind in ("integer", "number"):
        return number
    if kind == "date":
        return date
    return text


def _header(sheet: Any, names: list[str], style: Any) -> None:
    for column, name in enumerate(names):
        sheet.write_string(0, column, _legal(name), style)
    sheet.freeze_panes(1, 0)


def _readme_sheet(book: Any, meta: Meta, styles: dict) -> None:
    sheet = book.add_worksheet(README_SHEET)
    sheet.set_column(0, 0, README_WIDTH)
    for row, line in enumerate(_readme_lines(meta)):
        if line:
            sheet.write_string(row, 0, _legal(line), styles["title"] if row == 0 else None)


def _codebook_sheet(book: Any, styles: dict) -> None:
    """One row per column of every table; `position` as a number, empty values as empty cells."""
    sheet = book.add_worksheet(CODEBOOK_SHEET)
    _header(sheet, CODEBOOK_COLUMNS, styles["header"])
    for row, entry in enumerate(codebook(), 1):
        for column, name in enumerate(CODEBOOK_COLUMNS):
            if name == "position":
                sheet.write_number(row, column, int(entry[name]))
            elif entry[name]:
                sheet.write_string(row, column, _legal(entry[name]))


def _legal(text: str) -> str:
    """Text XML 1.0 can hold: each character it cannot becomes U+FFFD (never dropped)."""
    return _ILLEGAL.sub("\ufffd", text)


def _readme_lines(meta: Meta) -> list[str]:
    return [
        f"{meta.title.sv} / {meta.title.en or meta.title.sv}",
        f"Version {meta.version}, publicerad / published {meta.published}. Licens / licence: CC0 1.0.",
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
