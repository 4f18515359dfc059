"""Reusing the previous build's pages: only pages whose inputs changed are rendered again.

Every page gets a fingerprint: a hash of everything that can change its bytes — the generator's
code, the theme (templates, catalogues, static files), the base URL, site.yaml and
organisations.yaml, the page plan (which pages exist where: every link depends on it), the page's
own parameters, and the source files whose content the page shows. A page whose fingerprint
equals the one recorded for the published site is hard-linked from there into the staging
folder instead of being rendered and written, provided the published file is still the one
that build wrote (same inode, size and modification time: a restored copy is not trusted).

The tables' validation is kept as digests (`tables.json`): a table whose rows, schema and
referenced tables are unchanged since a successful build is not validated again.

Markdown is kept too: `.<out>.cache/markdown-*.pickle` hold every text the last build rendered,
so a page that must be rendered again (an organisation page listing a thousand commitments)
does not render a thousand unchanged texts again. It is only used by the same renderer code.

The record lives beside the output (`.<out>.cache/`), never inside the published site. It is
removed before a publish and written after it, so a build killed in between leaves no record and
the next build renders everything. When in doubt a page depends on all sources.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Content
from generator.output import remove
from generator.render.pages import Page
from generator.sources.loader import shown_path

GENERATOR = Path(__file__).resolve().parent.parent
RECORD = "pages.pickle"
LINKS = "links.pickle"
TABLES = "tables.json"
FORMAT = 3


def cache_folder(out: Path) -> Path:
    out = out.absolute()
    return out.parent / f".{out.name}.cache"


@dataclass
class PageRecord:
    """The fingerprints of the published site's pages, and where its files are."""

    published: Path
    fingerprints: dict[str, str]
    stats: dict[str, list[int]] = field(default_factory=dict)  # rel -> identity() when written
    links: dict = field(default_factory=dict)  # rel -> linkcheck.PageLinks of the same bytes
    link_check: object = None  # linkcheck.CheckedLinks of the published build

    @classmethod
    def read(cls, out: Path) -> PageRecord:
        out = out.absolute()
        try:
            data = pickle.loads((cache_folder(out) / RECORD).read_bytes())
            if data.get("format") != FORMAT or not out.is_dir():
                raise ValueError
            record = cls(out, {rel: fp for rel, (fp, *_) in data["pages"].items()},
                         {rel: stat for rel, (_, *stat) in data["pages"].items()})
        except Exception:  # noqa: BLE001 - missing or damaged: every page is rendered
            return cls(out, {})
        try:
            kept = pickle.loads((cache_folder(out) / LINKS).read_bytes())
            record.links, record.link_check = kept["pages"], kept["check"]
        except Exception:  # noqa: BLE001 - without it, reused pages are read again
            pass
        return record

    def folders(self) -> set[str]:
        """The folders the published site's pages are in (site-relative, "" for the top)."""
        return {rel.rpartition("/")[0] for rel in self.fingerprints} - {""}

    def kept(self, rel: str, fingerprint: str, target: str) -> tuple[int, int, int] | None:
        """The identity of `target` when a reused staging tree (publish.py) already holds the
        very file the published site has, and it is still right (one stat); else None."""
        if self.fingerprints.get(rel) != fingerprint:
            return None
        try:
            here = identity(target)
        except OSError:
            return None
        return here if list(here) == self.stats.get(rel) else None

    def reuse(self, rel: str, fingerprint: str, target: Path) -> tuple[int, int, int] | None:
        """Hard-link the published page into place (its folder exists) if it is still right;
        the identity of the file (a link has its source's: same inode, size and time), or None.
        Call after `kept` found the staging folder without it."""
        if self.fingerprints.get(rel) != fingerprint:
            return None
        source = self.published / rel
        try:
            known = identity(source)
            if list(known) != self.stats.get(rel):
                return None  # not the file this build wrote (the folder was restored or edited)
            try:
                os.link(source, target)
            except FileExistsError:  # a reused tree (publish.py): is it that very file?
                if os.stat(target, follow_symlinks=False).st_ino == known[0]:
                    return known
                remove(target)
                os.link(source, target)
            return known
        except OSError:  # gone, or another filesystem: render it instead
            return None


