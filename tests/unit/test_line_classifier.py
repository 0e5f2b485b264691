"""The line-classifier experiment (bench/line_classifier.py) still reads the rules it is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.steps.boilerplate import remove_boilerplate
from flows.steps.normalize import normalize_text

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
VERDICT = 8  # position of the rules' keep-or-drop verdict among a unit's features


@pytest.fixture(scope="module")
def experiment(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("line_classifier")


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_units_carry_the_rules_verdict(experiment, seed: Path) -> None:  # type: ignore[no-untyped-def]
    text = normalize_text(seed.read_text(encoding="utf-8"))
    units = experiment.units_of(text)
    assert len({len(unit.features) for unit in units}) == 1
    kept = [line for unit in units if unit.features[VERDICT] for line in unit.lines]
    assert kept == [line for line in remove_boilerplate(text).split("\n") if line]


def test_a_trained_model_keeps_prose_and_drops_furniture(experiment) -> None:  # type: ignore[no-untyped-def]
    text = normalize_text(SEEDS[0].read_text(encoding="utf-8"))
    units = experiment.units_of(text)
    rows = [(unit.features, float(bool(unit.features[VERDICT]))) for unit in units]
    assert {y for _, y in rows} == {0.0, 1.0}  # seed 000 has article lines and furniture
    weights = experiment.train(rows, epochs=200)
    agree = sum((experiment.probability(weights, x) > 0.5) == bool(y) for x, y in rows)
    assert agree / len(rows) > 0.9
