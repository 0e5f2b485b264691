"""The README cannot rot: settings, CLI options and the CI commands it states are checked against the code."""

import argparse
import re
from pathlib import Path

from flows.cli import build_parser
from flows.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _env_name(name: str) -> str:
    field = Settings.model_fields[name]
    return field.validation_alias.choices[0] if field.validation_alias else f"DOCINDEX_{name.upper()}"


def test_every_setting_is_in_the_readme_table() -> None:
    rows = set(re.findall(r"^\| `([A-Z_]+)` \|", README, re.M))
    expected = {_env_name(n) for n in Settings.model_fields}
    assert expected - rows == set(), "settings missing from the README table"
    assert rows - expected == set(), "README documents settings that do not exist"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    out: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out[name] = sub
                out.update({f"{name} {k}": v for k, v in _subparsers(sub).items()})
    return out


def test_every_cli_command_and_option_is_documented() -> None:
    for name, sub in _subparsers(build_parser()).items():
        assert f"docindex {name}" in README, f"command `docindex {name}` is not in the README"
        for action in sub._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"option {opt} of `docindex {name}` is not in the README"


def test_ci_runs_the_readme_install_and_test_commands() -> None:
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", README, re.S)
    assert block, "README has no quick-start block"
    install, test = block.group(1).strip().splitlines()
    assert install.startswith("python3 -m venv .venv && ")
    pip_args = re.search(r"pip install (.+?) &&", install).group(1)
    assert f"pip install --quiet --disable-pip-version-check {pip_args}" in CI
    assert test in CI.splitlines(), "CI must run the README's test command"
