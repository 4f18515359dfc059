"""Editor text can never put script into a page.

Hostile text (FICTIONAL, written here) goes into every kind of field of a copy of the content: Markdown
fields, one-line titles and names, follow-up texts, the site title. The site is built through the
command line and every page is parsed with html.parser: no script element beyond the theme's own,
no event-handler attribute, no javascript:/data:/vbscript: address in any URL attribute. A plain
grep would not do: the hostile text is meant to be *shown*, escaped, and the test checks that too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_content, run_cli

MARKDOWN_ATTACK = "\n\n".join([
    "Före <script>alert('inline')</script> efter.",
    "[x](javascript:alert(1)) och [y](JAVASCRIPT:alert(2)) och [z](JaVaScRiPt:alert(3))",
    "[data](data:text/html,<script>alert(4)</script>) och [vb](vbscript:msgbox(5))",
    "[entity](&#106;avascript:alert(6)) och [colon](javascript&colon;alert(7))",
    # A control character (\u0001javascript:) is refused in the sources: tests/test_bad_inputs.py
    "[space]( javascript:alert(8)) och [tab](\tjavascript:alert(9))",
    "<img src=x onerror=alert(10)> <svg onload=alert(11)> <iframe src=javascript:alert(12)>",
    '<a href="javascript:alert(13)" onclick="alert(14)">länk</a>',
    "<javascript:alert(15)> ![bild](javascript:alert(16))",
    "[ref]\n\n[ref]: javascript:alert(17)",
    '<div style="background:url(javascript:alert(18))">x</div>',
])
LINE_ATTACK = "Rubrik <script>alert('title')</script> <img src=x onerror=alert(19)> [x](javascript:alert(20))"
SHOWN = "<script>alert('inline')</script>"  # visible, as text, on the focus-area page

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc",
                  "background", "cite", "longdesc", "ping", "manifest", "codebase", "srcset"}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "frame", "frameset",
                   "applet", "base", "form", "meta"}


def _both(text: str) -> dict:
    return {"sv": text, "en": text}


def poison(content: Path) -> None:
    """Put hostile text into a copy of the real content, through the YAML an editor writes."""
    def edit(rel: str, change) -> None:
        path = content / rel
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def site(d):
        d["title"] = _both(LINE_ATTACK)
        d["municipality"]["name"] = _both("Kommun </script><script>alert(21)</script>")

    def organisations(d):
        d["organisations"][0]["name"] = _both(LINE_ATTACK)

    def promise(d):
        d["introduction"] = _both(MARKDOWN_ATTACK)
        d["headline"] = _both(LINE_ATTACK)
        d["aims"][0] = _both(LINE_ATTACK)
        d["signatories"][0]["name"] = LINE_ATTACK
        d["statements"][0]["text"] = _both(MARKDOWN_ATTACK)

    def area(d):
        d["title"] = _both(LINE_ATTACK)
        d["goal"] = _both(LINE_ATTACK)
        d["description"] = _both(MARKDOWN_ATTACK)
        d["background"] = _both(MARKDOWN_ATTACK)
        d["cause_analysis"] = _both(MARKDOWN_ATTACK)
        first = d["commitments"][0]
        first["text"] = _both(MARKDOWN_ATTACK)
        first["indicator"] = _both(LINE_ATTACK)
        first["target"] = {"value": "2", "unit": _both(LINE_ATTACK), "text": _both(LINE_ATTACK)}
        first["follow_ups"] = [{  # FICTIONAL follow-up
            "id": "2021-fiktiv-attack-t1", "date": "2021-04-30", "status": "delayed",
            "reason": _both(MARKDOWN_ATTACK), "summary": _both(MARKDOWN_ATTACK),
            "actions": [{"date": "2021-04-01", "count": "1", "description": _both(LINE_ATTACK)}],
            "evidence": [{"url": "https://example.org/fiktiv", "title": _both(LINE_ATTACK)}],
        }]

    edit("site.yaml", site)
    edit("organisations.yaml", organisations)
    edit("2021/promise.yaml", promise)
    edit("2021/1-skolmiljo.yaml", area)


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[tuple[str, tuple]] = []  # script-like elements, with their attributes
        self.bad: list[str] = []
        self.text: list[str] = []
        self._in = 0

    def handle_starttag(self, tag, attrs):
        # The theme's status charts are drawn from counts (their sizes change with the statuses
        # the poisoned content adds); their attributes are still scanned for handlers below.
        is_chart = tag == "svg" and ("class", "status-chart") in attrs
        if tag in ACTIVE_ELEMENTS and not is_chart:
            self.active.append((tag, tuple(sorted((k, v or "") for k, v in attrs
                                                  if k not in ("content", "href")))))
        if tag in ("script", "style"):
            self._in += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>: event handler")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(_CONTROL.sub("", value)):
                self.bad.append(f"<{tag} {name}={value!r}>: unsafe address")
            if name == "style" and "javascript" in value.lower():
                self.bad.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._in -= 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._in:
            self._in -= 1

    def handle_data(self, data):
        if not self._in:
            self.text.append(data)


def scan(page: Path) -> PageScan:
    parser = PageScan()
    parser.feed(page.read_text("utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("poisoned")
    content = copy_content(tmp)
    poison(content)
    result = run_cli("build", "--content", content, "--out", tmp / "_site")
    assert result.returncode == 0, result.stderr
    return tmp / "_site"


def test_hostile_text_reaches_the_pages_as_visible_text(poisoned_site):
    """Proves the check below looks at pages that really carry the hostile text."""
    page = scan(poisoned_site / "2021" / "skolmiljo" / "index.html")
    visible = " ".join(page.text)
    assert SHOWN in visible
    assert "[x](javascript:alert(1))" in visible
    assert "<img src=x onerror=alert(10)>" in visible


def test_no_page_gets_script_event_handlers_or_unsafe_links(poisoned_site, kungsor_site):
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) >= 12
    problems = []
    for page in pages:
        rel = page.relative_to(poisoned_site).as_posix()
        found = scan(page)
        problems += [f"{rel}: {bad}" for bad in found.bad]
        clean = kungsor_site / rel
        folders = rel.split("/")[:-1]
        while not clean.is_file() and folders:
            # a page only the poisoned content has (a status filter): its section's own page
            folders.pop()
            clean = kungsor_site.joinpath(*folders, "index.html")
        theme_elements = scan(clean).active if clean.is_file() else []
        if found.active != theme_elements:
            problems.append(f"{rel}: active elements {found.active} differ from the theme's "
                            f"{theme_elements}")
        raw = page.read_text("utf-8").lower()
        own = clean.read_text("utf-8").lower().count("<script") if clean.is_file() else 0
        if raw.count("<script") != own:
            problems.append(f"{rel}: {raw.count('<script')} '<script' against {own} in the theme")
    assert not problems, "\n".join(problems[:40])


def test_the_clean_site_passes_the_same_scan(kungsor_site):
    for page in sorted(kungsor_site.rglob("*.html")):
        assert not scan(page).bad, page


def test_the_scan_can_fail():
    parser = PageScan()
    parser.feed('<a href=" JaVa\tScript:alert(1)">x</a><p onmouseover="x()">y</p>'
                '<a href="data:text/html,x">z</a><img src="vbscript:x">')
    assert len(parser.bad) == 4


# -- the Markdown renderer as a unit --------------------------------------------------------------

def _hrefs(html: str) -> list[str]:
    parser = PageScan()
    parser.feed(html)
    return parser.bad


@pytest.mark.parametrize("text", MARKDOWN_ATTACK.split("\n\n") + [LINE_ATTACK])
def test_render_markdown_refuses_each_attack(text):
    from generator.render.markdown import Markdown

    render_markdown, render_inline = Markdown().block, Markdown().inline

    for html in (render_markdown(text), render_inline(text)):
        assert "<script" not in html.lower()
        assert "<img" not in html.lower() and "<svg" not in html.lower()
        assert not _hrefs(html), html


def test_render_markdown_keeps_ordinary_links():
    from generator.render.markdown import Markdown

    render_markdown = Markdown().block

    html = render_markdown("[kommunen](https://www.kungsor.se/) och [mejl](mailto:info@kungsor.se)"
                           " och [sida](../2021/)")
    assert '<a href="https://www.kungsor.se/">kommunen</a>' in html
    assert 'href="mailto:info@kungsor.se"' in html
    assert 'href="../2021/"' in html


PIECES = ["javascript:", "JAVASCRIPT:", "data:", "vbscript:", "java\tscript:", "&#106;", "&colon;",
          "<script>", "</script>", "<img src=x onerror=y>", "[a](", ")", "]", "[", "<", ">", "\"",
          "'", " ", "\n", "\n\n", "alert(1)", "on", "click=", "\u0000", "\\", "`", "http://x/"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_no_combination_of_hostile_pieces_produces_script(pieces):
    from generator.render.markdown import Markdown

    render_markdown = Markdown().block

    html = render_markdown("".join(pieces))
    assert "<script" not in html.lower()
    assert not _hrefs(html), html
