"""The words around the data: codebook, bilingual read-me, changelog, checksums, citation.

All of it is made from the Table Schemas (generator/schema/package.yaml) and the content, so the
documentation can never describe columns that are not in the files.
"""

from __future__ import annotations

import csv
import io

from generator.datasets.meta import Meta
from generator.datasets.package import resources
from generator.model import Content
from generator.tables import Table

CODEBOOK_COLUMNS = [
    "table", "table_title_sv", "table_title_en", "position", "column", "type", "required",
    "primary_key", "references", "allowed_values", "pattern", "minimum", "maximum",
    "markdown", "title_sv", "title_en", "description_sv", "description_en",
]


def codebook() -> list[dict[str, str]]:
    """One row per column of every table, in file order."""
    rows = []
    for resource in resources():
        schema = resource["schema"]
        keys = schema.get("primaryKey") or []
        references = {}
        for fk in schema.get("foreignKeys") or []:
            target = fk["reference"]["resource"] or resource["name"]
            for local, remote in zip(fk["fields"], fk["reference"]["fields"]):
                if local != "municipality_code":  # part of every key, not a reference of its own
                    references[local] = f"{target}.{remote}"
        for position, fld in enumerate(schema["fields"], start=1):
            constraints = fld.get("constraints") or {}
            rows.append({
                "table": resource["name"],
                "table_title_sv": resource["title"],
                "table_title_en": resource["title_en"],
                "position": str(position),
                "column": fld["name"],
                "type": fld.get("type", "string") + (f" ({fld['format']})" if "format" in fld else ""),
                "required": "yes" if constraints.get("required") else "no",
                "primary_key": "yes" if fld["name"] in keys else "no",
                "references": references.get(fld["name"], ""),
                "allowed_values": " | ".join(constraints.get("enum") or []),
                "pattern": constraints.get("pattern", ""),
                "minimum": str(constraints.get("minimum", "")),
                "maximum": str(constraints.get("maximum", "")),
                # text an editor writes in Markdown (shown formatted on the site; raw here)
                "markdown": "yes" if "Markdown" in fld.get("description_en", "") else "no",
                "title_sv": fld.get("title", ""),
                "title_en": fld.get("title_en", ""),
                "description_sv": fld.get("description", ""),
                "description_en": fld.get("description_en", ""),
            })
    return rows


def codebook_csv() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, CODEBOOK_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(codebook())
    return buffer.getvalue().encode("utf-8")


def citation(meta: Meta, lang: str) -> str:
    year = meta.published[:4]
    if lang == "sv":
        return (f"{meta.municipality.sv} ({year}). {meta.title.sv}, version {meta.version} "
                f"[datamängd]. {meta.versioned_url}")
    return (f"{meta.municipality.en or meta.municipality.sv} ({year}). "
            f"{meta.title.en or meta.title.sv}, version {meta.version} [data set]. "
            f"{meta.versioned_url}")


