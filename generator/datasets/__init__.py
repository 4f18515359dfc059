"""The downloadable data: made from exactly the rows that were validated.

Everything is made in memory first (a `Release`), in an order where each file can describe the
ones before it: tables (CSV, JSON, Excel), codebook, read-me, changelog, datapackage.json →
SHA256SUMS over those → one zip of all of them → the DCAT catalogue over every file. Making it
writes nothing, so the build checks it (`check_release`) with the other checks, before any
file is written. Then `write_release` writes:

- `data/<file>`: the latest release, at URLs that never move;
- `data/v<version>/<file>`: the same bytes, frozen. A versioned folder that the published site
  already has is never changed: when the data differ, the build derives the next version
  (`versions.py`), and stops only when site.yaml pins a version that would conflict. Older
  versioned folders are carried over unchanged.
- `data/catalog.rdf`: the DCAT-AP-SE catalogue for dataportal.se.

The data page shows the same release: the renderer is handed it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.datasets.meta import Meta
from generator.model import Content
from generator.output import Output
from generator.problems import Position, Problem
from generator.tables import Table

DATA_DIR = "data"
ZIP_NAME = "medborgarloften.zip"
WORKBOOK_NAME = "medborgarloften.xlsx"
VERSION_DIR = re.compile(r"v\d+\.\d+\.\d+")
PAGES = {"index.html"}  # a version's own page in its folder: rendered by every build, not data


class DatasetError(Exception):
    """A problem only found while writing the data (e.g. a published version would change)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class DataFile:
    name: str
    data: bytes = field(repr=False)
    title_sv: str
    title_en: str
    kind: str  # CSV, JSON, XLSX, ZIP, TXT …
    media_type: str
    rows: int | None = None  # a table's rows; None for files that are not one table

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}"

    @property
    def bytes(self) -> int:
        return len(self.data)

    @cached_property
    def sha256(self) -> str:
        """Computed once: SHA256SUMS and each language's data page show it."""
        return hashlib.sha256(self.data).hexdigest()

    def title(self, lang: str) -> str:
        return self.title_sv if lang == "sv" else self.title_en


@dataclass
class Release:
    meta: Meta
    files: list[DataFile]  # in the versioned folder and the zip
    catalog: DataFile
    # the files (name, bytes) of every earlier version the published site holds
    earlier: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def versions(self) -> list:
        """Every version, newest first (versions.VersionRecord), this one included; the files
        (versions.json, CHANGELOG.md) hold only `meta.history`, the history as of this one."""
        return [*self.meta.newer, *self.meta.history]

    def version_files(self, version: str) -> list[tuple[str, int]]:
        """A version's files and their sizes, for its page."""
        if version == self.meta.version:
            return [(f.name, f.bytes) for f in self.files]
        return self.earlier.get(version, [])

    def table_files(self) -> list[dict]:
        """One entry per table: its title, rows and its CSV, JSON and Excel CSV files."""
        from generator.datasets.package import resources

        out = []
        for resource in resources():
            name = resource["name"]
            out.append({"name": name, "title_sv": resource["title"],
                        "title_en": resource["title_en"], "rows": self.file(f"{name}.csv").rows,
                        "csv": self.file(f"{name}.csv"), "json": self.file(f"{name}.json"),
                        "excel_csv": self.file(f"{name}.excel.csv")})
        return out

    def other_files(self) -> list[DataFile]:
        """The files that are not one table's CSV, JSON or Excel CSV, the workbook or the zip."""
        tables = {r["name"] for r in self.codebook()}
        skip = {WORKBOOK_NAME, ZIP_NAME}
        return [f for f in self.all_files if f.name not in skip
                and f.name.split(".")[0] not in tables]

    @property
    def all_files(self) -> list[DataFile]:
        return self.files + [self.catalog]

    def file(self, name: str) -> DataFile:
        return next(f for f in self.all_files if f.name == name)

    def codebook(self) -> list[dict]:
        from generator.datasets.package import resources

        return resources()

    def citation(self, lang: str) -> str:
        from generator.datasets.docs import citation

        return citation(self.meta, lang)

    def json_ld(self, lang: str):
        from generator.datasets.jsonld import dataset_json_ld

        return dataset_json_ld(self, lang)


