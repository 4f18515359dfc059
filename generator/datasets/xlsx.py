"""A small SpreadsheetML (.xlsx, Office Open XML) writer: cells, worksheets and the package.

Written by hand rather than with openpyxl because the workbook of a data release is big (hundreds
of thousands of cells) and rebuilt on every build: building the XML as strings is several times
faster, and a worksheet is plain bytes that depend only on its own cells, so a caller can keep
the worksheets of unchanged tables between builds. openpyxl still reads the files back in tests.

Text is always an inline string cell (`t="inlineStr"`), never a formula, so text starting with
`=`, `+`, `-` or `@` shows as written. Inline rather than shared strings because a shared-string
table would make every worksheet depend on the strings of all the others. Characters XML 1.0
cannot hold become U+FFFD. Numbers are written in plain decimal notation, dates as Excel serial
numbers with a `yyyy-mm-dd` format. The same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.datasets.archive import Compressor, deflate, deterministic_zip, zip_date

# Indexes into the cellXfs of STYLES.
PLAIN, BOLD, TITLE, DATE = 0, 1, 2, 3
# The first date Excel and LibreOffice give the same serial number: Excel counts a 29 February
# 1900 that never was, LibreOffice does not, so earlier serials show a day apart.
FIRST_DATE = dt.date(1900, 3, 1)
MAX_SHEET_NAME = 31
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # a worksheet's size in Excel

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_C0 = bytes(b for b in range(32) if b not in b"\t\n\r")  # in UTF-8: the C0 part of _ILLEGAL
_SHEET_NAME_CHARS = re.compile(r"[\[\]:*?/\\]")
_EPOCH = dt.date(1899, 12, 30)  # serial 0, counting from March 1900 on

STYLES = (
    '<styleSheet xmlns="' + _MAIN + '">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="3">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>'
    '</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium2"'
    ' defaultPivotStyle="PivotStyleLight16"/>'
    '</styleSheet>'
)


@dataclass(frozen=True)
class Properties:
    """The document properties (docProps/core.xml and app.xml)."""

    title: str
    creator: str
    identifier: str
    version: str
    created: str  # ISO date: the created and modified time (midnight UTC) and the zip dates
    application: str = "medborgarloften"


def escape(text: str) -> str:
    """Text for element content or a double-quoted attribute. A raw CR would be read back as LF,
    so it becomes a character reference. Illegal characters are left to `part`."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def part(xml: str) -> bytes:
    """A whole XML part as UTF-8, with every character XML 1.0 cannot hold replaced by U+FFFD
    (never dropped). Done once per part: the markup written here holds no such characters.

    Such characters are rare, so the UTF-8 bytes are checked first with C-speed byte scans
    (twice as fast as the regular expression over the text); only a part that may hold one,
    or cannot be encoded (a lone surrogate), goes through the expression."""
    xml = _DECLARATION + xml
    try:
        data = xml.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _ILLEGAL.sub("\ufffd", xml).encode("utf-8")
    if (len(data.translate(None, _C0)) != len(data)
            or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data):  # U+FFFE, U+FFFF
        return _ILLEGAL.sub("\ufffd", xml).encode("utf-8")
    return data


def column_letter(number: int) -> str:
    """A 1-based column number as Excel's letters: 1 -> A, 27 -> AA."""
    if number < 1:
        raise ValueError(f"no column {number}")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def number_text(number: int | float) -> str:
    """A number as `<v>` text that reads back as the same value, never in exponent form."""
    if type(number) is int:
        return str(number)
    if type(number) is not float or not math.isfinite(number):
        raise ValueError(f"not a finite number for a cell: {number!r}")
    text = repr(number)  # the shortest text that reads back as this float
    return format(Decimal(text), "f") if "e" in text else text


def serial(day: dt.date) -> int:
    """An Excel serial day number (1900 date system), from FIRST_DATE on."""
    if day < FIRST_DATE:
        raise ValueError(f"no serial number both Excel and LibreOffice read alike for {day}")
    return (day - _EPOCH).days


def text_cell(ref: str, text: str, style: int = PLAIN) -> str:
    """A string cell (inline string), never a formula. Leading and trailing white space kept."""
    styled = f' s="{style}"' if style else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def number_cell(ref: str, number: int | float, style: int = PLAIN) -> str:
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled}><v>{number_text(number)}</v></c>'


def date_cell(ref: str, day: dt.date) -> str:
    """A real date: a serial number shown as yyyy-mm-dd (the DATE style)."""
    return f'<c r="{ref}" s="{DATE}"><v>{serial(day)}</v></c>'


def cell(ref: str, value: str | int | float | dt.date | None, style: int = PLAIN) -> str:
    """A cell for a Python value; None and "" are an empty cell (nothing is written). `style`
    applies to text and numbers (a date has its own). Other types (bool, datetime) are refused
    rather than guessed."""
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        return text_cell(ref, value, style)
    if kind is int or kind is float:
        return number_cell(ref, value, style)
    if kind is dt.date:
        return date_cell(ref, value)
    raise TypeError(f"no cell for a {kind.__name__}: {value!r}")


