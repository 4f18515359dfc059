"""The downloadable data: written from exactly the rows that were validated.

Everything is made in memory first (a `Release`), in an order where each file can describe the
ones before it: tables (CSV, JSON, Excel), codebook, read-me, changelog, datapackage.json →
SHA256SUMS over those → one zip of all of them → the DCAT catalogue over every file. Then:

- `data/<file>`: the latest release, at URLs that never move;
- `data/v<version>/<file>`: the same bytes, frozen. A versioned folder that the previously
  published site already has is never changed: if the new bytes differ, the build stops and asks
  the editor to raise `data_version`. Older versioned folders are carried over unchanged.
- `data/catalog.rdf`: the DCAT-AP-SE catalogue for dataportal.se.

The data page asks `release()` for the same release (made once per build and reused). For big
data the release is made in a forked process while the tables are validated (`start_release`);
that process also writes the files, and sends back the release without their bytes (sizes and
SHA-256 only), with what it wrote.
"""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

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

    def __reduce__(self):
        """Raised in the release process too (see PendingRelease), and pickled back."""
        return (DatasetError, (self.problem,))


@dataclass
class DataFile:
    name: str
    data: bytes | None = field(repr=False)  # None: written already (see `written`)
    title_sv: str
    title_en: str
    kind: str  # CSV, JSON, XLSX, ZIP, TXT …
    media_type: str
    size: int | None = field(default=None, repr=False)  # of the bytes when they are left out

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}"

    @property
    def bytes(self) -> int:
        return len(self.data) if self.data is not None else self.size

    def written(self) -> DataFile:
        """The same file without its bytes (they are in the output folder already), with
        their size and SHA-256: what the data page needs, without sending 50 MB between
        processes at 10,000 pages."""
        slim = replace(self, data=None, size=self.bytes)
        slim.__dict__["sha256"] = self.sha256
        return slim

    @cached_property
    def sha256(self) -> str:
        """Computed once, where the file is made (the release's own process): it goes into
        SHA256SUMS there, and the data page of each language shows it again."""
        return hashlib.sha256(self.data).hexdigest()

    def title(self, lang: str) -> str:
        return self.title_sv if lang == "sv" else self.title_en


@dataclass
class Release:
    meta: object  # generator.datasets.meta.Meta
    files: list[DataFile]  # in the versioned folder and the zip
    catalog: DataFile
    kept: dict[str, tuple[bytes, bytes]] = field(default_factory=dict, repr=False)  # memo.py

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


_cache: dict[str, tuple[Content, dict, Release]] = {}


