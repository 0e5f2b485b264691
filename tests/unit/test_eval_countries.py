"""bench/eval_countries.py and bench/data/bsnlp/prepare.py: an annotated set built and scored."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_an_annotated_document_is_built_and_its_countries_scored(tmp_path: Path) -> None:
    source = tmp_path / "bsnlp"
    (source / "nord_stream" / "raw" / "ru").mkdir(parents=True)
    (source / "nord_stream" / "annotated" / "ru").mkdir(parents=True)
    (source / "nord_stream" / "raw" / "ru" / "a.txt").write_text(
        "ru-1\nru\n2019-01-10\nhttps://example.org/1\nПереговоры в Брюсселе\n\nУкраина и Литва выступили против России.\n",
        encoding="utf-8",
    )
    (source / "nord_stream" / "annotated" / "ru" / "a.out").write_text(
        "ru-1\nБрюсселе\tБрюссель\tLOC\tGPE-Brussles\nЛитва\tЛитва\tLOC\tGPE-Lithuania\nРоссии\tРоссия\tLOC\tGPE-Russia\n"
        "Украина\tУкраина\tLOC\tGPE-Ukraine\nПоляки\tПоляки\tPER\tGPE-Poland\n",
        encoding="utf-8",
    )
    built = tmp_path / "set"
    subprocess.run([sys.executable, str(ROOT / "bench" / "data" / "bsnlp" / "prepare.py"), str(source), str(built)], check=True, capture_output=True)
    gold = json.loads((built / "gold.json").read_text(encoding="utf-8"))
    assert gold == {
        "ru/nord_stream-ru-1": {
            "countries": ["LT", "RU", "UA"],
            "peoples": ["PL"],
            "mentions": {"LT": ["Литва"], "RU": ["России"], "UA": ["Украина"]},
        }
    }
    assert (built / "ru" / "nord_stream-ru-1.txt").read_text(encoding="utf-8").startswith("Переговоры в Брюсселе")
    out = tmp_path / "figures.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "eval_countries.py"), str(built), "--json", str(out)], check=True, capture_output=True)
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["ru"]["named"] == 3 and figures["ru"]["right"] == 3 and figures["ru"]["recall"] == 1.0