def readme(meta: Meta, tables: dict[str, Table], files: list[str]) -> bytes:
    """README.md in Swedish, then English: what, version, files, columns, citing, Excel."""
    lines = [
        f"# {meta.title.sv} – öppna data / open data", "",
        f"Version {meta.version}, publicerad / published {meta.published}. Licens / licence: CC0 1.0 "
        "(https://creativecommons.org/publicdomain/zero/1.0/).", "",
        f"Senaste versionen / latest version: {meta.data_url}",
        f"Just den här versionen / this version: {meta.versioned_url}", "",
        "## Svenska", "",
        meta.description_sv, "",
        f"Utgivare: {meta.municipality.sv}. Kommunkod: {meta.municipality_code}.", "",
        "### Filer", "",
        "- `<tabell>.csv`: en fil per tabell. UTF-8 utan BOM, komma som avgränsare, citattecken "
        "enligt RFC 4180, radslut CRLF, datum som ÅÅÅÅ-MM-DD, punkt som decimaltecken. "
        "Tom cell betyder att uppgiften saknas.",
        "- `<tabell>.json`: samma rader som JSON (en lista med ett objekt per rad).",
        "- `<tabell>.excel.csv`: samma rader för ett dubbelklick i svenskt Excel: semikolon, "
        "BOM, decimalkomma; en textcell som skulle börja en formel (= + - @) har en apostrof "
        "först. Använd `<tabell>.csv` för allt annat.",
        "- Koder som `municipality_code` (t.ex. `0180`) är text: läs dem som text, t.ex. "
        "`pandas.read_csv(fil, dtype={\"municipality_code\": str})` eller i R "
        "`readr::read_csv(fil, col_types = readr::cols(municipality_code = \"c\"))`.",
        "- Datum och perioder står som i källan (`2023-02`, `2023-Q1`, `continuous` …) med "
        "första och sista dag i kolumnerna `*_first` och `*_last`, för sortering och filtrering.",
        "- `medborgarloften.xlsx`: alla tabeller i en Excel-arbetsbok, plus kodbok och läs mig.",
        "- `datapackage.json`: Frictionless Data Package v2 med tabellscheman, storlek och "
        "SHA-256 för varje CSV-fil.",
        "- `codebook.csv`: kodbok, en rad per kolumn.",
        "- `CHANGELOG.md`: varje version med dagen den publicerades och vilka rader som lagts till, "
        "ändrats och tagits bort per tabell; `versions.json`: samma uppgifter för program.",
        "- `medborgarloften.sql`: alla tabeller med typer och nycklar, även tomma, för SQLite: "
        "`sqlite3 medborgarloften.db < medborgarloften.sql`.",
        "- `commitments_flat.csv`: en rad per åtagande med år, tema, ansvariga, senaste status "
        "och sidans adress; `promise-<id>.json`: ett löfte i taget, nästlat.",
        "- `SHA256SUMS`: kontrollsummor; kontrollera med `sha256sum -c SHA256SUMS`.", "",
        "### Tabeller", "",
    ]
    lines += _table_list(tables, "sv")
    lines += [
        "", "Alla kolumner beskrivs i `codebook.csv` och i `datapackage.json`.", "",
        "### Så citerar du", "", citation(meta, "sv"), "",
        "### Öppna CSV-filerna i svenskt Excel", "",
        "Svenskt Excel använder semikolon och decimalkomma, så att dubbelklicka på en CSV-fil "
        "lägger allt i en kolumn. Öppna i stället arbetsboken `medborgarloften.xlsx`, eller: "
        "Data → Från text/CSV → välj filen → Filursprung \"65001: Unicode (UTF-8)\", "
        "Avgränsare \"Komma\" → Läs in. Sätt vid behov språkinställningen till Engelska (USA) "
        "för kolumner med decimaltal, så att punkten läses som decimaltecken.", "",
        "## English", "",
        meta.description_en, "",
        f"Publisher: {meta.municipality.en or meta.municipality.sv}. "
        f"Municipality code: {meta.municipality_code}.", "",
        "### Files", "",
        "- `<table>.csv`: one file per table. UTF-8 without BOM, comma-separated, RFC 4180 "
        "quoting, CRLF line ends, ISO 8601 dates (YYYY-MM-DD), `.` as decimal mark. An empty "
        "cell means the value is missing.",
        "- `<table>.json`: the same rows as JSON (a list with one object per row).",
        "- `<table>.excel.csv`: the same rows for a double-click in Swedish Excel: semicolons, "
        "a BOM, decimal commas; a text cell that would start a formula (= + - @) starts with "
        "an apostrophe. Use `<table>.csv` for everything else.",
        "- Codes such as `municipality_code` (e.g. `0180`) are text: read them as text, e.g. "
        "`pandas.read_csv(file, dtype={\"municipality_code\": str})` or in R "
        "`readr::read_csv(file, col_types = readr::cols(municipality_code = \"c\"))`.",
        "- Dates and periods are as the source gives them (`2023-02`, `2023-Q1`, `continuous` …) "
        "with their first and last day in the `*_first` and `*_last` columns, for sorting and "
        "filtering.",
        "- `medborgarloften.xlsx`: every table in one Excel workbook, plus codebook and read-me.",
        "- `datapackage.json`: Frictionless Data Package v2 with Table Schemas, size and SHA-256 "
        "of each CSV file. Load it with `frictionless` or "
        "`pandas.read_csv(\"" + meta.data_url + "commitments.csv\")`.",
        "- `codebook.csv`: the codebook, one row per column.",
        "- `CHANGELOG.md`: every version with the day it was published and the rows added, "
        "changed and removed per table; `versions.json`: the same for programs.",
        "- `medborgarloften.sql`: every table with types and keys, empty ones too, for SQLite: "
        "`sqlite3 medborgarloften.db < medborgarloften.sql`.",
        "- `commitments_flat.csv`: one row per commitment with year, theme, responsible "
        "organisations, latest status and its page address; `promise-<id>.json`: one promise, nested.",
        "- `SHA256SUMS`: checksums; verify with `sha256sum -c SHA256SUMS`.", "",
        "### Tables", "",
    ]
    lines += _table_list(tables, "en")
    lines += [
        "", "Every column is described in `codebook.csv` and in `datapackage.json`.", "",
        "### How to cite", "", citation(meta, "en"), "",
        "### Opening the CSV files in Swedish Excel", "",
        "Swedish Excel expects semicolons and decimal commas, so double-clicking a CSV file puts "
        "everything in one column. Open the workbook `medborgarloften.xlsx` instead, or: Data → "
        "From Text/CSV → choose the file → File origin \"65001: Unicode (UTF-8)\", Delimiter "
        "\"Comma\" → Load. For columns with decimals, set the locale to English (United States) "
        "so the point is read as the decimal mark.", "",
        "## Files in this version / filer i den här versionen", "",
    ]
    lines += [f"- `{name}`" for name in files]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _table_list(tables: dict[str, Table], lang: str) -> list[str]:
    out = []
    for resource in resources():
        name = resource["name"]
        title = resource["title"] if lang == "sv" else resource["title_en"]
        columns = ", ".join(f"`{f['name']}`" for f in resource["schema"]["fields"])
        rows = len(tables[name].rows)
        count = f"{rows} rader" if lang == "sv" else f"{rows} rows"
        out.append(f"- `{name}` – {title} ({count}): {columns}")
    return out


