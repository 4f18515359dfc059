"""Editor Markdown to HTML that can never carry script.

Raw HTML is off (it is shown as text), and links are refused unless their scheme is one we
allow, so `javascript:`, `vbscript:` and `data:` URLs never reach a page.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_SAFE_SCHEME = re.compile(r"^(https?:|mailto:|tel:|#|/|\.|[^:/?#]*([/?#]|$))", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_link(url: str) -> bool:
    """http(s), mailto, tel and relative links only. Control characters cannot hide a scheme."""
    return bool(_SAFE_SCHEME.match(_CONTROL.sub("", url)))


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link  # type: ignore[method-assign]  # markdown-it's documented hook
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


class Markdown:
    """Rendered texts of one build, by kind and text. The same commitment text appears on many
    pages (focus area, tracker lists, organisation), so each is rendered once per renderer."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str], str] = {}
        self._parser = _parser()

    def block(self, text: str | None) -> str:
        return self._cached("block", str(text)) if text else ""

    def inline(self, text: str | None) -> str:
        """One line of Markdown without the surrounding paragraph (titles, list items)."""
        return self._cached("inline", str(text)) if text else ""

    def _cached(self, kind: str, text: str) -> str:
        key = (kind, text)
        html = self._rendered.get(key)
        if html is None:
            parser = self._parser
            html = parser.render(text) if kind == "block" else parser.renderInline(text)
            self._rendered[key] = html
        return html


_MARKUP = re.compile(r"[*_`\[\]#<>\\|~!&]|^\s*(?:[-+]\s|\d+[.)]\s|>)", re.MULTILINE)


def plain_text(text: str | None) -> str | None:
    """Markdown as plain text for the data's `<column>_text` copies: the words and link texts,
    paragraphs and list items on lines of their own, no markup. Text without any Markdown
    syntax is returned as it is (most cells), so the copy costs nothing there."""
    if not text or not _MARKUP.search(text):
        return text
    blocks: list[str] = []
    for token in _PLAIN.parse(text):
        if token.type == "inline":
            words = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" " if child.type == "softbreak" else "\n")
            blocks.append("".join(words).strip())
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n".join(block for block in blocks if block) or None


_PLAIN = MarkdownIt("commonmark", {"html": False})
