"""Experiment: a logistic-regression line classifier on top of ``remove_boilerplate`` (not used by docindex).

Trains on the committed evaluation pages only (``bench/data/newspaper4k`` and ``bench/data/readability``) and
reports F1 on any other set, and which lines it would change on the seeds. Results and the reason it is not
adopted are in bench/RESULTS.md ("Third round"). Pure Python, deterministic, about 20 s.

    PYTHONPATH=. python bench/line_classifier.py [EVAL_DIR ...] [--threshold 0.5]

Each unit is a line, or a paragraph wrapped over several lines (``paragraphs``). A unit's label is whether at
least half of its token 4-grams occur in the expected body.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.eval_boilerplate import DATA, Page, pages, prf, scraped_text, shingles  # noqa: E402
from flows.steps import boilerplate as B  # noqa: E402
from flows.steps.normalize import normalize_text  # noqa: E402
from flows.steps.stopwords import stoplist_for  # noqa: E402

Features = list[float]


class Unit:
    def __init__(self, lines: list[str], text: str, features: Features) -> None:
        self.lines, self.text, self.features = lines, text, features


def kept_positions(raw: list[str], text: str) -> set[int]:
    """Positions of the raw lines that ``remove_boilerplate`` keeps (its output is a subsequence of them)."""
    kept = [line for line in B.remove_boilerplate(text).split("\n") if line]
    out, q = set(), 0
    for i, line in enumerate(raw):
        if q < len(kept) and line.strip() == kept[q]:
            out.add(i)
            q += 1
    return out


def units_of(text: str) -> list[Unit]:
    """The non-blank units of a page with their features (the rules' verdict among them)."""
    raw = text.split("\n")
    spans = B.paragraphs(raw)
    joined = [" ".join(raw[i].strip() for i in span) for span in spans]
    stop = stoplist_for(text)
    lines = B._mark_parallel_tails(B._mark_link_lists([B.classify(line, stop) for line in joined]))
    article = B._article_span(lines, stop)
    kept = kept_positions(raw, text)
    content = [i for i, line in enumerate(lines) if line.kind is not B.Kind.BLANK]
    goods = [i for i in content if article and article[0] <= i <= article[1] and lines[i].kind is B.Kind.GOOD]
    total = sum(len(B.words_of(joined[i])) for i in content) or 1
    out = []
    for k, i in enumerate(content):
        line, text_i = lines[i], joined[i]
        words = B.words_of(text_i)
        verdict = spans[i][0] in kept
        good, neutral = line.kind is B.Kind.GOOD, line.kind is B.Kind.NEUTRAL
        f: list[float | bool] = [
            1.0, good, neutral, line.kind is B.Kind.BAD, line.sentence, line.dated, math.log1p(len(words)) / 5,
            (sum(w.lower() in stop for w in words) / len(words)) if words else 0, verdict,
        ]
        for d in (-3, -2, -1, 1, 2, 3):
            other = lines[content[k + d]].kind if 0 <= k + d < len(content) else None
            f += [other is B.Kind.GOOD, other is B.Kind.BAD]
        f.append(k / len(content))
        if goods:
            ends = [content.index(goods[0]), content.index(goods[-1])]
            outside = i < goods[0] or i > goods[-1]
            f += [i < goods[0], i > goods[-1], min(abs(e - k) for e in ends) / 10 if outside else 0]
        else:
            f += [0, 0, 0]
        f += [
            text_i.endswith("!"), text_i.endswith("?"), text_i.endswith(":"),
            sum(c.isdigit() for c in text_i) / max(len(text_i), 1),
            (sum(w[:1].isupper() for w in words) / len(words)) if words else 0, bool(B._BULLET.match(text_i)),
            verdict and good, verdict and neutral, verdict and line.sentence, len(words) / total * 10,
        ]
        out.append(Unit([raw[j].strip() for j in spans[i]], text_i, [float(x) for x in f]))
    return out


def labelled(data: list[Page]) -> list[tuple[Page, list[Unit], list[float]]]:
    out = []
    for page in data:
        units = units_of(scraped_text(page.html))
        want = shingles(page.body)
        labels = []
        for unit in units:
            got = shingles(unit.text)
            n = sum(got.values())
            share = sum((got & want).values()) / n if n else float(bool(unit.text.strip()) and unit.text.strip() in page.body)
            labels.append(1.0 if share >= 0.5 else 0.0)
        out.append((page, units, labels))
    return out


def probability(weights: list[float], features: Features) -> float:
    z = sum(w * x for w, x in zip(weights, features))
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def train(rows: list[tuple[Features, float]], epochs: int = 400, rate: float = 0.5, l2: float = 1e-3) -> list[float]:
    """Batch gradient descent on the log loss with L2 (deterministic: no sampling)."""
    weights = [0.0] * len(rows[0][0])
    for _ in range(epochs):
        grad = [0.0] * len(weights)
        for x, y in rows:
            err = probability(weights, x) - y
            for j, xj in enumerate(x):
                grad[j] += err * xj
        weights = [w - rate * (g / len(rows) + l2 * w) for w, g in zip(weights, grad)]
    return weights


def score(weights: list[float], data: list[tuple[Page, list[Unit], list[float]]], threshold: float) -> tuple[float, ...]:
    results = []
    for page, units, _ in data:
        kept = [line for u in units if probability(weights, u.features) > threshold for line in u.lines]
        results.append(prf("\n".join(kept), page.body))
    return tuple(round(sum(r[i] for r in results) / len(results), 3) for i in range(3))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eval", nargs="*", type=Path, help="further page folders to score (never trained on)")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    training = labelled(pages(DATA)) + labelled(pages(DATA.parent / "readability"))
    weights = train([(u.features, y) for _, units, ys in training for u, y in zip(units, ys)])
    print(f"trained on {len(training)} committed pages; P / R / F1 at p > {args.threshold}")
    print(f"training pages: {score(weights, training, args.threshold)}")
    for folder in args.eval:
        for half in ("dev", "held-out") if (folder / "ground-truth.json").is_file() else (None,):
            print(f"{folder} {half or ''}: {score(weights, labelled(pages(folder, half)), args.threshold)}")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = normalize_text(seed.read_text(encoding="utf-8"))
        rules = [line for line in B.remove_boilerplate(text).split("\n") if line]
        model = [line for u in units_of(text) if probability(weights, u.features) > args.threshold for line in u.lines]
        print(f"seeds/{seed.name}: " + ("same as the rules" if model == rules else "differs from the rules"))
        for line in [x for x in model if x not in rules] + [x for x in rules if x not in model]:
            print(f"    {'model adds' if line in model else 'model drops'}: {line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
