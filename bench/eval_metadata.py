"""Titles, published dates and authors found for pages whose metadata is known: the text route (a scraper's text of
the page, cleaned) and HTML.

A set is a folder with ``html/<name>.html.gz`` and ``metadata.json`` (name -> {"title": ..., "published":
"YYYY-MM-DD", "author": ...}, any may be missing: what the page's publisher states). Committed:
``bench/data/newspaper4k`` (18 pages with a title, 14 with a date, 10 with authors; from the newspaper4k sdist's
``tests/data/metadata/<name>.json``, MIT, see its README). ``bench/data/readability/prepare_newer.py`` writes one for Mozilla Readability's newer test pages
(from their ``expected-metadata.json``), not committed.

    PYTHONPATH=. python bench/eval_metadata.py [DATA_DIR] [--half dev|held-out] [--misses] [--metadata FILE]
    PYTHONPATH=. python bench/eval_metadata.py DATA_DIR --write-stated-titles FILE

``--write-stated-titles`` writes, for a folder laid out as the Article Extraction Benchmark (``ground-truth.json``
+ ``html/``: the Dragnet and L3S sets), a ``metadata.json`` of the headline each page states in its own metadata
(``stated_title``: JSON-LD's ``headline``, else ``og:title``; never ``<title>``, which adds the site's name; a title
several pages state is the site's, and left out), titles only; every page is listed (``{}`` without one), so ``--half`` keeps the halves ``eval_boilerplate`` keeps.
``--metadata`` reads such a file instead of ``DATA_DIR/metadata.json`` (the sets' folders stay as they are).

A found title is right when its words and the known title's match with F1 >= 0.8, or when it is part of the known
title (a page's ``<title>`` adds the site's name: "Headline - Example Times"); both compared after NFKC
normalisation and case folding. A date is right when it is the same day. An author is right when all the words of
the found name are among the known author's (the known value may list several people, or add a role). Scored: the text route as
``clean_document`` does it (``flows.steps.headline.article_head``), where it looked before 0.7.4 (the first line
left by boilerplate removal as the title, when it looks like one; date and byline from the first lines of the text
only; today's boilerplate removal and date and byline rules, so not the 0.7.3 figures exactly), and HTML
(``extract_html``). Each counts right, wrong and none (nothing found).
"""

from __future__ import annotations

import argparse
import html as html_entities
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import lxml.etree
import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.eval_boilerplate import DATA, HALVES, _gunzip, pages, scraped_text  # noqa: E402
from flows.steps.boilerplate import remove_boilerplate  # noqa: E402
from flows.models import CleanDocument, SourceDocument  # noqa: E402
from flows.steps.clean import clean_document, extract_html  # noqa: E402
from flows.steps.headline import looks_like_title  # noqa: E402
from flows.steps.metadata import detect_text_metadata  # noqa: E402
from flows.steps.normalize import normalize_text  # noqa: E402

#: a found title is right when its words match the known title's with at least this F1 ...
MIN_F1 = 0.8
#: ... or when it is part of it and at least this many characters long
MIN_PART_CHARS = 8
#: month names of these languages are read in dates (the sets' pages are in many; the default setting has 22)
LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")


class Found(NamedTuple):
    title: str | None
    published: date | None
    author: str | None


class Known(NamedTuple):
    name: str
    html: str
    title: str | None
    published: date | None
    author: str | None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def is_right(found: str, known: str) -> bool:
    found, known = _fold(found), _fold(known)
    a, b = Counter(re.findall(r"\w+", found)), Counter(re.findall(r"\w+", known))
    shared = sum((a & b).values())
    f1 = 2 * shared / (sum(a.values()) + sum(b.values())) if shared else 0.0
    return f1 >= MIN_F1 or (len(found) >= MIN_PART_CHARS and found in known)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", _fold(text)))


def is_author(found: str, known: str) -> bool:
    return bool(_words(found)) and _words(found) <= _words(known)


def _texts(html: str) -> tuple[str, str]:
    page = normalize_text(scraped_text(html))
    return page, normalize_text(remove_boilerplate(page))


def text_route(html: str) -> Found:
    """The page's scraped text through ``clean_document``, as the pipeline cleans a text file."""
    text = scraped_text(html)
    source = SourceDocument(
        doc_id="eval", source_path="eval/page.txt", format="text", markup="text", text=text, encoding="utf-8",
        size_bytes=len(text.encode()), source_hash="eval",
    )  # fmt: skip
    cleaned = clean_document(source, min_chars=0, boilerplate=remove_boilerplate, languages=LANGUAGES)
    if not isinstance(cleaned, CleanDocument):
        return Found(None, None, None)
    return Found(cleaned.metadata.title, cleaned.metadata.published, cleaned.metadata.author)


def text_route_before(html: str) -> Found:
    page, article = _texts(html)
    first = article.split("\n", 1)[0]
    title = first if article[len(first) :].strip() and looks_like_title(first) else None
    meta = detect_text_metadata(page, languages=LANGUAGES)
    return Found(title, meta.published, meta.author)


