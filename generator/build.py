"""The build, top to bottom: load sources → model → tables → validate → render → publish.

Nothing is written until every check passed, and the output appears in one atomic swap, so a
failed or killed build never touches the published site.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problems

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_THEME = REPO_ROOT / "themes" / "default"
SITE_THEME_DIR = "_theme"  # a site's own overrides: content/_theme/templates, /static, /locale


@dataclass
class BuildOptions:
    content_dir: Path = Path("content")
    out_dir: Path = Path("_site")
    base_url: str | None = None
    strict: bool = False
    jobs: int | None = None  # worker processes for the pages; None: by the site's size


@dataclass
class BuildResult:
    problems: Problems = field(default_factory=Problems)
    pages: int = 0
    reused: int = 0  # pages taken unchanged from the previous build
    table_digests: dict[str, str] = field(default_factory=dict)  # what was validated
    files: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def theme_dirs(content_dir: Path) -> list[Path]:
    """Lookup order: the site's overrides first, then the default theme."""
    own = content_dir / SITE_THEME_DIR
    return ([own] if own.is_dir() else []) + [DEFAULT_THEME]


def check(options: BuildOptions, result: BuildResult, known_valid: dict[str, str] | None = None):
    """Load and validate; returns (content, tables) or None when there are errors.
    `known_valid`: tables that passed validation in the last build with the same rows."""
    loaded = load(options, result)
    if loaded is None or not validate(options, result, *loaded, known_valid=known_valid):
        return None
    return loaded


def load(options: BuildOptions, result: BuildResult, parsed=None):
    """Read the sources into the model and its tables; None when a file cannot be read at all
    (its problems are in `result`). Nothing is validated yet. `parsed`: the sources parsed by
    the last build (see sources/parsed.py)."""
    from generator.tables import build_tables

    content = load_sources(options, result, parsed)
    if content is None:
        return None
    with _uncollected():
        return content, build_tables(content)


def load_sources(options: BuildOptions, result: BuildResult, parsed=None):
    """The model, without its tables (see `load`)."""
    from generator.sources.loader import load_content

    with _uncollected():
        return load_content(options.content_dir, result.problems, parsed)


@contextmanager
def _uncollected():
    """The model and its tables are millions of small objects that live as long as the build
    and form no cycles; the garbage collector scanning them again and again cost a third of
    loading. They are frozen before collecting resumes (the first collection would scan them
    all: 0.4 s at 10,000 pages); `build` unfreezes them at its end, for a long-running `serve`."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def validate(options: BuildOptions, result: BuildResult, content, tables,
             known_valid: dict[str, str] | None = None, started=None) -> bool:
    """Every check of the sources (Table Schemas, TODOs, translations); whether there is no
    error. Problems found while loading count too. `started`: the tables' validation, already
    running in another process (see `start_validation`)."""
    from generator.render.translations import check_translations
    from generator.todos import find_todos
    from generator.validate import validate_tables

    if started is not None:  # it looked for TODOs, untranslated texts and the theme too
        found, result.table_digests = started.result()
        result.problems.extend(found)
    else:
        result.table_digests = validate_tables(tables, result.problems, known_valid)
        find_todos(options.content_dir, result.problems)
        check_translations(content, result.problems)
        check_site_theme(options.content_dir, result.problems)
    if options.strict:
        _promote_warnings(result.problems)
    return not result.problems.errors


BIG_ROWS = 20_000  # from here the tables are validated in a process of their own


def start_validation(options: BuildOptions, content, tables, known_valid: dict[str, str]):
    """Validate big tables in a forked process, while this one plans and starts the pages (on
    two cores, frictionless and its import no longer wait for them or they for it); it looks
    for TODOs, untranslated texts and the site's own theme (see check_site_theme) as well."""
    from generator.processes import Forked

    if sum(len(table.rows) for table in tables.values()) < BIG_ROWS:
        return None
    return Forked(_validate, options.content_dir, content, tables, known_valid)


