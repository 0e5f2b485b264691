"""Files that hold many articles against one file per article: what listing and reading the records costs.

    PYTHONPATH=. python bench/containers.py [--articles 2000] [--repeat 3]

Writes the same articles (the seeds, cut to varied lengths, each with its own id and URL) as one ``.json`` file
each, as one JSON Lines file, as the same gzipped, as one CSV table, as one RSS feed (``.rss``: the text as the
content of each item, one HTML paragraph per line), as one mailbox (``.mbox``: each article a plain-text message;
its base is the same messages as ``.eml`` files), the feed and the mailbox each packed in a ZIP archive (and the feed
in a ``.tar.gz``), as exports are, and as their pages: one ``.html`` file each and one web archive
(``.warc.gz``, as a crawler writes it). For each form it times ``discover`` (listing, for the containers the scan
of the whole file) and ``load_document`` of every reference in one process (the stages after load are the same
for either form), the best of ``--repeat`` runs, and prints the times per article and the ratios to the form
with one file per article, measured in the same run; then those of a feed or mailbox in an archive to the same file
loose. Needs the test extra (warcio's writer is in warcio itself).
"""

from __future__ import annotations

import argparse
import csv
import email.message
import mailbox
import gzip
import json
import random
import sys
import tarfile
import tempfile
import time
import tracemalloc
import zipfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.models import SourceDocument  # noqa: E402
from flows.steps.load import discover, load_document  # noqa: E402
from tests.documents import article_page, warc_bytes  # noqa: E402

MAX = 20_000_000


def articles(count: int) -> list[dict[str, str]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(1)
    out = []
    for n in range(count):
        text = seeds[n % len(seeds)]
        out.append({"id": f"a{n}", "url": f"https://news.example/{n}", "title": f"Story {n}", "text": text[: rng.randint(800, len(text))]})
    return out


def write_forms(root: Path, items: list[dict[str, str]]) -> dict[str, Path]:
    names = ("json files", "jsonl", "jsonl.gz", "csv", "rss", "rss in zip", "rss in tar.gz", "eml files", "mbox", "mbox in zip", "html files", "warc.gz")
    forms = {name: root / name for name in names}
    for folder in forms.values():
        folder.mkdir()
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items)
    (forms["jsonl"] / "export.jsonl").write_text(lines, encoding="utf-8")
    (forms["jsonl.gz"] / "export.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    with (forms["csv"] / "export.csv").open("w", newline="", encoding="utf-8") as table:
        writer = csv.writer(table)
        writer.writerow(list(items[0]))
        writer.writerows([list(a.values()) for a in items])
    feed = "".join(
        f"<item><guid>{a['id']}</guid><link>{a['url']}</link><title>{escape(a['title'])}</title><content:encoded>"
        f"{escape(''.join(f'<p>{escape(line)}</p>' for line in a['text'].split(chr(10)) if line.strip()))}</content:encoded></item>"
        for a in items
    )
    (forms["rss"] / "export.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Example News</title>{feed}</channel></rss>",
        encoding="utf-8",
    )
    messages = []
    for a in items:
        message = email.message.EmailMessage()
        message["From"], message["Subject"], message["Message-ID"] = "Example News <news@example.com>", a["title"], f"<{a['id']}@example.com>"
        message.set_content(a["text"])
        (forms["eml files"] / f"{a['id']}.eml").write_bytes(message.as_bytes())
        messages.append(message)
    box = mailbox.mbox(forms["mbox"] / "export.mbox")
    for message in messages:
        box.add(message)
    box.close()
    for loose, packed in (("rss", "rss in zip"), ("rss", "rss in tar.gz"), ("mbox", "mbox in zip")):  # as exported, zipped
        [file] = forms[loose].iterdir()
        if packed.endswith("zip"):
            with zipfile.ZipFile(forms[packed] / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(file, f"export/{file.name}")
        else:
            with tarfile.open(forms[packed] / "export.tar.gz", "w:gz") as archive:
                archive.add(file, f"export/{file.name}")
    pages = []
    for a in items:
        (forms["json files"] / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
        page = article_page(a["title"], a["text"].split("\n"))
        (forms["html files"] / f"{a['id']}.html").write_bytes(page)
        pages.append((a["url"], page))
    (forms["warc.gz"] / "crawl.warc.gz").write_bytes(warc_bytes(pages))
    return forms


def measure(folder: Path, repeat: int) -> tuple[float, float, int, float]:
    """Best seconds of discover and of loading every reference, documents read, and MB the references hold."""
    best_list = best_load = float("inf")
    read = 0
    for _ in range(repeat):
        started = time.perf_counter()
        refs = discover([folder])
        listed = time.perf_counter()
        docs = [load_document(r, max_bytes=MAX) for r in refs]
        loaded = time.perf_counter()
        best_list, best_load = min(best_list, listed - started), min(best_load, loaded - listed)
        read = sum(isinstance(d, SourceDocument) for d in docs)
    tracemalloc.start()
    refs = discover([folder])
    held = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del refs
    return best_list, best_load, read, held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    items = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        forms = write_forms(Path(tmp), items)
        sizes = {name: sum(p.stat().st_size for p in folder.iterdir()) / 1e6 for name, folder in forms.items()}
        results = {name: measure(folder, args.repeat) for name, folder in forms.items()}
    print(f"{args.articles} articles, best of {args.repeat} runs; ms per article (ratio to one file per article)")
    print(f"{'form':<12} {'MB':>6} {'read':>6} {'discover':>16} {'load':>16} {'both':>16} {'refs MB':>8}")
    for name, (listed, loaded, read, held) in results.items():
        base = results["html files" if name.startswith(("html", "warc")) else "eml files" if name.startswith("mbox") else "json files"]
        cells = []
        for mine, theirs in ((listed, base[0]), (loaded, base[1]), (listed + loaded, base[0] + base[1])):
            cells.append(f"{1000 * mine / args.articles:7.3f} ({mine / theirs:4.2f}x)")
        print(f"{name:<12} {sizes[name]:6.1f} {read:6d} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {held:8.1f}")
    print("a feed or mailbox in an archive against the same file loose (ratio of discover, load, both)")
    for name in ("rss in zip", "rss in tar.gz", "mbox in zip"):
        mine, loose = results[name], results[name.split()[0]]
        print(f"{name:<14} " + " ".join(f"{a / b:5.2f}x" for a, b in ((mine[0], loose[0]), (mine[1], loose[1]), (mine[0] + mine[1], loose[0] + loose[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
