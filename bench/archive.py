"""A ZIP, a gzipped and a Zstandard-compressed tar archive and a 7-Zip archive against the same files unpacked in a
folder: the same passages, and the wall time of each.

    PYTHONPATH=. python bench/archive.py --docs 2000

Builds the synthetic corpus (``bench/corpus.py``), packs it into one ZIP archive (deflate), one ``.tar.gz``, one
``.tar.zst`` (their files in a shuffled order, as ``tar`` packs a folder in the order the file system lists it, not
by name) and one ``.7z`` (solid: one LZMA2 block for all the files, as 7-Zip writes by default),
and runs ``docindex ingest PATH --output FILE`` on the folder and on a folder that holds only each archive, each
as a subprocess (Prefect start-up included). The passages must be the same apart from their source paths and
ids (an archive's are ``<archive>#<path in it>``); the ratios of the wall times are what the run reports. Last,
every file of each compressed tar archive is read in this process twice, in the archive's order (as ingest reads
it) and in the order of the names, and the ratio of the two times is reported: what reading a compressed stream
out of order costs. Then every file of each archive is read in this process in its order (``discover`` and
``load_document``, fresh caches), the ZIP, the ``.tar.gz``, the solid ``.7z`` and a ``.7z`` of one block per file
(``--nonsolid`` files of the corpus, written by appending, as the library writes no other), and, for the solid
archive, its first ``--naive`` files each read as the library reads one file (``SevenZipFile.extract`` with the
file as its target: its block unpacked from the start), against reading them through docindex's reader.
Both runs sample every plain-text document for lines repeated across the collection
(``DOCINDEX_REPEATED_LINE_SAMPLE``): a smaller sample is drawn by document id, which differs between the two.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

import zstandard

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus import build  # noqa: E402
from flows.steps.load import discover, load_document  # noqa: E402

#: the fields of a passage that name where it came from, and when it was read: different between the runs by design
WHERE = ("doc_id", "chunk_id", "source_path", "source", "collection", "ingested_at")


def ingest(path: Path, out: Path, documents: int) -> float:
    """Wall seconds of ``docindex ingest path --output out``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "DOCINDEX_REPEATED_LINE_SAMPLE": str(documents)}
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(path), "--output", str(out), "--no-progress"],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise SystemExit(f"docindex ingest {path} exited {run.returncode}:\n{run.stderr[-3000:]}")
    return time.perf_counter() - start


def passages(out: Path, prefix: str) -> dict[tuple[str, int], dict[str, object]]:
    """The passages of a run by (path below the corpus, passage number), without the fields that name the source."""
    found = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        below = str(record["source_path"]).removeprefix(prefix)
        found[(below, int(record["chunk_index"]))] = {k: v for k, v in record.items() if k not in WHERE}
    return found


def read_seconds(archive: Path, by_name: bool) -> float:
    """Seconds to read every file of an archive in this process, in its order or by name (a fresh stream each)."""
    import flows.steps.containers as containers

    refs = discover([archive])
    if by_name:
        refs.sort(key=lambda r: r.source_path)
    containers._tar_streams.__dict__.clear()
    containers._sevenz_open.__dict__.clear()
    start = time.perf_counter()
    for ref in refs:
        load_document(ref, max_bytes=20_000_000)
    return time.perf_counter() - start


def read_all_seconds(archive: Path) -> tuple[float, int]:
    """Seconds to list an archive and read every file of it in this process, in its order, and the documents read."""
    import flows.steps.containers as containers
    from flows.models import SourceDocument

    containers._tar_streams.__dict__.clear()
    containers._sevenz_open.__dict__.clear()
    containers._open_zips.clear()
    start = time.perf_counter()
    docs = [load_document(ref, max_bytes=20_000_000) for ref in discover([archive])]
    return time.perf_counter() - start, sum(isinstance(d, SourceDocument) for d in docs)


def pack_7z(archive: Path, corpus: Path, files: list[Path], *, solid: bool) -> None:
    """A 7-Zip archive of the files: solid, or each file a block of its own (appended one by one)."""
    import py7zr

    archive.unlink(missing_ok=True)
    if solid:
        with py7zr.SevenZipFile(archive, "w") as s:
            for p in files:
                s.write(p, p.relative_to(corpus).as_posix())
        return
    for n, p in enumerate(files):
        with py7zr.SevenZipFile(archive, "w" if n == 0 else "a") as s:
            s.write(p, p.relative_to(corpus).as_posix())


