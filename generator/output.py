"""The one writer: every output file goes through here, into the staging folder.

Refusing to write a path twice catches two pages claiming the same URL (Pelican does the same).

The staging folder may be a reused tree (publish.py) whose files are hard links to the published
site's: a file is therefore always replaced (unlinked, then made anew), never written into, and
a file or folder standing where the other is needed is removed first.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def write_new(path: Path, data: bytes) -> None:
    """`data` as a new file at `path` (its folder exists), replacing whatever is there; a file
    already holding exactly these bytes (in a reused tree) is kept: reading is cheaper than
    writing, and its bytes are all that matter."""
    try:
        handle = os.open(path, _NEW, 0o666)
    except (FileExistsError, IsADirectoryError):
        if _holds(path, data):
            return
        remove(path)
        handle = os.open(path, _NEW, 0o666)
    with open(handle, "wb") as file:
        file.write(data)


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a plain file with exactly `data` in it."""
    try:
        found = os.stat(path, follow_symlinks=False)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read(len(data) + 1) == data
    except OSError:
        return False


def remove(path: Path) -> None:
    """Whatever is at `path`, gone: a file or link unlinked, a real folder deleted."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):  # PermissionError: what unlink says on macOS
        shutil.rmtree(path)


def make_folder(path: Path) -> None:
    """`path` and its parents as folders; a file in the way (from a reused tree) is removed."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        for part in [*reversed(path.parents), path]:  # from the top: the first one in the way
            if part.is_symlink() or (part.exists() and not part.is_dir()):
                remove(part)
                break
        path.mkdir(parents=True, exist_ok=True)


class DuplicateOutput(Exception):
    pass


class Output:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[str, int] = {}  # site-relative path -> bytes

    def _target(self, rel: str) -> Path:
        rel = rel.lstrip("/")
        if rel in self.written:
            raise DuplicateOutput(f"two outputs want the same path: {rel}")
        target = self.root / rel
        make_folder(target.parent)
        return target

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        write_new(target, data)
        self.written[rel.lstrip("/")] = len(data)

    def same_as(self, rel: str, original: str) -> None:
        """`rel` with the bytes already written to `original`: a hard link where the system
        allows (the data release is written twice, latest and versioned: 44 MB at 10,000
        pages), else a copy."""
        target = self._target(rel)
        source = self.root / original.lstrip("/")
        remove(target)  # a reused tree's file: never written into
        try:
            os.link(source, target)
        except OSError:  # no hard links here
            shutil.copyfile(source, target)
        self.written[rel.lstrip("/")] = self.written[original.lstrip("/")]

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def copy_file(self, source: Path, rel: str) -> None:
        target = self._target(rel)
        remove(target)
        shutil.copyfile(source, target)
        self.written[rel.lstrip("/")] = target.stat().st_size

    def record(self, written: dict[str, int]) -> None:
        """Files another process wrote into the same folder (see render/site.py)."""
        for rel, size in written.items():
            if rel in self.written:
                raise DuplicateOutput(f"two outputs want the same path: {rel}")
            self.written[rel] = size

    def read_bytes(self, rel: str) -> bytes:
        return (self.root / rel.lstrip("/")).read_bytes()
