"""The tracker's numbered pages in a real Chromium and the Nu Html Checker: the pagination
navigation passes axe (WCAG 2.0/2.1 A and AA), fits 320 px, is valid HTML and works by keyboard
without JavaScript. Built from the FICTIONAL fixture plus a generated focus area of 120
commitments (see tests/test_tracker_pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck import SubPathServer, build_site
from browser.test_pages_in_chromium import page_problems
from test_site_validator import vnu_errors
from test_tracker_pages import paged_content

pytestmark = pytest.mark.slow  # a real browser

PAGES = ["uppfoljning/", "uppfoljning/sida/2/", "uppfoljning/sida/3/", "en/tracker/page/2/",
         "en/tracker/organisation/polisen/page/3/"]


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paged")
    return build_site(paged_content(root), root / "_site")


@pytest.fixture(scope="module")
def paged_server(paged_site, tmp_path_factory):
    server = SubPathServer(paged_site, tmp_path_factory.mktemp("www-paged"))
    yield server
    server.close()


def test_numbered_tracker_pages_pass_axe_and_fit_320px(tab, paged_server, outside_requests):
    problems = []
    for page in PAGES:
        problems += page_problems(tab, paged_server.base + page)
        assert tab.locator("nav.pagination a").count() >= 3, page
    assert not problems, "\n".join(problems)
    assert not outside_requests


def test_numbered_tracker_pages_are_valid_html(paged_site):
    files = [paged_site / page / "index.html" for page in PAGES]
    errors = vnu_errors(files)
    assert not errors, "\n".join(errors)


def test_next_page_by_keyboard_without_javascript(browser, paged_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(paged_server.base + "en/tracker/")
        page.focus("nav.pagination a[rel=next]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/tracker/page/2/")
        assert page.locator("nav.pagination a[aria-current=page]").inner_text() == "2"
        assert page.locator(".tracker-item").count() == 50
    finally:
        context.close()
