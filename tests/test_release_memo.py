"""Data files kept between builds (generator/datasets/memo.py): used only for exactly the input
they were made from, never when damaged, and removed once no build uses them."""

from __future__ import annotations

import os
import time

import pytest

from generator.datasets.memo import Memo, save
from generator.tables import Table

from test_incremental_build import build, content, tree  # noqa: F401 - fixture


def test_an_entry_is_made_once_and_then_read(tmp_path):
    folder = tmp_path / "release"
    memo = Memo(folder)
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"made from rows A"

    assert memo.get("csv", "rows-A", make) == b"made from rows A"
    assert not folder.exists(), "nothing is written before the build succeeded"
    save(folder, memo.made, time.time() - 1)
    assert Memo(folder).get("csv", "rows-A", make) == b"made from rows A"
    assert len(calls) == 1
    assert Memo(tmp_path / "release").get("json", "rows-A", make) == b"made from rows A"
    assert len(calls) == 2, "another kind of file from the same rows is another entry"


def test_a_damaged_entry_is_made_again(tmp_path):
    folder = tmp_path / "release"
    memo = Memo(folder)
    memo.get("csv", "rows-A", lambda: b"right bytes")
    save(folder, memo.made, time.time() - 1)
    (entry,) = folder.iterdir()
    entry.write_bytes(entry.read_bytes()[:-1] + b"X")
    assert Memo(folder).get("csv", "rows-A", lambda: b"right bytes") == b"right bytes"
    entry.write_bytes(b"")
    assert Memo(folder).get("csv", "rows-A", lambda: b"right bytes") == b"right bytes"


def test_without_a_folder_everything_is_made(tmp_path):
    memo = Memo(None)
    assert memo.get("csv", "k", lambda: b"a") == b"a"
    assert memo.get("csv", "k", lambda: b"b") == b"b"


def test_table_digest_changes_with_any_cell_name_or_column():
    rows = [{"id": "a", "title": "x"}, {"id": "b", "title": None}]
    key = Table("t", ["id", "title"], rows).digest()
    assert Table("t", ["id", "title"], [dict(r) for r in rows]).digest() == key
    assert Table("u", ["id", "title"], rows).digest() != key
    assert Table("t", ["title", "id"], rows).digest() != key
    changed = [{"id": "a", "title": "x"}, {"id": "b", "title": ""}]
    assert Table("t", ["id", "title"], changed).digest() != key


def test_prune_keeps_what_the_last_build_used(tmp_path):
    folder = tmp_path / "release"
    first = Memo(folder)
    first.get("csv", "old", lambda: b"old")
    first.get("csv", "both", lambda: b"both")
    save(folder, first.made, time.time() - 1)
    for entry in folder.iterdir():
        os.utime(entry, (time.time() - 100, time.time() - 100))
    started = time.time() - 1
    second = Memo(folder)
    assert second.get("csv", "both", lambda: b"made again") == b"both"
    second.get("csv", "new", lambda: b"new")
    (folder / ".leftover.123.tmp").write_bytes(b"from a killed build")
    os.utime(folder / ".leftover.123.tmp", (time.time() - 100, time.time() - 100))
    save(folder, second.made, started)
    kept = Memo(folder)
    assert kept.get("csv", "both", lambda: b"x") == b"both"
    assert kept.get("csv", "new", lambda: b"x") == b"new"
    assert kept.get("csv", "old", lambda: b"made again") == b"made again"
    assert len(list(folder.iterdir())) == 2


def test_a_rebuild_with_damaged_entries_equals_a_cold_build(content, tmp_path):  # noqa: F811
    out = tmp_path / "site" / "_site"
    build(content, out)
    kept = out.parent / "._site.cache" / "release"
    entries = sorted(kept.iterdir())
    assert entries, "the first build keeps its data files"
    for entry in entries:  # every entry damaged differently
        data = entry.read_bytes()
        entry.write_bytes(data[:20] + b"damaged" + data[27:])
    source = content / "2031" / "1-trafik.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Fiktiv", "Påhittad", 1),
                      encoding="utf-8")
    build(content, out)
    cold = tmp_path / "cold" / "_site"
    build(content, cold)
    assert tree(out) == tree(cold)


def test_adding_a_row_forgets_the_digest():
    table = Table("t", ["id"])
    empty = table.digest()
    table.add(None, id="a")
    assert table.digest() != empty
    assert table.digest() == Table("t", ["id"], [{"id": "a"}]).digest()


@pytest.mark.parametrize("edit", [
    ("2031/1-trafik.yaml", "date: 2031-12-10", "date: 2031-12-11"),  # a follow-up's date
    ("2031/1-trafik.yaml", "status: done", "status: ongoing"),  # and its status
    ("2030/promise.yaml", "title:\n  sv: ", "title:\n  sv: Ny "),  # a signed promise's title
    ("2031/1-trafik.yaml", "title:\n  sv: ", "title:\n  sv: Ny "),  # not in the changelog
], ids=["follow-up date", "follow-up status", "promise title", "focus-area title"])
def test_the_kept_changelog_follows_every_edit_it_shows(content, tmp_path, edit):  # noqa: F811
    """The changelog is kept between builds by the row counts and the promises' and
    follow-ups' cells: a rebuild after any edit equals a cold build."""
    out = tmp_path / "site" / "_site"
    build(content, out)
    before = (out / "data" / "CHANGELOG.md").read_bytes()
    name, old, new = edit
    source = content / name
    text = source.read_text(encoding="utf-8")
    assert old in text, edit
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    build(content, out)
    cold = tmp_path / "cold" / "_site"
    build(content, cold)
    assert tree(out) == tree(cold)
    changed = (out / "data" / "CHANGELOG.md").read_bytes() != before
    assert changed == (edit[0] != "2031/1-trafik.yaml" or "title" not in edit[1])
