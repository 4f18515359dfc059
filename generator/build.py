"""The build, top to bottom: load → tables → validate → render pages → datasets → link check →
search index → publish.

Every check runs before anything is written or any worker is started: a build whose sources
have an error writes nothing at all. The output appears in one atomic swap, so a failed or
killed build never touches the published site.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Problem, Problems

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
    drafts: bool = False  # publish promises marked `draft: true` too (`serve` always shows them)
    today: str | None = None  # the day a new data version is published; None: versions.today()


@dataclass
class BuildResult:
    problems: Problems = field(default_factory=Problems)
    pages: int = 0
    files: int = 0
    written: bool = False
    table_digests: dict[str, str] = field(default_factory=dict)  # what was validated

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def theme_dirs(content_dir: Path) -> list[Path]:
    """Lookup order: the site's overrides first, then the default theme."""
    own = content_dir / SITE_THEME_DIR
    return ([own] if own.is_dir() and not own.is_symlink() else []) + [DEFAULT_THEME]


def build(options: BuildOptions) -> BuildResult:
    """Validate everything, then write the site into a staging folder and swap it in."""
    from generator import cache

    result = BuildResult()
    try:
        prepared = prepare(options, result, cache.validated_tables(options.out_dir))
        if prepared is not None:
            write_site(options, result, *prepared)
    finally:
        gc.unfreeze()  # a long-running `serve` builds again
    return result


def check_everything(options: BuildOptions) -> BuildResult:
    """What `validate` runs: every check of `build`, in the same order, writing nothing. The
    pages are rendered and their links checked in memory, so a site's own template that fails
    on some page, or a data version already published with other data (under `options.out_dir`),
    is found here as in `build`: a clean `validate` means `build` succeeds."""
    from generator.output import MemoryOutput

    result = BuildResult()
    try:
        prepared = prepare(options, result)
        if prepared is not None:
            content, base_url, release = prepared
            make_site(options, result, content, base_url, release, MemoryOutput(), jobs=1)
    finally:
        gc.unfreeze()
    return result


def prepare(options: BuildOptions, result: BuildResult, known_valid: dict[str, str] | None = None
            ) -> tuple[Any, str, Any] | None:
    """Load, validate, make the data release in memory and check it against the published
    versions: (content, base_url, release), or None when any check failed."""
    from generator.datasets import prepare_release
    from generator.datasets.versions import today

    loaded = check(options, result, known_valid)
    if loaded is None:
        return None
    content, tables = loaded
    base_url = options.base_url or content.site.base_url
    # in memory, nothing written yet; its version is derived from the published site
    release = prepare_release(content, tables, base_url, options.out_dir.absolute(),
                              options.today or today())
    if isinstance(release, Problem):
        result.problems.extend([release])
        return None
    return content, base_url, release


def check(options: BuildOptions, result: BuildResult, known_valid: dict[str, str] | None = None):
    """Load and validate (what `validate` runs); (content, tables), or None on any error.
    `known_valid`: digests of tables that passed in the last published build (cache.py)."""
    from generator.tables import build_tables

    with _uncollected():
        content = load(options, result.problems)
        if content is None:
            return None
        tables = build_tables(content)
    result.table_digests = validate(options, result.problems, content, tables, known_valid)
    if result.problems.errors:
        return None
    if not options.drafts and any(p.draft for p in content.promises):
        content = content.without_drafts()  # validated with the rest, published only on request
        tables = build_tables(content)
    return content, tables


def load(options: BuildOptions, problems: Problems):
    """The sources read into the model; None when the content folder cannot be read at all."""
    from generator.sources.loader import load_content

    return load_content(options.content_dir, problems)


