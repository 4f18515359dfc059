"""The staging folder gets the previous site's folders from a forked process while the sources
load (generator.publish.FolderMaker); folders the new site does not use are removed again."""

from __future__ import annotations

import os
import time

from generator.publish import FolderMaker


def all_folders(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def test_premade_folders_that_no_file_uses_are_removed(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    previous = {f"2021/area-{n}" for n in range(500)} | {"en/2021/gone/deeper", "old/only"}
    maker = FolderMaker(staging, previous)
    assert maker.pid is not None, "enough folders to make them in another process"
    written = [f"2021/area-{n}/index.html" for n in range(0, 500, 2)] + ["en/index.html",
                                                                         "new/page/index.html"]
    for rel in written:  # what the page workers do meanwhile
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text("x", encoding="utf-8")
    maker.finish(written)
    expected = ({f"2021/area-{n}" for n in range(0, 500, 2)}
                | {"2021", "en", "new", "new/page"})
    assert all_folders(staging) == expected


def test_few_folders_are_made_where_needed_instead(tmp_path):
    maker = FolderMaker(tmp_path, {"a", "b"})
    assert maker.pid is None
    maker.finish([])
    assert all_folders(tmp_path) == set()


def test_an_abandoned_maker_is_stopped_and_waited_for(tmp_path):
    maker = FolderMaker(tmp_path, {f"f{n}/g" for n in range(20_000)})
    pid = maker.pid
    maker.abandon()
    assert maker.pid is None
    time.sleep(0.1)
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive, "the folder maker outlived an abandoned build"
