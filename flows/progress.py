"""A listener for progress, so the CLI can draw a bar while the flow runs (the flow knows nothing of the terminal),
and the pace that the flow's log gives after each batch for runs without one."""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[int, int, int], None]  # (documents done, documents total, documents rejected so far)
_listener: Listener | None = None


def set_listener(listener: Listener | None) -> None:
    global _listener
    _listener = listener


def report(done: int, total: int, rejected: int) -> None:
    if _listener is not None:
        _listener(done, total, rejected)


def _span(seconds: float) -> str:
    """A time left as people say it: "40 s", "12 min", "2 h 05 min"."""
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def pace(done: int, total: int, seconds: float) -> str:
    """How fast a run goes and how long it has left, for the log of a run without a progress bar (a deployment,
    cron): 500 of 3,000 documents in 12.5 s give "40 documents/s, about 1 min left". Measured from the run's
    start, so the first batch's wait for the workers counts; empty before anything is done."""
    if done <= 0 or seconds <= 0:
        return ""
    rate = done / seconds
    shown = f"{rate:.1f}" if rate < 10 else f"{rate:.0f}"
    return f"{shown} documents/s" + (f", about {_span((total - done) / rate)} left" if done < total else "")
