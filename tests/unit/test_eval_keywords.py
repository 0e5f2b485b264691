"""The keyword evaluation reads the keyphrase collection's layout and scores as its docstring says."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def bench(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("eval_keywords")


def _folder(root: Path, stories: dict[str, tuple[str, list[str]]]) -> Path:
    (root / "set" / "docsutf8").mkdir(parents=True)
    (root / "set" / "keys").mkdir()
    for name, (text, keys) in stories.items():
        (root / "set" / "docsutf8" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "set" / "keys" / f"{name}.key").write_text("\n".join(keys) + "\n", encoding="utf-8")
    (root / "set" / "docsutf8" / "unkeyed.txt").write_text("no keys for this one", encoding="utf-8")
    return root


def test_stories_are_read_one_level_deep_with_normalised_keyphrases(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _folder(tmp_path, {"a": ("Text about North Korea.", ["North-Korea's", "sanctions", ""])})
    (story,) = bench.stories(root)  # docsutf8/ under a subfolder, as the archives unpack; unkeyed text skipped
    assert story.name == "a" and story.gold == frozenset({"north korea s", "sanctions"})


def test_precision_recall_and_f1_at_k(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = bench.stories(_folder(tmp_path, {"a": ("x", ["korea", "sanctions", "talks", "nuclear tests"])}))
    p, r, f = bench.score(data, lambda text: ["Korea", "korea", "Talks", "weather"], 10)  # duplicates count once
    assert (p, r) == (2 / 3, 2 / 4) and f == pytest.approx(2 * p * r / (p + r))
    p, r, _ = bench.score(data, lambda text: ["weather", "Korea"], 1)  # only the top k count
    assert (p, r) == (0.0, 0.0)
    assert bench.single_word_share(data) == 3 / 4
