"""Site-wide files beside the pages: sitemap, robots.txt, feeds, 404 (filled in by the site work)."""

from __future__ import annotations

from generator.model import Content
from generator.output import Output
from generator.render.engine import Renderer
from generator.render.pages import Page


def write_extras(content: Content, pages: list[Page], renderer: Renderer, output: Output,
                 base_url: str) -> None:
    """Files that are not pages of the plan. Called once per build after the pages."""