def make_release(content: Content, tables: dict[str, Table], base_url: str,
                 kept: Path | None = None) -> Release:
    """Every file of the release, in memory. Reused while the same content is being built.
    `kept`: the folder of files kept from earlier builds (see memo.py)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    rows = {name: table.rows for name, table in tables.items()}
    cached = _cache.get(base)
    if cached and cached[0] is content and cached[1] == rows:
        return cached[2]
    return _keep(content, tables, base, _make_release(content, tables, base, kept))


def _keep(content: Content, tables: dict[str, Table], base: str, release: Release) -> Release:
    """Remember the release of this content for the data page (see `release`)."""
    _cache.clear()
    _cache[base] = (content, {name: table.rows for name, table in tables.items()}, release)
    return release


def release(content: Content, base_url: str) -> Release:
    """For the data page: the release of this content (the tables are rebuilt: same rows)."""
    from generator.tables import build_tables

    base = base_url if base_url.endswith("/") else base_url + "/"
    cached = _cache.get(base)
    if cached and cached[0] is content:
        return cached[2]
    return make_release(content, build_tables(content), base)


def _make_release(content: Content, tables: dict[str, Table], base_url: str,
                  kept: Path | None = None) -> Release:
    from generator.datasets import dcat, docs, package, workbook
    from generator.datasets.archive import deterministic_zip, zip_date
    from generator.datasets.memo import Memo
    from generator.datasets.meta import build_meta

    memo = Memo(kept)
    keys = {name: table.digest() for name, table in tables.items()} if kept else {}
    meta = build_meta(content, tables, base_url)
    files: list[DataFile] = []
    # Each file's compressed bytes for the zip are started as soon as the file exists, on
    # threads (zlib lets go of the interpreter while compressing): a rebuild compresses the
    # edited table's CSV and JSON while it makes the workbook, instead of afterwards.
    compressing = ThreadPoolExecutor(max_workers=2)
    deflated: dict[int, Future] = {}  # id of a file's bytes -> their compressed bytes

    def add(name: str, data: bytes, sv: str, en: str) -> None:
        kind, media = dcat.file_format(name)
        files.append(DataFile(name, data, sv, en, kind, media))
        deflated[id(data)] = compressing.submit(memo.deflate, data)

    def deflate(data: bytes) -> bytes:
        started = deflated.get(id(data))
        return started.result() if started is not None else memo.deflate(data)

    csv_files = {}
    for resource in package.resources():
        name = resource["name"]
        csv_files[name] = memo.get("csv", keys.get(name, ""),
                                   lambda: package.csv_bytes(tables[name]))
        add(f"{name}.csv", csv_files[name], f"{resource['title']} (CSV)",
            f"{resource['title_en']} (CSV)")
    for resource in package.resources():
        name = resource["name"]
        add(f"{name}.json", memo.get("json", keys.get(name, ""),
                                     lambda: package.json_bytes(tables[name])),
            f"{resource['title']} (JSON)",
            f"{resource['title_en']} (JSON)")
    add(WORKBOOK_NAME, workbook.workbook_bytes(
        meta, tables, compress=memo.deflate,
        sheet_xml=lambda table: memo.get("xlsx-sheet", keys.get(table.name, ""),
                                         lambda: workbook.table_sheet_xml(table))),
        "Alla tabeller (Excel)", "All tables (Excel)")
    add("codebook.csv", docs.codebook_csv(), "Kodbok (CSV)", "Codebook (CSV)")
    add("datapackage.json", package.descriptor_bytes(meta, csv_files),
        "Datapaket med tabellscheman (Frictionless)", "Data package with Table Schemas (Frictionless)")
    # The changelog lists the row counts, the promises' signing and the follow-ups: made
    # again only when one of those changed (0.1 s at 10,000 pages).
    changelog_key = "\0".join([meta.version, str(meta.created), *(
        f"{name}={len(table.rows)}" for name, table in sorted(tables.items())),
        keys.get("promises", ""), keys.get("follow_ups", "")]) if keys else ""
    add("CHANGELOG.md", memo.get("changelog", changelog_key,
                                 lambda: docs.changelog(meta, content, tables)),
        "Ändringslogg", "Changelog")
    names = [f.name for f in files] + ["README.md", "SHA256SUMS"]
    add("README.md", docs.readme(meta, tables, names), "Läs mig", "Read me")
    add("SHA256SUMS", docs.sha256sums({f.name: f.sha256 for f in files}),
        "Kontrollsummor (SHA-256)", "Checksums (SHA-256)")
    try:
        archive = deterministic_zip({f.name: f.data for f in files}, zip_date(meta.created),
                                    compress=deflate)
    finally:
        compressing.shutdown(cancel_futures=True)
    files.append(DataFile(ZIP_NAME, archive, "Allt ovan i en zip-fil",
                          "All of the above in one zip file", *dcat.file_format(ZIP_NAME)))
    catalog_data = dcat.catalog_bytes(meta, {f.name: f.data for f in files},
                                      {f.name: (f.title_sv, f.title_en) for f in files})
    kind, media = "RDF_XML", "application/rdf+xml"
    catalog = DataFile(dcat.CATALOG_FILE, catalog_data, "DCAT-AP-SE-katalog",
                       "DCAT-AP-SE catalogue", kind, media)
    for item in (*files, catalog):
        item.sha256  # noqa: B018 - computed here, sent along with the release
    return Release(meta, files, catalog, memo.made)


BIG_ROWS = 20_000  # from here the release is made in a process of its own (start_release)


class PendingRelease:
    """A release being made in a forked process (big data only, see `start_release`), which
    also writes its files into the output folder `root` and sends back the release without
    their bytes, with what it wrote."""

    def __init__(self, content: Content, tables: dict[str, Table], base_url: str,
                 kept: Path | None, root: Path) -> None:
        from generator.processes import Forked

        self.content, self.tables = content, tables
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self._making = Forked(_make_and_write, content, tables, self.base, kept, root)

    def result(self) -> tuple[Release, dict[str, int]]:
        """The release (also kept for the data page, as make_release would) and the files
        written: site-relative path -> bytes."""
        made, written = self._making.result()
        return _keep(self.content, self.tables, self.base, made), written

    def abandon(self) -> None:
        self._making.abandon()


def _make_and_write(content: Content, tables: dict[str, Table], base_url: str,
                    kept: Path | None, root: Path) -> tuple[Release, dict[str, int]]:
    made = _make_release(content, tables, base_url, kept)
    output = Output(root)
    _write_release(content, made, output)
    return (Release(made.meta, [f.written() for f in made.files], made.catalog.written(),
                    made.kept), output.written)


def start_release(content: Content, tables: dict[str, Table], base_url: str,
                  kept: Path | None, root: Path) -> PendingRelease | None:
    """Start making the release in another process when the data is big enough for that to pay
    off (the build validates meanwhile), writing it into the output folder `root` (whose
    spare-tree check is done); None: make it when it is written."""
    if sum(len(t.rows) for t in tables.values()) < BIG_ROWS:
        return None
    return PendingRelease(content, tables, base_url, kept, root)


def write_datasets(content: Content, tables: dict[str, Table], output: Output, base_url: str,
                   pending: PendingRelease | None = None, kept: Path | None = None) -> Release:
    """Every download under data/: the latest files, the frozen versioned copy, the catalogue."""
    from generator.datasets.meta import data_version, is_semver

    version = data_version(content)
    if not is_semver(version):
        raise DatasetError(Problem(_site_position(content), "data_version_invalid",
                                   {"version": version}, "data_version"))
    if pending is not None:
        rel, written = pending.result()
        output.record(written)
    else:
        rel = make_release(content, tables, base_url, kept)
        _write_release(content, rel, output)
    published = published_root(output.root)
    if published is not None:
        _carry_over_versions(published, output, rel.meta.version_dir)
    return rel


def _write_release(content: Content, rel: Release, output: Output) -> None:
    """The latest files and their versioned copies (unless that version was published with
    other bytes), and the catalogue."""
    version_dir = f"{DATA_DIR}/{rel.meta.version_dir}"
    published = published_root(output.root)
    if published is not None and _is_publication(content, rel.meta.base_url):
        _check_frozen(published / version_dir, rel, content)
    for item in rel.files:
        output.write_bytes(item.path, item.data)
        output.same_as(f"{version_dir}/{item.name}", item.path)
    output.write_bytes(rel.catalog.path, rel.catalog.data)


def _is_publication(content: Content, base_url: str) -> bool:
    """Only a build for the site's own address publishes; a preview (`serve`, or --base-url
    pointing elsewhere) may rebuild changed data under the same version as often as it likes."""
    own = content.site.base_url or "/"
    return base_url.rstrip("/") == own.rstrip("/")


def _site_position(content: Content) -> Position:
    return content.site.pos or Position("site.yaml")


def published_root(staging: Path) -> Path | None:
    """The previously published site beside the build's staging folder (see publish.py)."""
    from generator.publish import staging_prefix

    name = staging.name
    if not name.startswith(".") or ".staging-" not in name:
        return None
    out = staging.parent / name[1:name.rindex(".staging-")]
    if not name.startswith(staging_prefix(out)) or not out.is_dir():
        return None
    return out


def _check_frozen(folder: Path, rel: Release, content: Content) -> None:
    """A published version never changes: same version and different bytes is an error."""
    if not folder.is_dir():
        return
    old = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    new = {f.name: f.data for f in rel.files}
    changed = sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
    if changed:
        raise DatasetError(Problem(
            _site_position(content), "data_version_published",
            {"version": rel.meta.version, "files": ", ".join(changed[:5])
             + (" …" if len(changed) > 5 else "")},
            "data_version"))


def _carry_over_versions(published: Path, output: Output, current: str) -> None:
    """Earlier versions stay online, byte for byte, whatever this build's version is."""
    data = published / DATA_DIR
    if not data.is_dir():
        return
    for folder in sorted(data.iterdir()):
        if folder.is_dir() and VERSION_DIR.fullmatch(folder.name) and folder.name != current:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    output.copy_file(path, f"{DATA_DIR}/{folder.name}/"
                                           f"{path.relative_to(folder).as_posix()}")


def descriptor(rel: Release) -> dict:
    return json.loads(rel.file("datapackage.json").data)
