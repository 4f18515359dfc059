"""The search pages in Chromium, served under the production sub-path: typing a Swedish word on
sok/ and an English one on en/search/ finds the real content's pages, in that language only, by
its stem (Pagefind's Swedish and English stemming), with result links under /medborgarloften/;
the search box and its results add no axe violation; without JavaScript the page offers the
tracker's filters.
"""

from __future__ import annotations

import pytest

from browser.test_pages_in_chromium import page_problems

pytestmark = pytest.mark.slow  # a real browser


def search(tab, url: str, words: str) -> list[str]:
    """Type `words` into the search box of `url`: the result links' addresses."""
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(url)
    tab.fill(".pagefind-ui__search-input", words)
    tab.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    return [link.get_attribute("href") or "" for link in
            tab.locator(".pagefind-ui__result > .pagefind-ui__result-inner > "
                        ".pagefind-ui__result-title .pagefind-ui__result-link").all()]


@pytest.mark.parametrize("path, words, expected", [
    # "skolorna" (the schools) is written "skolor", "skolan" in the sources: Swedish stemming.
    ("sok/", "skolorna", "/medborgarloften/2021/skolmiljo/"),
    ("sok/", "bedrägeribrotten", "/medborgarloften/2024/bedrageribrott/"),
    # "frauds" is written "fraud": English stemming.
    ("en/search/", "frauds", "/medborgarloften/en/2024/bedrageribrott/"),
    ("en/search/", "schools", "/medborgarloften/en/2021/skolmiljo/"),
])
def test_typing_a_word_finds_the_page_in_its_language(tab, servers, outside_requests, path, words,
                                                      expected):
    found = search(tab, servers["kungsor"].base + path, words)
    assert expected in found, found
    english = path.startswith("en/")
    assert all(link.startswith("/medborgarloften/en/") == english for link in found), found
    assert not outside_requests


def test_the_search_box_and_its_results_pass_axe(tab, servers):
    problems = []
    for path, words in (("sok/", "trafik"), ("en/search/", "traffic")):
        url = servers["kungsor"].base + path
        search(tab, url, words)
        problems += page_problems(tab, url, reload=False)
    assert not problems, "\n".join(problems)


def test_without_javascript_the_search_page_offers_the_filters(browser, servers):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(servers["kungsor"].base + "sok/")
        assert page.locator("noscript").count() == 1
        filters = page.locator("nav.filters a")
        assert filters.count() > 5
        filters.first.click()
        assert page.url == servers["kungsor"].base + "uppfoljning/"
    finally:
        context.close()
