"""Parsed sources kept between builds: a source file whose bytes are unchanged is not parsed again.

At 10,000 pages, parsing 2,300 YAML files into the model takes 1.4 s, a third of a rebuild after
one edit; unpickling the pieces of the model those files gave last time takes a third of that.

A piece is what the loader made of one file (a promise without its focus areas, or one focus
area with its commitments), kept with the problems the file gave, which are reported again: a
kept file reports exactly what parsing it reports. A piece is named by a hash of everything it
came from: the loader's code, the kind of file, the path as the editor sees it (positions hold
it), the loader's arguments (a focus area's promise and place) and the file's bytes. So a piece
can only be used for exactly the file it was made from, whatever else changed.

A big site parsed from scratch (no kept pieces) is parsed by two processes: a forked one parses
the last folders and hands their pieces over, pickled, as if they had been kept (see
`parse_ahead`), while this one parses the first. Loading is the one part of a build that nothing
else runs beside, so the second core was idle.

The pieces live in `.<out>.cache/sources.pickle`, beside the output and never in the published
site. Like the other caches there, they are written only after a successful publish: `prepare`
writes a temporary file while the build goes on (for a big site in a forked process when many
files are new, since pickling all of them takes a second, else in a thread), and `commit`
renames it into place. A damaged or foreign file is ignored, and each piece is only
used when it unpickles.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

from generator.problems import Problems

FILE = "sources.pickle"
FORMAT = 1
_TEMPORARY = ".tmp"
T = TypeVar("T")
_code: str | None = None


def _code_digest() -> str:
    """The code that makes pieces (and the table rows kept on them), and the Python that
    pickles them."""
    global _code
    if _code is None:
        generator = Path(__file__).resolve().parent.parent
        digest = hashlib.sha1(f"{FORMAT}\0{sys.version}".encode())
        for part in sorted((generator / "sources").glob("*.py")) + [  # tables: rows kept on
                generator / "model.py", generator / "problems.py", generator / "tables.py",
                generator / "schema" / "package.yaml"]:  # focus areas (see tables.py)
            digest.update(part.read_bytes())
        _code = digest.hexdigest()
    return _code


class ParsedSources:
    """The pieces of the last successful build (empty: everything is parsed) and this build's."""

    def __init__(self, folder: Path | None = None, entries: dict[str, bytes] | None = None) -> None:
        self.folder = folder
        self._entries = entries or {}
        self._stored = len(self._entries)
        self.kept: dict[str, bytes] = {}  # key -> pickled piece, used by this build
        self.digests: dict[str, str] = {}  # shown path -> sha1 of the bytes read (see reuse.py)
        self.fresh: dict[str, tuple] = {}  # key -> (piece, problems, incomplete tables), new
        self._ahead = None  # the process parsing ahead (see parse_ahead)
        self._from_ahead: set[str] = set()  # keys of pieces it handed over

    @classmethod
    def read(cls, folder: Path) -> ParsedSources:
        """The kept pieces in `folder`; none when there are none or they cannot be trusted."""
        try:
            with open(folder / FILE, "rb") as file:
                stored = pickle.load(file)
            entries = stored["entries"] if stored["code"] == _code_digest() else {}
            if not isinstance(entries, dict):
                entries = {}
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: parse everything
            entries = {}
        return cls(folder, entries)

    def parse_ahead(self, parse: Callable[[ParsedSources], None]) -> None:
        """Start `parse(pieces)` in a forked process; its pieces are used as kept ones once
        `join_ahead` has them. Only worth it when nothing is kept: else most files are not
        parsed at all."""
        from generator.processes import Forked

        self._ahead = Forked(_parsed_ahead, parse)

    def join_ahead(self) -> None:
        """The pieces parsed ahead, from here on found like kept ones (nothing, if that
        process failed: then they are parsed here)."""
        ahead, self._ahead = self._ahead, None
        if ahead is None:
            return
        try:
            entries = ahead.result()
        except Exception:  # noqa: BLE001 - e.g. the process was killed: parse them here
            return
        self._from_ahead.update(entries)
        self._entries.update(entries)

    def piece(self, path: Path, shown: str, kind: str, arguments: str,
              make: Callable[[Problems], T], problems: Problems) -> T:
        """`make(problems)` for the file at `path`, or what it made of the same bytes before."""
        try:
            raw = path.read_bytes()
        except OSError:
            return make(problems)  # it reports why
        self.digests[shown] = hashlib.sha1(raw).hexdigest()
        key = hashlib.sha1(
            f"{_code_digest()}\0{kind}\0{shown}\0{arguments}\0".encode() + raw).hexdigest()
        blob = self._entries.get(key)
        if blob is not None:
            try:
                value, found, incomplete = pickle.loads(blob)
            except Exception:  # noqa: BLE001 - a damaged piece is made again
                pass
            else:
                problems.extend(found)
                problems.incomplete_tables.update(incomplete)
                if key in self._from_ahead:  # new: kept with the rows the build adds to it
                    self.fresh[key] = (value, found, incomplete)
                else:
                    self.kept[key] = blob
                return value
        own = Problems()
        value = make(own)
        problems.extend(own)
        problems.incomplete_tables.update(own.incomplete_tables)
        self.fresh[key] = (value, list(own), set(own.incomplete_tables))
        return value

    @property
    def has_kept(self) -> bool:
        return bool(self._entries)

    @property
    def changed(self) -> bool:
        """Whether the kept file differs from what this build used."""
        return bool(self.fresh) or len(self.kept) != self._stored

    def loaded(self) -> None:
        """Loading is over: pieces no file asked for are let go (they are not kept either)."""
        self.join_ahead()  # (only if loading stopped early)
        self._stored = len(self._entries) - len(self._from_ahead)
        self._entries, self._from_ahead = {}, set()

    def handed_over(self) -> None:
        """Another process writes the pieces (see `prepare`): this one needs them no more."""
        self.kept, self.fresh = {}, {}

    def prepare(self) -> Path | None:
        """Write this build's pieces to a temporary file beside the kept one (after loading,
        while the build goes on); `commit` puts it in place. None when nothing changed."""
        if self.folder is None or not self.changed:
            return None
        entries = dict(self.kept)
        for key, piece in self.fresh.items():
            entries[key] = pickle.dumps(piece, pickle.HIGHEST_PROTOCOL)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{FILE}.{os.getpid()}{_TEMPORARY}"
        with open(temporary, "wb") as file:
            pickle.dump({"code": _code_digest(), "entries": entries}, file,
                        pickle.HIGHEST_PROTOCOL)
        return temporary

    def commit(self, temporary: Path | None) -> None:
        """After a successful publish: the prepared pieces become the kept ones."""
        if temporary is not None and self.folder is not None:
            os.replace(temporary, self.folder / FILE)


def _parsed_ahead(parse: Callable[[ParsedSources], None]) -> dict[str, bytes]:
    """In the forked process: what `parse` made, pickled as kept pieces are."""
    pieces = ParsedSources()
    parse(pieces)
    return {key: pickle.dumps(piece, pickle.HIGHEST_PROTOCOL)
            for key, piece in pieces.fresh.items()}


def discard(folder: Path) -> None:
    """Temporary files of builds that failed or were killed before they could commit."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(f"{FILE}.") and name.endswith(_TEMPORARY):
            try:
                os.unlink(folder / name)
            except OSError:
                pass
