"""The header, menu, the site's own colours and the print stylesheet in a real Chromium.

- The main menu: at 320 px it is folded into a "Meny" disclosure (<details>, works without
  JavaScript) and takes one line; on wider screens its row of links takes at most two lines,
  even with one more item than today (search is coming).
- The FICTIONAL example theme (examples/fictional-theme, Exempelby does not exist) on the
  FICTIONAL fixture site: its colours and logo are what the browser shows, axe finds nothing,
  and no request leaves 127.0.0.1.
- Print: a promise page prints without menus and footer, commitments are not split.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser.test_pages_in_chromium import page_problems
from sitecheck import FICTIONAL, SubPathServer, build_site

pytestmark = pytest.mark.slow  # a real browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fictional-theme" / "_theme"
ONE_MORE_ITEM = ("() => document.querySelectorAll('.main-nav ul').forEach(ul => {"
                 " const li = document.createElement('li'); li.innerHTML = '<a href=\"#\">Sök</a>';"
                 " ul.appendChild(li); })")
LINES = ("(selector) => new Set([...document.querySelectorAll(selector)]"
         ".filter(e => e.getClientRects().length).map(e => Math.round(e.getBoundingClientRect().top))).size")


@pytest.fixture(scope="module")
def themed_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("themed")
    content = root / "content"
    shutil.copytree(FICTIONAL, content)
    shutil.copytree(EXAMPLE, content / "_theme")
    server = SubPathServer(build_site(content, root / "_site"), tmp_path_factory.mktemp("www-themed"))
    yield server
    server.close()


@pytest.mark.parametrize("path", ["", "en/", "2021/skolmiljo/"])
def test_at_320px_the_menu_is_a_one_line_disclosure(tab, servers, path):
    tab.set_viewport_size({"width": 320, "height": 640})
    tab.goto(servers["kungsor"].base + path)
    tab.evaluate(ONE_MORE_ITEM)
    assert not tab.locator(".menu-wide").is_visible()
    summary = tab.locator(".menu-narrow summary")
    assert summary.is_visible()
    box = tab.locator(".main-nav").bounding_box()
    line = summary.bounding_box()["height"]
    assert box["height"] <= line + 16, f"the closed menu is {box['height']}px high"
    assert summary.bounding_box()["height"] >= 44  # a touch target (WCAG 2.5.5 advises 44 px)


def test_the_disclosure_opens_without_javascript(browser, servers):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(servers["kungsor"].base)
        links = page.locator(".menu-narrow a")
        assert not links.first.is_visible()
        page.click(".menu-narrow summary")
        assert links.first.is_visible() and links.count() >= 7
        with page.expect_navigation(wait_until="load"):
            page.click(".menu-narrow a[href='kontakt/']")
        assert page.url.endswith("/kontakt/")
        assert page.locator(".menu-narrow a[aria-current='page']").text_content() == "Kontakt"
    finally:
        context.close()


@pytest.mark.parametrize("width", [641, 800, 1024, 1280])
@pytest.mark.parametrize("path", ["", "en/"])
def test_on_wider_screens_the_menu_fits_two_lines_with_one_more_item(tab, servers, width, path):
    tab.set_viewport_size({"width": width, "height": 800})
    tab.goto(servers["kungsor"].base + path)
    assert not tab.locator(".menu-narrow summary").is_visible()
    assert tab.evaluate(LINES, ".menu-wide li") <= 2
    tab.evaluate(ONE_MORE_ITEM)
    assert tab.evaluate(LINES, ".menu-wide li") <= 2, f"{width}px: more than two lines"


def test_the_example_theme_sets_the_colours_and_the_logo(tab, themed_server, outside_requests):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(themed_server.base)
    style = tab.evaluate("""() => {
        const s = (q, p) => getComputedStyle(document.querySelector(q))[p];
        return {header: s('.site-header', 'backgroundColor'), name: s('.site-name a', 'color'),
                rule: s('.site-header', 'borderBottomColor'), link: s('main a', 'color'),
                logo: document.querySelector('.brand-logo').naturalWidth};
    }""")
    assert style == {"header": "rgb(20, 69, 47)", "name": "rgb(255, 255, 255)",
                     "rule": "rgb(224, 165, 38)", "link": "rgb(29, 107, 71)", "logo": 48}
    assert not outside_requests


@pytest.mark.parametrize("path", ["", "en/2030/", "2031/trafik/", "tillganglighet/"])
def test_the_themed_site_passes_axe_and_fits_320px(tab, themed_server, outside_requests, path):
    assert page_problems(tab, themed_server.base + path) == []
    tab.set_viewport_size({"width": 320, "height": 640})
    tab.click(".menu-narrow summary")  # the open menu, in the site's colours, passes too
    assert tab.locator(".menu-narrow a").first.is_visible()
    result = tab.evaluate("async () => (await axe.run(document, {runOnly: {type: 'tag', values:"
                          " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)")
    assert result == []
    assert not outside_requests


def test_a_promise_page_prints_without_chrome(tab, servers):
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(servers["kungsor"].base + "2021/")
    assert tab.locator(".main-nav").is_visible() and tab.locator(".site-footer").is_visible()
    tab.emulate_media(media="print")
    try:
        for chrome in (".main-nav", ".site-footer", ".language", ".skip-link"):
            assert not tab.locator(chrome).is_visible(), chrome
        assert tab.locator("main h1").is_visible() and tab.locator(".site-name").is_visible()
        # a focus area's card, like a status chart or table, is never split across two pages
        assert tab.evaluate("() => getComputedStyle(document.querySelector('article.focus-area'))"
                            ".breakInside") == "avoid"
        color = tab.evaluate("() => getComputedStyle(document.querySelector('main p')).color")
        assert color == "rgb(0, 0, 0)"
        assert tab.pdf(format="A4")[:4] == b"%PDF"
    finally:
        tab.emulate_media(media="screen")
