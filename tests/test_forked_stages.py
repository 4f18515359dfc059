"""Big sites validate their tables and make their data release in forked processes (from
generator.build.BIG_ROWS and generator.datasets.BIG_ROWS rows). Here the thresholds are
lowered so the FICTIONAL fixture takes those paths: the problems found and the files built
must be exactly those of the in-process path."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import generator.build as build_module
import generator.datasets as datasets_module
from conftest import FIXTURES
from generator.build import BuildOptions, build

BASE_URL = "https://www.example.org/medborgarloften/"


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(content: Path, out: Path, forked: bool, monkeypatch):
    threshold = 0 if forked else 10**12
    monkeypatch.setattr(build_module, "BIG_ROWS", threshold)
    monkeypatch.setattr(datasets_module, "BIG_ROWS", threshold)
    return build(BuildOptions(content_dir=content, out_dir=out, base_url=BASE_URL, jobs=1))


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "fictional-site", target)
    return target


def test_forked_validation_finds_the_same_problems_at_the_same_places(content, tmp_path,
                                                                       monkeypatch):
    source = content / "2031" / "1-trafik.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("date: 2031-12-10", "date: 2031-02-30")
                      .replace("responsible: [polisen", "responsible: [polisenn", 1),
                      encoding="utf-8")
    forked = run(content, tmp_path / "a", True, monkeypatch)
    here = run(content, tmp_path / "b", False, monkeypatch)
    assert not forked.ok and not forked.written
    assert [str(p.position) + p.code for p in forked.problems.sorted()] == [
        str(p.position) + p.code for p in here.problems.sorted()]
    codes = {p.code for p in forked.problems.errors}
    assert "bad_date" in codes, codes
    assert not (tmp_path / "a").exists()


def test_forked_validation_and_release_build_the_same_site(content, tmp_path, monkeypatch):
    forked = run(content, tmp_path / "a" / "_site", True, monkeypatch)
    here = run(content, tmp_path / "b" / "_site", False, monkeypatch)
    assert forked.ok and here.ok, forked.problems.sorted() + here.problems.sorted()
    assert forked.table_digests == here.table_digests
    assert tree(tmp_path / "a" / "_site") == tree(tmp_path / "b" / "_site")


def test_a_forked_release_refuses_to_change_a_published_version_as_the_in_process_one_does(
        content, tmp_path, monkeypatch):
    """The forked release writes its files itself and sends back what it wrote; a published
    version whose bytes would change is still refused (the error comes back from the fork)."""
    own = "https://example.org/medborgarloften/"  # the site's own address: a publication
    outs = {forked: tmp_path / ("a" if forked else "b") / "_site" for forked in (True, False)}

    def publish(forked: bool):
        threshold = 0 if forked else 10**12
        monkeypatch.setattr(build_module, "BIG_ROWS", threshold)
        monkeypatch.setattr(datasets_module, "BIG_ROWS", threshold)
        return build(BuildOptions(content_dir=content, out_dir=outs[forked], base_url=own, jobs=1))

    for forked in outs:
        assert publish(forked).ok
    assert tree(outs[True]) == tree(outs[False])
    before = {forked: tree(out) for forked, out in outs.items()}
    area = content / "2031" / "1-trafik.yaml"
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("title:\n  sv: ", "title:\n  sv: Ändrad ", 1), encoding="utf-8")
    for forked in outs:
        result = publish(forked)
        assert not result.ok and not result.written
        assert {p.code for p in result.problems.errors} == {"data_version_published"}
        assert tree(outs[forked]) == before[forked]
