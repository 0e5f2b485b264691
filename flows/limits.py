"""A wall-clock limit on a block of work (one document's CPU stages, the listing of one file of many documents),
so that a damaged file that sends a parser into a loop costs that file, not the run."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(BaseException):
    """A document took longer than ``document_timeout`` in the CPU stages, or a file of many documents to list. A
    BaseException, so that the broad ``except Exception`` with which parsers survive damaged input cannot swallow
    it. ``own``: the innermost limit's deadline passed, not an enclosing one's (which a block that handles its own
    timeout must let through)."""

    @property
    def own(self) -> bool:
        return bool(self.args[0]) if self.args else True


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block once ``seconds`` of wall-clock time have passed (SIGALRM).

    Only in a process's main thread (a worker process's is), and only where the platform has the timer; elsewhere
    the block runs without a limit. Code in a C extension is interrupted when it returns to Python. The handler
    raises only while the block runs, and an enclosing limit's timer is re-armed with the time it has left; when
    that limit ends first, the timeout raised in the block is not ``own``."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    active = True
    ours = True  # whose deadline the timer holds: this limit's, or an enclosing one's that ends first

    def expire(signum: int, frame: object) -> None:
        if active:
            raise DocumentTimeout(ours)

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer = (0.0, 0.0)
    try:
        outer = signal.setitimer(signal.ITIMER_REAL, seconds)
        if 0 < outer[0] < seconds:  # an enclosing limit ends first: keep its deadline
            ours = False
            signal.setitimer(signal.ITIMER_REAL, outer[0])
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0] > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer[0] - (time.monotonic() - started), 1e-3))
