"""Every internal link and `#anchor` of the built site leads somewhere.

A link that works in the preview but not on kungsor.se (a `../` too many, an anchor renamed) is
only noticed by a reader; checking the built pages catches it at build time, whether it came from
an editor's Markdown or from a template.

Two pure steps keep this fast enough for tens of thousands of pages:
- `collect` finds a page's link targets and ids with compiled regexes, not an HTML parser. The
  generator (Jinja and markdown-it alike) writes attributes as ` name="value"` and escapes `"` in
  text, so a literal ` href="` can only be an attribute, and re finds a literal very quickly. A
  page where some `href=`, `src=`, `srcset=` or `id=` is written otherwise (single quotes, on a new
  line, `data-id=`) is read tag by tag instead. Links inside HTML comments are checked too.
- `check` resolves every link as a browser at the published address would, against the set of
  output files (`dir/` is `dir/index.html`), and every fragment against the target page's ids.
  Each distinct link text is taken apart once and each distinct target looked up once.

`check_site` runs both over a built folder and places each problem at its line in the page.
"""

from __future__ import annotations

import html as html_lib
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.problems import Position, Problem

# Fast path: one regex for all four attributes, starting with a literal.
_FAST = re.compile(r' (href|src|srcset|id)="([^"]*)"')
# An "=" after one of those names that the fast path would not read (it starts with the literal
# "=", so this costs one quick scan of the page).
_ODD = re.compile(r'=(?:(?<=href=)|(?<=src=)|(?<=srcset=)|(?<=id=))'
                  r'(?:(?<! href=)(?<! src=)(?<! srcset=)(?<! id=)|(?!"))')
# Slow path, for pages with an odd attribute: tag by tag, any quoting.
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?</\2\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z][^\s/>]*([^>]*)>")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Added by the live preview, never part of the published site.
SKIPPED_PATHS = frozenset({"livereload.js", "livereload"})


@dataclass(frozen=True)
class PageLinks:
    """What one built page links to (attribute values as written in the HTML, each once, in
    page order) and the ids it offers as anchors."""

    links: tuple[str, ...]
    ids: frozenset[str]


def collect(rel_path: str, html: str) -> PageLinks:
    """The link targets and ids of one page (`rel_path`, its site-relative path, is not needed
    to read them: links are resolved by `check`)."""
    links: dict[str, None] = {}
    ids: list[str] = []
    for name, value in _collect_by_tag(html) if _ODD.search(html) else _FAST.findall(html):
        if name == "id":
            ids.append(value)
        elif name == "srcset":  # "small.png 1x, large.png 2x"
            links.update(dict.fromkeys(part.split()[0] for part in value.split(",")
                                       if part.strip()))
        else:
            links[value] = None
    # Interned: the same few thousand targets recur on every page of a big site, and a build
    # keeps the links of all its pages until the check.
    return PageLinks(tuple(map(sys.intern, links)), frozenset(map(sys.intern, map(_unescape, ids))))


def _collect_by_tag(html: str) -> list[tuple[str, str]]:
    found = []
    html = _RAW_TEXT.sub(r"\1", html)  # a script's text is not markup
    for tag in _TAG.finditer(html):
        for attr in _ATTR.finditer(tag.group(1)):
            name = attr.group(1).lower()
            if name in ("href", "src", "srcset", "id"):
                value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
                if value is not None:
                    found.append((name, value))
    return found


def _unescape(value: str) -> str:
    return html_lib.unescape(value) if "&" in value else value


@dataclass(frozen=True)
class _Base:
    """The published address, split for matching absolute and root-relative links."""

    host: str  # lower-case network location, "" when the base URL has none
    path: str  # always ends with "/"

    @classmethod
    def of(cls, base_url: str) -> _Base:
        parts = urlsplit(base_url)
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(parts.netloc.lower(), path)

    def site_path(self, path: str) -> str | None:
        """A root-relative path as a site-relative one, or None when it is outside the site."""
        if path.startswith(self.path):
            return path[len(self.path):]
        if path + "/" == self.path:
            return ""
        return None


