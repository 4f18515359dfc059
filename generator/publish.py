"""Atomic publishing of the whole site.

The build writes into a hidden staging folder beside the output; only when everything succeeded
is it swapped with the published folder in one `renameat2(RENAME_EXCHANGE)` call, so at every
instant the output path holds either the old complete site or the new one, even if the process
is killed. Leftovers of killed builds are removed by the next build.

The replaced site is not thrown away: it is kept beside the output as the spare tree
(`.<out>.spare`), and the next build takes it as its staging folder. Its folders already exist
and most of its pages are hard links to the published ones, so a rebuild after one edit touches
a few files instead of making ten thousand folders and links. Any tree is safe to reuse this
way, even one a killed build left half-changed, because the build never trusts it (see
`Recycled`): nothing is ever written into an existing file (it may be a hard link to a
published page; writers replace files, see output.py), a page is kept only when it is the very
file the published site has (same inode), and whatever this build did not write is removed
before the swap. After a first publish, when there is no replaced site, a spare is made by
hard-linking the new site (in a detached process for a big site).
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


def spare_path(out: Path) -> Path:
    out = out.absolute()
    return out.parent / f".{out.name}.spare"


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


def claim_spare(out: Path, staging: Path) -> bool:
    """Make the spare tree, if there is one, the (still empty) staging folder: one rename."""
    try:
        os.rename(spare_path(out), staging)  # replaces the empty folder
    except OSError:  # no spare (or another build took it first)
        return False
    return True


def give_back(staging: Path, out: Path, recycled: bool) -> None:
    """A build that failed before the swap: a claimed spare stays the spare (any tree is a
    valid spare); a fresh staging folder is removed."""
    if not (recycled and _become_spare(staging, out)):
        shutil.rmtree(staging, ignore_errors=True)


def _become_spare(folder: Path, out: Path) -> bool:
    """Make `folder` the spare tree, unless there is one already; whether it did."""
    if spare_path(out).exists():
        return False
    try:
        os.rename(folder, spare_path(out))
    except OSError:  # e.g. another build made one in the meantime
        return False
    return True


class Recycled:
    """The spare tree in use as the staging folder. What it held when claimed is listed (in a
    forked process for a big one, while the sources load), and anything in it that is neither
    a file nor a real folder (a link could lead writes out of the tree) is removed, before the
    build writes into it (`ready`). `finish` removes every file this build did not write and
    every folder none of its files is in. A file it did write was replaced, never written into
    (output.py)."""

    def __init__(self, staging: Path, big: bool) -> None:
        from generator.processes import Forked

        self.staging = staging
        # In a forked process: the build is small yet (cheap to fork), the second core is idle
        # while the sources load, and a thread's listing of 10,000 entries held the
        # interpreter lock against the loading.
        self._listing = Forked(list_tree, staging, True) if big else None
        self._listed: tuple[list[str], list[str]] | None = None

    def ready(self) -> None:
        """Wait for the listing: call before anything is written into the staging folder."""
        if self._listed is None:
            listing, self._listing = self._listing, None
            self._listed = (listing.result() if listing is not None
                            else list_tree(self.staging, True))

    def finish(self, written) -> None:
        self.ready()
        files, folders = self._listed
        for rel in files:
            if rel not in written:
                try:
                    os.unlink(self.staging / rel)
                except (FileNotFoundError, IsADirectoryError):  # now a folder this build made
                    pass
        _remove_unused_folders(self.staging, set(folders), written)

    def abandon(self) -> None:
        if self._listing is not None:
            self._listing.abandon()
            self._listing = None


def list_tree(root: Path, only_files_and_folders: bool = False) -> tuple[list[str], list[str]]:
    """Every file (or link, or anything not a real folder) and every folder below `root`,
    relative to it. `only_files_and_folders`: links and special files are removed instead."""
    files: list[str] = []
    folders: list[str] = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        try:
            entries = list(os.scandir(root / prefix if prefix else root))
        except OSError:
            continue
        for entry in entries:
            rel = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                folders.append(rel)
                pending.append(rel + "/")
            elif only_files_and_folders and not entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
            else:
                files.append(rel)
    return files, folders


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
        _remove_unused_folders(self.staging, _with_parents(self.folders), written)

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


def _remove_unused_folders(staging: Path, folders: set[str], written) -> None:
    """Of `folders` (site-relative), remove those no written file is in, deepest first."""
    used = _with_parents(rel.rpartition("/")[0] for rel in written)
    for folder in sorted(folders - used, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(staging / folder)
        except OSError:  # not empty (something else is in it) or never made
            pass


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
    """Staging folders of builds that were killed (their process is gone) become the spare
    tree, or are deleted when there is one; so are spares a killed mirror left unfinished."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    for leftover in out.parent.glob(staging_prefix(out) + "*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is running right now
        if not _become_spare(leftover, out):
            shutil.rmtree(leftover, ignore_errors=True)
    for unfinished in out.parent.glob(_mirror_prefix(out) + "*"):
        pid = unfinished.name.rsplit(".", 1)[-1]
        if not (pid.isdigit() and _alive(int(pid))):
            _delete_detached(unfinished)
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


MIRROR_IN_PROCESS = 400  # files: a smaller new site is hard-linked into a spare at once


def publish(staging: Path, out: Path, files: int = 0) -> None:
    """Swap the complete staging folder in; the old site becomes the spare tree (or is removed
    afterwards when there is one). `files`: how many the new site has."""
    out = out.absolute()
    if not out.exists():
        os.rename(staging, out)
        _mirror(out, detached=files >= MIRROR_IN_PROCESS)
        return
    if _exchange(staging, out):
        _keep_as_spare(staging, out)  # staging now holds the old site
        return
    # No atomic exchange on this system: two renames, with a very short gap.
    old = out.parent / f"{staging_prefix(out)}old-{os.getpid()}"
    os.rename(out, old)
    os.rename(staging, out)
    _keep_as_spare(old, out)


def _keep_as_spare(old_site: Path, out: Path) -> None:
    if not _become_spare(old_site, out):
        _remove_later(old_site, out)


def _mirror_prefix(out: Path) -> str:
    return f".{out.name}.spare-making."


def _mirror(out: Path, detached: bool) -> None:
    """A spare for a site published where there was none: its folders, and hard links to its
    files, made under a temporary name and renamed when complete (so no build takes half of
    one: an unfinished one is deleted by the next build). Best effort: without it the next
    build just makes its own folders."""
    if spare_path(out).exists():
        return
    if detached:
        try:  # "$$": the shell's pid, so the next build can tell whether it still runs
            subprocess.Popen(
                ["sh", "-c", 'cp -al -- "$1" "$2$$" && exec mv -T -- "$2$$" "$3"', "sh",
                 str(out), str(out.parent / _mirror_prefix(out)), str(spare_path(out))],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            pass
        return
    making = out.parent / f"{_mirror_prefix(out)}{os.getpid()}"
    try:
        files, folders = list_tree(out)
        making.mkdir()
        for folder in sorted(folders):
            os.mkdir(making / folder)
        for rel in files:
            os.link(out / rel, making / rel, follow_symlinks=False)
        os.rename(making, spare_path(out))
    except OSError:
        shutil.rmtree(making, ignore_errors=True)


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
