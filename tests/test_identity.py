"""The site's own identity through content/_theme/: the FICTIONAL example theme
(examples/fictional-theme, Exempelby does not exist) on the FICTIONAL fixture site. Its logo is
in every page's header, its colours are loaded after the theme's stylesheet, and nothing comes
from another origin. Built through the command line, checked in the built files."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, REPO, copy_content, run_cli
from sitecheck import css_urls, html_pages, is_other_origin, parse, resolve, url_to_file

EXAMPLE = REPO / "examples" / "fictional-theme" / "_theme"


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("themed")
    content = copy_content(tmp, FIXTURES / "fictional-site")
    shutil.copytree(EXAMPLE, content / "_theme")
    out = tmp / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_example_says_it_is_fictional():
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme.lower()
    for name in ("site.css", "logo.svg"):
        assert "FICTIONAL" in (EXAMPLE / "static" / name).read_text(encoding="utf-8")


def test_every_page_shows_the_logo_and_loads_the_colours_after_the_theme(themed):
    pages = html_pages(themed)
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        header = html[html.index('<header class="site-header">'):html.index("</header>")]
        logo = re.search(r'<img class="brand-logo" src="([^"]*)" alt="">', header)
        assert logo, path
        assert url_to_file(themed, resolve(themed, path, logo.group(1))) == themed / "static/logo.svg"
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]*)">', html)
        # the site's colours right after the theme's; the search page adds Pagefind's own after
        assert [s.rsplit("/", 1)[-1] for s in sheets][:2] == ["style.css", "site.css"], path
        assert all(s.endswith("pagefind-ui.css") for s in sheets[2:]), path
    assert (themed / "static/logo.svg").read_bytes() == (EXAMPLE / "static/logo.svg").read_bytes()
    css = (themed / "static/site.css").read_text(encoding="utf-8")
    assert "--colour-header-bg: #14452f" in css and "--colour-brand: #1d6b47" in css


def test_the_colours_it_sets_are_the_ones_the_theme_uses():
    """A property the example sets but the theme never reads would change nothing."""
    theme = (REPO / "themes/default/static/style.css").read_text(encoding="utf-8")
    example = (EXAMPLE / "static/site.css").read_text(encoding="utf-8")
    set_here = set(re.findall(r"(--[a-z-]+):", example))
    assert set_here
    unused = [name for name in set_here if f"var({name})" not in theme]
    assert not unused, unused


def test_the_themed_site_asks_no_other_origin(themed):
    outside = []
    for path in html_pages(themed):
        outside += [ref for ref in parse(path).resources if is_other_origin(ref)]
    for css in (themed / "static").glob("*.css"):
        outside += [ref for ref in css_urls(css.read_text(encoding="utf-8")) if is_other_origin(ref)]
    svg = (themed / "static/logo.svg").read_text(encoding="utf-8")
    outside += re.findall(r'(?:href|src)="([^"#][^"]*)"', svg)  # an SVG may load nothing either
    assert not outside, outside


def test_without_a_theme_there_is_no_logo_and_no_site_stylesheet(tmp_path):
    out = tmp_path / "_site"
    assert run_cli("build", "--content", FIXTURES / "fictional-site", "--out", out).returncode == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "brand-logo" not in html and "site.css" not in html
    assert not (out / "static/site.css").exists()
