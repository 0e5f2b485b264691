"""A ZIP archive against the same files unpacked in a folder: the same passages, and the wall time of each.

    PYTHONPATH=. python bench/archive.py --docs 2000

Builds the synthetic corpus (``bench/corpus.py``), packs it into one ZIP archive (deflate), and runs
``docindex ingest PATH --output FILE`` once on the folder and once on a folder that holds only the archive, each
as a subprocess (Prefect start-up included). The passages must be the same apart from their source paths and
ids (the archive's are ``<archive>#<path in it>``); the ratio of the two wall times is what the run reports.
Both runs sample every plain-text document for lines repeated across the collection
(``DOCINDEX_REPEATED_LINE_SAMPLE``): a smaller sample is drawn by document id, which differs between the two.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus import build  # noqa: E402

#: the fields of a passage that name where it came from, and when it was read: different between the runs by design
WHERE = ("doc_id", "chunk_id", "source_path", "source", "collection", "ingested_at")


def ingest(path: Path, out: Path, documents: int) -> float:
    """Wall seconds of ``docindex ingest path --output out``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "DOCINDEX_REPEATED_LINE_SAMPLE": str(documents)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(path), "--output", str(out), "--no-progress"],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def passages(out: Path, prefix: str) -> dict[tuple[str, int], dict[str, object]]:
    """The passages of a run by (path below the corpus, passage number), without the fields that name the source."""
    found = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        below = str(record["source_path"]).removeprefix(prefix)
        found[(below, int(record["chunk_index"]))] = {k: v for k, v in record.items() if k not in WHERE}
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "docindex-bench-archive")
    args = ap.parse_args()
    corpus = build(args.corpus_dir / "corpus", args.docs)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    packed = args.corpus_dir / "packed"
    packed.mkdir(parents=True, exist_ok=True)
    archive = packed / "corpus.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            z.write(p, p.relative_to(corpus).as_posix())
    folder_out, zip_out = args.corpus_dir / "folder.ndjson", args.corpus_dir / "zip.ndjson"  # kept, to compare
    folder_secs = ingest(corpus, folder_out, len(files))
    zip_secs = ingest(packed, zip_out, len(files))
    in_folder = passages(folder_out, "corpus/")
    in_zip = passages(zip_out, "packed/corpus.zip#")
    same = in_folder == in_zip
    print(json.dumps({
        "documents": len(files),
        "archive_bytes": archive.stat().st_size,
        "passages_folder": len(in_folder),
        "passages_zip": len(in_zip),
        "same_passages": same,
        "folder_seconds": round(folder_secs, 1),
        "zip_seconds": round(zip_secs, 1),
        "zip_over_folder": round(zip_secs / folder_secs, 3),
    }, indent=2))
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
