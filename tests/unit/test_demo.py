"""`docindex demo`: what it says before anything starts."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from flows.demo import run_demo
from flows.errors import ConfigError
from tests.conftest import SEEDS


def test_an_invalid_setting_names_its_variable_before_anything_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_MIN_CHARS", "0")
    out = io.StringIO()
    with pytest.raises(ConfigError) as err:
        run_demo([str(SEEDS)], "Invasion", console=Console(file=out))
    assert str(err.value) == "invalid configuration: DOCINDEX_MIN_CHARS: Input should be greater than or equal to 1"
    assert out.getvalue() == ""  # no notice, no engine started