def check(pages: Mapping[str, PageLinks], files: AbstractSet[str],
          base_url: str = "/") -> list[Problem]:
    """Warnings for links that lead to no output file and fragments that name no id there.

    `pages` maps each page's site-relative path to what it links to; `files` holds every output
    file's site-relative path (pages included); `base_url` is the published address: root-relative
    links start with its path, and absolute links under it are checked like relative ones.
    """
    base = _Base.of(base_url)
    quick: dict[str, tuple | None] = {}  # taken apart once per distinct link text
    outcomes: dict[tuple[str, str], tuple[str, dict[str, str]] | None] = {}
    problems: list[Problem] = []
    for rel_path in sorted(pages):
        ancestors = _ancestors(rel_path.rpartition("/")[0])
        for raw in pages[rel_path].links:
            if raw not in quick:
                quick[raw] = _quick(raw, base)
            known = quick[raw]
            place: tuple[str, str] | str | None
            if known is None:
                place = _place(raw, rel_path, ancestors[0], base)
            elif known[0] == _ANYWHERE:
                place = known[1]
            elif known[0] == _THIS_PAGE:
                place = rel_path, known[1]
            else:
                up, path, fragment = known
                place = (ancestors[up] + path, fragment) if up < len(ancestors) else _OUTSIDE
            if place is None:
                continue
            if isinstance(place, str):  # _OUTSIDE
                problems.append(_problem(rel_path, "link_outside_site", raw))
                continue
            if place not in outcomes:
                outcomes[place] = _outcome(place[0], place[1], pages, files)
            outcome = outcomes[place]
            if outcome is not None:
                problems.append(_problem(rel_path, outcome[0], raw, **outcome[1]))
    return problems


_ANYWHERE, _THIS_PAGE = -1, -2


def _quick(raw: str, base: _Base) -> tuple | None:
    """What can be known of a link without the page it is on: (_ANYWHERE, place) for absolute
    and root-relative links, (_THIS_PAGE, fragment) for "#x" and "?q", and for plain relative
    links like "../../some/path/#anchor" (how many folders up, path, fragment). None: the link
    needs `_place` on each page."""
    text = _unescape(raw).strip()
    if text.startswith("/") or _SCHEME.match(text):
        return _ANYWHERE, _place(raw, "", "", base)
    if not text or text[0] in "#?":
        fragment = text.partition("#")[2]
        return _THIS_PAGE, unquote(fragment) if "%" in fragment else fragment
    rest = raw.lstrip("./")
    up = (len(raw) - len(rest)) // 3
    if raw[:len(raw) - len(rest)] != "../" * up or _CAREFUL.search(rest):
        return None
    url, _, fragment = rest.partition("#")
    return up, url.partition("?")[0], fragment


# Relative links `_quick` leaves to `_place`: entities, percent-escapes, "./" or "//" inside the
# path, a final "." or "..", spaces around it.
_CAREFUL = re.compile(r"[:&%\\]|\./|//|\.$|\.[#?]|^\s|\s$")
_OUTSIDE = "outside"  # a relative link that climbs above the site's root


def _ancestors(folder: str) -> list[str]:
    """"a/b" -> ["a/b/", "a/", ""]: where "", "../", "../../" … lead from a page in "a/b"."""
    found = []
    while folder:
        found.append(folder + "/")
        folder = folder.rpartition("/")[0]
    return found + [""]


