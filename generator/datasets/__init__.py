"""The downloadable data: made from exactly the rows that were validated.

Everything is made in memory first (a `Release`), in an order where each file can describe the
ones before it: tables (CSV, JSON, Excel), codebook, read-me, changelog, datapackage.json →
SHA256SUMS over those → one zip of all of them → the DCAT catalogue over every file. Making it
writes nothing, so the build checks it (`check_release`) with the other checks, before any
file is written. Then `write_release` writes:

- `data/<file>`: the latest release, at URLs that never move;
- `data/v<version>/<file>`: the same bytes, frozen. A versioned folder that the published site
  already has is never changed: if the new bytes differ, the build stops and asks the editor
  to raise `data_version`. Older versioned folders are carried over unchanged.
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


def make_release(content: Content, tables: dict[str, Table], base_url: str) -> Release:
    """Every file of the release, in memory."""
    from generator.datasets import dcat, docs, package, workbook
    from generator.datasets.archive import deterministic_zip, zip_date
    from generator.datasets.flat import NAME as FLAT
    from generator.datasets.flat import commitments_flat
    from generator.datasets.meta import build_meta
    from generator.datasets.nested import promise_documents

    base = base_url if base_url.endswith("/") else base_url + "/"
    tables = {**tables, FLAT: commitments_flat(content, base)}  # derived from the validated model
    meta = build_meta(content, tables, base)
    files: list[DataFile] = []

    def add(name: str, data: bytes, sv: str, en: str) -> None:
        files.append(DataFile(name, data, sv, en, *dcat.file_format(name)))

    csv_files = {}
    for resource in package.resources():
        name = resource["name"]
        csv_files[name] = package.csv_bytes(tables[name])
        add(f"{name}.csv", csv_files[name], f"{resource['title']} (CSV)",
            f"{resource['title_en']} (CSV)")
    for resource in package.resources():
        name = resource["name"]
        add(f"{name}.json", package.json_bytes(tables[name]), f"{resource['title']} (JSON)",
            f"{resource['title_en']} (JSON)")
    for resource in package.resources():
        name = resource["name"]
        add(f"{name}.excel.csv", package.excel_csv_bytes(tables[name]),
            f"{resource['title']} (CSV för svenska Excel: semikolon, decimalkomma)",
            f"{resource['title_en']} (CSV for Swedish Excel: semicolons, decimal comma)")
    for name, document in promise_documents(tables).items():
        pid = name[len("promise-"):-len(".json")]
        add(name, document, f"Löftet {pid} med fokusområden, åtaganden och uppföljningar (JSON)",
            f"The promise {pid} with focus areas, commitments and follow-ups (JSON)")
    add(WORKBOOK_NAME, workbook.workbook_bytes(meta, tables),
        "Alla tabeller (Excel)", "All tables (Excel)")
    add("codebook.csv", docs.codebook_csv(), "Kodbok (CSV)", "Codebook (CSV)")
    add("datapackage.json", package.descriptor_bytes(meta, csv_files),
        "Datapaket med tabellscheman (Frictionless)", "Data package with Table Schemas (Frictionless)")
    add("CHANGELOG.md", docs.changelog(meta, content, tables), "Ändringslogg", "Changelog")
    names = [f.name for f in files] + ["README.md", "SHA256SUMS"]
    add("README.md", docs.readme(meta, tables, names), "Läs mig", "Read me")
    add("SHA256SUMS", docs.sha256sums({f.name: f.sha256 for f in files}),
        "Kontrollsummor (SHA-256)", "Checksums (SHA-256)")
    add(ZIP_NAME, deterministic_zip({f.name: f.data for f in sorted(files, key=lambda f: f.name)},
                                    zip_date(meta.created)),
        "Allt ovan i en zip-fil", "All of the above in one zip file")
    catalog = DataFile(dcat.CATALOG_FILE,
                       dcat.catalog_bytes(meta, {f.name: f.data for f in files},
                                          {f.name: (f.title_sv, f.title_en) for f in files}),
                       "DCAT-AP-SE-katalog", "DCAT-AP-SE catalogue", "RDF_XML",
                       "application/rdf+xml")
    return Release(meta, files, catalog)


def check_version(content: Content) -> Problem | None:
    """`data_version` is a semantic version (it names a folder of the published site)."""
    from generator.datasets.meta import data_version, is_semver

    version = data_version(content)
    if is_semver(version):
        return None
    return Problem(_site_position(content), "data_version_invalid", {"version": version},
                   "data_version")


def check_release(content: Content, rel: Release, published: Path,
                  base_url: str) -> Problem | None:
    """A version the published site already has never changes: the same version with other
    bytes is an error, unless this is a preview for another address (`serve`, or --base-url
    pointing elsewhere), which may rebuild changed data under the same version."""
    folder = published / DATA_DIR / rel.meta.version_dir
    if not folder.is_dir() or not _is_publication(content, base_url):
        return None
    old = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    new = {f.name: f.data for f in rel.files}
    changed = sorted((name for name in set(old) | set(new) if old.get(name) != new.get(name)),
                     key=lambda name: (not name.endswith(".csv") or name.endswith(".excel.csv"), name))
    # the tables' own CSVs first: they say what changed; the other files follow from them
    if not changed:
        return None
    return Problem(_site_position(content), "data_version_published",
                   {"version": rel.meta.version, "files": ", ".join(changed[:5])
                    + (" …" if len(changed) > 5 else "")}, "data_version")


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


def _site_position(content: Content) -> Position:
    return content.site.pos or Position("site.yaml")


def _carry_over_versions(published: Path, output: Output, current: str) -> None:
    """Earlier versions stay online, byte for byte, whatever this build's version is."""
    data = published / DATA_DIR
    if not data.is_dir():
        return
    for folder in sorted(data.iterdir()):
        if (folder.is_dir() and not folder.is_symlink() and VERSION_DIR.fullmatch(folder.name)
                and folder.name != current):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    output.copy_file(path, f"{DATA_DIR}/{folder.name}/"
                                           f"{path.relative_to(folder).as_posix()}")


def descriptor(rel: Release) -> dict:
    return json.loads(rel.file("datapackage.json").data)
