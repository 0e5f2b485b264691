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

import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.eval_boilerplate import decode_page, gold_standard_main  # noqa: E402

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
    return gold_standard_main(argv, __doc__.split("\n")[0], body_of, page_of)


if __name__ == "__main__":
    sys.exit(main())
