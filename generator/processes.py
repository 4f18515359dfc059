"""Worker processes that cannot outlive the build that started them.

A build killed with SIGKILL cannot stop its workers itself; the kernel can, when each worker
asks for it (Linux `prctl(PR_SET_PDEATHSIG)`). Without that, a worker of a killed build would
go on writing into the dead build's staging folder.
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Initializer for pool workers: die when `parent` does (where the system allows it)."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is not None:  # else (not Linux) workers end when their queue closes
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
