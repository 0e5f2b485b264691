"""Split a copy of the Article Extraction Benchmark (Zyte, formerly Scrapinghub) into the two local sets that
``bench/RESULTS.md`` reports: the 141 pages the text rules were developed and held out on, and the 40 further pages
(``later.txt``) that were first measured at 0.8.5, after every rule then in docindex was written.

181 English article pages with hand-checked bodies (``ground-truth.json``: id -> {"articleBody": ...}, and
``html/<id>.html.gz``). Not committed (the pages belong to their sites):

    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb
    PYTHONPATH=. python bench/data/aeb/prepare.py /tmp/aeb /tmp/aeb_all             # the 141 pages
    PYTHONPATH=. python bench/data/aeb/prepare.py /tmp/aeb /tmp/aeb_new --later     # the 40 further pages
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/aeb_all --half held-out
    PYTHONPATH=. python bench/eval_boilerplate.py /tmp/aeb_new

``--half dev`` and ``--half held-out`` split the 141 pages (every other one in sorted id order), as before the
40 were added: the halves stay the same pages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

#: the ids of the 40 pages measured first at 0.8.5, one per line
LATER = Path(__file__).resolve().parent / "later.txt"


def later_ids() -> frozenset[str]:
    return frozenset(LATER.read_text(encoding="ascii").split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="a copy of the benchmark: ground-truth.json and html/")
    parser.add_argument("target", type=Path, help="folder to write ground-truth.json and html/ to")
    parser.add_argument("--later", action="store_true", help="the 40 further pages instead of the 141")
    args = parser.parse_args(argv)
    truth_file = args.source / "ground-truth.json"
    if not truth_file.is_file():
        parser.error(f"no ground-truth.json in {args.source}")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    later = later_ids()
    missing = sorted(later - truth.keys())
    if missing:
        parser.error(f"{len(missing)} of the pages in {LATER.name} are not in {truth_file}: {missing[0]} ...")
    chosen = {key: item for key, item in truth.items() if (key in later) == args.later}
    (args.target / "html").mkdir(parents=True, exist_ok=True)
    for key in chosen:
        shutil.copyfile(args.source / "html" / f"{key}.html.gz", args.target / "html" / f"{key}.html.gz")
    (args.target / "ground-truth.json").write_text(json.dumps(chosen, ensure_ascii=False, sort_keys=True), "utf-8")
    print(f"{len(chosen)} pages written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