def forget(out: Path) -> None:
    """Before a publish: the record would no longer match the site if the swap happened and
    the process died before `remember`. (The links are read only with a record.)"""
    for name in (RECORD, TABLES):
        try:
            (cache_folder(out) / name).unlink()
        except FileNotFoundError:
            pass


def start_saving(out: Path) -> None:
    """Before rendering: an empty folder for this build's Markdown (see `save_markdown`)."""
    import shutil

    shutil.rmtree(cache_folder(out) / "next", ignore_errors=True)


def identity(path: Path | str) -> tuple[int, int, int]:
    """Inode, size and modification time: a file that still has them is the one written."""
    stat = os.stat(path)
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def remember(out: Path, fingerprints: dict[str, str], stats: dict[str, tuple[int, int, int]],
             links: dict, table_digests: dict[str, str], link_check=None,
             links_kept: bool = False) -> None:
    """After a publish: the fingerprints of the pages now live, their links (so the link check
    need not read unchanged pages again), the tables that passed validation (see
    validate.table_digests) and the Markdown the pages show (saved aside by each process that
    rendered, see `save_markdown`)."""
    folder = cache_folder(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in (TABLES, LINKS, RECORD):  # temporaries of killed builds (see _replace)
        for left in folder.glob(f"{name}.*"):
            if left.suffix[1:].isdigit():
                left.unlink(missing_ok=True)
    _replace(folder / TABLES, json.dumps(table_digests, sort_keys=True).encode("utf-8"))
    if not links_kept:  # else the file holds these already (8 MB at 10,000 pages)
        _replace(folder / LINKS, pickle.dumps({"pages": links, "check": link_check},
                                              protocol=pickle.HIGHEST_PROTOCOL))
    for old in folder.glob("markdown-*.pickle"):
        old.unlink()
    for new in sorted((folder / "next").glob("markdown-*.pickle")):
        os.replace(new, folder / new.name)
    pages = {rel: [fp, *stats[rel]] for rel, fp in fingerprints.items() if rel in stats}
    _replace(folder / RECORD, pickle.dumps({"format": FORMAT, "pages": pages},
                                           protocol=pickle.HIGHEST_PROTOCOL))


def validated_tables(out: Path) -> dict[str, str]:
    """Digests of the tables the published build validated without a problem."""
    try:
        data = json.loads((cache_folder(out) / TABLES).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError):
        return {}


def markdown_texts(out: Path, lang: str | None) -> dict[tuple[str, str], str]:
    """The texts the previous build rendered for pages in `lang` (None: every language)."""
    texts: dict[tuple[str, str], str] = {}
    code = _markdown_code()
    for path in sorted(cache_folder(out).glob("markdown-*.pickle")):
        tag = path.name[len("markdown-"):-len(".pickle")]
        if lang is not None and tag.split("-")[0] not in (lang, "main"):
            continue
        try:
            data = pickle.loads(path.read_bytes())
            if data["code"] == code:
                texts.update(data["texts"])
        except Exception:  # noqa: BLE001 - a missing or damaged cache only costs time
            pass
    return texts


def save_markdown(out: Path, tag: str, texts: dict[tuple[str, str], str]) -> None:
    """One process's texts, kept aside until the build is published (see `remember`)."""
    folder = cache_folder(out) / "next"
    folder.mkdir(parents=True, exist_ok=True)
    _replace(folder / f"markdown-{tag}.pickle",
             pickle.dumps({"code": _markdown_code(), "texts": texts},
                          protocol=pickle.HIGHEST_PROTOCOL))


def _markdown_code() -> str:
    from importlib.metadata import version

    source = (GENERATOR / "render" / "markdown.py").read_bytes()
    return _hash([FORMAT, hashlib.sha1(source).hexdigest(), version("markdown-it-py")])


def _replace(path: Path, data: bytes) -> None:
    """Written whole or not at all: a killed build leaves `<name>.<pid>` (see `remember`)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def fingerprints(content: Content, pages: list[Page], themes: list[Path], base_url: str,
                 content_dir: Path) -> dict[str, str]:
    """Output path -> fingerprint for every page of the plan.

    Source paths enter the fingerprints relative to the content folder: the model names its
    files as the editor sees them, from where the command runs, and a build run from another
    folder (or given the content folder spelled otherwise) makes the same pages."""
    shown_root = shown_path(content_dir)
    cut = 0 if shown_root == "." else len(shown_root) + 1
    sources = {shown[cut:]: digest
               for shown, digest in _file_digests(content_dir, content.source_digests).items()}
    shared = _hash([
        _tree_digest([GENERATOR], "*.py"), _tree_digest(themes, "*"), base_url,
        _hash([f"{p.key}|{p.lang}|{p.path}" for p in pages]),
        *(digest for path, digest in sorted(sources.items())
          if Path(path).name in ("site.yaml", "organisations.yaml")),
    ])
    everything = _hash([f"{path}={digest}" for path, digest in sorted(sources.items())])

    def files(*shown: str) -> str:
        paths = sorted({path[cut:] for path in shown})
        return _hash([f"{path}={sources.get(path, '?')}" for path in paths])

    result = {}
    for page in pages:
        deps = _dependencies(page, content, files, everything)
        result[page.output_file] = _hash([shared, page.key, page.lang, page.path, page.template,
                                          _parameters(page), deps])
    return result


def _dependencies(page: Page, content: Content, files, everything: str) -> str:
    """The sources a page shows. Unknown kinds of page depend on everything."""
    kind = page.key.split(":", 1)[0]
    ctx = page.context
    if kind == "promise":
        promise = ctx["promise"]
        return files(promise.source, *(a.source for a in promise.focus_areas))
    if kind == "focus":
        return files(ctx["promise"].source, ctx["area"].source)
    if kind == "tracker":
        shown = [ctx.get("focus_promise")] + list(ctx.get("years", []))
        paths = [p.source for p in shown if p is not None]
        focus = ctx.get("focus_promise")
        paths += [a.source for a in focus.focus_areas] if focus is not None else []
        for row in ctx.get("rows", []):
            paths += [row.promise.source, row.area.source]
        return files(*paths)
    if kind == "organisation":  # the rows it lists; the status of all is in its parameters
        return files(*(path for row in ctx["rows"] for path in (row.promise.source,
                                                                 row.area.source)))
    if kind in ("contact", "accessibility", "notfound"):
        return files()  # site.yaml only, which every fingerprint holds
    return everything


def _parameters(page: Page) -> str:
    """The page's own values that are not sources: pagination, counts, the filter."""
    ctx = page.context
    values = {key: ctx[key] for key in ("filter", "total", "first", "pagination", "more_years",
                                       "root_relative") if key in ctx}
    if "summary" in ctx:
        values["summary"] = [(c.status, c.count) for c in ctx["summary"]]
    return json.dumps(values, sort_keys=True, default=str)


def _file_digests(folder: Path, known: dict[str, str]) -> dict[str, str]:
    """shown path (as the model's `source` fields give it) -> digest of the bytes, for every
    file in `folder`; `known`: the digests of the bytes the model was read from (the loader's
    own, so not read again)."""
    digests = {}
    for root, _, names in os.walk(folder):
        shown_root = shown_path(Path(root))
        for name in names:
            shown = name if shown_root == "." else os.path.join(shown_root, name)
            digest = known.get(shown)
            if digest is None:
                path = Path(root, name)
                if not path.is_file():
                    continue
                digest = hashlib.sha1(path.read_bytes()).hexdigest()
            digests[shown] = digest
    return digests


def _tree_digest(folders: list[Path], pattern: str) -> str:
    parts = []
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                parts.append(f"{path.relative_to(folder)}={hashlib.sha1(path.read_bytes()).hexdigest()}")
    return _hash(parts)


def _hash(parts) -> str:
    """sha1 of the parts, each ended by NUL (joined first: one update per page, not dozens)."""
    return hashlib.sha1("".join(f"{part}\0" for part in parts).encode("utf-8")).hexdigest()
