"""Render every page of the site and copy the theme's static files into the output."""

from __future__ import annotations

from pathlib import Path

from generator.model import Content
from generator.output import Output
from generator.render.engine import Renderer
from generator.render.extras import write_extras
from generator.render.pages import plan_pages


def render_site(content: Content, output: Output, themes: list[Path], base_url: str) -> int:
    """Write all pages; returns how many were written."""
    pages = plan_pages(content)
    renderer = Renderer(content, pages, themes, base_url)
    for page in pages:
        output.write_text(page.output_file, renderer.render(page))
    write_extras(content, pages, renderer, output, base_url)
    copy_static(themes, output)
    return len(pages)


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
