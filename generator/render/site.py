"""Render every page of the site and copy the theme's static files into the output.

A page whose fingerprint is unchanged since the published build is hard-linked from there
instead of rendered (see reuse.py). Big sites make their pages in worker processes, one group
per language: a text is written in one language, so each worker's Markdown cache holds exactly
the texts its pages show and no text is rendered twice. Workers are forked (they inherit the
content instead of unpickling it) and write straight into the staging folder; the caller goes on
with the data meanwhile. Every page's links are collected as it is made, for the link check.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.linkcheck import PageLinks, collect
from generator.model import Content
from generator.output import DuplicateOutput, Output, make_folder, write_new
from generator.processes import die_with_parent
from generator.render import markdown, reuse
from generator.render.engine import Renderer
from generator.render.extras import write_extras
from generator.render.pages import Page, plan_pages
from generator.render.reuse import PageRecord, fingerprints, identity

PARALLEL_FROM_PAGES = 400  # below this, starting workers costs more than it saves
DEFERRED_KEYS = ("data",)  # pages that show the data release, rendered once it exists


class SiteRendering:
    """The pages of one build, rendered in the background where that pays off.

    Use: `start()` (workers begin, on a big site), do other work (validation, the datasets),
    then `finish()` to make the rest and collect every page's output, or `abandon()`.
    """

    def __init__(self, content: Content, output: Output, themes: list[Path], base_url: str,
                 jobs: int | None = None, content_dir: Path | None = None,
                 previous: PageRecord | None = None) -> None:
        self.content = content
        self.output = output
        self.themes = themes
        self.base_url = base_url
        self.pages = plan_pages(content)
        compiled = (reuse.cache_folder(previous.published) / "templates"
                    if previous is not None else None)
        self.renderer = Renderer(content, self.pages, themes, base_url, compiled)
        self.content_dir = content_dir
        self._fingerprints: dict[str, str] | None = None
        self.previous = previous
        self.jobs_requested = jobs
        self.reused = 0
        self.links: dict[str, PageLinks] = {}  # every page's links and ids, for the link check
        self.stats: dict[str, tuple[int, int, int]] = {}  # each page file's identity on disk
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []
        self._in_process: list[int] = []  # pages made here, in finish()
        self._extras_written = False

    @property
    def fingerprints(self) -> dict[str, str]:
        """Each page's fingerprint (see reuse.py), made when first asked for: a build with no
        earlier fingerprints needs them only for the next build, so they are made while the
        workers render (0.3 s at 10,000 pages, with one core idle if made before)."""
        if self._fingerprints is None:
            self._fingerprints = self._make_fingerprints()
        return self._fingerprints

    def _make_fingerprints(self) -> dict[str, str]:
        if self.content_dir is None:
            return {}
        return fingerprints(self.content, self.pages, self.themes, self.base_url,
                            self.content_dir)

    def _reusing(self) -> bool:
        """Whether pages may be reused from the published site: it has fingerprints."""
        return self.previous is not None and bool(self.previous.fingerprints)

    def start(self) -> None:
        work = [i for i, page in enumerate(self.pages) if page.key not in DEFERRED_KEYS]
        to_render = sum(1 for i in work if not self._unchanged(self.pages[i]))
        self.jobs = _workers(self.jobs_requested, to_render, len(self.pages))
        out = self.previous.published if self.previous is not None else None
        if out is not None:
            reuse.start_saving(out)
            markdown.begin_build(partial(reuse.markdown_texts, out, None))
        if self.jobs == 0:
            self._in_process = work  # made in finish(): the build may still be validating
            return
        global _WORKER_STATE
        _WORKER_STATE = self._producer()
        context = multiprocessing.get_context("fork")
        self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                             initializer=die_with_parent,
                                             initargs=(os.getpid(),))
        groups = _groups(self.pages, work, self.jobs)
        for number, group in enumerate(groups):
            lang = str(self.pages[group[0]].lang)  # plain str: it is pickled
            # A worker rendering all pages of its language shows nearly all of its Markdown,
            # so it renders that first (see markdown.prepare). Not when pages are reused (a
            # rebuild renders few), nor for a language split over several workers.
            whole = sum(1 for other in groups if self.pages[other[0]].lang == lang) == 1
            self._futures.append(self._executor.submit(
                _produce_in_worker, group, lang, f"{lang}-{number}",
                whole and not self._reusing()))

    def started(self) -> SiteRendering:
        self.start()
        return self

    def write_extras(self) -> None:
        """The feeds, sitemap, robots.txt and static files: they need no data release, so a
        build writes them while the release is still being made (see build.py)."""
        if not self._extras_written:
            write_extras(self.content, self.pages, self.renderer, self.output, self.base_url)
            copy_static(self.themes, self.output)
            self._extras_written = True

    def finish(self) -> int:
        """Make the pages not given to workers, the deferred pages, the extras and the static
        files (unless written already); then wait for the workers (this process has its own
        share done by then)."""
        try:
            self._collect(_produce(self._producer(), self._in_process))
            deferred = [i for i, page in enumerate(self.pages) if page.key in DEFERRED_KEYS]
            self._collect(_produce(_Producer(self.renderer, self.output.root, {}, None),
                                   deferred))
            self.write_extras()
            if self.previous is not None:
                reuse.save_markdown(self.previous.published, "main", markdown.remembered())
            for rel in list(self.output.written):  # any other HTML (a site's own static pages)
                if rel.endswith(".html") and rel not in self.links:
                    self.links[rel] = collect(
                        rel, self.output.read_bytes(rel).decode("utf-8", "replace"))
            if self._fingerprints is None:  # made now, while the workers may still render
                self._fingerprints = self._make_fingerprints()
            for future in self._futures:
                self._collect(future.result())
        finally:
            self.abandon()
        return len(self.pages)

    def abandon(self) -> None:
        """Stop the workers (the build failed elsewhere); waits so no process outlives it."""
        global _WORKER_STATE
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            _WORKER_STATE = None

    def _unchanged(self, page: Page) -> bool:
        return (self._reusing() and page.output_file in self.fingerprints
                and self.previous.fingerprints.get(page.output_file)
                == self.fingerprints[page.output_file])

    def _producer(self) -> _Producer:
        return _Producer(self.renderer, self.output.root,
                         self.fingerprints if self._reusing() else {}, self.previous)

    def _collect(self, produced: _Produced) -> None:
        self.output.record(produced.written)
        self.links.update(produced.links)
        for rel in produced.links_as_before:
            self.links[rel] = self.previous.links[rel]
        self.stats.update(produced.stats)
        self.reused += produced.reused


@dataclass
class _Producer:
    """What making a page needs, in this process or inherited by a forked worker."""

    renderer: Renderer
    root: Path
    fingerprints: dict[str, str]
    previous: PageRecord | None


@dataclass
class _Produced:
    written: dict[str, int] = field(default_factory=dict)  # path -> bytes
    links: dict[str, PageLinks] = field(default_factory=dict)
    # pages whose links are the previous build's (this process has them: not sent back)
    links_as_before: list[str] = field(default_factory=list)
    stats: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # see reuse.identity
    reused: int = 0


def _produce(producer: _Producer, indices: list[int]) -> _Produced:
    """Each page hard-linked from the published site when its fingerprint is unchanged,
    else rendered and written; with the links of every page for the link check."""
    done = _Produced()
    previous = producer.previous
    folders: set[Path] = set()
    root = f"{producer.root}{os.sep}"
    for i in indices:
        page = producer.renderer.pages[i]
        rel = page.output_file
        if rel in done.written:
            raise DuplicateOutput(f"two outputs want the same path: {rel}")
        fingerprint = producer.fingerprints.get(rel) if previous is not None else None
        # Most pages of a rebuild are already in the staging folder (a reused tree): then
        # one stat is all, with no Path made and no folder checked.
        linked = previous.kept(rel, fingerprint, root + rel) if fingerprint else None
        if linked is None:
            target = producer.root / rel
            if target.parent not in folders:
                make_folder(target.parent)
                folders.add(target.parent)
            linked = previous.reuse(rel, fingerprint, target) if fingerprint else None
        if linked is not None:
            if rel in previous.links:
                done.links_as_before.append(rel)
            else:
                with open(root + rel, encoding="utf-8", errors="replace") as file:
                    done.links[rel] = collect(rel, file.read())
            done.reused += 1
        else:
            html = producer.renderer.render(page)
            write_new(target, html.encode("utf-8"))
            linked = identity(target)
            done.links[rel] = collect(rel, html)
        done.written[rel] = linked[1]
        done.stats[rel] = linked
    return done


_WORKER_STATE: _Producer | None = None  # set before forking; inherited by workers


def _produce_in_worker(indices: list[int], lang: str, tag: str,
                       prepare_markdown: bool = False) -> _Produced:
    """In a forked worker: its pages, and the Markdown they showed kept for the next build."""
    producer = _WORKER_STATE
    assert producer is not None
    out = producer.previous.published if producer.previous is not None else None
    if out is not None:
        markdown.use_earlier(partial(reuse.markdown_texts, out, lang))
    if prepare_markdown:
        markdown.prepare(value.get(lang) for value in producer.renderer.content.markdown_texts())
    done = _produce(producer, indices)
    if out is not None:
        reuse.save_markdown(out, tag, markdown.remembered())
    return done


def _workers(requested: int | None, to_render: int, site_pages: int) -> int:
    """Worker processes for the pages; 0 makes them in this process.

    Small sites stay in-process (forking costs more than it saves). A big site always uses
    workers, so that its pages are rendered or linked while this process makes the data."""
    if requested is not None:
        return 0 if requested <= 1 else requested
    if site_pages < PARALLEL_FROM_PAGES:
        return 0
    if to_render < PARALLEL_FROM_PAGES:
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
