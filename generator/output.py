"""The one writer: every output file goes through here, into the build's staging folder.

Refusing to write a path twice catches two pages claiming the same URL (Pelican does the same).
Refusing any path that resolves outside the staging folder is a second line of defence: ids
are validated before anything is written, but no id, however it slipped through, may make the
build create or replace a file anywhere else.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class DuplicateOutput(Exception):
    pass


class OutsideOutput(Exception):
    """A path that would land outside the staging folder."""


class Output:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self.written: dict[str, int] = {}  # site-relative path -> bytes

    def target(self, rel: str) -> Path:
        """Where `rel` goes: a new path inside the staging folder, its folder made."""
        rel = rel.lstrip("/")
        if rel in self.written:
            raise DuplicateOutput(f"two outputs want the same path: {rel}")
        parts = rel.split("/")
        if not rel or any(part in ("", ".", "..") or "\\" in part or "\0" in part
                          for part in parts):
            raise OutsideOutput(f"not a path inside the site: {rel!r}")
        target = self.root / rel
        if not os.path.realpath(target).startswith(self._real_root + os.sep):
            raise OutsideOutput(f"not a path inside the site: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self.target(rel)
        with open(target, "xb") as file:  # never into an existing file (or through a link)
            file.write(data)
        self.written[rel.lstrip("/")] = len(data)

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def copy_file(self, source: Path, rel: str) -> None:
        target = self.target(rel)
        shutil.copyfile(source, target)
        self.written[rel.lstrip("/")] = target.stat().st_size

    def record(self, written: dict[str, int]) -> None:
        """Files a worker process wrote into the same folder (see render/site.py)."""
        for rel, size in written.items():
            if rel in self.written:
                raise DuplicateOutput(f"two outputs want the same path: {rel}")
            self.written[rel] = size

    def read_bytes(self, rel: str) -> bytes:
        return (self.root / rel.lstrip("/")).read_bytes()


class MemoryOutput(Output):
    """The same writer keeping the files in memory: `validate` makes the whole site with
    every check of `build` and writes nothing."""

    def __init__(self) -> None:
        super().__init__(Path("/nonexistent-memory-output"))
        self.files: dict[str, bytes] = {}

    def target(self, rel: str) -> Path:
        rel = rel.lstrip("/")
        if rel in self.written:
            raise DuplicateOutput(f"two outputs want the same path: {rel}")
        if not rel or any(part in ("", ".", "..") or "\\" in part or "\0" in part
                          for part in rel.split("/")):
            raise OutsideOutput(f"not a path inside the site: {rel!r}")
        return self.root / rel

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.target(rel)
        self.files[rel.lstrip("/")] = data
        self.written[rel.lstrip("/")] = len(data)

    def copy_file(self, source: Path, rel: str) -> None:
        self.write_bytes(rel, source.read_bytes())

    def read_bytes(self, rel: str) -> bytes:
        return self.files[rel.lstrip("/")]
