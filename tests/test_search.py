"""The search index (generator/search.py): `build` makes one Pagefind index per language from the
staged pages, deterministic, holding only the pages' main content; every page links to the
search page, which loads Pagefind from the site's own files and offers the tracker's filters
without JavaScript; a missing Pagefind is a clear warning, never a traceback. Typing into the
search box in Chromium: tests/browser/test_search_in_chromium.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import CONTENT, FIXTURES, copy_content, run_cli, with_fictional_statement
from generator.search import _sort_languages, pagefind_binary
from sitecheck import FICTIONAL, html_pages, parse, resolve

BASE_URL = "https://www.example.org/medborgarloften/"


def build(content: Path, out: Path, *args: str, env: dict | None = None):
    return run_cli("build", "--content", content, "--out", out, "--base-url", BASE_URL, *args,
                   env=env)


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search") / "_site"
    result = build(FICTIONAL, out)
    assert result.returncode == 0, result.stderr
    return out


def fragments(site: Path) -> dict[str, list[dict]]:
    """The indexed pages by language: Pagefind's fragments are gzipped JSON after a signature."""
    found: dict[str, list[dict]] = {}
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.setdefault(path.name.split("_")[0], []).append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_pagefind_is_installed_with_the_generator():
    assert pagefind_binary() is not None, "pip install -e . installs pagefind[bin]"


def test_one_index_per_language_with_only_the_pages_worth_finding(fictional):
    entry = json.loads((fictional / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "sv"]  # sorted: the same bytes every build
    assert (fictional / "pagefind/wasm.sv.pagefind").is_file()  # Swedish stemming
    assert (fictional / "pagefind/wasm.en.pagefind").is_file()  # English stemming
    indexed = fragments(fictional)
    sv_urls = {page["url"] for page in indexed["sv"]}
    en_urls = {page["url"] for page in indexed["en"]}
    assert all(url.startswith("/en/") for url in en_urls)
    assert not any(url.startswith("/en/") for url in sv_urls)
    assert {"/", "/2031/trafik/", "/kontakt/"} <= sv_urls
    assert {"/en/", "/en/2031/trafik/", "/en/contact/"} <= en_urls
    # Lists and the search and 404 pages are left out: the tracker repeats the focus areas.
    assert not any(url.startswith(("/uppfoljning/", "/sok/", "/404")) for url in sv_urls)
    assert not any(url.startswith(("/en/tracker/", "/en/search/", "/en/404")) for url in en_urls)
    assert entry["languages"]["sv"]["page_count"] == len(sv_urls)
    # Only <main>: the skip link, menu and footer of every page are never a match.
    for page in indexed["sv"]:
        assert "Hoppa till innehållet" not in page["content"], page["url"]
        assert "Tillgänglighetsredogörelse" not in page["content"] or page["url"] == "/tillganglighet/"
    for page in indexed["en"]:
        assert "Skip to content" not in page["content"], page["url"]


def test_the_index_holds_words_of_the_real_content_in_their_language(kungsor_site):
    indexed = fragments(kungsor_site)
    sv = {page["url"]: page["content"] for page in indexed["sv"]}
    en = {page["url"]: page["content"] for page in indexed["en"]}
    assert "skolmiljö" in sv["/2021/skolmiljo/"].lower()
    assert "bedrägeribrott" in sv["/2024/bedrageribrott/"].lower()
    assert "school" in en["/en/2021/skolmiljo/"].lower()
    assert "fraud" in en["/en/2024/bedrageribrott/"].lower()


def test_every_page_links_to_the_search_page_of_its_language(fictional):
    pages = html_pages(fictional)
    assert len(pages) > 20
    for path in pages:
        rel = path.relative_to(fictional).as_posix()
        target = BASE_URL + ("en/search/" if rel.startswith("en/") else "sok/")
        links = {resolve(fictional, path, attrs["href"], BASE_URL)
                 for tag, attrs in parse(path).links if tag == "a"}
        assert target in links, rel


def test_the_search_page_loads_pagefind_from_the_site_and_offers_the_filters(fictional):
    for rel, filters in (("sok/index.html", "../uppfoljning/ar/2031/"),
                         ("en/search/index.html", "../tracker/year/2031/")):
        html = (fictional / rel).read_text(encoding="utf-8")
        up = "../" * rel.count("/")
        resources = parse(fictional / rel).resources
        # Pagefind's own interface, from the site's own folder, by relative links only.
        assert [r for r in resources if r.endswith(".js")] == [
            f"{up}pagefind/pagefind-ui.js", f"{up}static/search.js"]
        assert f"{up}pagefind/pagefind-ui.css" in resources
        for resource in resources:
            assert ((fictional / rel).parent / resource).resolve().is_file(), resource
        assert f'data-bundle="{up}pagefind/" data-base="{up}"' in html
        assert "<noscript>" in html
        assert f'href="{filters}"' in html  # the tracker's filters, which need no JavaScript
        assert "data-pagefind-body" not in html


def test_two_builds_give_byte_identical_indexes(fictional, tmp_path):
    again = tmp_path / "_site"
    assert build(FICTIONAL, again).returncode == 0
    assert files(again / "pagefind") == files(fictional / "pagefind")


def test_the_languages_of_the_entry_file_are_sorted(tmp_path):
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1","languages":{"sv":{"hash":"sv_1"},"en":{"hash":"en_2"}},'
                     '"include_characters":["_","‿"]}', encoding="utf-8")
    _sort_languages(entry)
    assert entry.read_text(encoding="utf-8") == (
        '{"version":"1","languages":{"en":{"hash":"en_2"},"sv":{"hash":"sv_1"}},'
        '"include_characters":["_","‿"]}')


