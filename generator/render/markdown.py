"""Editor Markdown to HTML that can never carry script.

Raw HTML is off (it is shown as text), and links are refused unless their scheme is one we
allow, so `javascript:`, `vbscript:` and `data:` URLs never reach a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable

from markdown_it import MarkdownIt

_SAFE_SCHEME = re.compile(r"^(https?:|mailto:|tel:|#|/|\.|[^:/?#]*([/?#]|$))", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_link(url: str) -> bool:
    """http(s), mailto, tel and relative links only. Control characters cannot hide a scheme."""
    return bool(_SAFE_SCHEME.match(_CONTROL.sub("", url)))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link
    md.disable("image")  # images would load from other origins; editors link instead
    _shift_headings(md)
    return md


def _shift_headings(md: MarkdownIt) -> None:
    """Editor headings start at h3: the page owns h1 and h2, so the outline stays valid."""

    def shift(state) -> None:
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(int(token.tag[1]) + 2, 6)
                token.tag = f"h{level}"

    md.core.ruler.push("shift_headings", shift)


# Rendered texts by (kind, text). The same commitment text appears on many pages (focus area,
# tracker lists, organisation), so each is rendered once per build; `remembered` and `preload`
# carry them to the next build (generator/render/reuse.py), which then renders only new texts.
_rendered: dict[tuple[str, str], str] = {}
_used: dict[tuple[str, str], str] = {}
_earlier: Callable[[], dict[tuple[str, str], str]] | None = None  # loads an earlier build's texts


def render_markdown(text: str | None) -> str:
    if not text:
        return ""
    return _cached("block", str(text))


def render_inline(text: str | None) -> str:
    """One line of Markdown without the surrounding paragraph (titles, list items)."""
    if not text:
        return ""
    return _cached("inline", str(text))


def prepare(texts: Iterable[str | None]) -> None:
    """Render these Markdown texts now, one after another, before the pages that show them.

    The same work as rendering each at its first page, but faster by an eighth of a big site's
    rendering: markdown-it's code and the garbage collector's young objects stay its own
    instead of mixing with Jinja's (10k-page corpus, Swedish pages in one process: 5.2-5.4 s
    -> 4.6 s)."""
    for text in texts:
        render_markdown(text)


def _cached(kind: str, text: str) -> str:
    global _earlier
    key = (kind, text)
    html = _used.get(key)
    if html is None:
        if _earlier is not None:  # first miss: only now is it worth reading the earlier texts
            load, _earlier = _earlier, None
            _rendered.update(load())
        html = _rendered.get(key)
        if html is None:
            parser = _parser()
            html = parser.render(text) if kind == "block" else parser.renderInline(text)
        _used[key] = html
    return html


def begin_build(load: Callable[[], dict[tuple[str, str], str]]) -> None:
    """A new build in this process: the texts of its last build stay at hand (a long-running
    `serve`), the rest come from `load` (see `use_earlier`). Only one build's texts are kept."""
    global _rendered, _used
    _rendered, _used = _used, {}
    use_earlier(load)


def use_earlier(load: Callable[[], dict[tuple[str, str], str]]) -> None:
    """Texts rendered by an earlier build (with the same code, see reuse.py), read on the first
    text this process needs, so a process that renders nothing never reads them."""
    global _earlier
    _earlier = load


def remembered() -> dict[tuple[str, str], str]:
    """The texts this process rendered or reused: what the next build may need again."""
    return dict(_used)
