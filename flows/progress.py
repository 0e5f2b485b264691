"""A listener for progress, so the CLI can draw a bar while the flow runs (the flow knows nothing of the terminal)."""

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