@contextmanager
def _uncollected():
    """The model and its tables are millions of small objects that live as long as the build
    and form no cycles: the garbage collector is kept from scanning them again and again, and
    they are frozen afterwards (so forked workers do not copy their memory pages by touching
    them); `build` unfreezes them at its end, for a long-running `serve`."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def validate(options: BuildOptions, problems: Problems, content, tables,
             known_valid: dict[str, str] | None = None, todos_seen: dict | None = None
             ) -> dict[str, str]:
    """Every check of the sources (Table Schemas, rules, TODOs, translations, the accessibility
    statement, the site's own theme, the data version). Returns the validated tables' digests.
    `known_valid`: digests of tables that passed before (cache.py; in memory in `serve`), not
    validated again.
    `todos_seen`: TODOs found per file by earlier scans (kept by `serve`, see todos.py)."""
    from generator.datasets import check_version
    from generator.render.translations import check_translations
    from generator.statement import check_statement
    from generator.todos import find_todos
    from generator.validate import validate_tables

    digests = validate_tables(tables, problems, known_valid)
    find_todos(options.content_dir, problems, todos_seen)
    check_translations(content, problems)
    check_statement(content, problems)
    check_site_theme(options.content_dir, problems)
    version = check_version(content)
    if version is not None:
        problems.extend([version])
    if options.strict:
        problems.promote_warnings()
    return digests


def check_site_theme(content_dir: Path, problems: Problems) -> None:
    """The site's own theme holds only folders and regular files within their size limits (no
    symbolic link, FIFO or device: nothing in it reaches outside), its own templates compile
    and its own catalogues read and fit their messages (content/_theme/ is the web team's
    input, checked like the editors' sources). The templates and catalogues are checked only
    once the folder itself is safe."""
    from generator.render.faults import check_site_templates
    from generator.render.i18n import check_site_catalogues
    from generator.render.themefiles import check_theme_folder

    if not check_theme_folder(content_dir / SITE_THEME_DIR, problems):
        return
    folders = theme_dirs(content_dir)
    check_site_templates(folders, problems)
    check_site_catalogues(folders, problems)


def write_site(options: BuildOptions, result: BuildResult, content, base_url: str,
               release) -> None:
    """The site made in a staging folder and published if all is well. Only called once
    every check of the sources has passed."""
    from generator import cache, publish
    from generator.output import Output
    from generator.search import make_index

    out = options.out_dir.absolute()
    staging = publish.prepare_staging(out)
    try:
        output = Output(staging)
        if not make_site(options, result, content, base_url, release, output):
            return
        # The search index, on the complete staged site: never on a half-published one.
        indexed = make_index(output, result.problems)
        if options.strict:
            result.problems.promote_warnings()
        if not indexed or result.problems.errors:
            return
        result.files = len(output.written)
        publish.publish(staging, out)
        result.written = True
        cache.remember(out, result.table_digests)
    finally:
        if not result.written:
            publish.discard(staging)


def make_site(options: BuildOptions, result: BuildResult, content, base_url: str, release,
              output, jobs: int | None = None) -> bool:
    """Pages, datasets and the link check into `output` (a staging folder, or memory for
    `validate`). Whether the site may be published."""
    from generator.datasets import write_release
    from generator.render.engine import Renderer
    from generator.render.faults import TemplateFault
    from generator.render.pages import plan_pages
    from generator.render.site import pool_size, render_site

    pages = plan_pages(content, [record.version for record in release.versions])
    renderer = Renderer(content, pages, theme_dirs(options.content_dir), base_url, release)
    try:
        links = render_site(renderer, output, jobs or pool_size(len(pages), options.jobs))
    except TemplateFault as error:  # a site's own template fails on some page
        result.problems.extend([error.problem])
        return False
    write_release(release, output, options.out_dir.absolute())
    if not check_links(output, links, base_url, options.strict, result.problems):
        return False
    result.pages, result.files = len(pages), len(output.written)
    return True


def check_links(output, links, base_url: str, strict: bool, problems: Problems) -> bool:
    """Every internal link and #anchor of the built pages resolves: a broken one is a warning,
    and under --strict an error that stops the publish. Whether the publish may go on."""
    from generator.linkcheck import check, locate
    from generator.search import UI_FILES

    # The search page's scripts come from the index, made after this check (generator/search.py).
    found = check(links, output.written.keys() | UI_FILES, base_url)
    problems.extend(locate(found, lambda rel: output.read_bytes(rel).decode("utf-8", "replace")))
    if strict:
        problems.promote_warnings()
    return not problems.errors
