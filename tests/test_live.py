"""The site `serve` keeps in memory (generator/live.py): a save reloads only what changed, pages
are what `build` writes, and nothing is served from outside the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TEST_EPOCH, run_cli
from generator.live import LiveSite

BASE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "fictional-site", target)
    return target


def test_served_files_are_the_built_files(content, tmp_path, monkeypatch):
    """Every page, feed, sitemap and data file `build` writes for the same address is served
    with the same bytes (the data page included, which shows the release). The search index is
    not: the preview makes none (generator/search.py), its search page offers the filters."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)  # the day `run_cli` builds with
    out = tmp_path / "_site"
    assert run_cli("build", "--content", content, "--out", out, "--base-url", BASE_URL
                   ).returncode == 0
    site = LiveSite(content, BASE_URL)
    problems, pages = site.reload()
    assert not problems.errors and pages > 40
    built = [p for p in out.rglob("*") if p.is_file()]
    assert len(built) > 100
    for path in built:
        rel = path.relative_to(out).as_posix()
        found = site.get(rel)
        if rel.startswith("pagefind/"):
            assert found is None, rel
            continue
        assert found is not None, rel
        assert found.body == path.read_bytes(), rel


def test_a_save_reloads_only_the_changed_folder(content):
    site = LiveSite(content, BASE_URL)
    site.reload()
    before = {p.id: p for p in site._loaded.content.promises}
    area = content / "2030" / "1-trygghet.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        "sv: Trygghet i centrum (fiktivt)", "sv: Trygghet i hela centrum (fiktivt)"), encoding="utf-8")
    problems, _ = site.reload()
    assert not problems.errors
    after = {p.id: p for p in site._loaded.content.promises}
    assert after["2031"] is before["2031"]  # unchanged folder: the same objects
    assert after["2030"] is not before["2030"]
    assert "Trygghet i hela centrum" in site.get("2030/trygghet/").body.decode("utf-8")


def test_a_broken_save_serves_nothing_until_it_is_mended(content):
    site = LiveSite(content, BASE_URL)
    site.reload()
    area = content / "2030" / "1-trygghet.yaml"
    good = area.read_text(encoding="utf-8")
    area.write_text(good.replace("        date: ", "        date: 2030-02-30 #", 1), encoding="utf-8")
    problems, pages = site.reload()
    assert problems.errors and pages == 0
    assert problems.errors[0].position.path.endswith("1-trygghet.yaml")
    assert site.get("") is None
    area.write_text(good, encoding="utf-8")
    problems, pages = site.reload()
    assert not problems.errors and site.get("") is not None


@pytest.mark.parametrize("path", ["static/../../site.yaml", "static/../organisations.yaml",
                                  "../site.yaml", "static//etc/passwd", "static/linked.css"])
def test_nothing_outside_the_site_is_served(content, path):
    static = content / "_theme" / "static"
    static.mkdir(parents=True)
    (static / "linked.css").symlink_to(content / "site.yaml")
    site = LiveSite(content, BASE_URL)
    site.reload()
    assert site.get(path) is None


def test_an_unknown_path_gets_the_404_page_of_its_language(content):
    site = LiveSite(content, BASE_URL)
    site.reload()
    assert site.get("finns-inte/") is None
    swedish, english = site.not_found("finns-inte/"), site.not_found("en/not-there/")
    assert swedish.status == english.status == 404
    assert 'lang="sv"' in swedish.body.decode() and 'lang="en"' in english.body.decode()