def naive_seconds(archive: Path, count: int) -> tuple[float, float]:
    """Seconds to read the first ``count`` files of a 7-Zip archive as the library reads one file (its block
    unpacked from the start for each), and through ``read_7z_member``, the same bytes checked."""
    import py7zr
    from py7zr.io import BytesIOFactory

    import flows.steps.containers as containers

    refs = [r for r in discover([archive]) if r.record is not None][:count]
    start = time.perf_counter()
    theirs = []
    with py7zr.SevenZipFile(archive) as s:
        for ref in refs:
            factory = BytesIOFactory(20_000_000)
            s.extract(targets=[ref.record.key], factory=factory)  # type: ignore[union-attr]
            s.reset()
            [product] = factory.products.values()
            product.seek(0)
            theirs.append(product.read())
    naive = time.perf_counter() - start
    containers._sevenz_open.__dict__.clear()
    start = time.perf_counter()
    ours = [containers.read_7z_member(archive, ref.record, max_bytes=20_000_000) for ref in refs]  # type: ignore[arg-type]
    mine = time.perf_counter() - start
    if [o[1] for o in ours] != theirs:  # type: ignore[index]
        raise SystemExit("the library and docindex read different bytes")
    return naive, mine


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "docindex-bench-archive")
    ap.add_argument("--nonsolid", type=int, default=500, help="files of the 7-Zip archive of one block per file")
    ap.add_argument("--naive", type=int, default=300, help="files of the solid 7-Zip archive read as the library reads one")
    args = ap.parse_args()
    corpus = build(args.corpus_dir / "corpus", args.docs)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    packed = args.corpus_dir / "packed"
    packed.mkdir(parents=True, exist_ok=True)
    archive = packed / "corpus.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            z.write(p, p.relative_to(corpus).as_posix())
    tarred = args.corpus_dir / "tarred"
    tarred.mkdir(parents=True, exist_ok=True)
    tar_archive = tarred / "corpus.tar.gz"
    with tarfile.open(tar_archive, "w:gz") as t:
        for p in random.Random(7).sample(files, len(files)):
            t.add(p, p.relative_to(corpus).as_posix())
    zstd_dir = args.corpus_dir / "zstd"
    zstd_dir.mkdir(parents=True, exist_ok=True)
    zstd_archive = zstd_dir / "corpus.tar.zst"
    with gzip.open(tar_archive) as plain:  # the same archive, compressed with Zstandard
        zstd_archive.write_bytes(zstandard.ZstdCompressor().compress(plain.read()))
    sevenz_dir = args.corpus_dir / "sevenz"
    sevenz_dir.mkdir(parents=True, exist_ok=True)
    sevenz_archive = sevenz_dir / "corpus.7z"
    pack_7z(sevenz_archive, corpus, files, solid=True)
    nonsolid = args.corpus_dir / "nonsolid.7z"
    pack_7z(nonsolid, corpus, files[: args.nonsolid], solid=False)
    outs = {n: args.corpus_dir / f"{n}.ndjson" for n in ("folder", "zip", "tar", "zst", "7z")}  # kept, to compare
    folder_secs = ingest(corpus, outs["folder"], len(files))
    zip_secs = ingest(packed, outs["zip"], len(files))
    tar_secs = ingest(tarred, outs["tar"], len(files))
    zst_secs = ingest(zstd_dir, outs["zst"], len(files))
    sevenz_secs = ingest(sevenz_dir, outs["7z"], len(files))
    in_folder = passages(outs["folder"], "corpus/")
    in_zip = passages(outs["zip"], "packed/corpus.zip#")
    in_tar = passages(outs["tar"], "tarred/corpus.tar.gz#")
    in_zst = passages(outs["zst"], "zstd/corpus.tar.zst#")
    in_7z = passages(outs["7z"], "sevenz/corpus.7z#")
    same = in_folder == in_zip == in_tar == in_zst == in_7z
    in_order, by_name = read_seconds(tar_archive, False), read_seconds(tar_archive, True)
    zst_in_order, zst_by_name = read_seconds(zstd_archive, False), read_seconds(zstd_archive, True)
    reads = {name: read_all_seconds(path) for name, path in (("zip", archive), ("tar_gz", tar_archive), ("7z", sevenz_archive))}
    nonsolid_secs, nonsolid_docs = read_all_seconds(nonsolid)
    subset = args.corpus_dir / "subset.7z"  # the nonsolid archive's files, solid: the same bytes read both ways
    pack_7z(subset, corpus, files[: args.nonsolid], solid=True)
    subset_secs, _ = read_all_seconds(subset)
    naive, mine = naive_seconds(sevenz_archive, args.naive)
    print(json.dumps({
        "documents": len(files),
        "zip_bytes": archive.stat().st_size,
        "tar_gz_bytes": tar_archive.stat().st_size,
        "tar_zst_bytes": zstd_archive.stat().st_size,
        "7z_bytes": sevenz_archive.stat().st_size,
        "passages_folder": len(in_folder),
        "passages_zip": len(in_zip),
        "passages_tar_gz": len(in_tar),
        "passages_tar_zst": len(in_zst),
        "passages_7z": len(in_7z),
        "same_passages": same,
        "folder_seconds": round(folder_secs, 1),
        "zip_seconds": round(zip_secs, 1),
        "tar_gz_seconds": round(tar_secs, 1),
        "tar_zst_seconds": round(zst_secs, 1),
        "7z_seconds": round(sevenz_secs, 1),
        "zip_over_folder": round(zip_secs / folder_secs, 3),
        "tar_gz_over_folder": round(tar_secs / folder_secs, 3),
        "tar_zst_over_folder": round(zst_secs / folder_secs, 3),
        "7z_over_folder": round(sevenz_secs / folder_secs, 3),
        "tar_gz_read_in_order_seconds": round(in_order, 2),
        "tar_gz_read_by_name_seconds": round(by_name, 2),
        "by_name_over_in_order": round(by_name / in_order, 1),
        "tar_zst_read_in_order_seconds": round(zst_in_order, 2),
        "tar_zst_read_by_name_seconds": round(zst_by_name, 2),
        "zst_by_name_over_in_order": round(zst_by_name / zst_in_order, 1),
        "read_all_documents": {name: docs for name, (_, docs) in reads.items()},
        "read_all_seconds": {name: round(secs, 2) for name, (secs, _) in reads.items()},
        "read_all_7z_over_zip": round(reads["7z"][0] / reads["zip"][0], 2),
        "read_all_7z_over_tar_gz": round(reads["7z"][0] / reads["tar_gz"][0], 2),
        "nonsolid_7z_files": nonsolid_docs,
        "nonsolid_7z_over_solid_7z_same_files": round(nonsolid_secs / subset_secs, 2),
        "naive_files": args.naive,
        "naive_7z_read_seconds": round(naive, 2),
        "docindex_7z_read_seconds": round(mine, 2),
        "naive_over_docindex": round(naive / mine, 1),
    }, indent=2))
    if not same:
        sys.exit(1)

if __name__ == "__main__":
    main()
