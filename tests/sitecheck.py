"""Helpers for the site tests: read built pages as a user agent would (links, resources, langs).

Not a test module; imported by tests/test_site_*.py and tests/browser/.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

BASE_URL = "https://www.kungsor.se/medborgarloften/"
BASE_PATH = urlsplit(BASE_URL).path
FICTIONAL = Path(__file__).resolve().parent / "fixtures" / "fictional-site"

# Elements whose URL the browser fetches by itself (a resource), not one the reader follows.
RESOURCE_ATTRS = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"),
                  ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
                  ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src"),
                  ("input", "src"), ("image", "href"), ("use", "href")}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                     "apple-touch-icon", "mask-icon", "dns-prefetch", "preconnect"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]")


@dataclass
class Parsed:
    lang: str | None = None
    links: list[tuple[str, dict]] = field(default_factory=list)  # (tag, attrs) with href
    resources: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    styles: list[str] = field(default_factory=list)
    footer_links: list[str] = field(default_factory=list)
    switcher: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self.stack: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.out.lang = a.get("lang")
        if "id" in a:
            self.out.ids.add(a["id"])
        if tag == "nav" and "language" in (a.get("class") or "").split():
            self.stack.append("language")
        elif tag in ("footer", "nav"):
            self.stack.append(tag)
        if "style" in a:
            self.out.styles.append(a["style"])
        if tag == "style":
            self.in_style = True
        for (t, attr) in RESOURCE_ATTRS:
            if t == tag and a.get(attr):
                self.out.resources.append(a[attr])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.out.resources.append(a["href"])
            self.out.links.append((tag, a))
        if tag == "a" and a.get("href"):
            self.out.links.append((tag, a))
            if "footer" in self.stack:
                self.out.footer_links.append(a["href"])
            if "language" in self.stack:
                self.out.switcher.append((a.get("hreflang", ""), a["href"]))

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag in ("footer", "nav") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_style:
            self.out.styles.append(data)


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> Parsed:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.out


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path, base_url: str = BASE_URL) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return base_url + rel


def url_to_file(site: Path, url: str, base_url: str = BASE_URL) -> Path | None:
    """The built file a URL under the base URL serves, or None when it points elsewhere."""
    url = urldefrag(url)[0]
    if not url.startswith(base_url):
        return None
    rel = url[len(base_url):].split("?")[0]
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target


def is_other_origin(ref: str) -> bool:
    """Absolute (scheme:) or protocol-relative (//host) references leave the site's origin."""
    ref = ref.strip()
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref)) or ref.startswith("//")


def css_urls(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in CSS_URL.finditer(text)]


def resolve(site: Path, page: Path, href: str, base_url: str = BASE_URL) -> str:
    return urljoin(page_url(site, page, base_url), href)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class SubPathServer:
    """Serve a built site from 127.0.0.1 under the base URL's sub-path, like kungsor.se would."""

    def __init__(self, site: Path, root: Path, base_path: str = BASE_PATH) -> None:
        mount = root / base_path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(site, mount)
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + base_path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def build_site(content: Path, out: Path, base_url: str = BASE_URL) -> Path:
    """Build through the command line (as conftest.run_cli does; importable from sub-folders)."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                           "--out", str(out), "--base-url", base_url],
                          cwd=repo, env={**os.environ, "MEDBORGARLOFTEN_LANG": "en"},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out