def _validate(content_dir: Path, content, tables, known_valid: dict[str, str]):
    from generator.render.translations import check_translations
    from generator.todos import find_todos
    from generator.validate import validate_tables

    problems = Problems()
    digests = validate_tables(tables, problems, known_valid)
    find_todos(content_dir, problems)
    check_translations(content, problems)
    check_site_theme(content_dir, problems)
    return problems.sorted(), digests


def check_site_theme(content_dir: Path, problems: Problems) -> None:
    """The site's own templates compile and its own catalogues read and fit their messages
    (content/_theme/ is the web team's input, checked like the editors' sources)."""
    from generator.render.faults import check_site_templates
    from generator.render.i18n import check_site_catalogues

    folders = theme_dirs(content_dir)
    check_site_templates(folders, problems)
    check_site_catalogues(folders, problems)


def _promote_warnings(problems: Problems) -> None:
    """--strict: every warning becomes an error."""
    from dataclasses import replace

    items = problems.sorted()
    problems._items = [replace(p, severity="error") for p in items]  # noqa: SLF001


def _check_links(output, rendering, base_url: str, strict: bool, problems: Problems):
    """Every internal link and #anchor of the built pages resolves: a broken one is a warning,
    and under --strict an error that stops the publish. Returns the check (to be kept for the
    next build), or None when it stops the publish. The pages' links were collected as they
    were rendered (or kept from the previous build, as may be the check itself)."""
    from generator.linkcheck import check_again, locate

    previous = rendering.previous
    checked = check_again(rendering.links, output.written.keys(), base_url,
                          previous.link_check if previous else None,
                          previous.links if previous else {})
    problems.extend(locate(checked.found,
                           lambda rel: output.read_bytes(rel).decode("utf-8", "replace")))
    if strict:
        _promote_warnings(problems)
    return None if problems.errors else checked