def changelog(meta: Meta, content: Content, tables: dict[str, Table]) -> bytes:
    """Every version, newest first, with the day it was first published and what changed per
    table (from the published record, `versions.json`); then what this version holds and the
    dated events in the sources."""
    lines = [
        "# CHANGELOG – medborgarlöften (data)", "",
        "Versionsnummer enligt SemVer, satta av byggsteget när data ändras: MAJOR när en tabell "
        "eller kolumn tas bort, MINOR när tabeller, kolumner eller rader läggs till, PATCH när "
        "rader ändras eller tas bort eller bara de andra filerna ändras. / Version numbers follow "
        "SemVer and are set by the build when the data change: MAJOR when a table or a column is "
        "removed, MINOR when tables, columns or rows are added, PATCH when rows are changed or "
        "removed or only the other files change.", "",
    ]
    for record in meta.history:
        when = record.published or "okänt datum / day not recorded"
        lines += [f"## {record.version} – publicerad / published {when}", ""]
        if record.pinned:
            lines.append("- Versionsnumret är satt i site.yaml. / The version number is set in "
                         "site.yaml.")
        lines += _version_changes(record)
        lines.append("")
    lines += [f"## Innehåll i version {meta.version} / What version {meta.version} holds", ""]
    for resource in resources():
        name = resource["name"]
        lines.append(f"- `{name}`: {len(tables[name].rows)} rader / rows")
    latest = meta.sources_latest or "inget datum i källorna / no date in the sources"
    lines += ["", f"Senaste datum i källorna / latest date in the sources: {latest}"]
    events: list[tuple[str, str]] = []
    for promise in content.promises:
        label = f"{promise.title.sv} / {promise.title.en or promise.title.sv}"
        if _dated(promise.signed_date):
            events.append((str(promise.signed_date), f"undertecknat / signed: {label}"))
        for follow in promise.all_reports:
            when = follow.date if _dated(follow.date) else follow.period
            if _dated(when):
                about = follow.commitment_id or follow.focus_area_id or follow.promise_id
                status = f": {follow.status}" if follow.status else ""
                events.append((str(when), f"uppföljning / follow-up `{follow.id}` (`{about}`){status}"))
    lines += ["", "### Tabellformatets ändringar / Changes of the table format", ""]
    lines += [f"- format {version}: {what}" for version, what in SCHEMA_CHANGES]
    lines += ["", "### Händelser i data / Events in the data", ""]
    if events:
        lines += [f"- {date}: {what}" for date, what in sorted(events)]
    else:
        lines.append("- Inga daterade händelser ännu. / No dated events yet.")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _version_changes(record) -> list[str]:
    """One line per changed table: ids added, changed and removed, columns added and removed."""
    from generator.datasets.versions import shown_ids

    if record.changes and all(c.table_added for c in record.changes):
        return ["- Första versionen. / The first version."]
    out = []
    for change in record.changes:
        parts = []
        if change.table_added:
            parts.append("ny tabell / new table")
        if change.table_removed:
            parts.append("tabellen borttagen / table removed")
        for attr, label in (("columns_added", "kolumner tillagda / columns added"),
                            ("columns_removed", "kolumner borttagna / columns removed"),
                            ("added", "rader tillagda / rows added"),
                            ("changed", "rader ändrade / rows changed"),
                            ("removed", "rader borttagna / rows removed")):
            ids = getattr(change, attr)
            if ids:
                parts.append(f"{label} ({len(ids)}): {shown_ids(ids)}")
        out.append(f"- `{change.table}`: " + "; ".join(parts))
    if record.other_files_changed:
        out.append("- Inga tabeller ändrades; andra filer (läs mig, kodbok …) ändrades. / No "
                   "table changed; other files (read-me, codebook …) did.")
    if not out:
        out.append("- Ändringarna är inte registrerade. / The changes were not recorded.")
    return out


