"""Keywords scored against keyphrases people chose for news stories: precision, recall and F1 of the top k.

Data (local only, not committed; see bench/RESULTS.md): folders in the layout of the keyphrase collection
LIAAD/KeywordExtractor-Datasets on GitHub, ``docsutf8/<name>.txt`` with ``keys/<name>.key`` (one keyphrase per
line). Three news sets there:

- 500N-KPCrowd-v1.1: 500 English broadcast news stories, the keyphrases that 90 % of crowd taggers chose
  (collected for keyphrase clouds);
- WikiNews: 100 French Wikinews articles, keyphrases by three or more annotators;
- 110-PT-BN-KP: 110 Portuguese broadcast news stories.

A prediction counts when it equals a gold keyphrase, both lower-cased and cut to their words (no stemming).
docindex's keywords are single words, so they can match only the gold keyphrases of one word; the script also
reports that share. ``--yake`` adds YAKE (the ``yake`` package, not a docindex dependency: install it beside).

    git clone https://github.com/LIAAD/KeywordExtractor-Datasets /tmp/kx
    cd /tmp/kx/datasets && for z in 500N-KPCrowd-v1.1 WikiNews 110-PT-BN-KP; do unzip -q -d /tmp/kp/$z $z.zip; done
    PYTHONPATH=. python bench/eval_keywords.py /tmp/kp/500N-KPCrowd-v1.1 /tmp/kp/WikiNews /tmp/kp/110-PT-BN-KP
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from flows.steps.keywords import extract_keywords
from flows.steps.language import detect_language

_WORD = re.compile(r"\w+")


class Story(NamedTuple):
    name: str
    text: str
    gold: frozenset[str]


def normalise(phrase: str) -> str:
    """Lower case, words only: 'North-Korea's' and 'north korea s' compare equal."""
    return " ".join(_WORD.findall(phrase.lower()))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def stories(folder: Path) -> list[Story]:
    """The stories of a folder (searched for ``docsutf8``, as the archives unpack one level deep or not)."""
    docs = next((p for p in [folder / "docsutf8", *folder.glob("*/docsutf8")] if p.is_dir()), None)
    if docs is None:
        raise SystemExit(f"{folder}: no docsutf8/ folder")
    out = []
    for text_file in sorted(docs.glob("*.txt")):
        key_file = docs.parent / "keys" / f"{text_file.stem}.key"
        if key_file.is_file():
            gold = frozenset(g for line in _read(key_file).splitlines() if (g := normalise(line)))
            out.append(Story(text_file.stem, _read(text_file), gold))
    return out


def top(predicted: Iterable[str], k: int) -> list[str]:
    """The first k distinct normalised predictions."""
    out: list[str] = []
    for phrase in predicted:
        if (n := normalise(phrase)) and n not in out:
            out.append(n)
    return out[:k]


def score(data: list[Story], system: Callable[[str], Iterable[str]], k: int) -> tuple[float, float, float]:
    """Precision, recall and F1 at k, averaged over stories."""
    p_sum = r_sum = f_sum = 0.0
    for story in data:
        predicted = top(system(story.text), k)
        hits = len(set(predicted) & story.gold)
        p = hits / len(predicted) if predicted else 0.0
        r = hits / len(story.gold) if story.gold else 0.0
        p_sum, r_sum, f_sum = p_sum + p, r_sum + r, f_sum + (2 * p * r / (p + r) if p + r else 0.0)
    n = len(data) or 1
    return p_sum / n, r_sum / n, f_sum / n


def single_word_share(data: list[Story]) -> float:
    """Share of gold keyphrases of one word: the recall a single-word system could reach at best."""
    gold = [g for story in data for g in story.gold]
    return sum(" " not in g for g in gold) / (len(gold) or 1)


def _yake(n: int) -> Callable[[str], list[str]]:
    import yake  # type: ignore[import-not-found]

    def run(text: str) -> list[str]:
        language = detect_language(text).code
        extractor = yake.KeywordExtractor(lan=language if language != "und" else "en", n=n, top=20)
        return [phrase for phrase, _ in extractor.extract_keywords(text)]

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("-k", type=int, default=10, help="keywords per story (default 10, as docindex stores)")
    parser.add_argument("--yake", action="store_true", help="also score YAKE, phrases of up to 3 words and of 1")
    args = parser.parse_args(argv)
    systems: dict[str, Callable[[str], Iterable[str]]] = {
        # the document's language as the pipeline detects it (its stop words join jusText's)
        "docindex extract_keywords": lambda text: extract_keywords(text, top=args.k, language=detect_language(text).code)
    }
    if args.yake:
        systems |= {"YAKE, up to 3 words": _yake(3), "YAKE, single words": _yake(1)}
    print(f"| set | stories | gold per story | single-word gold | system | P@{args.k} | R@{args.k} | F1@{args.k} |")
    print("|---|---|---|---|---|---|---|---|")
    for folder in args.folders:
        data = stories(folder)
        per_story = sum(len(s.gold) for s in data) / (len(data) or 1)
        for name, system in systems.items():
            p, r, f = score(data, system, args.k)
            print(f"| {folder.name} | {len(data)} | {per_story:.1f} | {single_word_share(data):.0%} | {name} | "
                  f"{p:.3f} | {r:.3f} | {f:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
