"""The replaced site is kept as the spare tree and reused as the next build's staging folder
(generator/publish.py). Whatever the spare holds, the published result must be byte for byte a
cold build, nothing outside the tree may be written, and no published file may change before
the swap. On a copy of the FICTIONAL fixture site."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

import generator.publish as publish_module
from conftest import FIXTURES
from generator.build import BuildOptions, build
from generator.output import make_folder, write_new
from generator.publish import spare_path

BASE_URL = "https://www.example.org/medborgarloften/"


def tree(root: Path) -> dict[str, str]:
    """Every file and folder, with the SHA-256 of each file's bytes."""
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest()
                                             if p.is_file() else "folder")
            for p in sorted(root.rglob("*"))}


def run(content: Path, out: Path):
    result = build(BuildOptions(content_dir=content, out_dir=out, base_url=BASE_URL, jobs=1))
    assert result.ok, [p.render("en") for p in result.problems.sorted()]
    return result


def edit(content: Path, words: str) -> None:
    area = content / "2031" / "1-trafik.yaml"
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("title:\n  sv: ", f"title:\n  sv: {words} ", 1), encoding="utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "fictional-site", target)
    return target


def test_write_new_replaces_a_hard_link_and_never_writes_into_it(tmp_path):
    published = tmp_path / "published.html"
    published.write_bytes(b"published")
    staged = tmp_path / "staged.html"
    os.link(published, staged)
    write_new(staged, b"new")
    assert published.read_bytes() == b"published" and staged.read_bytes() == b"new"
    folder = tmp_path / "was-a-folder"
    (folder / "inner").mkdir(parents=True)
    write_new(folder, b"file")
    assert folder.read_bytes() == b"file"


def test_make_folder_removes_a_file_or_link_in_the_way(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "a").write_bytes(b"a file where a folder belongs")
    make_folder(root / "a" / "b")
    assert (root / "a" / "b").is_dir()
    (root / "c").symlink_to(outside)
    (root / "c" / "x").mkdir()  # through the link: exists, so "in the way" is not the folder
    write_new(root / "a" / "b" / "f", b"ok")
    assert list(outside.iterdir()) == [outside / "x"]


@pytest.mark.parametrize("big", [False, True], ids=["listed at the end", "listed by a forked process"])
def test_a_rebuild_over_an_edited_spare_equals_a_cold_build_and_writes_nothing_outside(
        content, tmp_path, big, monkeypatch):
    if big:  # as for a big site: the spare is listed by a forked process while the sources load
        monkeypatch.setattr(publish_module.FolderMaker, "MIN_FOLDERS", 0)
    out = tmp_path / "site" / "_site"
    run(content, out)
    spare = spare_path(out)
    assert spare.is_dir() and tree(spare) == tree(out), "a first publish mirrors itself"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_bytes(b"not the site's")
    # A spare as damaged as can be: stray files and folders, a link leading out of the tree,
    # a file where a page's folder belongs, a folder where a page belongs, a half-written page.
    pages = sorted(p for p in spare.rglob("index.html"))
    (spare / "stray.txt").write_bytes(b"stray")
    (spare / "stray-folder" / "deep").mkdir(parents=True)
    (spare / "en").rename(spare / "en-moved")
    (spare / "en").symlink_to(outside)
    shutil.rmtree(pages[1].parent)
    pages[1].parent.write_bytes(b"a file where a folder belongs")
    pages[2].unlink()
    pages[2].mkdir()
    (pages[3].parent / "x.tmp").write_bytes(b"half")
    contact = spare / "kontakt" / "index.html"  # a page the edit leaves unchanged: reused
    os.unlink(contact)
    contact.write_bytes(b"<p>half-written")
    published_before = tree(out)

    edit(content, "Ändrad")
    run(content, out)
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_bytes() == b"not the site's"
    run(content, tmp_path / "cold" / "_site")
    assert tree(out) == tree(tmp_path / "cold" / "_site")
    assert tree(spare_path(out)) == published_before, "the replaced site is the next spare"


def test_a_failed_build_gives_the_spare_back_and_leaves_the_site_alone(content, tmp_path):
    out = tmp_path / "_site"
    run(content, out)
    edit(content, "Först")
    run(content, out)
    site, siblings = tree(out), sorted(p.name for p in tmp_path.iterdir())
    area = content / "2031" / "1-trafik.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("date: 2031-12-10", "date: 2031-02-30"),
                    encoding="utf-8")
    failed = build(BuildOptions(content_dir=content, out_dir=out, base_url=BASE_URL, jobs=1))
    assert not failed.ok and not failed.written
    assert tree(out) == site
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings
    assert spare_path(out).is_dir()


def test_a_big_site_is_mirrored_into_a_spare_by_a_detached_process(content, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(publish_module, "MIRROR_IN_PROCESS", 0)
    out = tmp_path / "_site"
    run(content, out)
    deadline = time.monotonic() + 60
    while not spare_path(out).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tree(spare_path(out)) == tree(out)
    page = next(out.rglob("index.html"))
    twin = spare_path(out) / page.relative_to(out)
    assert os.stat(page).st_ino == os.stat(twin).st_ino, "hard links, not copies"
    assert not list(tmp_path.glob("._site.spare-making.*"))


def test_write_new_keeps_a_file_with_the_same_bytes_and_replaces_any_other(tmp_path):
    same, other = tmp_path / "same.csv", tmp_path / "other.csv"
    same.write_bytes(b"a,b\n1,2\n")
    other.write_bytes(b"a,b\n1,3\n")
    kept_inode = os.stat(same).st_ino
    write_new(same, b"a,b\n1,2\n")
    write_new(other, b"a,b\n1,2\n")
    assert os.stat(same).st_ino == kept_inode
    assert other.read_bytes() == b"a,b\n1,2\n"


def test_the_versioned_data_files_are_links_to_the_latest_ones(content, tmp_path):
    out = tmp_path / "_site"
    run(content, out)
    versioned = [p for p in (out / "data").glob("v*/*") if p.is_file()]
    assert len(versioned) > 10
    for path in versioned:
        latest = out / "data" / path.name
        assert os.stat(path).st_ino == os.stat(latest).st_ino, path.name