def build(options: BuildOptions) -> BuildResult:
    from generator import publish
    from generator.datasets import DatasetError, memo, start_release, write_datasets
    from generator.output import Output
    from generator.render import reuse
    from generator.render.engine import prune_compiled
    from generator.render.faults import TemplateFault
    from generator.render.site import SiteRendering
    from generator.sources import parsed as parsed_sources
    from generator.tables import build_tables

    result = BuildResult()
    started = memo.now()
    staging = publish.prepare_staging(options.out_dir)
    recycled = publish.claim_spare(options.out_dir, staging)
    previous = reuse.PageRecord.read(options.out_dir)
    cache = reuse.cache_folder(options.out_dir)
    parsed = parsed_sources.ParsedSources.read(cache)
    rendering = release = checking = folders = pieces = tree = None
    try:
        # While the sources load: the staging folder is the replaced site of an earlier build,
        # checked and listed (see publish.py), or new, and the previous site's folders are made.
        if recycled:
            big = len(previous.folders()) >= publish.FolderMaker.MIN_FOLDERS
            tree = publish.Recycled(staging, big)
        folders = publish.FolderMaker(staging, set() if recycled else previous.folders())
        content = load_sources(options, result, parsed)
        if content is None:
            return result
        gc.freeze()  # (again, as gc may have been off) later collections need not scan the
        # model, nor workers copy its memory pages by touching it
        base_url = options.base_url or content.site.base_url
        kept = cache / memo.FOLDER  # data files of earlier builds
        output = Output(staging)
        # Big sites make their pages and data in other processes while the tables are being
        # validated. That work is thrown away unless validation finds nothing: content that
        # breaks it is reported by validation, never by a traceback (see _speculate).
        def start_rendering():
            return SiteRendering(content, output, theme_dirs(options.content_dir), base_url,
                                 options.jobs, options.content_dir, previous=previous).started()

        if tree is not None:
            tree.ready()  # before anything is written into the staging folder
        # With no pages to reuse, the pages are most of the work and need no tables: they
        # start first. A rebuild renders a few pages, and waits for validation and the data.
        pages_first = not previous.fingerprints
        if pages_first:
            rendering = _speculate(start_rendering)
        with _uncollected():
            tables = build_tables(content)
        pieces = _keep_parsed(parsed)  # after the tables: focus areas keep their rows
        known_valid = reuse.validated_tables(options.out_dir)
        for table in tables.values():
            table.digest()  # once, here: both forked stages below read it
        checking = _speculate(lambda: start_validation(options, content, tables,
                                                       known_valid))  # None: here
        release = _speculate(lambda: start_release(content, tables, base_url, kept, staging))
        if not pages_first:
            rendering = _speculate(start_rendering)
        if not validate(options, result, content, tables, known_valid, checking):
            return result
        if rendering is None:  # not started early: now that the content is valid
            rendering = start_rendering()
        try:
            if release is not None:  # being made in another process: meanwhile, the extras
                rendering.write_extras()
            data = write_datasets(content, tables, output, base_url, release, kept)
            result.pages = rendering.finish()
        except (DatasetError, TemplateFault) as error:  # e.g. a published data version
            result.problems.extend([error.problem])  # would change; a site's template fails
            return result
        result.files = len(output.written)
        link_check = _check_links(output, rendering, base_url, options.strict, result.problems)
        if link_check is None:
            return result
        folders.finish(output.written)
        if tree is not None:
            tree.finish(output.written)
        reuse.forget(options.out_dir)
        publish.publish(staging, options.out_dir, len(output.written))
        reuse.remember(options.out_dir, rendering.fingerprints, rendering.stats,
                       rendering.links, result.table_digests, link_check,
                       links_kept=link_check is previous.link_check)  # same pages' links too
        memo.save(kept, data.kept, started)
        prune_compiled(cache / "templates")
        parsed.commit(pieces.result() if pieces is not None else parsed.prepare())
        result.written = True
        result.reused = rendering.reused
    finally:
        if folders is not None:
            folders.abandon()  # before the staging folder goes: it may still be making folders
        if tree is not None:
            tree.abandon()
        if rendering is not None:
            rendering.abandon()  # no worker outlives a failed build
        if release is not None:
            release.abandon()
        if checking is not None:
            checking.abandon()
        if pieces is not None:
            pieces.abandon()
        parsed_sources.discard(cache)  # a failed build's pieces (after a publish: none left)
        if staging.exists():  # failed before the swap: the published site stays as it was
            publish.give_back(staging, options.out_dir, recycled)
        gc.unfreeze()  # a long-running `serve` builds again
    return result


BIG_SOURCES = 200  # from here (files) the parsed sources are pickled in a process of their own


def _keep_parsed(parsed):
    """For a big site, the parsed sources are written for the next build while this one goes
    on: in a forked process when many files are new (pickling 2,300 files' pieces takes a
    second), else in a thread (the rest is writing a file). None: they are written after
    publishing, in this process, if anything changed."""
    from generator.processes import Forked, Threaded

    parsed.loaded()
    if not parsed.changed or len(parsed.kept) + len(parsed.fresh) < BIG_SOURCES:
        return None
    if len(parsed.fresh) < BIG_SOURCES:
        return Threaded(_write_and_let_go, parsed)
    writing = Forked(parsed.prepare)
    parsed.handed_over()
    return writing


def _write_and_let_go(parsed):
    """The parsed sources written (on a thread), and their pickled pieces let go at once: 40 MB
    at 10,000 pages that the rest of the build has no use for."""
    try:
        return parsed.prepare()
    finally:
        parsed.handed_over()


def _speculate(start):
    """Start work ahead of validation; None when the content is too broken to start it (the
    validation that follows reports why) or when it would not pay off."""
    try:
        return start()
    except Exception:  # noqa: BLE001 - unvalidated content; validation reports the problem
        return None
