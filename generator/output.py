"""The one writer: every output file goes through here, into the staging folder.

Refusing to write a path twice catches two pages claiming the same URL (Pelican does the same).
"""

from __future__ import annotations

import shutil
from pathlib import Path


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
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        target.write_bytes(data)
        self.written[rel.lstrip("/")] = len(data)

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def copy_file(self, source: Path, rel: str) -> None:
        target = self._target(rel)
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
