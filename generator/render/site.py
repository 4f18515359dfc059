"""Render every page of the site, the feeds and sitemap, and copy the theme's static files.

Big sites render their pages in a process pool, one group of pages per language and worker: a
text is written in one language, so each worker's Markdown holds exactly the texts its pages
show. Workers are forked (they inherit the renderer instead of unpickling it), write straight
into the staging folder through their own `Output`, and send back what they wrote and each
page's links for the link check. The pool's size is the only thing the site's size decides.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.linkcheck import PageLinks, collect
from generator.output import Output
from generator.processes import die_with_parent
from generator.render.engine import Renderer
from generator.render.extras import write_extras
from generator.render.pages import Page

POOL_FROM_PAGES = 400  # below this, starting workers costs more than it saves

Rendered = tuple[dict[str, int], dict[str, PageLinks]]  # files written, links of each page


def pool_size(pages: int, requested: int | None) -> int:
    """Worker processes for the pages; 1 renders them in this process."""
    if requested is not None:
        return max(1, requested)
    if pages < POOL_FROM_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def render_site(renderer: Renderer, output: Output, jobs: int) -> dict[str, PageLinks]:
    """Every page, then the extras and static files; the links of every HTML file written."""
    indices = list(range(len(renderer.pages)))
    links: dict[str, PageLinks] = {}
    if jobs <= 1:
        links = render_pages(renderer, output, indices)
    else:
        for written, page_links in _in_pool(renderer, output.root,
                                            _groups(renderer.pages, indices, jobs), jobs):
            output.record(written)
            links.update(page_links)
    write_extras(renderer.content, renderer.pages, renderer, output, renderer.base_url)
    copy_static(renderer.theme_dirs, output)
    for rel in output.written:  # any other HTML (a site's own static pages)
        if rel.endswith(".html") and rel not in links:
            links[rel] = collect(rel, output.read_bytes(rel).decode("utf-8", "replace"))
    return links


def render_pages(renderer: Renderer, output: Output, indices: list[int]) -> dict[str, PageLinks]:
    """The pages `indices` of the plan, written into `output`; the links of each."""
    links = {}
    for i in indices:
        page = renderer.pages[i]
        html = renderer.render(page)
        output.write_text(page.output_file, html)
        links[page.output_file] = collect(page.output_file, html)
    return links


def _in_pool(renderer: Renderer, root: Path, groups: list[list[int]], jobs: int) -> list[Rendered]:
    context = multiprocessing.get_context("fork")  # the renderer is inherited, not pickled
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                             initargs=(os.getpid(), renderer, root)) as pool:
        futures = [pool.submit(_render_in_worker, group) for group in groups]
        try:
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()


_worker: tuple[Renderer, Path] | None = None  # set in each worker process by _start_worker


def _start_worker(parent: int, renderer: Renderer, root: Path) -> None:
    global _worker
    die_with_parent(parent)
    _worker = (renderer, root)


def _render_in_worker(indices: list[int]) -> Rendered:
    assert _worker is not None
    renderer, root = _worker
    output = Output(root)  # its own writer into the same folder: the parent records the files
    links = render_pages(renderer, output, indices)
    return output.written, links


def _groups(pages: list[Page], indices: list[int], jobs: int) -> list[list[int]]:
    """Split by language first (shared Markdown), then each language into equal parts."""
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
    """Static files; a site's own file of the same name replaces the theme's. Only regular
    files, never through a symbolic link (validation refuses links and special files in a
    site's own theme; see themefiles.py), each read within its size limit."""
    from generator.render.themefiles import read_theme_file, theme_files

    chosen: dict[str, Path] = {}
    for theme in reversed(themes):
        for rel, _ in theme_files(theme / "static"):
            chosen[rel] = theme
    for rel in sorted(chosen):
        output.write_bytes(f"static/{rel}", read_theme_file(chosen[rel], ("static", *rel.split("/"))))
