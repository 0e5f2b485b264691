"""bench/countries_diff.py: the countries of reference bodies saved, and two saves compared."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_a_save_holds_each_bodys_countries_and_a_comparison_shows_each_change_in_its_words(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    bodies = {
        "a": {"articleBody": "Russia and China held talks in Beijing on Tuesday, officials in Moscow said."},
        "b": {"articleBody": "Chad Roberts, a defence analyst, said the timing of the talks was deliberate."},
    }
    (folder / "ground-truth.json").write_text(json.dumps(bodies), encoding="utf-8")
    script = [sys.executable, str(ROOT / "bench" / "countries_diff.py")]
    subprocess.run([*script, "save", str(tmp_path / "now.json"), str(folder)], check=True, capture_output=True)
    saved = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    assert {k: v["countries"] for k, v in saved.items()} == {"set/a": ["CN", "RU"], "set/b": []}
    older = {**saved, "set/b": {**saved["set/b"], "countries": ["TD"]}}  # as a release that read Chad as the country
    (tmp_path / "old.json").write_text(json.dumps(older), encoding="utf-8")
    shown = subprocess.run([*script, "compare", str(tmp_path / "old.json"), str(tmp_path / "now.json")], check=True, capture_output=True, text=True).stdout
    assert "| set | 2 | 3 | 2 | 1 |" in shown
    assert "- TD set/b Chad Roberts, a defence analyst" in shown
