"""The Excel workbook: a sheet per table with typed cells, codebook and read-me, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.meta import Meta
from generator.datasets.package import resources
from generator.datasets.workbook import workbook_bytes
from generator.model import Localized
from generator.tables import Table

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


def test_workbook_properties_are_the_versions_publication_day_not_a_rebuilds_clock(kungsor_site):
    book = load(kungsor_site / "data" / "medborgarloften.xlsx")
    assert book.properties.created == dt.datetime(2026, 12, 1)  # conftest.TEST_DAY
    assert book.properties.modified == dt.datetime(2026, 12, 1)
    with zipfile.ZipFile(kungsor_site / "data" / "medborgarloften.xlsx") as archive:
        # XlsxWriter's fixed date for every member of the workbook's zip
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.slow  # a whole build through the CLI, about 2 s
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


# ---------------------------------------------------------------------------------------------
# The workbook writer (XlsxWriter), on small invented tables (fictional data only).

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# (text in the table, what openpyxl reads back): text that must stay text, exactly.
TEXTS = [
    ("=SUM(1,2)", "=SUM(1,2)"),
    ("-1", "-1"),
    ("0180", "0180"),
    ("+46 70 000 00 00", "+46 70 000 00 00"),
    ("@fiktiv", "@fiktiv"),
    ("  two leading spaces", "  two leading spaces"),
    ("trailing space ", "trailing space "),
    ("\tindented", "\tindented"),
    ("a & b <c> \"d\" 'e' ]]>", "a & b <c> \"d\" 'e' ]]>"),
    ("Påhittad förening – 😀 𝄞", "Påhittad förening – 😀 𝄞"),
    ("bell\x07 nul\x00 esc\x1b", "bell\ufffd nul\ufffd esc\ufffd"),
    ("not a character \ufffe\uffff \ud800", "not a character \ufffd\ufffd \ufffd"),
    ("line one\nline two", "line one\nline two"),
    # A CR is stored as ECMA-376's escape _x000D_, which Excel and LibreOffice read as a CR;
    # openpyxl does not decode it.
    ("windows\r\nline", "windows_x000D_\nline"),
    ("_x0041_ stays", "_x0041_ stays"),
    ("https://example.invalid/not-a-link", "https://example.invalid/not-a-link"),
]
# (number text, value read back)
NUMBERS = [("12", 12), ("3.0", 3), ("-2.5", -2.5), ("0.1", 0.1), ("0.00001", 0.00001),
           ("1E+20", 1e20), ("123456.789", 123456.789)]
DATES = ["2031-04-05", "1900-03-01", "1900-03-02", "2000-02-29", "2099-12-31"]
COUNT = max(len(TEXTS), len(NUMBERS), len(DATES))


def fictional_meta() -> Meta:
    return Meta(name="medborgarloften-9999", id="00000000-0000-5000-8000-000000000000",
                version="2.3.4", published="2031-04-05", first_published="2030-01-02",
                sources_latest=None, base_url="https://example.invalid/",
                title=Localized("Påhittade löften & <mer>", "Invented promises"),
                municipality=Localized("Exempelby kommun", "Exempelby Municipality"),
                police_area=Localized("Lpo Exempel", None), municipality_code="9999",
                organisation_number=None, place_uri=None, first_year=2030, last_year=2031, contact_email=None,
                contact_phone=None)


def empty_tables() -> dict[str, Table]:
    return {r["name"]: Table(r["name"], [f["name"] for f in r["schema"]["fields"]])
            for r in resources()}


def follow_up(tables: dict[str, Table], **values) -> None:
    follow_ups = tables["follow_ups"]
    row = {name: None for name in follow_ups.fields}
    row.update(values)
    follow_ups.rows.append(row)


def fictional_tables() -> dict[str, Table]:
    """Every table of the schema, empty but for follow_ups (text, number and date columns)."""
    tables = empty_tables()
    for index in range(COUNT):
        follow_up(tables, follow_up_id=f"uppf-{index}",
                  summary_sv=TEXTS[index][0] if index < len(TEXTS) else None,
                  actual_value=NUMBERS[index][0] if index < len(NUMBERS) else None,
                  date_first=DATES[index] if index < len(DATES) else None)
    return tables


@pytest.fixture(scope="module")
def book_data() -> bytes:
    return workbook_bytes(fictional_meta(), fictional_tables())


def open_book(data: bytes, **options):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data), **options)


def column_values(sheet, header: str) -> list:
    names = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    index = names.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("read_only", [False, True])
def test_cells_read_back_with_their_types_and_values(book_data, read_only):
    book = open_book(book_data, read_only=read_only)
    assert book.sheetnames == ["read_me", *[r["name"] for r in resources()], "codebook"]
    sheet = book["follow_ups"]
    texts = column_values(sheet, "summary_sv")
    assert len(texts) == COUNT
    for cell, (_, shown) in zip(texts, TEXTS):
        assert cell.data_type == "s" and cell.value == shown
    for cell, (_, value) in zip(column_values(sheet, "actual_value"), NUMBERS):
        assert cell.data_type == "n" and cell.value == value and type(cell.value) is type(value)
    for cell, text in zip(column_values(sheet, "date_first"), DATES):
        assert cell.is_date and cell.number_format == "yyyy-mm-dd"
        assert cell.value == dt.datetime.fromisoformat(text)
    # Missing values are empty cells.
    assert all(cell.value is None for cell in column_values(sheet, "reason_sv"))
    assert all(cell.value is None for cell in column_values(sheet, "date_first")[len(DATES):])
    assert [cell.value for cell in column_values(sheet, "follow_up_id")] == [
        f"uppf-{index}" for index in range(COUNT)]
    # An empty table is its header row.
    assert [[c.value for c in row] for row in book["actions"].iter_rows()] == [
        [f["name"] for r in resources() if r["name"] == "actions" for f in r["schema"]["fields"]]]


def test_a_formula_like_text_cell_is_a_plain_string():
    tables = empty_tables()
    follow_up(tables, follow_up_id="uppf-1", summary_sv='=HYPERLINK("http://x")')
    data = workbook_bytes(fictional_meta(), tables)
    cell = column_values(open_book(data)["follow_ups"], "summary_sv")[0]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        for name in sheets:
            assert ET.fromstring(archive.read(name)).find(f".//{MAIN}f") is None, name
        assert "hyperlinks" not in " ".join(archive.namelist())


def test_two_builds_of_the_same_workbook_are_byte_identical(book_data):
    again = workbook_bytes(fictional_meta(), fictional_tables())
    assert again == book_data
    # and the content does change the bytes (the comparison can fail)
    changed = fictional_tables()
    changed["follow_ups"].rows[0]["summary_sv"] = "=SUM(1,3)"
    assert workbook_bytes(fictional_meta(), changed) != book_data


def test_header_read_me_and_codebook_are_formatted(book_data):
    book = open_book(book_data)
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert all(cell.font.b for cell in sheet[1]), name
        assert not any(cell.font.b for row in sheet.iter_rows(min_row=2) for cell in row)
    readme = book["read_me"]
    assert book.active.title == "read_me"
    assert readme.freeze_panes is None
    # 120 characters wide; XlsxWriter stores the width Excel would for 120 (its pixel rounding)
    assert 120 <= readme.column_dimensions["A"].width < 121
    assert readme["A1"].font.b and readme["A1"].font.sz == 14
    assert readme["A1"].value == "Påhittade löften & <mer> / Invented promises"
    assert not readme["A2"].font.b and readme["A2"].value.startswith("Version 2.3.4, publicerad / published 2031-04-05")
    assert readme["A3"].value is None
    codebook = book["codebook"]
    positions = column_values(codebook, "position")
    assert all(cell.data_type == "n" and type(cell.value) is int for cell in positions)
    assert [cell.value for cell in positions][:3] == [1, 2, 3]
    assert any(cell.value is None for cell in column_values(codebook, "references"))
    assert all(cell.value in ("yes", "no") for cell in column_values(codebook, "required"))
    assert book.properties.title == "Påhittade löften & <mer>"
    assert book.properties.creator == "Exempelby kommun"
    assert book.properties.created == book.properties.modified == dt.datetime(2031, 4, 5)
    custom = {prop.name: prop.value for prop in book.custom_doc_props.props}
    assert custom == {"identifier": "00000000-0000-5000-8000-000000000000", "version": "2.3.4"}


def test_every_part_is_well_formed_with_fixed_dates_and_no_formulas(book_data):
    with zipfile.ZipFile(io.BytesIO(book_data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in names:
            ET.fromstring(archive.read(name))  # raises if not well-formed
        styles = ET.fromstring(archive.read("xl/styles.xml"))
        formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{MAIN}numFmt")}
        assert formats == {"164": "yyyy-mm-dd"}
        sheets = [n for n in names if n.startswith("xl/worksheets/")]
        assert len(sheets) == len(resources()) + 2
        for name in sheets:
            root = ET.fromstring(archive.read(name))
            assert root.find(f".//{MAIN}f") is None  # no formulas anywhere
        sheet_number = 2 + [r["name"] for r in resources()].index("follow_ups")  # read_me first
        follow_ups = ET.fromstring(archive.read(f"xl/worksheets/sheet{sheet_number}.xml"))
        columns = [f["name"] for f in next(r for r in resources() if r["name"] == "follow_ups")["schema"]["fields"]]
        assert follow_ups.find(f"{MAIN}dimension").get("ref") == f"A1:{chr(64 + len(columns))}{COUNT + 1}"
        pane = follow_ups.find(f".//{MAIN}pane")
        assert pane.attrib == {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft",
                               "state": "frozen"}


def test_dates_excel_cannot_show_and_odd_numbers_stay_text():
    tables = empty_tables()
    follow_up(tables, follow_up_id="uppf-1", date_first="1900-02-28", actual_value="NaN")
    follow_up(tables, follow_up_id="uppf-2", date_first="1900-03-01", actual_value="-0.5")
    sheet = open_book(workbook_bytes(fictional_meta(), tables))["follow_ups"]
    early, first = column_values(sheet, "date_first")
    assert early.data_type == "s" and early.value == "1900-02-28"
    assert first.is_date and first.value == dt.datetime(1900, 3, 1)
    nan, number = column_values(sheet, "actual_value")
    assert nan.data_type == "s" and nan.value == "NaN"
    assert number.data_type == "n" and number.value == -0.5


def test_a_sheet_over_excels_row_limit_is_refused(monkeypatch):
    from generator.datasets import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    tables = empty_tables()
    for index in range(3):
        follow_up(tables, follow_up_id=f"uppf-{index}")
    with pytest.raises(ValueError, match="follow_ups"):
        workbook_bytes(fictional_meta(), tables)


# Any character, and more often the ones escaping and the check for illegal ones are about.
AWKWARD = st.sampled_from("\x00\x07\x0b\x1f\t\n &<>\"'_\ufffd\ufffe\uffff\ud800\udfff")
ANY_TEXT = st.text(st.characters(blacklist_characters="\r") | AWKWARD, min_size=1).filter(
    lambda text: "x005F_" not in text and "_x" not in text)  # escapes openpyxl half-decodes


@settings(max_examples=25, deadline=None)
@given(st.lists(ANY_TEXT, min_size=1, max_size=8))
def test_any_text_reads_back_with_only_illegal_characters_replaced(texts):
    """Escaping, white space and characters XML 1.0 cannot hold, read back by openpyxl."""
    tables = empty_tables()
    for index, text in enumerate(texts):
        follow_up(tables, follow_up_id=f"uppf-{index}", summary_sv=text)
    sheet = open_book(workbook_bytes(fictional_meta(), tables))["follow_ups"]
    illegal = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
    expected = [re.sub(illegal, "\ufffd", text) for text in texts]
    assert [cell.value for cell in column_values(sheet, "summary_sv")] == expected
