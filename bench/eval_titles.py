"""Titles found for pages whose title is known: the text route (a scraper's text of the page, cleaned) and HTML.

A set is a folder with ``html/<name>.html.gz`` and ``titles.json`` (name -> the page's title as its publisher's
metadata gives it). Committed: ``bench/data/newspaper4k`` (18 pages; titles from the newspaper4k sdist's
``tests/data/metadata/<name>.json``, MIT, see its README). ``bench/data/readability/prepare_newer.py`` writes one for
Mozilla Readability's newer test pages (from their ``expected-metadata.json``), not committed.

    PYTHONPATH=. python bench/eval_titles.py [DATA_DIR] [--half dev|held-out] [--misses]

A found title is right when its words and the known title's match with F1 >= 0.8, or when it is part of the known
title (a page's ``<title>`` adds the site's name: "Headline - Example Times"); both compared after NFKC
normalisation and case folding. Scored: the text route as ``clean_document`` does it (``find_headline``), its former
rule (the first line left by boilerplate removal, when it looks like a title), and ``extract_html``. Each counts
right, wrong and none (no title).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.eval_boilerplate import DATA, HALVES, _gunzip, scraped_text  # noqa: E402
from flows.steps.boilerplate import remove_boilerplate  # noqa: E402
from flows.steps.clean import extract_html  # noqa: E402
from flows.steps.headline import find_headline, looks_like_title  # noqa: E402
from flows.steps.normalize import normalize_text  # noqa: E402

#: a found title is right when its words match the known title's with at least this F1 ...
MIN_F1 = 0.8
#: ... or when it is part of it and at least this many characters long
MIN_PART_CHARS = 8


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def is_right(found: str, known: str) -> bool:
    found, known = _fold(found), _fold(known)
    a, b = Counter(re.findall(r"\w+", found)), Counter(re.findall(r"\w+", known))
    shared = sum((a & b).values())
    f1 = 2 * shared / (sum(a.values()) + sum(b.values())) if shared else 0.0
    return f1 >= MIN_F1 or (len(found) >= MIN_PART_CHARS and found in known)


def _texts(html: str) -> tuple[str, str]:
    page = normalize_text(scraped_text(html))
    return page, normalize_text(remove_boilerplate(page))


def text_title(html: str) -> str | None:
    return find_headline(*_texts(html))


def first_line_title(html: str) -> str | None:
    article = _texts(html)[1]
    first = article.split("\n", 1)[0]
    return first if article[len(first) :].strip() and looks_like_title(first) else None


def html_title(html: str) -> str | None:
    return extract_html(html)[1].title


SYSTEMS: dict[str, Callable[[str], str | None]] = {
    "text: find_headline": text_title,
    "text: first kept line (before 0.7.4)": first_line_title,
    "html: extract_html": html_title,
}


def titled_pages(data: Path = DATA, half: str | None = None) -> list[tuple[str, str, str]]:
    """(name, html, known title) of the pages listed in ``titles.json``, sorted by name; ``half`` as in
    ``eval_boilerplate.pages``."""
    titles = json.loads((data / "titles.json").read_text(encoding="utf-8"))
    found = [(name, _gunzip(data / "html" / f"{name}.html.gz"), title) for name, title in sorted(titles.items())]
    return found if half is None else found[HALVES[half] :: 2]


def score(system: Callable[[str], str | None], data: list[tuple[str, str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, html, known in data:
        found = system(html)
        counts["none" if not found else "right" if is_right(found, known) else "wrong"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA, help="page folder (default: newspaper4k)")
    parser.add_argument("--half", choices=sorted(HALVES), help="only the development or the held-out half")
    parser.add_argument("--misses", action="store_true", help="list the text route's titles that are not right")
    args = parser.parse_args(argv)
    data = titled_pages(args.data, args.half)
    print(f"{len(data)} pages" + (f" ({args.half} half)" if args.half else ""))
    if args.misses:
        for name, html, known in data:
            found = text_title(html)
            if not found or not is_right(found, known):
                print(f"{name}: {found!r} (known: {known!r})")
        return 0
    print("| system | right | wrong | none |\n|---|---|---|---|")
    for name, system in SYSTEMS.items():
        counts = score(system, data)
        print(f"| {name} | {counts['right']} | {counts['wrong']} | {counts['none']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