def html_route(html: str) -> Found:
    meta = extract_html(html)[1]
    return Found(meta.title, meta.published, meta.author)


SYSTEMS: dict[str, Callable[[str], Found]] = {
    "text: article_head": text_route,
    "text: first lines (before 0.7.4)": text_route_before,
    "html: extract_html": html_route,
}


def _headlines(item: Any) -> list[str]:
    """The ``headline`` strings of a JSON-LD item and of the items it holds (``@graph``, lists), in document order."""
    if isinstance(item, list):
        return [h for part in item for h in _headlines(part)]
    if not isinstance(item, dict):
        return []
    own = [item["headline"]] if isinstance(item.get("headline"), str) else []
    return own + [h for key, value in item.items() if key != "headline" for h in _headlines(value)]


def _tidy(text: str) -> str:
    return " ".join(html_entities.unescape(text).split())


def stated_title(page: str) -> str | None:
    """The headline a page states in its metadata: the first non-empty JSON-LD ``headline``, else ``og:title``,
    else None (not ``<title>``, which adds the site's name)."""
    try:
        root = lxml.html.fromstring(page.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            found = _headlines(json.loads(script.text_content(), strict=False))
        except ValueError:
            continue
        if headline := next((_tidy(h) for h in found if _tidy(h)), None):
            return headline
    og = root.xpath("//meta[@property='og:title' or @name='og:title']/@content")
    return next((_tidy(t) for t in og if _tidy(t)), None)


def stated_titles(data: Path) -> dict[str, dict[str, str]]:
    """Every page of an Article Extraction Benchmark folder with its ``stated_title`` ({} when it states none, or
    states one that another page of the set states too: a site's name, "Official Blog of ...", not a headline)."""
    titles = {page.name: stated_title(page.html) for page in pages(data)}
    stated = Counter(t for t in titles.values() if t)
    return {name: {"title": t} if t and stated[t] == 1 else {} for name, t in titles.items()}


def known_pages(data: Path = DATA, half: str | None = None, metadata: Path | None = None) -> list[Known]:
    """The pages listed in ``metadata.json`` (or ``metadata``), sorted by name; ``half`` as in
    ``eval_boilerplate.pages``."""
    items = json.loads((metadata or data / "metadata.json").read_text(encoding="utf-8"))
    found = [
        Known(
            name,
            _gunzip(data / "html" / f"{name}.html.gz"),
            item.get("title"),
            date.fromisoformat(item["published"]) if item.get("published") else None,
            item.get("author"),
        )
        for name, item in sorted(items.items())
    ]
    return found if half is None else found[HALVES[half] :: 2]


def score(system: Callable[[str], Found], data: list[Known]) -> dict[str, Counter[str]]:
    """Right, wrong and none per field, over the pages where the field is known."""
    counts: dict[str, Counter[str]] = {"title": Counter(), "published": Counter(), "author": Counter()}
    for page in data:
        found = system(page.html)
        if page.title:
            right = bool(found.title) and is_right(found.title or "", page.title)
            counts["title"]["right" if right else "wrong" if found.title else "none"] += 1
        if page.published:
            right = found.published == page.published
            counts["published"]["right" if right else "wrong" if found.published else "none"] += 1
        if page.author:
            right = bool(found.author) and is_author(found.author or "", page.author)
            counts["author"]["right" if right else "wrong" if found.author else "none"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA, help="page folder (default: newspaper4k)")
    parser.add_argument("--half", choices=sorted(HALVES), help="only the development or the held-out half")
    parser.add_argument("--misses", action="store_true", help="list what the text route gets wrong or misses")
    parser.add_argument("--metadata", type=Path, help="the known values (default: DATA_DIR/metadata.json)")
    parser.add_argument("--write-stated-titles", type=Path, metavar="FILE",
                        help="write the titles the pages state in their metadata to FILE, and stop")
    args = parser.parse_args(argv)
    if args.write_stated_titles:
        titles = stated_titles(args.data)
        text = json.dumps(titles, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        args.write_stated_titles.write_text(text, encoding="utf-8")
        print(f"{sum(1 for t in titles.values() if t)} of {len(titles)} pages state a title")
        return 0
    data = known_pages(args.data, args.half, args.metadata)
    print(f"{len(data)} pages" + (f" ({args.half} half)" if args.half else ""))
    if args.misses:
        for page in data:
            found = text_route(page.html)
            if page.title and not (found.title and is_right(found.title, page.title)):
                print(f"{page.name}: title {found.title!r} (known: {page.title!r})")
            if page.published and found.published != page.published:
                print(f"{page.name}: published {found.published} (known: {page.published})")
            if page.author and not (found.author and is_author(found.author, page.author)):
                print(f"{page.name}: author {found.author!r} (known: {page.author!r})")
        return 0
    print("| system | title: right / wrong / none | published | author |\n|---|---|---|---|")
    for name, system in SYSTEMS.items():
        c = score(system, data)
        print(f"| {name} | " + " | ".join(f"{c[f]['right']} / {c[f]['wrong']} / {c[f]['none']}" for f in c) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
