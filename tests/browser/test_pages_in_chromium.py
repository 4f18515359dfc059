"""Every built page in a real headless Chromium: zero axe-core violations (WCAG 2.0/2.1 A and AA),
no horizontal scrolling at 320 CSS px, no request to another origin; plus the skip link, visible
focus and the print stylesheet.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from sitecheck import html_pages

pytestmark = pytest.mark.slow  # a real browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    import axe_playwright_python  # bundles Deque's axe.min.js (MPL-2.0)

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def page_problems(tab, url: str, reload: bool = True) -> list[str]:
    """Open `url` (or, `reload=False`, take the page as the tab now shows it): its axe
    violations (WCAG 2.0/2.1 A and AA) and any sideways scroll at 320 px."""
    if reload:
        tab.set_viewport_size({"width": 1280, "height": 900})
        response = tab.goto(url)
        expected = 404 if url.endswith("404.html") else 200
        assert response is not None and response.status in (200, expected), url
    tab.add_script_tag(content=_axe_source())
    result = tab.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => v.id + ': ' + v.help + ' @ ' +"
        " v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')); }", AXE_TAGS)
    problems = [f"{url}: axe {v}" for v in result]
    tab.set_viewport_size({"width": 320, "height": 640})
    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"{url}: scrolls sideways by {overflow}px at 320px")
    return problems


def _page_urls(site: Path, server) -> list[str]:
    urls = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        urls.append(server.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


@pytest.mark.parametrize("which", ["kungsor", "fictional"])
def test_every_page_passes_axe_fits_320px_and_stays_on_origin(which, tab, servers, kungsor_site,
                                                              fictional_built, outside_requests):
    site = kungsor_site if which == "kungsor" else fictional_built
    server = servers[which]
    problems: list[str] = []
    urls = _page_urls(site, server)
    assert len(urls) > 20
    for url in urls:
        problems += page_problems(tab, url)
    assert not problems, "\n".join(problems)
    assert not outside_requests, f"requests to other origins: {outside_requests}"


def test_skip_link_comes_first_and_focus_is_visible(tab, servers):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(servers["kungsor"].base)
    tab.keyboard.press("Tab")
    focused = tab.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = tab.locator(".skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # on screen when focused
    outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "main"
    tab.keyboard.press("Tab")
    outline = tab.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                           " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert outline[0] != "none" and outline[1] >= 2


def test_language_switcher_leads_to_the_same_page(tab, servers):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(servers["fictional"].base + "2030/trygghet/")
    # the URL changes before the new document exists: wait until it has loaded
    with tab.expect_navigation(wait_until="load"):
        tab.click("nav.language a")
    assert tab.url == servers["fictional"].base + "en/2030/trygghet/"
    assert tab.evaluate("() => document.documentElement.lang") == "en"
    with tab.expect_navigation(wait_until="load"):
        tab.click("nav.language a")
    assert tab.url == servers["fictional"].base + "2030/trygghet/"


def test_print_stylesheet_hides_navigation(tab, servers):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(servers["kungsor"].base + "en/tracker/")
    assert tab.locator(".main-nav").is_visible()
    tab.emulate_media(media="print")
    try:
        assert not tab.locator(".main-nav").is_visible()
        assert not tab.locator(".filters").is_visible()
        assert tab.locator("main h1").is_visible()
    finally:
        tab.emulate_media(media="screen")


def test_pages_work_without_javascript(browser, servers):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(servers["fictional"].base + "en/tracker/")
        with page.expect_navigation(wait_until="load"):
            page.click("text=Delayed >> nth=0")
        assert page.url.endswith("/en/tracker/status/delayed/")
        assert page.locator(".tracker-item").count() == 1
    finally:
        context.close()
