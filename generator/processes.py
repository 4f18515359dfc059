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


_libc: ctypes.CDLL | bool | None = None


def libc() -> ctypes.CDLL | None:
    """The C library, for the Linux calls Python lacks (prctl, renameat2); None where it cannot
    be loaded. Loaded once, and before forking: finding it runs other programs."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        except OSError:
            _libc = False
    return _libc or None


def die_with_parent(parent: int) -> None:
    """Initializer for forked workers: die when `parent` does (where the system allows it)."""
    prctl = getattr(libc(), "prctl", None)
    if prctl is not None:  # else (not Linux) workers end when their queue closes
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


class Forked:
    """`function(*args)` called in a forked process that dies with this one; `result()` waits
    for its return value (pickled back), `abandon()` stops waiting. The arguments are inherited
    through the fork, never pickled: the model of a big site would take longer to pickle than
    most of the work done with it."""

    def __init__(self, function, *args) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _CALL
        _CALL = (function, args)
        try:
            self._executor: ProcessPoolExecutor | None = ProcessPoolExecutor(
                1, multiprocessing.get_context("fork"), initializer=die_with_parent,
                initargs=(os.getpid(),))
            self._future = self._executor.submit(_call_inherited)
        finally:
            _CALL = None

    def result(self):
        try:
            return self._future.result()
        finally:
            self.abandon()

    def abandon(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


_CALL = None  # (function, args) of the Forked being started, inherited by its process


class Threaded:
    """`function(*args)` in a thread of this process, with `Forked`'s interface. For work that
    mostly waits on the system (listing folders, writing a file): a fork would cost more, and
    every forked process makes the pages this one writes afterwards be copied."""

    def __init__(self, function, *args) -> None:
        import threading

        self._outcome: tuple[bool, object] | None = None

        def run() -> None:
            try:
                self._outcome = (True, function(*args))
            except BaseException as error:  # noqa: BLE001 - handed to result()
                self._outcome = (False, error)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        done, value = self._outcome
        if not done:
            raise value
        return value

    def abandon(self) -> None:
        self._thread.join()  # cannot be stopped; it is short


def _call_inherited():
    function, args = _CALL
    return function(*args)


def fork_call(function, *args) -> int | None:
    """Run `function(*args)` in a forked child that dies with this process and exits without
    Python's clean-up; its pid (None where fork is not available). For plain system calls only:
    nothing is returned, and an exception just ends the child."""
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    libc()
    pid = os.fork()
    if pid:
        return pid
    try:  # the child
        die_with_parent(parent)
        function(*args)
    finally:
        os._exit(0)