def release_tables(content: Content, tables: dict[str, Table], base_url: str
                   ) -> dict[str, Table]:
    """The validated tables and the flat table derived from the same model."""
    from generator.datasets.flat import NAME as FLAT
    from generator.datasets.flat import commitments_flat

    return {**tables, FLAT: commitments_flat(content, _slash(base_url))}


def prepare_release(content: Content, tables: dict[str, Table], base_url: str,
                    published: Path | None, day: str) -> Release | Problem:
    """The release this build publishes, its version derived from the published site
    (`versions.py`), or the problem when a pinned `data_version` conflicts with it.
    `published` None: a preview (`serve`), which reads no history."""
    from generator.datasets import versions
    from generator.datasets.meta import pinned_version
    from generator.datasets.package import csv_bytes, resources

    tables = release_tables(content, tables, base_url)
    pinned = pinned_version(content)
    history = (versions.read_published(published / DATA_DIR)
               if published is not None and _is_publication(content, base_url) else None)
    keys = {r["name"]: list(r["schema"].get("primaryKey", [])) for r in resources()}
    try:
        plan = versions.plan(tables, keys, csv_bytes, history, pinned, day)
    except versions.VersionConflict as conflict:
        return Problem(_version_position(content), conflict.code, conflict.args_, "data_version")
    release = make_release(content, tables, base_url, plan)
    if plan.reuses_published and history is not None:
        changed = _changed_files(release, history.folder(plan.version))
        if changed and plan.pinned:
            return Problem(_version_position(content), "data_version_published",
                           {"version": plan.version, "files": _listed(changed),
                            "next": versions.bump(history.records[0].version, "patch")},
                           "data_version")
        if changed:
            release = make_release(content, tables, base_url,
                                   versions.with_other_files_changed(plan, day))
    if history is not None:
        release.earlier = {r.version: _folder_files(history.folder(r.version))
                           for r in history.records if r.version != release.meta.version}
    return release


def _folder_files(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_size) for p in folder.iterdir()
                  if p.is_file() and not p.is_symlink() and p.name not in PAGES)


def make_release(content: Content, tables: dict[str, Table], base_url: str, plan) -> Release:
    """Every file of the release, in memory. `tables`: from `release_tables`; `plan`: the
    version and its history (`versions.plan`)."""
    from generator.datasets import dcat, docs, package, sql, versions, workbook
    from generator.datasets.archive import deterministic_zip, zip_date
    from generator.datasets.meta import build_meta
    from generator.datasets.nested import promise_documents

    base = _slash(base_url)
    meta = build_meta(content, tables, base, plan)
    files: list[DataFile] = []

    def add(name: str, data: bytes, sv: str, en: str, rows: int | None = None) -> None:
        files.append(DataFile(name, data, sv, en, *dcat.file_format(name), rows=rows))

    csv_files = {}
    for resource in package.resources():
        name = resource["name"]
        csv_files[name] = package.csv_bytes(tables[name])
        add(f"{name}.csv", csv_files[name], f"{resource['title']} (CSV)",
            f"{resource['title_en']} (CSV)", len(tables[name].rows))
    for resource in package.resources():
        name = resource["name"]
        add(f"{name}.json", package.json_bytes(tables[name]), f"{resource['title']} (JSON)",
            f"{resource['title_en']} (JSON)", len(tables[name].rows))
    for resource in package.resources():
        name = resource["name"]
        add(f"{name}.excel.csv", package.excel_csv_bytes(tables[name]),
            f"{resource['title']} (CSV för svenska Excel: semikolon, decimalkomma)",
            f"{resource['title_en']} (CSV for Swedish Excel: semicolons, decimal comma)",
            len(tables[name].rows))
    for name, document in promise_documents(tables).items():
        pid = name[len("promise-"):-len(".json")]
        add(name, document, f"Löftet {pid} med fokusområden, åtaganden och uppföljningar (JSON)",
            f"The promise {pid} with focus areas, commitments and follow-ups (JSON)")
    add(WORKBOOK_NAME, workbook.workbook_bytes(meta, tables),
        "Alla tabeller (Excel)", "All tables (Excel)")
    add(sql.NAME, sql.sql_bytes(tables, package.resources()),
        "Alla tabeller som SQL, med typer och nycklar (SQLite)",
        "All tables as SQL, with types and keys (SQLite)")
    add("codebook.csv", docs.codebook_csv(), "Kodbok (CSV)", "Codebook (CSV)")
    add("datapackage.json", package.descriptor_bytes(meta, csv_files),
        "Datapaket med tabellscheman (Frictionless)", "Data package with Table Schemas (Frictionless)")
    add("CHANGELOG.md", docs.changelog(meta, content, tables), "Ändringslogg", "Changelog")
    add(versions.VERSIONS_FILE, versions.versions_json(plan),
        "Alla versioner med publiceringsdag och ändringar (JSON)",
        "Every version with its publication day and changes (JSON)")
    names = [f.name for f in files] + ["README.md", "SHA256SUMS"]
    add("README.md", docs.readme(meta, tables, names), "Läs mig", "Read me")
    add("SHA256SUMS", docs.sha256sums({f.name: f.sha256 for f in files}),
        "Kontrollsummor (SHA-256)", "Checksums (SHA-256)")
    add(ZIP_NAME, deterministic_zip({f.name: f.data for f in sorted(files, key=lambda f: f.name)},
                                    zip_date(meta.published)),
        "Allt ovan i en zip-fil", "All of the above in one zip file")
    catalog = DataFile(dcat.CATALOG_FILE,
                       dcat.catalog_bytes(meta, {f.name: f.data for f in files},
                                          {f.name: (f.title_sv, f.title_en) for f in files}),
                       "DCAT-AP-SE-katalog", "DCAT-AP-SE catalogue", "RDF_XML",
                       "application/rdf+xml")
    return Release(meta, files, catalog)


