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


def test_without_seeds_here_it_says_to_run_from_the_repository_root(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as err:
        run_demo([], "Invasion", console=Console(file=io.StringIO()))
    assert str(err.value) == (
        "no seeds/ folder here: run `docindex demo` from the repository root, "
        "or give the documents to ingest (`docindex demo PATH...`)"
    )


def test_a_path_given_that_does_not_exist_is_named_without_the_repository_root(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    gone = str(tmp_path / "news")
    with pytest.raises(ConfigError) as err:
        run_demo([str(SEEDS), gone], "Invasion", console=Console(file=io.StringIO()))
    assert str(err.value) == f"no such file, folder or matching glob: {gone!r}"
    assert "repository root" not in str(err.value)
