"""The README cannot rot: settings, CLI options and the CI commands it states are checked against the code."""

import argparse
import re
from pathlib import Path

import annotated_types
import pytest
from pydantic import ValidationError

from flows.cli import build_parser
from flows.search.schema import load_schema
from flows.settings import DEFAULT_SCHEMAS_DIR, SENTENCE_WORDS, Settings, env_name
from flows.steps.language import DEFAULT_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    rows = set(re.findall(r"^\| `([A-Z_]+)` \|", README, re.M))
    expected = {env_name(n) for n in Settings.model_fields}
    assert expected - rows == set(), "settings missing from the README table"
    assert rows - expected == set(), "README documents settings that do not exist"


def _allowed_cells() -> dict[str, str]:
    """The README settings table's "allowed" column, by variable."""
    header = re.search(r"^\| variable \| default \| allowed \| meaning \|$", README, re.M)
    assert header, "the README settings table has no allowed column"
    return {m[1]: m[2] for m in re.finditer(r"^\| `([A-Z_]+)` \| .*? \| (.*?) \| ", README, re.M)}


def _range(name: str) -> str | None:
    """A numeric setting's bounds as the README states them ("`1` to `5000`", "`0` or more", "above `0`")."""
    metadata = [m for m in Settings.model_fields[name].metadata if isinstance(m, annotated_types.BaseMetadata)]
    assert all(isinstance(m, annotated_types.Ge | annotated_types.Le | annotated_types.Gt) for m in metadata), (
        f"{name}: say here how the README states {metadata}"
    )
    ge = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
    le = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
    gt = next((m.gt for m in metadata if isinstance(m, annotated_types.Gt)), None)
    if ge is not None and le is not None:
        return f"`{ge}` to `{le}`"
    if ge is not None:
        return f"`{ge}` or more"
    if gt is not None:
        return f"above `{gt}`"
    return None


def test_the_readme_table_states_each_settings_allowed_range() -> None:
    cells = _allowed_cells()
    for name in Settings.model_fields:
        cell = cells[env_name(name)]
        assert cell.strip(), f"{env_name(name)} has no allowed values in the README"
        bounds = _range(name)
        if bounds is not None:
            assert cell.startswith(bounds), f"README says {env_name(name)} allows {cell!r}, the settings {bounds}"


def test_the_readme_table_states_the_overlap_rule() -> None:
    cell = _allowed_cells()["DOCINDEX_CHUNK_OVERLAP_SENTENCES"]
    assert f"below `DOCINDEX_CHUNK_WORDS` / {SENTENCE_WORDS}" in cell
    example = re.search(r"`DOCINDEX_CHUNK_WORDS=(\d+)`, at most `(\d+)`", cell)
    assert example, cell
    words, most = int(example[1]), int(example[2])
    Settings(chunk_words=words, chunk_overlap_sentences=most)
    with pytest.raises(ValidationError):
        Settings(chunk_words=words, chunk_overlap_sentences=most + 1)


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


def test_index_design_names_each_language_field_and_the_default_languages_without_one() -> None:
    section = README[README.index("### Index design") : README.index("`doc_id` is a hash")]
    analyzed = load_schema(DEFAULT_SCHEMAS_DIR, "chunks").analyzed_languages
    assert set(re.findall(r"`text_([a-z]{2})`", section)) == analyzed
    without = section[section.index("have no such field") : section.index("\n- `docindex-documents`")]
    assert set(re.findall(r"`([a-z]{2})`", without)) == set(DEFAULT_LANGUAGES) - analyzed
