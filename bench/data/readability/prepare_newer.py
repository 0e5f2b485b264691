"""Build a local, uncommitted evaluation set from Mozilla Readability's newer test pages (see README.md).

    git clone https://github.com/mozilla/readability /tmp/readability
    cd <repo> && PYTHONPATH=. python bench/data/readability/prepare_newer.py /tmp/readability /tmp/moz
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/moz --half dev        # or --half held-out

Takes every ``test/test-pages/<name>/`` of commit ``COMMIT`` whose ``source.html`` is larger than ``MIN_SOURCE_BYTES``
(the small ones are made-up pages testing one feature of Readability) and that is not one of the committed pages
(``prepare.PAGES``), and writes ``html/<name>.html.gz`` and ``txt/<name>.txt.gz`` to the output folder as
``prepare.py`` does, and ``metadata.json`` (name -> the title, the day of ``publishedTime`` and the byline in the
page's ``expected-metadata.json``) for ``bench/eval_metadata.py``. Both rules were fixed before the set was first scored. Needs git and lxml.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.data.readability.prepare import PAGES, _write, visible_text

COMMIT = "ab4027a8b37669745016869a37a504727992b2ba"
MIN_SOURCE_BYTES = 10_000


def _git(clone: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", clone, *args], check=True, capture_output=True).stdout


def main(clone: str, out: str) -> int:
    listing = _git(clone, "ls-tree", "-r", "-l", COMMIT, "test/test-pages/").decode("utf-8")
    paths = {row.split("\t", 1)[1] for row in listing.splitlines()}
    written = 0
    known: dict[str, dict[str, str]] = {}
    for row in listing.splitlines():
        meta, path = row.split("\t", 1)
        size = int(meta.split()[3])
        name = path.split("/")[-2]
        if not path.endswith("/source.html") or size <= MIN_SOURCE_BYTES or name in PAGES:
            continue
        base = path.removesuffix("source.html")
        expected = _git(clone, "show", f"{COMMIT}:{base}expected.html").decode("utf-8")
        _write(Path(out) / "html" / f"{name}.html.gz", _git(clone, "show", f"{COMMIT}:{path}"))
        _write(Path(out) / "txt" / f"{name}.txt.gz", visible_text(expected).encode("utf-8"))
        written += 1
        if f"{base}expected-metadata.json" in paths:
            meta = json.loads(_git(clone, "show", f"{COMMIT}:{base}expected-metadata.json"))
            item = {
                "title": meta.get("title"),
                "published": (meta.get("publishedTime") or "")[:10],
                "author": " ".join((meta.get("byline") or "").split()),
            }
            if item := {k: v for k, v in item.items() if v}:
                known[name] = item
    (Path(out) / "metadata.json").write_text(json.dumps(known, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{written} pages written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
