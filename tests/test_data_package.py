"""The published data package, checked through the built files of the real Kungsör content."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli


def data(site: Path) -> Path:
    return site / "data"


def descriptor(site: Path) -> dict:
    return json.loads((data(site) / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_published_package_with_zero_errors(kungsor_site):
    # A separate process with its own frictionless import: nothing of the generator is loaded.
    script = ("import sys, json; from frictionless import Package; "
              "report = Package(sys.argv[1]).validate(); "
              "print(json.dumps({'valid': report.valid, 'errors': report.stats['errors']}))")
    proc = subprocess.run([sys.executable, "-c", script, str(data(kungsor_site) / "datapackage.json")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"valid": True, "errors": 0}


def test_descriptor_has_csv_resources_foreign_keys_licence_and_metadata(kungsor_site):
    package = descriptor(kungsor_site)
    csvs = [r for r in package["resources"] if r["path"].endswith(".csv")]
    assert len(csvs) >= 4
    assert sum(len(r["schema"].get("foreignKeys", [])) for r in csvs) >= 4
    assert package["licenses"][0]["name"] == "CC0-1.0"
    assert package["name"] == "medborgarloften-1960"
    assert package["version"] == "1.0.0"
    assert package["created"] == "2026-12-01T00:00:00Z"  # first published, not a source date
    assert package["$schema"].startswith("https://datapackage.org/profiles/2.0/")
    import uuid
    assert uuid.UUID(package["id"]).version == 5
    # No date in the 2021 sources: 1 January of the latest promise year (documented rule).
    assert package["sources"] and package["sources"][0]["path"].startswith("https://")
    assert any("publisher" in c["roles"] for c in package["contributors"])
    for resource in csvs:
        body = (data(kungsor_site) / resource["path"]).read_bytes()
        assert resource["bytes"] == len(body)
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        for fld in resource["schema"]["fields"]:
            assert fld["title"] and fld["title_en"] and fld["description"] and fld["description_en"]


def test_every_row_carries_the_municipality_code(kungsor_site):
    for resource in descriptor(kungsor_site)["resources"]:
        with open(data(kungsor_site) / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert all(row["municipality_code"] == "1960" for row in rows), resource["name"]


def test_csv_is_rfc4180_utf8_without_bom_with_crlf(kungsor_site):
    canonical = [p for p in sorted(data(kungsor_site).glob("*.csv")) if not p.name.endswith(".excel.csv")]
    assert len(canonical) >= 15
    for path in canonical:
        body = path.read_bytes()
        assert not body.startswith(b"\xef\xbb\xbf"), path.name
        body.decode("utf-8")
        records = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        assert body.endswith(b"\r\n") and body.count(b"\r\n") >= len(records), path.name
        lines = body.split(b"\r\n")
        assert b"," in lines[0] and b" " not in lines[0], path.name  # snake_case header


def test_json_has_the_same_rows_as_csv_with_types(kungsor_site):
    package = descriptor(kungsor_site)
    for resource in package["resources"]:
        name = resource["name"]
        with open(data(kungsor_site) / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        records = json.loads((data(kungsor_site) / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == len(rows)
        kinds = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        for row, record in zip(rows, records):
            assert list(record) == list(row)
            for key, value in row.items():
                if value == "":
                    assert record[key] is None
                elif kinds[key] == "integer":
                    assert record[key] == int(value)
                elif kinds[key] == "boolean":
                    assert record[key] is (value == "true") and value in ("true", "false")
                else:
                    assert str(record[key]) == value or record[key] == float(value)


def test_codebook_readme_changelog_and_checksums(kungsor_site):
    folder = data(kungsor_site)
    with open(folder / "codebook.csv", encoding="utf-8", newline="") as handle:
        codebook = list(csv.DictReader(handle))
    fields = [(r["name"], f["name"]) for r in descriptor(kungsor_site)["resources"]
              for f in r["schema"]["fields"]]
    assert [(row["table"], row["column"]) for row in codebook] == fields
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for needle in ("## Svenska", "## English", "Version 1.0.0", "Så citerar du", "How to cite",
                   "svenskt Excel", "Swedish Excel", "commitment_id"):
        assert needle in readme
    changelog = (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.0 – publicerad / published 2026-12-01" in changelog
    assert "2022-12-15" in changelog  # the latest date in the sources, named as such
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) >= 28
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_zip_holds_every_file_with_fixed_timestamps_in_sorted_order(kungsor_site):
    folder = data(kungsor_site)
    with zipfile.ZipFile(folder / "medborgarloften.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {"datapackage.json", "medborgarloften.xlsx", "codebook.csv", "README.md",
                "CHANGELOG.md", "SHA256SUMS", "commitments.csv", "commitments.json"} <= set(names)
        for info in archive.infolist():
            assert info.date_time == (2026, 12, 1, 0, 0, 0)  # the version's publication day
            assert archive.read(info) == (folder / info.filename).read_bytes()


def test_versioned_copy_matches_latest(kungsor_site):
    folder = data(kungsor_site)
    versioned = folder / "v1.0.0"
    assert sorted(p.name for p in versioned.iterdir() if p.name != "index.html") == sorted(
        p.name for p in folder.iterdir() if p.is_file() and p.name not in ("catalog.rdf", "index.html"))
    for path in versioned.iterdir():
        if path.name == "index.html":  # the version's own page
            continue
        assert path.read_bytes() == (folder / path.name).read_bytes()


def test_two_builds_give_identical_data_files(kungsor_site, tmp_path):
    other = tmp_path / "again"
    result = run_cli("build", "--content", CONTENT, "--out", other,
                     env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(kungsor_site).as_posix(): p.read_bytes()
             for p in data(kungsor_site).rglob("*") if p.is_file()}
    second = {p.relative_to(other).as_posix(): p.read_bytes()
              for p in data(other).rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_unit_sources_latest_date_and_id_rules():
    from generator.datasets.meta import package_id, sources_latest_date
    from generator.problems import Problems
    from generator.sources.loader import load_content
    from generator.tables import build_tables

    content = load_content(CONTENT, Problems())
    tables = build_tables(content)
    assert sources_latest_date(tables) == "2022-12-15"  # the 2023 promise was signed then
    tables["follow_ups"].rows.append({"date": "2023-05-04"})
    tables["actions"].rows.append({"date": "2023-06-30"})
    assert sources_latest_date(tables) == "2023-06-30"
    for name in ("promises", "follow_ups", "actions", "commitments"):
        tables[name].rows.clear()
    assert sources_latest_date(tables) is None  # no date is invented
    assert package_id("1960") == package_id("1960") != package_id("1961")


def test_csv_quoting_survives_commas_quotes_and_newlines():
    from generator.datasets.package import csv_bytes
    from generator.tables import Table

    table = Table("t", ["a", "b"])
    table.add(None, a='he said "hi", then left', b="line one\nline two")
    body = csv_bytes(table)
    assert body == b'a,b\r\n"he said ""hi"", then left","line one\nline two"\r\n'
    assert list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) == [
        ["a", "b"], ['he said "hi", then left', "line one\nline two"]]


@pytest.mark.parametrize("lang, path", [("sv", "data/index.html"), ("en", "en/data/index.html")])
def test_data_page_lists_every_download_with_size_codebook_and_json_ld(
        kungsor_site, lang, path):
    page = (kungsor_site / path).read_text(encoding="utf-8")
    folder = data(kungsor_site)
    for file in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "index.html"):
        prefix = "" if lang == "sv" else "../../data/"  # links are relative to the page
        assert f'href="{prefix}{file.name}"' in page, file.name
        # checksums live in SHA256SUMS, not on the page
        assert hashlib.sha256(file.read_bytes()).hexdigest() not in page, file.name
    codebook = (kungsor_site / path.replace("index.html", "kodbok/index.html" if lang == "sv"
                                            else "codebook/index.html")).read_text(encoding="utf-8")
    for resource in descriptor(kungsor_site)["resources"]:
        for fld in resource["schema"]["fields"]:
            assert f"<code>{fld['name']}</code>" in codebook
    assert ("Pågår" if lang == "sv" else "In progress") in codebook
    assert "tertial" in codebook
    assert "CC0 1.0" in page and 'href="v1.0.0/"' in page
    assert "medborgarloften.xlsx" in page.split("<h2")[0]  # which file to double-click, first
    assert ("Citera så här" if lang == "sv" else "Cite as") in page
    start = page.index('<script type="application/ld+json">', page.index("</title>"))
    blocks = page.split('<script type="application/ld+json">')[1:]
    datasets = [json.loads(b.split("</script>")[0]) for b in blocks]
    dataset = next(d for d in datasets if d.get("@type") == "Dataset")
    assert dataset["version"] == "1.0.0" and dataset["datePublished"] == "2026-12-01" and dataset["license"].startswith("https://creativecommons")
    assert len(dataset["distribution"]) >= 28
    assert dataset["publisher"]["name"] and dataset["includedInDataCatalog"]["url"].endswith("catalog.rdf")
    measured = {v["name"] for v in dataset["variableMeasured"]}
    assert {"commitment_id", "status", "municipality_code"} <= measured
    assert start > 0


def test_bad_data_version_is_an_editor_error(content_copy, tmp_path):
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "data_version: '1.0'\n", encoding="utf-8")
    result = run_cli("build", "--content", content_copy, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "site.yaml" in result.stderr and "data_version" in result.stderr
    lines = (content_copy / "site.yaml").read_text(encoding="utf-8").count("\n")
    assert f"site.yaml:{lines}:" in result.stderr  # the line of data_version
    assert not (tmp_path / "out").exists()


TABLE_SCHEMA_FIELD_KEYS = {"name", "type", "format", "title", "description", "example",
                           "constraints", "rdfType", "missingValues", "categories"}


def test_every_field_holds_only_table_schema_properties_and_full_descriptions():
    """A comma in an unquoted YAML flow mapping once cut five descriptions short and added keys
    such as "på engelska." to datapackage.json: every field must hold only Table Schema
    properties (and our bilingual title_en/description_en), each text whole, in both languages."""
    import yaml

    from generator.tables import SCHEMA_FILE

    package = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            where = f"{resource['name']}.{field['name']}"
            assert set(field) <= TABLE_SCHEMA_FIELD_KEYS | {"title_en", "description_en"}, where
            for key in ("title", "title_en", "description", "description_en"):
                text = field.get(key)
                assert isinstance(text, str) and text.strip(), (where, key)
                assert text.rstrip().endswith((".", ")", "?")) or key.startswith("title"), (where, key, text)


def test_the_excel_csv_opens_in_swedish_excel_and_runs_no_formula():
    """Journalists double-click a CSV in Swedish Excel: `;`, a BOM, decimal commas, and a text
    that starts like a formula made inert; the canonical CSV keeps the cells as validated."""
    from generator.datasets.package import csv_bytes, excel_csv_bytes
    from generator.tables import empty_tables

    tables = empty_tables()
    follow_ups = tables["follow_ups"]
    row = {name: None for name in follow_ups.fields}
    row.update(follow_up_id="f-1", level="commitment", promise_id="2030", actual_value="12.5",
               summary_sv='=HYPERLINK("https://example.org","klicka")', summary_en="-2 points; @mention")
    follow_ups.rows.append(row)
    excel = excel_csv_bytes(follow_ups)
    assert excel.startswith(b"\xef\xbb\xbf")
    text = excel[3:].decode("utf-8")
    header, line = text.splitlines()
    assert header.split(";") == follow_ups.fields
    assert ";12,5;" in line
    assert "'=HYPERLINK" in line and "'-2 points" in line
    canonical = csv_bytes(follow_ups).decode("utf-8")
    assert "12.5" in canonical and '"=HYPERLINK(""https://example.org"",""klicka"")"' in canonical


def test_the_flat_commitments_table_has_every_commitment_and_its_urls_resolve(kungsor_site):
    """One row per commitment, no joins needed; each URL is a built page with the anchor."""
    import re

    with (data(kungsor_site) / "commitments_flat.csv").open(encoding="utf-8", newline="") as handle:
        flat = list(csv.DictReader(handle))
    with (data(kungsor_site) / "commitments.csv").open(encoding="utf-8", newline="") as handle:
        commitments = list(csv.DictReader(handle))
    assert [r["commitment_id"] for r in flat] == [r["commitment_id"] for r in commitments]
    base = descriptor(kungsor_site)["homepage"] if "homepage" in descriptor(kungsor_site) else None
    for row in flat:
        assert row["status_sv"] and row["status_en"] and row["year"].isdigit()
        for column in ("url_sv", "url_en"):
            url = row[column]
            path, _, anchor = url.partition("#")
            assert anchor == row["commitment_id"], url
            rel = re.sub(r"^https?://[^/]+/medborgarloften/", "", path)
            page = (kungsor_site / rel / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in page, (url, base)
    by_id = {r["commitment_id"]: r for r in flat}
    whole = by_id["2024-lagesbildsmoten"]  # a commitment of the whole 2024 promise
    assert whole["focus_area_id"] == "" and whole["url_sv"].endswith("/2024/#2024-lagesbildsmoten")
    assert by_id["2021-trafiksakerhet-1"]["theme_sv"] == "Trafiksäkerhet"


def test_one_nested_json_per_promise_holds_its_areas_commitments_and_reports(kungsor_site):
    folder = data(kungsor_site)
    promises = json.loads((folder / "promises.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.glob("promise-*.json")) == sorted(
        f"promise-{p['promise_id']}.json" for p in promises)
    doc = json.loads((folder / "promise-2023.json").read_text(encoding="utf-8"))
    assert doc["start_year"] == 2023
    assert [s["publisher_id"] for s in doc["sources"]] == ["kungsors-kommun", "polisen"]
    youth = next(a for a in doc["focus_areas"] if a["focus_area_id"] == "2023-ungdomsproblematik")
    assert youth["commitments_stated"] is False and youth["commitments"] == []
    [report] = youth["reports"]
    assert report["level"] == "focus_area" and report["status"] is None
    counts = [(a["count"], a["count_comparator"]) for a in report["actions"]]
    assert (14, "at_least") in counts and (4, None) in counts
    assert ["polisen", "rtmd"] in [a["actors"] for a in report["actions"]]
    whole = json.loads((folder / "promise-2024.json").read_text(encoding="utf-8"))
    assert [c["commitment_id"] for c in whole["commitments"]] == ["2024-lagesbildsmoten",
                                                                   "2024-uppfoljning-av-fokusomraden"]


def test_the_sql_file_makes_every_table_typed_with_keys_empty_ones_too(kungsor_site):
    """sqlite-utils and R get no table or no types from a header-only CSV: the SQL file gives
    every table, typed from its Table Schema, with its rows, codes kept as text."""
    import sqlite3

    folder = data(kungsor_site)
    db = sqlite3.connect(":memory:")
    db.executescript((folder / "medborgarloften.sql").read_text(encoding="utf-8"))
    resources = descriptor(kungsor_site)["resources"]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {r["name"] for r in resources}
    for resource in resources:
        name = resource["name"]
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(rows), name
        declared = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{name}")')}
        for fld in resource["schema"]["fields"]:
            expected = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}.get(
                fld["type"], "TEXT")
            assert declared[fld["name"]] == expected, (name, fld["name"])
        keys = [row[1] for row in sorted(db.execute(f'PRAGMA table_info("{name}")'),
                                         key=lambda r: r[5]) if row[5]]
        assert keys == resource["schema"].get("primaryKey", []), name
    assert any(not rows for rows in [db.execute(f'SELECT 1 FROM "{r["name"]}"').fetchall()
                                     for r in resources])  # an empty table is still there
    codes = {row[0] for row in db.execute('SELECT municipality_code FROM "promises"')}
    assert codes == {"1960"} and all(isinstance(c, str) for c in codes)
    # every text cell comes back exactly as in the CSV (quotes, newlines, Markdown)
    for resource in resources:
        name = resource["name"]
        text_columns = [f["name"] for f in resource["schema"]["fields"]
                        if f["type"] not in ("integer", "number", "boolean")]
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            expected = [[row[c] for c in text_columns] for row in csv.DictReader(handle)]
        query = "SELECT " + ", ".join(f'"{c}"' for c in text_columns) + f' FROM "{name}" ORDER BY rowid'
        found = [["" if v is None else v for v in row] for row in db.execute(query)]
        assert found == expected, name


def test_every_markdown_column_has_a_plain_text_copy(kungsor_site):
    folder = data(kungsor_site)
    copies = 0
    for resource in descriptor(kungsor_site)["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        for fld in resource["schema"]["fields"]:
            if "Markdown" not in fld.get("description_en", ""):
                continue
            copy = fld["name"] + "_text"
            assert fields[fields.index(fld["name"]) + 1] == copy, (resource["name"], copy)
            copies += 1
            with open(folder / f"{resource['name']}.csv", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    assert bool(row[copy]) == bool(row[fld["name"]])
                    assert not re.search(r"\*\*|\]\(|^#+ ", row[copy], re.MULTILINE), row[copy]
    assert copies >= 10


@pytest.mark.parametrize("markdown, text", [
    ("Ingen markering, bara text.", "Ingen markering, bara text."),
    ("Se **mer** på [kungsor.se](https://www.kungsor.se/) och\nnästa rad.",
     "Se mer på kungsor.se och nästa rad."),
    ("- ett\n- två\n\nStycke _två_.", "ett\ntvå\nStycke två."),
    ("# Rubrik\n\n`kod` & <b>rå html</b>", "Rubrik\nkod & <b>rå html</b>"),
])
def test_plain_text_of_markdown(markdown, text):
    from generator.render.markdown import plain_text

    assert plain_text(markdown) == text
