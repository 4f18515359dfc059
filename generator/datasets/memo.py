"""Files of the data release kept between builds, so a rebuild after one edit remakes only what
the edit changed: the CSV, JSON and worksheet of an unchanged table, and the compressed bytes of
an unchanged zip member, are read back instead of made again.

An entry is named by a hash of the code that makes release files, what kind of file it is and
everything it is made from (a table's cells, or a zip member's bytes), so an entry can only be
used for exactly the bytes it was made from. Entries live in `.<out>.cache/release/`, beside the
output and never in the published site; they are written to a temporary name and renamed, and
carry a checksum, so a damaged file is never read as an entry. New entries are only written
after a successful publish (`save`), so a failed build leaves nothing beside the output; entries
not used by a successful build are removed after it (`prune`).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Callable

FOLDER = "release"
_CHECKSUM = 20  # bytes of sha1 in front of every entry
_code: str | None = None


def _code_digest() -> str:
    """The code and schema every release file depends on: a change makes new entries."""
    global _code
    if _code is None:
        generator = Path(__file__).resolve().parent.parent
        parts = sorted((generator / "datasets").glob("*.py")) + [
            generator / "tables.py", generator / "schema" / "package.yaml"]
        digest = hashlib.sha1(sys.version.encode())
        for part in parts:
            digest.update(part.read_bytes())
        _code = digest.hexdigest()
    return _code


class Memo:
    """Made-once bytes, in `folder` (None: nothing is kept; everything is made)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        # new entries: file name -> (checksum, bytes), see `save`; the bytes are the very object
        # the release holds (no copy: at archive scale they are tens of MB)
        self.made: dict[str, tuple[bytes, bytes]] = {}

    def get(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        if self.folder is None:
            return make()
        path = self.folder / hashlib.sha1(f"{_code_digest()}\0{kind}\0{key}".encode()).hexdigest()
        try:
            with open(path, "rb") as file:  # two reads: no copy of the bytes
                checksum, data = file.read(_CHECKSUM), file.read()
        except OSError:
            checksum, data = b"", b""
        if len(checksum) == _CHECKSUM and hashlib.sha1(data).digest() == checksum:
            try:
                os.utime(path)  # used by this build: kept by `prune`
            except OSError:
                pass
            return data
        data = make()
        self.made[path.name] = (hashlib.sha1(data).digest(), data)
        return data

    def deflate(self, data: bytes) -> bytes:
        """A zip member's compressed bytes (see archive.deterministic_zip): a big member's
        pieces are kept one by one, so an edit compresses only the few around it again."""
        from generator.datasets.archive import deflate

        if self.folder is None:
            return deflate(data)
        return deflate(data, self._piece)

    def _piece(self, dictionary: bytes, data: bytes, last: bool) -> bytes:
        from generator.datasets.archive import deflate_piece

        digest = hashlib.sha1(dictionary)
        digest.update(data)
        return self.get("deflate-piece", f"{len(dictionary)}.{digest.hexdigest()}{last:d}",
                        lambda: deflate_piece(dictionary, data, last))


def save(folder: Path, made: dict[str, tuple[bytes, bytes]], used_since: float) -> None:
    """After a successful publish: write the new entries (`Memo.made`, possibly made in another
    process) and remove the entries this build did not use (see `prune`)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, (checksum, data) in made.items():
            temporary = folder / f".{name}.{os.getpid()}.tmp"
            with open(temporary, "wb") as file:
                file.write(checksum)
                file.write(data)
            os.replace(temporary, folder / name)
    except OSError:  # a cache that cannot be written only costs time
        pass
    prune(folder, used_since)


def prune(folder: Path, used_since: float) -> None:
    """After a successful publish: remove entries (and temporary files of killed builds) the
    build that started at `used_since` (time.time()) neither made nor read."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.stat().st_mtime < used_since:
                os.unlink(entry.path)
        except OSError:
            pass


def now() -> float:
    """A build's start, for `prune`; a second earlier, for file systems with coarse times."""
    return time.time() - 1.0
