"""The Excel workbook: a sheet per table with typed cells, codebook and read-me, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from pathlib import Path

from conftest import run_cli

# FICTIONAL test text: organisation names replaced by strings a spreadsheet would run as formulas.
DANGEROUS = {
    "en: The schools": 'en: "=HYPERLINK(\\"http://example.invalid\\",\\"click\\")"',
    "en: Social services": 'en: "+SUM(1,2) fictional"',
    "en: Youth recreation centres": 'en: "-2+3 fictional"',
    "en: Kungsör Municipality's security coordinator": 'en: "@SUM(1) fictional"',
}


def load(path: Path):
    from openpyxl import load_workbook

    return load_workbook(path)


def test_workbook_has_a_sheet_per_table_plus_codebook_and_read_me(kungsor_site):
    book = load(kungsor_site / "data" / "medborgarloften.xlsx")
    package = json.loads((kungsor_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r["name"] for r in package["resources"]]
    assert book.sheetnames == ["read_me", *tables, "codebook"]
    for resource in package["resources"]:
        sheet = book[resource["name"]]
        with open(kungsor_site / "data" / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert sheet.max_row == len(rows)
        assert [c.value for c in sheet[1]] == rows[0]
        kinds = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        for excel_row, csv_row in zip(sheet.iter_rows(min_row=2), rows[1:]):
            for cell, text, name in zip(excel_row, csv_row, rows[0]):
                if text == "":
                    assert cell.value is None
                elif kinds[name] == "integer":
                    assert cell.data_type == "n" and cell.value == int(text)
                elif kinds[name] == "number":
                    assert cell.data_type == "n" and float(cell.value) == float(text)
                elif kinds[name] == "date":
                    assert cell.value.date() == dt.date.fromisoformat(text)
                else:
                    assert cell.data_type == "s" and cell.value == text
    codebook = book["codebook"]
    assert codebook.max_row - 1 == sum(len(r["schema"]["fields"]) for r in package["resources"])
    assert "1.0.0" in " ".join(str(c.value) for c in book["read_me"]["A"] if c.value)


def test_workbook_properties_are_from_the_content_not_the_clock(kungsor_site):
    book = load(kungsor_site / "data" / "medborgarloften.xlsx")
    assert book.properties.created == dt.datetime(2021, 1, 1)
    assert book.properties.modified == dt.datetime(2021, 1, 1)
    with zipfile.ZipFile(kungsor_site / "data" / "medborgarloften.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2021, 1, 1, 0, 0, 0)}


def test_text_that_looks_like_a_formula_stays_text(content_copy, tmp_path):
    orgs = content_copy / "organisations.yaml"
    text = orgs.read_text(encoding="utf-8")
    for old, new in DANGEROUS.items():
        assert old in text
        text = text.replace(old, new)
    orgs.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", "--content", content_copy, "--out", out)
    assert result.returncode == 0, result.stderr
    workbook = out / "data" / "medborgarloften.xlsx"
    sheet = load(workbook)["organisations"]
    names = [cell.value for cell in sheet["D"]]  # name_en
    expected = ['=HYPERLINK("http://example.invalid","click")', "+SUM(1,2) fictional",
                "-2+3 fictional", "@SUM(1) fictional"]
    for value in expected:
        assert value in names
        cell = next(c for c in sheet["D"] if c.value == value)
        assert cell.data_type == "s"
    with zipfile.ZipFile(workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    # The CSV keeps the text exactly as written (it is data, not a spreadsheet).
    assert "+SUM(1,2) fictional" in (out / "data" / "organisations.csv").read_text(encoding="utf-8")