def _place(raw: str, rel_path: str, folder: str, base: _Base) -> tuple[str, str] | str | None:
    """Where a link on the page `rel_path` in `folder` leads, as (site-relative path, fragment);
    None when it leads off the site, _OUTSIDE when it climbs above the site's root."""
    url, _, fragment = _unescape(raw).strip().partition("#")
    path = url.partition("?")[0]
    if path.startswith("//") or _SCHEME.match(path):
        parts = urlsplit("http:" + path if path.startswith("//") else path)
        if parts.scheme.lower() not in ("http", "https") or not base.host \
                or parts.netloc.lower() != base.host:
            return None  # another site, mail, phone: not ours to check
        path = parts.path or "/"
    if "%" in path:
        path = unquote(path)
    if "%" in fragment:
        fragment = unquote(fragment)
    if path.startswith("/"):
        site_path = base.site_path(path)
        if site_path is None:
            return None  # elsewhere on the same host, outside the published site
        site_path = _join("", site_path)
    elif path:
        site_path = _join(folder, path)
    else:
        site_path = rel_path  # "#x" or "?q": this page
    if site_path is None:
        return _OUTSIDE
    return site_path, fragment


def _outcome(site_path: str, fragment: str, pages: Mapping[str, PageLinks],
             files: AbstractSet[str]) -> tuple[str, dict[str, str]] | None:
    """What is wrong with a link to `site_path#fragment`, whichever page it is on."""
    if site_path.partition("/")[0] in SKIPPED_PATHS:
        return None
    target = _file_for(site_path, files)
    if target is None:
        folder = not site_path or site_path.endswith("/")
        missing = site_path + "index.html" if folder else site_path
        return "broken_link", {"resolved": missing}
    if fragment and fragment.lower() != "top" and target in pages \
            and fragment not in pages[target].ids:
        return "broken_anchor", {"anchor": fragment, "page": target}
    return None


def _join(folder: str, path: str) -> str | None:
    """`path` relative to `folder` (site-relative, "" or ending in "/"), as a site-relative path
    that keeps a final "/"; None when it climbs above the site's root."""
    joined = posixpath.normpath(folder + path)
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../"):
        return None
    last = path.rpartition("/")[2]
    return joined + "/" if path.endswith("/") or last in (".", "..") else joined


def _file_for(site_path: str, files: AbstractSet[str]) -> str | None:
    """The output file a site path serves: `dir/` (and `dir`, which servers redirect to `dir/`)
    is `dir/index.html`."""
    if site_path == "" or site_path.endswith("/"):
        index = site_path + "index.html"
        return index if index in files else None
    if site_path in files:
        return site_path
    index = site_path + "/index.html"
    return index if index in files else None


def _problem(rel_path: str, code: str, raw: str, **params: str) -> Problem:
    """`target` is the link as the page's reader (and the editor's source text) has it; `raw`, as
    written in the HTML, finds it again in the page."""
    return Problem(Position(rel_path), code, {"target": _unescape(raw), "raw": raw, **params},
                   severity="warning")


def check_site(root: Path, base_url: str) -> list[Problem]:
    """Check every page of a built folder; each problem is placed at its line in the page."""
    files: set[str] = set()
    start = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        prefix = folder[start:].replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        files.update(prefix + name for name in names)
    pages = {rel: collect(rel, (root / rel).read_text(encoding="utf-8", errors="replace"))
             for rel in sorted(files) if rel.endswith(".html")}
    problems = check(pages, files, base_url)
    return locate(problems, lambda rel: (root / rel).read_text(encoding="utf-8", errors="replace"))


# How a link's value is found again in its page, most specific first.
_SPELLINGS = ((' href="', '"'), (' src="', '"'), ('="', '"'), ("='", "'"), ("", ""))


def locate(problems: Iterable[Problem], read: Callable[[str], str]) -> list[Problem]:
    """Give each problem the line and column of its link in the page (`read(rel_path)` gives the
    page's text), so two broken links on one page stay two problems."""
    texts: dict[str, str] = {}
    placed = []
    for problem in problems:
        rel = problem.position.path
        if rel not in texts:
            texts[rel] = read(rel)
        text, raw = texts[rel], problem.params.get("raw", "")
        for before, after in _SPELLINGS:
            found = text.find(before + raw + after) if raw else -1
            if found >= 0:
                offset = found + len(before)
                line = text.count("\n", 0, offset) + 1
                column = offset - text.rfind("\n", 0, offset)
                problem = replace(problem, position=Position(rel, line, column))
                break
        placed.append(problem)
    return placed