def column(letter: str, values: Sequence[str | int | float | dt.date | None],
           first_row: int = 1, style: int = PLAIN) -> list[str]:
    """The cells of one column, top to bottom from `first_row` ("" where a value is missing)."""
    return [cell(f"{letter}{number}", value, style)
            for number, value in enumerate(values, first_row)]


def row(number: int, cells: Iterable[str]) -> str:
    """A `<row>` of cells made by `cell`; "" for a row without cells (it need not be written)."""
    inner = "".join(cells)
    return f'<row r="{number}">{inner}</row>' if inner else ""


def worksheet(rows: Iterable[str], width: int, height: int, *, frozen_header: bool = False,
              column_widths: dict[int, float] | None = None, selected: bool = False) -> bytes:
    """A worksheet part: `rows` made by `row`, spanning `width` columns and `height` rows."""
    if height > MAX_ROWS or width > MAX_COLUMNS:
        raise ValueError(f"{height} rows by {width} columns do not fit in an Excel worksheet")
    last = f"{column_letter(max(width, 1))}{max(height, 1)}"
    dimension = "A1" if last == "A1" else f"A1:{last}"
    view = '<sheetView workbookViewId="0"' + (' tabSelected="1"' if selected else "")
    if frozen_header:
        view += ('><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                 '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>')
    else:
        view += "/>"
    cols = "".join(f'<col min="{number}" max="{number}" width="{number_text(float(size))}"'
                   ' customWidth="1"/>' for number, size in sorted((column_widths or {}).items()))
    data = "".join(rows)
    return part(
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        f'<dimension ref="{dimension}"/><sheetViews>{view}</sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + (f"<sheetData>{data}</sheetData>" if data else "<sheetData/>")
        + "</worksheet>")


def check_sheet_name(name: str) -> None:
    """Excel's rules for a sheet name: refused here rather than repaired by Excel on opening."""
    if (not name or len(name) > MAX_SHEET_NAME or _SHEET_NAME_CHARS.search(name)
            or name[0] == "'" or name[-1] == "'" or _ILLEGAL.search(name)):
        raise ValueError(f"not a valid Excel sheet name: {name!r}")


def package(sheets: Sequence[tuple[str, bytes]], properties: Properties,
            compress: Compressor = deflate) -> bytes:
    """The .xlsx file: `sheets` (name, worksheet part) in order, the first one shown on opening.
    A deterministic zip, every member dated `properties.created`, [Content_Types].xml first."""
    names = [name for name, _ in sheets]
    for name in names:
        check_sheet_name(name)
    if len({name.casefold() for name in names}) != len(names):
        raise ValueError(f"sheet names must differ (ignoring case): {names}")
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    entries = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": _core(properties),
        "docProps/app.xml": _app(properties),
        "xl/workbook.xml": _workbook(names),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": part(STYLES),
    }
    for number, (_, data) in enumerate(sheets, 1):
        entries[f"xl/worksheets/sheet{number}.xml"] = data
    return deterministic_zip(entries, zip_date(properties.created), sort=False, compress=compress)


def _content_types(count: int) -> bytes:
    package = "application/vnd.openxmlformats-package"
    office = "application/vnd.openxmlformats-officedocument"
    overrides = [("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", f"{package}.core-properties+xml"),
                 ("/docProps/app.xml", f"{office}.extended-properties+xml")]
    overrides += [(f"/xl/worksheets/sheet{n}.xml", f"{office}.spreadsheetml.worksheet+xml")
                  for n in range(1, count + 1)]
    return part(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{package}.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>")


def _relationships(targets: list[tuple[str, str]]) -> bytes:
    return part(f'<Relationships xmlns="{_PKG_RELS}">' + "".join(
        f'<Relationship Id="rId{number}" Type="{kind}" Target="{target}"/>'
        for number, (kind, target) in enumerate(targets, 1)) + "</Relationships>")


def _package_rels() -> bytes:
    return _relationships([
        (f"{_DOC_RELS}/officeDocument", "xl/workbook.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        (f"{_DOC_RELS}/extended-properties", "docProps/app.xml"),
    ])


def _workbook_rels(count: int) -> bytes:
    return _relationships([(f"{_DOC_RELS}/worksheet", f"worksheets/sheet{n}.xml")
                           for n in range(1, count + 1)] + [(f"{_DOC_RELS}/styles", "styles.xml")])


def _workbook(names: list[str]) -> bytes:
    sheets = "".join(f'<sheet name="{escape(name)}" sheetId="{number}" r:id="rId{number}"/>'
                     for number, name in enumerate(names, 1))
    return part(f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
                '<bookViews><workbookView activeTab="0"/></bookViews>'
                f"<sheets>{sheets}</sheets></workbook>")


def _core(properties: Properties) -> bytes:
    moment = dt.date.fromisoformat(properties.created[:10]).isoformat() + "T00:00:00Z"
    return part(
        '<cp:coreProperties'
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(properties.title)}</dc:title>"
        f"<dc:creator>{escape(properties.creator)}</dc:creator>"
        f"<dc:identifier>{escape(properties.identifier)}</dc:identifier>"
        f"<cp:version>{escape(properties.version)}</cp:version>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        "</cp:coreProperties>")


def _app(properties: Properties) -> bytes:
    return part(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"<Application>{escape(properties.application)}</Application></Properties>")