def sha256sums(digests: dict[str, str]) -> bytes:
    """`sha256sum -c` format, sorted by file name, from each file's SHA-256 (hex)."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests)).encode("utf-8")


def _dated(value) -> bool:
    """A date or period written in the sources (not `not_stated`, not `continuous`)."""
    return bool(value) and str(value) not in ("not_stated", "continuous")


# What each format of the tables changed (the columns themselves are in datapackage.json).
SCHEMA_CHANGES = [
    ("2", "innehållsmodell 2: nya tabeller `themes`, `sources` och `action_actors`; uppföljningar "
              "på löfte, fokusområde eller åtagande (`follow_ups.level`), status valfri; datum som de "
              "skrevs (dag, månad, år, kvartal, tertial …) med första och sista dag i `*_first`/`*_last`; "
              "antal med `count_comparator` och enhet; `focus_areas.theme_id` och `commitments_stated`; "
              "en kopia i ren text (`<kolumn>_text`) av varje Markdown-kolumn. / "
              "content model 2: new tables `themes`, `sources` and `action_actors`; follow-ups on a "
              "promise, a focus area or a commitment (`follow_ups.level`), status optional; dates as "
              "written (day, month, year, quarter, tertial …) with their first and last day in "
              "`*_first`/`*_last`; counts with `count_comparator` and a unit; `focus_areas.theme_id` "
              "and `commitments_stated`; a plain-text copy (`<column>_text`) of every Markdown "
              "column."),
    ("1", "det första formatet / the first format."),
]
