"""One Excel workbook: a read-me sheet, one sheet per table with typed cells, a codebook sheet.

Integers, numbers and dates become real Excel values so sums and filters work. Every text cell is
stored as a string (never as a formula), so text starting with `=`, `+`, `-` or `@` shows as
written and cannot run. The file is deterministic: fixed document dates and a normalised zip.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from generator.datasets.archive import normalise_zip, zip_date
from generator.datasets.docs import CODEBOOK_COLUMNS, citation, codebook
from generator.datasets.meta import Meta
from generator.datasets.package import field_types, resources, typed
from generator.tables import Table

README_SHEET = "read_me"
CODEBOOK_SHEET = "codebook"
# Characters XML 1.0 cannot hold; openpyxl refuses them. Replaced, never silently dropped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_cell(cell, value: str) -> None:
    """Store text as a string cell, whatever it starts with (openpyxl would guess a formula)."""
    cell.value = _ILLEGAL.sub("\ufffd", value)
    cell.data_type = "s"


def workbook_bytes(meta: Meta, tables: dict[str, Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter
    from zipfile import ZIP_DEFLATED, ZipFile

    bold = Font(bold=True)
    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    for line in _readme_lines(meta):
        readme.append([None])
        text_cell(readme.cell(row=readme.max_row, column=1), line)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 120

    for resource in resources():
        table = tables[resource["name"]]
        kinds = field_types(table.name)
        sheet = book.create_sheet(table.name)
        for column, name in enumerate(table.fields, start=1):
            text_cell(sheet.cell(row=1, column=column), name)
            sheet.cell(row=1, column=column).font = bold
        for row_number, row in enumerate(table.rows, start=2):
            for column, name in enumerate(table.fields, start=1):
                _typed_cell(sheet.cell(row=row_number, column=column), row[name], kinds[name])
        sheet.freeze_panes = "A2"

    sheet = book.create_sheet(CODEBOOK_SHEET)
    for column, name in enumerate(CODEBOOK_COLUMNS, start=1):
        text_cell(sheet.cell(row=1, column=column), name)
        sheet.cell(row=1, column=column).font = bold
    for row_number, entry in enumerate(codebook(), start=2):
        for column, name in enumerate(CODEBOOK_COLUMNS, start=1):
            if name == "position":
                sheet.cell(row=row_number, column=column).value = int(entry[name])
            elif entry[name]:
                text_cell(sheet.cell(row=row_number, column=column), entry[name])
    sheet.freeze_panes = "A2"

    moment = dt.datetime.fromisoformat(meta.created + "T00:00:00")
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = meta.municipality.sv or ""
    book.properties.title = meta.title.sv or ""
    book.properties.identifier = meta.id
    book.properties.version = meta.version
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp `modified` with the clock.
    archive = ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(book, archive).save()
    return normalise_zip(buffer.getvalue(), zip_date(meta.created))


def _typed_cell(cell, value: str | None, kind: str) -> None:
    if value is None:
        return
    if kind in ("integer", "number"):
        cell.value = typed(value, kind)
    elif kind == "date":
        cell.value = dt.date.fromisoformat(value)
        cell.number_format = "yyyy-mm-dd"
    else:
        text_cell(cell, value)


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
