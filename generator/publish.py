"""Atomic publishing of the whole site.

The build writes into a hidden staging folder beside the output (`.<out>.staging-<pid>`); only
when everything succeeded is it swapped with the published folder in one
`renameat2(RENAME_EXCHANGE)` call, so at every instant the output path holds either the old
complete site or the new one, even if the process is killed. The replaced site is then deleted.
Staging folders of killed builds are removed by the next build.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def prepare_staging(out: Path) -> Path:
    """A fresh, empty staging folder next to `out` (same filesystem: the swap is a rename)."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    staging = out.parent / f"{staging_prefix(out)}{os.getpid()}"
    if staging.exists() or staging.is_symlink():
        _remove(staging)
    staging.mkdir()
    return staging


def remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed (their process is gone)."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    for leftover in out.parent.glob(staging_prefix(out) + "*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is running right now
        _remove(leftover)


def discard(staging: Path) -> None:
    """A build that failed before the swap: its staging folder goes, the site stays."""
    _remove(staging)


def publish(staging: Path, out: Path) -> None:
    """Swap the complete staging folder in, then delete the replaced site."""
    out = out.absolute()
    if not out.exists():
        os.rename(staging, out)
        return
    if not _exchange(staging, out):
        # No atomic exchange on this system: two renames, with a very short gap.
        old = out.parent / f"{staging_prefix(out)}old-{os.getpid()}"
        os.rename(out, old)
        os.rename(staging, out)
        staging = old
    _remove(staging)  # now the old site


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # glibc ≥ 2.28
    if renameat2 is None:
        return False
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
