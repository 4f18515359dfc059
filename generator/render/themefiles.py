"""The files of a theme folder, read only as regular files inside it.

A site's own theme (`content/_theme/`: templates/, static/, locale/) is the web team's input and
comes through git like any other source, so it must not be able to reach outside itself: a
symbolic link in it (git stores them) would otherwise publish or serve its target, e.g.
/etc/passwd, and a FIFO or device would hang the build. So:

- `check_theme_folder`, run by validation before anything is written, refuses every symbolic
  link anywhere in the folder (the folder itself included), every entry that is neither a
  folder nor a regular file, and files larger than their folder's limit, each as a problem at
  that file;
- `theme_files` lists a folder's regular files without following any link (what the build copies
  and compiles);
- `read_theme_file` reads one file by its path inside the theme, checking every step on the way
  (no link), opening the file without following a link and without blocking, and checking what
  was opened (a regular file within the limit) before reading. The Jinja loader (engine.ThemeLoader),
  the build's copy of static files, the catalogues and `serve` read through it, so a link made
  after validation is not followed either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.problems import Position, Problem, Problems

MB = 1024 * 1024
# The largest file each part of a theme may hold: static files are served as they are (images,
# fonts); templates and catalogues are text read whole into memory.
LIMITS = {"static": 10 * MB, "templates": 1 * MB, "locale": 1 * MB}
DEFAULT_LIMIT = 1 * MB

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_BINARY", 0))


class UnsafeThemeFile(OSError):
    """A theme file that is refused: a link, not a regular file, or too large. `code` and
    `params` are its problem's (see messages.py)."""

    def __init__(self, path: Path, code: str, **params: Any) -> None:
        super().__init__(f"{path}: {code} {params}")
        self.path, self.code, self.params = path, code, params

    def problem(self) -> Problem:
        from generator.sources.loader import shown_path

        return Problem(Position(shown_path(self.path)), self.code, self.params)


def limit_of(parts: tuple[str, ...] | list[str]) -> int:
    """The size limit of a file by its path inside the theme (its first folder)."""
    return LIMITS.get(parts[0], DEFAULT_LIMIT) if parts else DEFAULT_LIMIT


def check_theme_folder(theme: Path, problems: Problems) -> bool:
    """Every entry of a site's own theme folder: no symbolic link, nothing but folders and
    regular files, no file over its limit. Each refused entry is a problem at its path; True
    when there was none. Nothing is opened."""
    from generator.sources.loader import shown_path

    found = False

    def refuse(path: Path, code: str, **params: Any) -> None:
        nonlocal found
        found = True
        problems.add(Position(shown_path(path)), code, **params)

    try:
        info = os.lstat(theme)
    except FileNotFoundError:
        return True
    except OSError as error:
        refuse(theme, "file_unreadable", reason=error.strerror or str(error))
        return False
    if stat.S_ISLNK(info.st_mode):
        refuse(theme, "theme_symlink", target=_target(theme))
        return False
    if not stat.S_ISDIR(info.st_mode):
        return True  # not a theme folder: not used (build.theme_dirs)
    for path, info in _walk(theme, problems, refuse):
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            refuse(path, "theme_symlink", target=_target(path))
        elif not stat.S_ISREG(mode):
            refuse(path, "theme_special_file")
        else:
            limit = limit_of(path.relative_to(theme).parts)
            if info.st_size > limit:
                refuse(path, "theme_file_too_large", limit=limit // MB)
    return not found


def _walk(folder: Path, problems: Problems, refuse) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry under a folder but its subfolders, with its own lstat, in name order; a
    symbolic link to a folder is an entry, not followed."""
    try:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        refuse(folder, "file_unreadable", reason=error.strerror or str(error))
        return
    for entry in listed:
        path = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            refuse(path, "file_unreadable", reason=error.strerror or str(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, problems, refuse)
        else:
            yield path, info


def theme_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """A theme folder's regular files (relative path with '/', path), in name order, without
    following any symbolic link; anything else is left out (validation reports it)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for path, info in _walk(folder, Problems(), lambda *args, **kwargs: None):
        if stat.S_ISREG(info.st_mode):
            yield path.relative_to(folder).as_posix(), path


def read_theme_file(theme: Path, parts: tuple[str, ...] | list[str]) -> bytes:
    """The bytes of the file at `parts` inside the theme folder, e.g. ("static", "a.css").
    FileNotFoundError when there is none; UnsafeThemeFile when the theme folder, a folder on
    the way or the file is a symbolic link, the file is not a regular file, or it is larger
    than its limit."""
    path = theme
    for index, part in enumerate(parts):
        if part in ("", ".", "..") or "/" in part or os.sep in part or "\0" in part:
            raise FileNotFoundError(str(theme.joinpath(*parts)))
        if index == 0:
            _no_link(path)
        path = path / part
        if index < len(parts) - 1:
            _no_link(path, folder=True)
    limit = limit_of(parts)
    _regular(path, os.lstat(path), limit)  # a device is never opened (opening one may act)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path):  # ELOOP under O_NOFOLLOW: made a link since the lstat
            raise UnsafeThemeFile(path, "theme_symlink", target=_target(path)) from None
        raise error
    with os.fdopen(descriptor, "rb") as handle:
        _regular(path, os.fstat(handle.fileno()), limit)  # what was opened, after all
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew since
        raise UnsafeThemeFile(path, "theme_file_too_large", limit=limit // MB)
    return data


def _regular(path: Path, info: os.stat_result, limit: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeThemeFile(path, "theme_symlink", target=_target(path))
    if stat.S_ISDIR(info.st_mode):
        raise FileNotFoundError(str(path))  # a folder of that name: no file
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeThemeFile(path, "theme_special_file")
    if info.st_size > limit:
        raise UnsafeThemeFile(path, "theme_file_too_large", limit=limit // MB)


def _no_link(path: Path, folder: bool = False) -> None:
    info = os.lstat(path)  # FileNotFoundError when missing
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeThemeFile(path, "theme_symlink", target=_target(path))
    if folder and not stat.S_ISDIR(info.st_mode):
        raise FileNotFoundError(str(path))


def mtime(filename: str) -> float | None:
    try:
        return os.lstat(filename).st_mtime
    except OSError:
        return None


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"
