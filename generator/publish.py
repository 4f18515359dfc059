"""Atomic publishing of the whole site.

The build writes into a hidden staging folder beside the output; only when everything succeeded
is it swapped with the published folder in one `renameat2(RENAME_EXCHANGE)` call, so at every
instant the output path holds either the old complete site or the new one, even if the process
is killed. Leftovers of killed builds are removed by the next build.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def prepare_staging(out: Path) -> Path:
    """A fresh staging folder next to `out` (same filesystem, so the swap is a rename)."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    staging = out.parent / f"{staging_prefix(out)}{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


class FolderMaker:
    """Makes the previous site's folders in a fresh staging folder, in a forked process while
    the sources are loaded. On some disks making a folder costs half a millisecond, and a big
    site has one per page: 10,000 of them were most of a rebuild's time after one edit. Folders
    the new site does not use are removed again (`finish`)."""

    MIN_FOLDERS = 400  # fewer: making them where they are needed costs less than a fork

    def __init__(self, staging: Path, folders: set[str]) -> None:
        self.staging = staging
        self.folders = sorted(folders)
        self.pid = None
        if len(self.folders) >= self.MIN_FOLDERS:
            from generator.processes import fork_call

            self.pid = fork_call(_make_folders, staging, self.folders)

    def finish(self, written) -> None:
        """Wait for the maker; remove the folders (and their parents) no written file is in."""
        self._wait()
        used = _with_parents(rel.rpartition("/")[0] for rel in written)
        for folder in sorted(_with_parents(self.folders) - used, key=lambda f: f.count("/"),
                             reverse=True):
            try:
                os.rmdir(self.staging / folder)
            except OSError:  # not empty (another file is in it) or never made
                pass

    def abandon(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._wait()

    def _wait(self) -> None:
        if self.pid is not None:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None


def _with_parents(folders) -> set[str]:
    """"a/b" -> {"a/b", "a"}, for every folder given ("" is the top and stays out)."""
    found: set[str] = set()
    for folder in folders:
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def _make_folders(staging: Path, folders: list[str]) -> None:
    for folder in folders:  # sorted: parents first
        os.makedirs(staging / folder, exist_ok=True)


def remove_leftovers(out: Path) -> None:
    """Delete staging folders of builds that were killed (their process is gone)."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    for leftover in out.parent.glob(staging_prefix(out) + "*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is running right now
        shutil.rmtree(leftover, ignore_errors=True)
    for trash in out.parent.glob(trash_prefix(out) + "*"):
        _delete_detached(trash)  # a replaced site whose deleter was stopped, or still runs


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(staging: Path, out: Path) -> None:
    """Swap the complete staging folder in; the old site is removed afterwards."""
    out = out.absolute()
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        _remove_later(staging, out)  # staging now holds the old site
        return
    # No atomic exchange on this system: two renames, with a very short gap.
    old = out.parent / f"{staging_prefix(out)}old-{os.getpid()}"
    os.rename(out, old)
    os.rename(staging, out)
    _remove_later(old, out)


def _remove_later(old_site: Path, out: Path) -> None:
    """Delete the replaced site in a detached process: the new site is already live, and
    deleting ten thousand files (slow on a disk mounted with `discard`) is no reason to keep
    the editor waiting. The folder is renamed to a trash name first, so a next build that finds
    it (because the deleter was killed) removes it too."""
    trash = out.parent / f"{trash_prefix(out)}{os.getpid()}"
    try:
        os.rename(old_site, trash)
    except OSError:
        shutil.rmtree(old_site, ignore_errors=True)
        return
    _delete_detached(trash)


def _delete_detached(folder: Path) -> None:
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:  # no rm here: delete now
        shutil.rmtree(folder, ignore_errors=True)


def trash_prefix(out: Path) -> str:
    return f".{out.name}.trash-"


def _exchange(a: Path, b: Path) -> bool:
    from generator.processes import libc

    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
