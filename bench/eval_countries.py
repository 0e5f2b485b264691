"""Countries found against countries named by hand, per language, on the set that
``bench/data/bsnlp/prepare.py`` builds (news in Bulgarian, Czech, Polish, Russian, Slovene and Ukrainian, each
country mention annotated).

    PYTHONPATH=. python bench/eval_countries.py /tmp/bsnlp [--misses 15] [--json out.json]

Each document is read as ``annotate_facets`` reads one: in its language and English, with the default expected
languages plus its own (``document_countries``). A found code is right when the annotators named the country
(a LOC mention); a code of a people they named ("Polacy") but no country is counted apart (``peoples``), since
docindex knows no demonyms in these languages; any other code is wrong: mostly an adjective ("rosyjski",
which the annotators do not mark) or a false friend, so the wrong codes are listed to be read. Figures are micro
averages over (document, country) pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.steps.countries import document_countries  # noqa: E402
from flows.steps.language import DEFAULT_LANGUAGES  # noqa: E402


def evaluate(root: Path, langs: set[str] | None, misses: int) -> dict[str, dict[str, float]]:
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    missed: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: dict[str, Counter[str]] = defaultdict(Counter)
    for key, truth in sorted(gold.items()):
        lang = key.split("/", 1)[0]
        if langs and lang not in langs:
            continue
        text = (root / f"{key}.txt").read_text(encoding="utf-8")
        found = set(document_countries(text, language=lang, languages=(*DEFAULT_LANGUAGES, lang)))
        named, peoples = set(truth["countries"]), set(truth["peoples"])
        row = rows[lang]
        row["documents"] += 1
        row["named"] += len(named)
        row["right"] += len(found & named)
        row["people"] += len(found & peoples)
        row["wrong"] += len(found - named - peoples)
        for code in named - found:
            missed[lang].update(f"{code} {form}" for form in truth["mentions"][code])
        wrong[lang].update(f"{code} ({key})" for code in found - named - peoples)
    out: dict[str, dict[str, float]] = {}
    total: Counter[str] = Counter()
    for lang, row in sorted(rows.items()):
        total.update(row)
        out[lang] = _figures(row)
    out["all"] = _figures(total)
    print(f"{'lang':5} {'docs':>5} {'named':>6} {'right':>6} {'people':>6} {'wrong':>6} {'recall':>7} {'precision':>9}")
    for lang, f in out.items():
        print(f"{lang:5} {f['documents']:5.0f} {f['named']:6.0f} {f['right']:6.0f} {f['people']:6.0f} {f['wrong']:6.0f} "
              f"{f['recall']:7.3f} {f['precision']:9.3f}")
    if misses:
        for lang in sorted(rows):
            print(f"\n{lang}: mentions of missed countries: {', '.join(f'{m} ({n})' for m, n in missed[lang].most_common(misses))}")
            print(f"{lang}: wrong codes: {', '.join(w for w, _ in wrong[lang].most_common(misses))}")
    return out


def _figures(row: Counter[str]) -> dict[str, float]:
    found = row["right"] + row["people"] + row["wrong"]
    return {
        **{k: float(v) for k, v in row.items()},
        "recall": row["right"] / row["named"] if row["named"] else 0.0,
        "precision": (row["right"] + row["people"]) / found if found else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--langs", help="comma-separated languages (default: all)")
    parser.add_argument("--misses", type=int, default=0, help="list this many missed mentions and wrong codes per language")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    figures = evaluate(args.root, set(args.langs.split(",")) if args.langs else None, args.misses)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
