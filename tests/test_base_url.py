"""The site's address (site.yaml's base_url, --base-url) must be an absolute http(s) URL: every
absolute link the build writes (canonical links, sitemap, feeds, the DCAT catalogue) starts with
it. A bad one is a positioned error, never a traceback or a published site of dead links."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import copy_content, run_cli
from sitecheck import FICTIONAL

from generator.sources.addresses import base_url_problem

GOOD = ["https://www.kungsor.se/medborgarloften/", "http://127.0.0.1:8000/",
        "https://example.org", "HTTPS://Example.org/a/", "http://[::1]:8000/", "https://x.se/ö/"]
BAD = ["http://[::1", "ftp://example.org/", "javascript:alert(1)", "www.kungsor.se/m/", "/",
       "relative/path", "", "https://", "https://example.org/a b/", "https://x.se/?a=1",
       "https://x.se/#top", "https://x.se/#", "http://localhost:80x/", "https://x.se/\n",
       'https://x.se/"><script>/']


@pytest.mark.parametrize("url", GOOD)
def test_absolute_http_addresses_are_accepted(url):
    assert base_url_problem(url) is None


@pytest.mark.parametrize("url", BAD)
def test_other_addresses_are_refused(url):
    assert base_url_problem(url) is not None


@given(st.text(max_size=60) | st.from_regex(r"\Ahttps?://[^/]{0,12}/?.{0,20}\Z"))
def test_any_text_gets_an_answer_and_an_accepted_one_is_absolute_http(url):
    if base_url_problem(url) is None:
        parts = urlsplit(url)
        assert parts.scheme.lower() in ("http", "https") and parts.hostname
        assert not any(c.isspace() for c in url)


def test_a_bad_base_url_option_is_named_and_nothing_is_published(tmp_path):
    out = tmp_path / "_site"
    assert run_cli("build", "--content", FICTIONAL, "--out", out).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = run_cli("build", "--content", FICTIONAL, "--out", out, "--base-url", "http://[::1")
    assert result.returncode == 1
    assert "--base-url: http://[::1 cannot be the site's address" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_bad_base_url_in_site_yaml_is_placed_at_its_line(tmp_path):
    content = copy_content(tmp_path, FICTIONAL)
    site = content / "site.yaml"
    lines = site.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("base_url:"))
    lines[number - 1] = "base_url: example.org/medborgarloften/\n"
    site.write_text("".join(lines), encoding="utf-8")
    for command in (["validate", "--content", content],
                    ["build", "--content", content, "--out", tmp_path / "_site"]):
        result = run_cli(*command)
        assert result.returncode == 1
        assert (f"site.yaml:{number}:11: base_url: example.org/medborgarloften/ cannot be the "
                "site's address") in result.stderr.replace("\\", "/")
    assert not (tmp_path / "_site").exists()
