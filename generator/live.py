"""The site `serve` keeps in memory (Zola's way): nothing is written to disk.

On a save, `reload` reads again only the promise folders whose files changed (the others keep
their model and their table rows), validates only the tables whose rows changed, and forgets
the rendered pages. A page is rendered when it is asked for, from the validated model, and kept
until the next reload; the data release is made when a download or the data page is first
asked for. So a save costs loading one folder and rendering the page the browser reloads.
Nothing is rendered from sources with errors: then every page shows the problems instead.
"""

from __future__ import annotations

import gc
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Problem, Problems

_STATIC = "static/"


@dataclass
class Response:
    body: bytes
    media_type: str
    status: int = 200


@dataclass
class _Loaded:
    """One valid state of the sources, and what was rendered from it so far."""

    content: Any
    tables: dict
    renderer: Any
    pages: dict[str, Any]  # output file -> Page
    rendered: dict[str, bytes] = field(default_factory=dict)
    made: tuple[Any, dict[str, bytes]] | None = None  # the data release and files: see _made


class LiveSite:
    def __init__(self, content_dir: Path, base_url: str, strict: bool = False) -> None:
        from generator.build import BuildOptions

        self.options = BuildOptions(content_dir=content_dir, base_url=base_url, strict=strict,
                                    drafts=True)  # the preview shows drafts, with a banner
        self.base_url = base_url
        self._folders: dict = {}  # promise folders as read (sources.loader.KeptFolder)
        self._valid: dict[str, str] = {}  # digests of the tables that passed validation
        self._todos: dict = {}  # TODOs found per source file (see todos.find_todos)
        self._env: tuple[tuple, Any] | None = None  # theme files' versions, Jinja environment
        self._loaded: _Loaded | None = None

    def reload(self) -> tuple[Problems, int]:
        """Read the changed sources and check everything again: the problems, and how many
        pages the site has (0 when it has errors: the last good pages are no longer shown)."""
        from generator.build import theme_dirs, validate
        from generator.datasets.meta import pinned_version
        from generator.datasets.versions import FIRST_VERSION
        from generator.render.engine import Renderer
        from generator.render.pages import plan_pages
        from generator.sources.loader import load_content
        from generator.tables import build_tables

        problems = Problems()
        content = load_content(self.options.content_dir, problems, self._folders)
        if content is None:
            self._loaded = None
            return problems, 0
        tables = build_tables(content)
        digests = validate(self.options, problems, content, tables, self._valid, self._todos)
        if problems.errors:
            self._loaded = None
            return problems, 0
        self._valid = digests
        themes = theme_dirs(self.options.content_dir)
        # a preview numbers no versions: the one it shows is the pinned or the first (versions.py)
        pages = plan_pages(content, [pinned_version(content) or FIRST_VERSION])
        renderer = Renderer(content, pages, themes, self.base_url, release=self.release,
                            env=self._environment(themes))
        self._loaded = _Loaded(content, tables, renderer, {p.output_file: p for p in pages})
        # The model and its tables live until the next save and form no cycles: kept out of
        # the collector's full scans, which would otherwise walk all of them again and again.
        gc.freeze()
        return problems, len(pages)

    def _environment(self, themes: list[Path]):
        """The Jinja environment, kept while no template file changes (compiling the theme's
        templates is most of rendering the first page)."""
        from generator.render.engine import make_environment

        versions = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                         for theme in themes for path in sorted((theme / "templates").rglob("*"))
                         if path.is_file())
        if self._env is None or self._env[0] != versions:
            gc.unfreeze()  # the old environment's cycles may be collected again
            self._env = (versions, make_environment(themes))
        return self._env[1]

    def get(self, path: str) -> Response | None:
        """The file at a site path ("" and "x/" are their index.html); None: there is none."""
        loaded = self._loaded
        if loaded is None:
            return None
        rel = path.lstrip("/")
        rel = rel + "index.html" if rel.endswith("/") or not rel else rel
        page = loaded.pages.get(rel)
        if page is not None:
            body = loaded.rendered.get(rel)
            if body is None:
                body = loaded.rendered[rel] = loaded.renderer.render(page).encode("utf-8")
            return Response(body, "text/html; charset=utf-8")
        if rel.startswith(_STATIC):
            return self._static(loaded, rel[len(_STATIC):])
        body = self._files(loaded).get(rel)
        return None if body is None else Response(body, _media_type(rel))

    def not_found(self, path: str) -> Response | None:
        """The 404 page of the path's language."""
        loaded = self._loaded
        if loaded is None:
            return None
        site = loaded.content.site
        prefix = next((f"{lang}/" for lang in site.languages
                       if lang != site.default_language and path.lstrip("/").startswith(f"{lang}/")),
                      "")
        found = self.get(f"{prefix}404.html")
        return None if found is None else Response(found.body, found.media_type, 404)

    def _static(self, loaded: _Loaded, rel: str) -> Response | None:
        """A theme's static file (the site's own first), read as the build copies it
        (themefiles.py): never through a symbolic link (in the file's path or the theme's),
        never a FIFO or device, never outside the theme. A refused file is not served, and the
        next theme's file of that name is not served in its place. A URL's name that cannot be
        a file (too long, a NUL, `..`) is no file."""
        from generator.render.themefiles import UnsafeThemeFile, read_theme_file

        for theme in loaded.renderer.theme_dirs:
            try:
                return Response(read_theme_file(theme, ("static", *rel.split("/"))),
                                _media_type(rel))
            except (FileNotFoundError, NotADirectoryError):
                continue
            except (UnsafeThemeFile, OSError, ValueError):
                return None
        return None

    def _files(self, loaded: _Loaded) -> dict[str, bytes]:
        return self._made(loaded)[1]

    def _made(self, loaded: _Loaded) -> tuple[Any, dict[str, bytes]]:
        """The data release, and its files with the extras (feeds, sitemap) by site path:
        made once per reload, when first asked for."""
        if loaded.made is None:
            from generator.datasets import DATA_DIR, prepare_release, versions
            from generator.render.extras import extras

            # a preview: no published history is read, and nothing can conflict with it
            release = prepare_release(loaded.content, loaded.tables, self.base_url, None,
                                      versions.today())
            assert not isinstance(release, Problem)
            files = {f"{DATA_DIR}/{release.meta.version_dir}/{item.name}": item.data
                     for item in release.files}
            files.update((item.path, item.data) for item in release.all_files)
            files.update((rel, text.encode("utf-8")) for rel, text in extras(
                loaded.content, loaded.renderer.pages, loaded.renderer, self.base_url).items())
            loaded.made = (release, files)
        return loaded.made


    def release(self) -> Any:
        """The data release of the current sources, for the data page. Asked through the
        site, not the loaded state, so nothing a reload replaces is kept alive by a cycle
        (the state is frozen out of the collector's scans, see `reload`)."""
        loaded = self._loaded
        return self._made(loaded)[0] if loaded is not None else None


def _media_type(rel: str) -> str:
    known = {".md": "text/markdown; charset=utf-8", ".csv": "text/csv; charset=utf-8",
             ".rdf": "application/rdf+xml", ".xml": "application/xml; charset=utf-8",
             ".json": "application/json", ".txt": "text/plain; charset=utf-8"}
    suffix = Path(rel).suffix
    if rel.endswith("SHA256SUMS"):
        return "text/plain; charset=utf-8"
    return known.get(suffix) or mimetypes.guess_type(rel)[0] or "application/octet-stream"
