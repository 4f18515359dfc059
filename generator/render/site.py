"""Render every page of the site and copy the theme's static files into the output.

Big sites render in worker processes, one group of pages per language: a text is written in
one language, so each worker's Markdown cache holds exactly the texts its pages show and no
text is rendered twice. Workers are forked (they inherit the content instead of unpickling it)
and write straight into the staging folder; the caller goes on with the data meanwhile.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from generator.model import Content
from generator.output import Output
from generator.render import markdown
from generator.render.engine import Renderer
from generator.render.extras import write_extras
from generator.render.pages import Page, plan_pages
from generator.render.reuse import PageRecord, fingerprints

PARALLEL_FROM_PAGES = 400  # below this, starting workers costs more than it saves
DEFERRED_KEYS = ("data",)  # pages that show the data release, rendered once it exists


class SiteRendering:
    """The pages of one build, rendered in the background where that pays off.

    Use: `start()`, do other work (the datasets), `finish()` to render what had to wait and
    collect every page's output.
    """

    def __init__(self, content: Content, output: Output, themes: list[Path], base_url: str,
                 jobs: int | None = None, content_dir: Path | None = None,
                 previous: PageRecord | None = None) -> None:
        self.content = content
        self.output = output
        self.themes = themes
        self.base_url = base_url
        self.pages = plan_pages(content)
        self.renderer = Renderer(content, self.pages, themes, base_url)
        self.fingerprints = (fingerprints(content, self.pages, themes, base_url, content_dir)
                             if content_dir is not None else {})
        self.previous = previous
        self.jobs_requested = jobs
        self.reused = 0
        self.markdown: dict[tuple[str, str], str] = {}  # every text the pages show, rendered
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []

    def start(self) -> None:
        now = [i for i, page in enumerate(self.pages)
               if page.key not in DEFERRED_KEYS and not self._reuse(page)]
        self.jobs = _jobs(self.jobs_requested, len(now))
        if self.jobs <= 1:
            for i in now:
                self._write(self.pages[i])
            return
        global _WORKER_STATE
        _WORKER_STATE = (self.renderer, str(self.output.root))
        gc.freeze()  # keep the inherited objects' pages shared between the processes
        context = multiprocessing.get_context("fork")
        self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        for group in _groups(self.pages, now, self.jobs):
            self._futures.append(self._executor.submit(_render_group, group))

    def finish(self) -> int:
        """Render the deferred pages, the extras and the static files; wait for the workers."""
        try:
            for future in self._futures:
                written, texts = future.result()
                self.output.record(written)
                self.markdown.update(texts)
        finally:
            self.abandon()
        for page in self.pages:
            if page.key in DEFERRED_KEYS:
                self._write(page)
        write_extras(self.content, self.pages, self.renderer, self.output, self.base_url)
        copy_static(self.themes, self.output)
        self.markdown.update(markdown.remembered())
        return len(self.pages)

    def abandon(self) -> None:
        """Stop the workers (the build failed elsewhere); waits so no process outlives it."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            gc.unfreeze()

    def _reuse(self, page: Page) -> bool:
        """Hard-link the page from the published site when its fingerprint is unchanged."""
        if self.previous is None or not self.fingerprints:
            return False
        rel = page.output_file
        size = self.previous.reuse(rel, self.fingerprints[rel], self.output.root / rel)
        if size is None:
            return False
        self.output.record({rel: size})
        self.reused += 1
        return True

    def _write(self, page: Page) -> None:
        self.output.write_text(page.output_file, self.renderer.render(page))


def _jobs(requested: int | None, pages: int) -> int:
    """Worker processes for `pages` pages to render: by the machine unless asked."""
    if requested is not None:
        return max(1, requested)
    if pages < PARALLEL_FROM_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _groups(pages: list[Page], indices: list[int], jobs: int) -> list[list[int]]:
    """Split by language first (shared Markdown cache), then each language into equal parts."""
    by_lang: dict[str, list[int]] = {}
    for i in indices:
        by_lang.setdefault(pages[i].lang, []).append(i)
    parts = max(1, jobs // max(1, len(by_lang)))
    groups = []
    for lang_indices in by_lang.values():
        size = -(-len(lang_indices) // parts)
        groups += [lang_indices[n:n + size] for n in range(0, len(lang_indices), size)]
    return groups


_WORKER_STATE: tuple[Renderer, str] | None = None  # set before forking; inherited by workers


def _render_group(indices: list[int]) -> tuple[dict[str, int], dict]:
    """In a worker: render and write these pages; returns what was written (path -> bytes)
    and the Markdown texts used (for the next build)."""
    assert _WORKER_STATE is not None
    renderer, root = _WORKER_STATE
    output = Output(Path(root))
    for i in indices:
        page = renderer.pages[i]
        output.write_text(page.output_file, renderer.render(page))
    return output.written, markdown.remembered()


def copy_static(themes: list[Path], output: Output) -> None:
    """Static files; a site's own file of the same name replaces the theme's."""
    chosen: dict[str, Path] = {}
    for theme in reversed(themes):
        static = theme / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    chosen[path.relative_to(static).as_posix()] = path
    for rel in sorted(chosen):
        output.copy_file(chosen[rel], f"static/{rel}")
