"""How the cost of the steps' pattern matching grows with inputs built to make a regex backtrack.

Each case is timed at a size and at eight times that size, in one run; the growth is the ratio of the two
times (8 for linear work, 64 for quadratic). Timings are this machine's; the ratios are the point.

    PYTHONPATH=. python bench/pathological.py [--size 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.boilerplate import is_code  # noqa: E402
from flows.steps.clean import _TITLE_TAG, json_ld_keywords  # noqa: E402
from flows.steps.normalize import strip_markdown  # noqa: E402

#: name -> (function of the input, input of size n)
CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "is_code: closing brackets, then a letter": (is_code, lambda n: ")" * n + "x"),
    "strip_markdown: a run of '['": (strip_markdown, lambda n: "[" * n),
    "json_ld_keywords: unclosed '<script '": (json_ld_keywords, lambda n: "<script " * (n // 8)),
    "the page title pattern: unclosed '<title '": (_TITLE_TAG.search, lambda n: "<title " * (n // 7)),
}


def seconds(function: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters of the smaller input (default 20000)")
    args = parser.parse_args(argv)
    print(f"| case | {args.size:,} chars | {8 * args.size:,} chars | growth (linear 8, quadratic 64) |")
    print("|---|---|---|---|")
    for name, (function, make) in CASES.items():
        small, large = seconds(function, make(args.size)), seconds(function, make(8 * args.size))
        print(f"| {name} | {small:.4f} s | {large:.4f} s | {large / max(small, 1e-9):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
