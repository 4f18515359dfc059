"""The Excel workbook: a sheet per table with typed cells, codebook and read-me, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from generator.datasets import xlsx
from generator.datasets.meta import Meta
from generator.datasets.package import resources
from generator.datasets.workbook import table_sheet_xml, workbook_bytes
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


# ---------------------------------------------------------------------------------------------
# The SpreadsheetML writer, on small invented tables (fictional data only).

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# (text in the table, what a spreadsheet must show): text that must stay text, exactly.
TEXTS = [
    ("=SUM(1,2)", "=SUM(1,2)"),
    ("-1", "-1"),
    ("+46 70 000 00 00", "+46 70 000 00 00"),
    ("@fiktiv", "@fiktiv"),
    ("  two leading spaces", "  two leading spaces"),
    ("trailing space ", "trailing space "),
    ("\tindented", "\tindented"),
    ("a & b <c> \"d\" 'e' ]]>", "a & b <c> \"d\" 'e' ]]>"),
    ("Påhittad förening – 😀 𝄞", "Påhittad förening – 😀 𝄞"),
    ("bell\x07 nul\x00 esc\x1b", "bell\ufffd nul\ufffd esc\ufffd"),
    ("not a character \ufffe\uffff", "not a character \ufffd\ufffd"),
    ("line one\nline two", "line one\nline two"),
    ("windows\r\nline", "windows\r\nline"),
    ("_x0041_ stays", "_x0041_ stays"),
]
# (number text, value read back)
NUMBERS = [("12", 12), ("3.0", 3), ("-2.5", -2.5), ("0.1", 0.1), ("0.00001", 0.00001),
           ("1E+20", 10**20), ("123456.789", 123456.789)]
DATES = ["2031-04-05", "1900-03-01", "1900-03-02", "2000-02-29", "2099-12-31"]


def fictional_meta() -> Meta:
    return Meta(name="medborgarloften-9999", id="00000000-0000-5000-8000-000000000000",
                version="2.3.4", created="2031-04-05", base_url="https://example.invalid/",
                title=Localized("Påhittade löften & <mer>", "Invented promises"),
                municipality=Localized("Exempelby kommun", "Exempelby Municipality"),
                police_area=Localized("Lpo Exempel", None), municipality_code="9999",
                organisation_number=None, first_year=2030, last_year=2031, contact_email=None,
                contact_phone=None)


def fictional_tables() -> dict[str, Table]:
    """Every table of the schema, empty but for follow_ups (text, number and date columns)."""
    tables = {r["name"]: Table(r["name"], [f["name"] for f in r["schema"]["fields"]])
              for r in resources()}
    follow_ups = tables["follow_ups"]
    count = max(len(TEXTS), len(NUMBERS), len(DATES))
    for index in range(count):
        row = {name: None for name in follow_ups.fields}
        row["follow_up_id"] = f"uppf-{index}"
        row["summary_sv"] = TEXTS[index][0] if index < len(TEXTS) else None
        row["actual_value"] = NUMBERS[index][0] if index < len(NUMBERS) else None
        row["date"] = DATES[index] if index < len(DATES) else None
        follow_ups.rows.append(row)
    return tables


@pytest.fixture(scope="module")
def book_data() -> bytes:
    return workbook_bytes(fictional_meta(), fictional_tables())


def column_values(sheet, header: str) -> list:
    names = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    index = names.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("read_only", [False, True])
def test_cells_read_back_with_their_types_and_values(book_data, read_only):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(book_data), read_only=read_only)
    assert book.sheetnames == ["read_me", *[r["name"] for r in resources()], "codebook"]
    sheet = book["follow_ups"]
    count = max(len(TEXTS), len(NUMBERS), len(DATES))
    texts = column_values(sheet, "summary_sv")
    assert len(texts) == count
    for cell, (_, shown) in zip(texts, TEXTS):
        assert cell.data_type == "s" and cell.value == shown
    for cell, (_, value) in zip(column_values(sheet, "actual_value"), NUMBERS):
        assert cell.data_type == "n" and cell.value == value and type(cell.value) is type(value)
    for cell, text in zip(column_values(sheet, "date"), DATES):
        assert cell.is_date and cell.number_format == "yyyy-mm-dd"
        assert cell.value == dt.datetime.fromisoformat(text)
    # Missing values are empty cells.
    assert all(cell.value is None for cell in column_values(sheet, "reason_sv"))
    assert all(cell.value is None for cell in column_values(sheet, "date")[len(DATES):])
    assert [cell.value for cell in column_values(sheet, "follow_up_id")] == [
        f"uppf-{index}" for index in range(count)]
    # An empty table is its header row.
    assert [[c.value for c in row] for row in book["actions"].iter_rows()] == [
        [f["name"] for r in resources() if r["name"] == "actions" for f in r["schema"]["fields"]]]


def test_header_read_me_and_codebook_are_formatted(book_data):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(book_data))
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert all(cell.font.b for cell in sheet[1]), name
        assert not any(cell.font.b for row in sheet.iter_rows(min_row=2) for cell in row)
    readme = book["read_me"]
    assert readme.freeze_panes is None
    assert readme.column_dimensions["A"].width == 120
    assert readme["A1"].font.b and readme["A1"].font.sz == 14
    assert readme["A1"].value == "Påhittade löften & <mer> / Invented promises"
    assert not readme["A2"].font.b and readme["A2"].value.startswith("Version 2.3.4 (2031-04-05)")
    assert readme["A3"].value is None
    codebook = book["codebook"]
    positions = column_values(codebook, "position")
    assert all(cell.data_type == "n" and type(cell.value) is int for cell in positions)
    assert [cell.value for cell in positions][:3] == [1, 2, 3]
    assert any(cell.value is None for cell in column_values(codebook, "references"))
    assert all(cell.value in ("yes", "no") for cell in column_values(codebook, "required"))
    assert book.properties.title == "Påhittade löften & <mer>"
    assert book.properties.creator == "Exempelby kommun"
    assert book.properties.identifier == "00000000-0000-5000-8000-000000000000"
    assert book.properties.version == "2.3.4"
    assert book.properties.created == book.properties.modified == dt.datetime(2031, 4, 5)


def test_workbook_is_deterministic_and_every_part_is_well_formed(book_data):
    assert workbook_bytes(fictional_meta(), fictional_tables()) == book_data
    with zipfile.ZipFile(io.BytesIO(book_data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(2031, 4, 5, 0, 0, 0)}
        for name in names:
            ET.fromstring(archive.read(name))  # raises if not well-formed
        types = ET.fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName") for o in types}
        assert {f"/{name}" for name in names[1:] if not name.endswith(".rels")} <= overrides
        styles = ET.fromstring(archive.read("xl/styles.xml"))
        formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{MAIN}numFmt")}
        assert formats == {"164": "yyyy-mm-dd"}
        assert [f.find(f"{MAIN}patternFill").get("patternType")
                for f in styles.iter(f"{MAIN}fill")] == ["none", "gray125"]
        sheets = [n for n in names if n.startswith("xl/worksheets/")]
        assert len(sheets) == len(resources()) + 2
        for name in sheets:
            root = ET.fromstring(archive.read(name))
            assert root.find(f"{MAIN}dimension") is not None
            assert root.find(f".//{MAIN}f") is None  # no formulas anywhere
        follow_ups = ET.fromstring(archive.read("xl/worksheets/sheet11.xml"))
        dimension = follow_ups.find(f"{MAIN}dimension").get("ref")
        assert dimension == f"A1:L{max(len(TEXTS), len(NUMBERS), len(DATES)) + 1}"
        pane = follow_ups.find(f".//{MAIN}pane")
        assert pane.attrib == {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft",
                               "state": "frozen"}


def test_a_table_sheet_is_the_same_bytes_alone_or_in_the_workbook(book_data):
    tables = fictional_tables()
    made = []

    def remembering(table: Table) -> bytes:
        made.append(table.name)
        return table_sheet_xml(table)

    assert workbook_bytes(fictional_meta(), tables, sheet_xml=remembering) == book_data
    assert made == [r["name"] for r in resources()]
    with zipfile.ZipFile(io.BytesIO(book_data)) as archive:
        for number, name in enumerate(made, 2):
            assert archive.read(f"xl/worksheets/sheet{number}.xml") == table_sheet_xml(
                tables[name]), name


def test_a_memoised_sheet_is_used_as_given():
    tables = fictional_tables()
    stand_in = table_sheet_xml(Table("follow_ups", tables["follow_ups"].fields))
    data = workbook_bytes(fictional_meta(), tables,
                          sheet_xml=lambda t: stand_in if t.name == "follow_ups" else
                          table_sheet_xml(t))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("xl/worksheets/sheet11.xml") == stand_in


def test_dates_excel_cannot_show_and_odd_numbers_stay_text():
    table = Table("follow_ups", [f["name"] for r in resources() if r["name"] == "follow_ups"
                                 for f in r["schema"]["fields"]])
    row = {name: None for name in table.fields}
    row.update(date="1900-02-28", actual_value="NaN")
    table.rows.append(row)
    root = ET.fromstring(table_sheet_xml(table))
    cells = {c.get("r"): c for c in root.iter(f"{MAIN}c")}
    assert cells["D2"].get("t") == "inlineStr" and cells["D2"].findtext(f".//{MAIN}t") == (
        "1900-02-28")
    assert cells["J2"].get("t") == "inlineStr" and cells["J2"].findtext(f".//{MAIN}t") == "NaN"


def test_excel_serial_days():
    assert xlsx.serial(dt.date(1900, 3, 1)) == 61  # 60 is Excel's 29 February 1900
    assert xlsx.serial(dt.date(2021, 1, 1)) == 44197
    assert xlsx.serial(dt.date(9999, 12, 31)) == 2958465
    for day in (dt.date(1900, 2, 28), dt.date(1900, 1, 1), dt.date(1899, 12, 31)):
        with pytest.raises(ValueError):  # LibreOffice would show a day earlier than Excel
            xlsx.serial(day)


def test_cells_refuse_values_they_would_have_to_guess():
    for value in (True, dt.datetime(2031, 1, 1), b"bytes", [1]):
        with pytest.raises(TypeError):
            xlsx.cell("A1", value)
    for value in (math.inf, math.nan):
        with pytest.raises(ValueError):
            xlsx.cell("A1", value)
    assert xlsx.cell("A1", None) == xlsx.cell("A1", "") == ""


def test_sheet_names_are_checked():
    sheet = xlsx.worksheet([], 1, 1)
    properties = xlsx.Properties("t", "c", "i", "1.0.0", "2031-01-01")
    for bad in ("x" * 32, "", "a/b", "a[1]", "what?", "'quoted'"):
        with pytest.raises(ValueError):
            xlsx.package([(bad, sheet)], properties)
    with pytest.raises(ValueError):
        xlsx.package([("Same", sheet), ("same", sheet)], properties)
    xlsx.package([("x" * 31, sheet)], properties)


def test_column_letters():
    assert [xlsx.column_letter(n) for n in (1, 2, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_numbers_are_written_exactly_in_plain_notation(number):
    text = xlsx.number_text(number)
    assert "e" not in text.lower()
    assert (int(text) if type(number) is int else float(text)) == number


# Any character, and more often the ones escaping and the check for illegal ones are about.
AWKWARD = st.sampled_from("\x00\x07\x0b\x1f\t\n\r &<>\"'\ufffd\ufffe\uffff\ud800\udfff")
ANY_TEXT = st.text(st.characters() | AWKWARD)


def test_illegal_characters_alone_become_the_replacement_character():
    for character in "\x00\x08\x0b\x0c\x0e\x1f\ud800\udbff\udc00\udfff\ufffe\uffff":
        assert xlsx.part(f"<t>{character}</t>") == xlsx.part("<t>\ufffd</t>"), repr(character)
    for character in "\t\n\r\x7f\x85\ufffd\U0001f600":
        assert character.encode("utf-8") in xlsx.part(f"<t>{character}</t>"), repr(character)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_reads_back_with_only_illegal_characters_replaced(text):
    """Escaping, CR and white space, read back by an XML parser; the fast check for illegal
    characters in `part` against the regular expression alone."""
    legal = xlsx._ILLEGAL.sub("\ufffd", text)
    assert xlsx.part(text) == xlsx.part(legal) == (xlsx._DECLARATION + legal).encode("utf-8")
    root = ET.fromstring(xlsx.worksheet([xlsx.row(1, [xlsx.cell("A1", text)])], 1, 1))
    read = root.find(f".//{MAIN}t")
    if text == "":
        assert read is None
    else:
        assert read.text == legal
        if legal != legal.strip(" \t\n\r"):  # white space an application might trim
            assert read.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
