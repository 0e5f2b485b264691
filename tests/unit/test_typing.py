"""flows/ type-checks clean with the mypy configuration in pyproject.toml."""

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]


def test_flows_type_checks(tmp_path: Path) -> None:
    # a fresh cache: nothing written into the source tree, and no result left over from another mypy
    report, errors, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path), str(ROOT / "flows")]
    )
    assert status == 0, report + errors
