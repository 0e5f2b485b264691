"""Counting the calls of a module's function during a test: a cost that grows with the input shows in the count,
where a timing would depend on the machine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Calls:
    count: int = 0


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Calls:
    """Replace ``owner.name`` (a module's function, looked up there by its callers) by one that counts its calls
    and calls it; the count is read from what is returned."""
    calls = Calls()
    real: Callable[..., Any] = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls
