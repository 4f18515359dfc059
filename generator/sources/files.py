"""Which entries of the content folder are sources: regular files and folders inside it.

A symlink that leads out of the folder would let a contribution publish a file of the build
machine; a FIFO or a device would hang the build on its first read. Both are reported where
they are and never opened. A link that stays inside the folder is followed like the loader
always did.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.problems import Position, Problems

MAX_SOURCE_BYTES = 2_000_000  # the biggest real source is about 10 kB; a corpus file 40 kB

FILE, FOLDER = "file", "folder"


def shown_path(path: Path | str) -> str:
    """The path as the editor knows it: relative to where the command runs, when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def entries(folder: Path, root: str, problems: Problems) -> dict[str, str]:
    """The usable entries of `folder` by name (FILE or FOLDER), sorted; hidden ones (".")
    left out. `root`: the content folder's real path, which no link may leave."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as exc:
        problems.add(Position(shown_path(folder)), "folder_unreadable", reason=exc.strerror or str(exc))
        return {}
    found = {}
    for name in names:
        if name.startswith("."):
            continue
        kind = entry_kind(folder / name, root, problems)
        if kind is not None:
            found[name] = kind
    return found


def entry_kind(path: Path, root: str, problems: Problems) -> str | None:
    """FILE or FOLDER, or None with a problem for anything else."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if not inside(os.path.realpath(path), root):
                problems.add(Position(shown_path(path)), "link_outside", target=os.readlink(path))
                return None
            info = os.stat(path)
    except OSError as exc:
        problems.add(Position(shown_path(path)), "file_unreadable", reason=exc.strerror or str(exc))
        return None
    if stat.S_ISDIR(info.st_mode):
        return FOLDER
    if stat.S_ISREG(info.st_mode):
        return FILE
    problems.add(Position(shown_path(path)), "not_a_file")
    return None


def inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_bytes(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """A regular file's bytes. Opened without blocking and checked before reading, so a FIFO
    put in place of a checked file still cannot hang the build. Raises OSError (with a
    `strerror` an editor can read) for anything else."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(path)
        if info.st_size > limit:
            raise TooLarge(path, info.st_size, limit)
        with os.fdopen(handle, "rb", closefd=False) as file:
            data = file.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(path, len(data), limit)
        return data
    finally:
        os.close(handle)


class NotRegular(OSError):
    pass


class TooLarge(OSError):
    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size} bytes, more than {limit}")
        self.size, self.limit = size, limit
