"""Build a local evaluation set from L3S-GN1, the Google News boilerplate set (Kohlschütter et al., WSDM 2010).

621 English news articles from 408 sites, crawled in 2008, whose text blocks human assessors labelled as
headline, full text, supplemental (captions), related content, comments or not content. The labels are ``<span>``
elements with classes ``x-nc-sel0`` to ``x-nc-sel5`` in an annotated copy of each page. The set may be used for
research only, so it is not committed: this script turns a copy into the Article Extraction Benchmark's layout
(``ground-truth.json`` and ``html/<id>.html.gz``), which ``bench/eval_boilerplate.py`` reads.

    git clone https://github.com/j-szulc/html-cleaning-dataset-merged /tmp/merged
    PYTHONPATH=. python bench/data/l3s/prepare.py /tmp/merged/page-signal-master /tmp/l3s
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/l3s --half dev --oracle

The folder given holds ``GoldStandard/<id>.txt`` (the annotated pages) and ``input/<id>.html`` (the pages as
crawled); the ``page-signal`` repository on GitHub (geodrome) holds the same files as ``annotated/``.

- The article body is the text labelled headline or full text (``BODY_LABELS``), one line per block, in page
  order; supplemental text (captions), related links and comments are not part of it, as in the AEB bodies.
- The page is the annotated copy with its labels unwrapped and the blocks marked invisible (``x-nc-invisible``)
  removed: the page as the assessors' browser held it. The crawled HTML is worse to read (some copies start with
  a broken head that swallows the body), and ``--crawled`` uses it instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.eval_boilerplate import decode_page, gold_standard_pages, write_pages  # noqa: E402

#: the labels whose text is the article body: headline and full text
BODY_LABELS = frozenset({"x-nc-sel1", "x-nc-sel2"})
#: elements whose text starts a new line of the body
BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "table", "td", "th", "tr", "ul",
})  # fmt: skip
def _label(element: lxml.html.HtmlElement, inherited: str | None) -> str | None:
    classes = (element.get("class") or "").split()
    if element.tag == "span":
        return next((c for c in classes if c.startswith("x-nc-sel")), inherited)
    return inherited


def _invisible(element: lxml.html.HtmlElement) -> bool:
    return "x-nc-invisible" in (element.get("class") or "").split()


def body_of(annotated: str) -> str:
    """The text an annotated page labels as headline or full text. Labels nest (a span inside a span of the same
    label); each piece of text takes the label of its nearest labelled ancestor."""
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement, label: str | None) -> None:
        if not isinstance(element.tag, str) or element.tag in ("script", "style") or _invisible(element):
            return
        label = _label(element, label)
        block = element.tag in BLOCKS
        if block:
            parts.append("\n")
        if element.text and label in BODY_LABELS:
            parts.append(element.text)
        for child in element:
            walk(child, label)
            if child.tail and label in BODY_LABELS:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(lxml.html.fromstring(annotated), None)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def page_of(annotated: str) -> str:
    """The annotated page as its reader saw it: the label spans unwrapped, the invisible blocks removed."""
    root = lxml.html.fromstring(annotated)
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _invisible(e)]:
        element.drop_tree()
    for span in [e for e in root.iter("span") if _label(e, None)]:
        span.drop_tag()
    return lxml.html.tostring(root, encoding="unicode")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="folder with GoldStandard/ and input/")
    parser.add_argument("target", type=Path, help="folder to write ground-truth.json and html/ to")
    parser.add_argument("--crawled", action="store_true", help="the pages as crawled, not as annotated")
    args = parser.parse_args(argv)
    if not any((args.source / "GoldStandard").glob("*.txt")):
        parser.error(f"no GoldStandard/*.txt in {args.source}")

    def page(annotated: str, crawled: Path) -> str | None:
        if not args.crawled:
            return page_of(annotated)
        return decode_page(crawled.read_bytes()) if crawled.is_file() else None

    found = gold_standard_pages(args.source, body_of, page)
    print(f"{write_pages(args.target, found)} pages written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
