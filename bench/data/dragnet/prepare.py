"""Build a local evaluation set from the Dragnet data (Peters and Lecocq, "Content Extraction Using Diverse Feature
Sets", WWW 2013 companion).

1,381 English news and blog pages crawled in 2012, each with the text that people extracted from it by hand: the
article first, then the comments after a ``!@#$%^&*()  COMMENTS`` line. The pages belong to their sites and are not
committed: this script turns a copy into the Article Extraction Benchmark's layout (``ground-truth.json`` and
``html/<id>.html.gz``), which ``bench/eval_boilerplate.py`` reads.

    git clone https://github.com/j-szulc/html-cleaning-dataset-merged /tmp/merged
    PYTHONPATH=. python bench/data/dragnet/prepare.py /tmp/merged/dragnet_data /tmp/dragnet
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/dragnet --half dev --oracle

The folder given holds ``GoldStandard/<id>.txt`` (the extracted text) and ``input/<id>.html`` (the page as
crawled); the ``dragnet_data`` repository on GitHub (seomoz) holds the same files.

- The article body is the extracted text before the comments mark, one line per non-blank line, whitespace
  collapsed; the comments are not part of it, as in the AEB bodies.
- The page is decoded in the charset its markup declares, else UTF-8, else the detected one (as for L3S-GN1).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.eval_boilerplate import gold_standard_main  # noqa: E402

#: the line that separates the article from the comments in a gold-standard file
COMMENTS_MARK = "!@#$%^&*()"


def body_of(gold: str) -> str:
    """The article part of a gold-standard text: the lines before the comments mark, whitespace collapsed."""
    lines = (" ".join(line.split()) for line in gold.split(COMMENTS_MARK, 1)[0].splitlines())
    return "\n".join(line for line in lines if line)


def main(argv: list[str] | None = None) -> int:
    return gold_standard_main(argv, __doc__.split("\n")[0], body_of)


if __name__ == "__main__":
    sys.exit(main())
