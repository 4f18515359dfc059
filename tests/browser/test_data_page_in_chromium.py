"""The data page a journalist lands on: at most two screens tall at 1280 px (the issue measured
14,316 px), the workbook first, the per-table files one click away, every link answering."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # a real browser

SCREEN = (1280, 800)


@pytest.mark.parametrize("site, path", [("kungsor", "data/"), ("kungsor", "en/data/"),
                                        ("fictional", "data/"), ("fictional", "en/data/")])
def test_the_data_page_fits_in_two_screens_and_its_links_answer(browser, servers, site, path):
    context = browser.new_context(viewport={"width": SCREEN[0], "height": SCREEN[1]})
    page = context.new_page()
    try:
        response = page.goto(servers[site].base + path)
        assert response is not None and response.ok
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 2 * SCREEN[1], f"{path}: {height} px"
        # the workbook is named before anything else in the page's main content
        first_link = page.locator("main a").first.get_attribute("href") or ""
        assert first_link.endswith("medborgarloften.xlsx")
        # the folded per-table files open without JavaScript and every file link answers
        page.locator("details.all-tables summary").click()
        hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
        assert len(hrefs) > 40
        for href in sorted(set(hrefs)):
            if href.startswith(servers[site].base):
                answer = page.request.get(href)
                assert answer.ok, href
    finally:
        context.close()
