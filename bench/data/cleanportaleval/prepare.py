"""Build a local evaluation set from CleanPortalEval (PPKE NLP group): 71 English pages of news portals and
news blogs (bbc.co.uk, tv.msnbc.com, blogs.wsj.com, washingtonpost.com), several pages per site, each with its
article text cleaned by hand in the CleanEval format.

The pages belong to their sites and are not committed: this script turns a copy into the Article Extraction
Benchmark's layout (``ground-truth.json`` and ``html/<id>.html.gz``), which ``bench/eval_boilerplate.py`` reads.

    git clone https://github.com/j-szulc/html-cleaning-dataset-merged /tmp/merged
    PYTHONPATH=. python bench/data/cleanportaleval/prepare.py /tmp/merged/CleanPortalEval-master /tmp/cpe
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/cpe --oracle

The folder given holds ``GoldStandard/<id>.txt`` (the cleaned text) and ``input/<id>.html`` (the page, wrapped in
a CleanEval ``<text id="...">`` element); the ``CleanPortalEval`` repository on GitHub (ppke-nlpg) holds the
same files.

- The article body is the cleaned text without its ``URL:`` line, one line per ``<h>``, ``<p>`` or ``<l>``
  block (a block's wrapped lines joined), entities decoded, whitespace collapsed. A page whose cleaned text is
  empty ("this page contains no article") is left out.
- The page is the input without the CleanEval wrapper, decoded in the charset its markup declares, else UTF-8,
  else the detected one (as for the other sets).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.eval_boilerplate import Page, decode_page, write_pages  # noqa: E402

#: a CleanEval block mark at the start of a line: heading, paragraph, list item
_BLOCK_MARK = re.compile(r"^\s*<[hpl]>", re.MULTILINE)
_TAG = re.compile(r"<!--.*?-->|</?[a-z]+>", re.DOTALL)
_WRAPPER = re.compile(r"^\s*<text\b[^>]*>|</text>\s*$")


def body_of(gold: str) -> str:
    """The article text of a CleanEval gold file: its blocks, one per line, without the ``URL:`` line."""
    text = "\n".join(line for line in gold.splitlines() if not line.startswith("URL:"))
    blocks = (" ".join(html.unescape(_TAG.sub(" ", block)).split()) for block in _BLOCK_MARK.split(text))
    return "\n".join(block for block in blocks if block)


def page_of(raw: bytes) -> str:
    """The page inside a CleanEval input file."""
    return _WRAPPER.sub("", decode_page(raw))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="folder with GoldStandard/ and input/")
    parser.add_argument("target", type=Path, help="folder to write ground-truth.json and html/ to")
    args = parser.parse_args(argv)
    gold = sorted((args.source / "GoldStandard").glob("*.txt"))
    if not gold:
        parser.error(f"no GoldStandard/*.txt in {args.source}")
    found = []
    for path in gold:
        page = args.source / "input" / f"{path.stem}.html"
        body = body_of(decode_page(path.read_bytes()))
        if not body or not page.is_file():
            print(f"{path.stem}: {'no page' if body else 'no article text'}, left out", file=sys.stderr)
            continue
        found.append(Page(path.stem, page_of(page.read_bytes()), body))
    print(f"{write_pages(args.target, found)} pages written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
