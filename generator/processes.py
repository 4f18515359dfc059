"""Worker processes that cannot outlive the build that started them.

A build killed with SIGKILL cannot stop its workers itself; the kernel can, when each worker
asks for it (Linux `prctl(PR_SET_PDEATHSIG)`). Without that, a worker of a killed build would
go on writing into the dead build's staging folder and then wait forever.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Initializer for forked workers: die when `parent` does (where the system allows it)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
