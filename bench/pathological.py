"""How the cost of the steps' pattern matching grows with inputs built to make a regex backtrack, and that of
decompressing a gzip file made of many empty members (zlib copies the input a member did not use), of listing a
web archive that is one long line (a reader that joins a line's pieces by adding bytes to bytes), and of finding the
lines of a text on a page when thousands of them share their words (a forum thread, a log: ``placed_lines``).

Each case is timed at a size and at eight times that size, in one run; the growth is the ratio of the two
times (8 for linear work, 64 for quadratic). Timings are this machine's; the ratios are the point.

    PYTHONPATH=. python bench/pathological.py [--size 20000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.boilerplate import _heading_key, is_code, is_photo_credit, is_table_row, _QUANTITY  # noqa: E402,E501
from flows.steps.boilerplate import line_index, placed_lines  # noqa: E402
from flows.steps.clean import _H1, _h1_headline, json_ld_keywords, _TITLE_TAG, without_site_name  # noqa: E402
from flows.steps.pagemeta import structured_published, text_dateline  # noqa: E402
from flows.steps.containers import _scan_list, _scan_warc  # noqa: E402
from flows.steps.formats import gunzip  # noqa: E402
from flows.steps.keywords import extract_keywords  # noqa: E402
from flows.models import FileStamp  # noqa: E402
from flows.steps.normalize import strip_markdown  # noqa: E402

_EMPTY_MEMBER = gzip.compress(b"")
_REPLY = "Reply {} by a reader: thanks for the update, I have the same problem here"


def _thread(n: int) -> str:
    """About ``n`` characters of replies that differ by their number only."""
    return "\n".join(_REPLY.format(i) for i in range(n // len(_REPLY)))

#: name -> (function of the input, input of size n: characters, or bytes)
CASES: dict[str, tuple[Callable[[Any], object], Callable[[int], Any]]] = {
    "is_code: closing brackets, then a letter": (is_code, lambda n: ")" * n + "x"),
    "is_code: a prompt, then one long word and a mark": (is_code, lambda n: "$ " + "a" * n + "!"),
    "is_table_row: box-drawing rules and spaces, then a letter": (is_table_row, lambda n: "─ ┼" * (n // 3) + "x"),
    "a quantity opening a line: digits, then a mark": (_QUANTITY.match, lambda n: "1" * n + "!"),
    "is_photo_credit: credits run into words, none closing the line": (is_photo_credit, lambda n: "aCredit: b;" * (n // 11)),
    "a heading's key: spaces, then a letter": (_heading_key, lambda n: " " * n + "x"),
    "a heading's key: section numbers, then brackets never closed": (_heading_key, lambda n: "1." * (n // 4) + "[a" * (n // 4)),
    "strip_markdown: a run of '['": (strip_markdown, lambda n: "[" * n),
    "json_ld_keywords: unclosed '<script '": (json_ld_keywords, lambda n: "<script " * (n // 8)),
    "the page title pattern: unclosed '<title '": (_TITLE_TAG.search, lambda n: "<title " * (n // 7)),
    "the <h1> pattern: unclosed '<h1>x'": (_H1.findall, lambda n: "<h1>x" * (n // 5)),
    "without_site_name: spaces, then separators without a name": (
        lambda title: without_site_name(title, "Site"), lambda n: "a" + " " * (n // 2) + " -" * (n // 4) + " x"
    ),
    "structured_published: unclosed '<meta name=x '": (structured_published, lambda n: "<meta name=x " * (n // 13)),
    "text_dateline: a line of dashes and spaces": (text_dateline, lambda n: "- " * (n // 2)),
    "_h1_headline: the heading, then separators": (lambda title: _h1_headline(title, ["ab cd"]), lambda n: "ab cd" + " -" * (n // 2)),
    "keywords: a line of acronyms": (lambda text: extract_keywords(text, language="de"), lambda n: "BMW SPD " * (n // 8) + "x"),
    "gunzip: empty gzip members": (lambda data: gunzip(data, max_bytes=1 << 20), lambda n: _EMPTY_MEMBER * (n // len(_EMPTY_MEMBER))),
    "web archive listing: one line of zeros": (lambda data: _scan_warc(io.BytesIO(data), FileStamp(len(data), 0), 1 << 30), bytes),
    "JSON list: an item too deep, then a string never closed": (
        lambda data: _scan_list(io.BytesIO(data), FileStamp(len(data), 0), 1 << 30, size=len(data)),
        lambda n: b'[{"text": "a"}, ' + b"[" * 3000 + b'"' + b'\\"' * (n // 2),
    ),
    "placed_lines: the lines of a thread of replies on its page": (lambda text: placed_lines(line_index(text), text), _thread),
    "placed_lines: one line many times on its page": (
        lambda text: placed_lines(line_index(text), text), lambda n: "\n".join([_REPLY.format(1)] * (n // len(_REPLY)))
    ),
}


def seconds(function: Callable[[Any], object], text: Any) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters (bytes) of the smaller input (default 20000)")
    args = parser.parse_args(argv)
    print(f"| case | {args.size:,} chars | {8 * args.size:,} chars | growth (linear 8, quadratic 64) |")
    print("|---|---|---|---|")
    for name, (function, make) in CASES.items():
        small, large = seconds(function, make(args.size)), seconds(function, make(8 * args.size))
        print(f"| {name} | {small:.4f} s | {large:.4f} s | {large / max(small, 1e-9):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