def test_without_pagefind_the_build_warns_and_strict_stops(tmp_path):
    missing = {"PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind")}
    out = tmp_path / "_site"
    result = build(FIXTURES / "fictional-site", out, env=missing)
    assert result.returncode == 0, result.stderr
    assert "the Pagefind program is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "sok/index.html").is_file() and not (out / "pagefind").exists()
    strict = tmp_path / "_strict"  # the real content, its statement completed (FICTIONAL), has no other warning
    result = build(with_fictional_statement(copy_content(tmp_path)), strict, "--strict", env=missing)
    assert result.returncode == 1
    assert "the Pagefind program is missing" in result.stderr and "Traceback" not in result.stderr
    assert not strict.exists()


def test_a_failing_pagefind_publishes_nothing(tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'cannot index' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "_site"
    result = build(FIXTURES / "fictional-site", out, env={"PAGEFIND_BINARY_PATH": str(fake)})
    assert result.returncode == 1
    assert "Pagefind could not make the search index: cannot index" in result.stderr
    assert not out.exists()


def test_validate_makes_no_index(tmp_path):
    out = tmp_path / "_site"
    result = run_cli("validate", "--content", FICTIONAL, "--out", out)
    assert result.returncode == 0, result.stderr
    assert not out.exists()
    assert not any(tmp_path.iterdir())


def test_pagefind_settings_around_the_build_do_not_change_the_index(fictional, tmp_path):
    """Pagefind reads options from PAGEFIND_* variables and a pagefind.yml in its working folder;
    the build's index depends on the sources only."""
    (tmp_path / "pagefind.yml").write_text("force_language: de\n", encoding="utf-8")
    out = tmp_path / "_site"
    result = run_cli("build", "--content", FICTIONAL, "--out", out, "--base-url", BASE_URL,
                     cwd=tmp_path, env={"PAGEFIND_FORCE_LANGUAGE": "de", "PAGEFIND_GLOB": "x"})
    assert result.returncode == 0, result.stderr
    assert files(out / "pagefind") == files(fictional / "pagefind")