def check_version(content: Content) -> Problem | None:
    """A pinned `data_version` is a semantic version (it names a folder of the published site)."""
    from generator.datasets.meta import is_semver, pinned_version

    version = pinned_version(content)
    if version is None or is_semver(version):
        return None
    return Problem(_version_position(content), "data_version_invalid", {"version": version},
                   "data_version")


def _changed_files(rel: Release, folder: Path) -> list[str]:
    """The files of `rel` that differ from a published version's folder, the tables' own CSVs
    first (they say what changed; the other files follow from them)."""
    old = {p.name: p.read_bytes() for p in folder.iterdir()
           if p.is_file() and not p.is_symlink() and p.name not in PAGES}
    new = {f.name: f.data for f in rel.files}
    return sorted((name for name in set(old) | set(new) if old.get(name) != new.get(name)),
                  key=lambda name: (not name.endswith(".csv") or name.endswith(".excel.csv"), name))


def _listed(names: list[str]) -> str:
    return ", ".join(names[:5]) + (" …" if len(names) > 5 else "")


def _slash(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


def write_release(rel: Release, output: Output, published: Path) -> None:
    """The latest files, their versioned copies, the catalogue, and every earlier version
    the published site has, byte for byte."""
    version_dir = f"{DATA_DIR}/{rel.meta.version_dir}"
    for item in rel.files:
        output.write_bytes(item.path, item.data)
        output.write_bytes(f"{version_dir}/{item.name}", item.data)
    output.write_bytes(rel.catalog.path, rel.catalog.data)
    _carry_over_versions(published, output, rel.meta.version_dir)


def _is_publication(content: Content, base_url: str) -> bool:
    own = content.site.base_url or "/"
    return base_url.rstrip("/") == own.rstrip("/")


def _version_position(content: Content) -> Position:
    """Where `data_version` is written, else the top of site.yaml."""
    return (getattr(content.site.data_version, "pos", None) or content.site.pos
            or Position("site.yaml"))


def _carry_over_versions(published: Path, output: Output, current: str) -> None:
    """Earlier versions stay online, byte for byte, whatever this build's version is."""
    data = published / DATA_DIR
    if not data.is_dir():
        return
    for folder in sorted(data.iterdir()):
        if (folder.is_dir() and not folder.is_symlink() and VERSION_DIR.fullmatch(folder.name)
                and folder.name != current):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink() and path.name not in PAGES:
                    output.copy_file(path, f"{DATA_DIR}/{folder.name}/"
                                           f"{path.relative_to(folder).as_posix()}")


def descriptor(rel: Release) -> dict:
    return json.loads(rel.file("datapackage.json").data)
