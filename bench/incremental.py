"""Incremental re-run: the first run over a folder against the unchanged re-run, with an index as the sink.

    PYTHONPATH=. python bench/incremental.py --docs 5000

``--output`` has no memory of earlier runs, so this needs an index: it starts the in-memory OpenSearch stand-in
(``osmem_server``) and runs ``docindex ingest DIR`` twice. Both runs share one Prefect home, warmed first by a run
over ``seeds/``, so both pay the same Prefect start-up. Timings against a real cluster will differ in the first
run (indexing) far more than in the re-run (one ``mget`` per batch).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import build  # noqa: E402


def ingest(path: Path, env: dict[str, str], report: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(path), "--no-progress", "--report", str(report)],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{proc.stderr.decode()[-3000:]}")
    return wall, json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "docindex-bench")
    a = ap.parse_args()
    from osmem_server import OsmemServer

    corpus = build(a.corpus_dir / f"corpus-{a.docs}", a.docs)
    with tempfile.TemporaryDirectory() as tmp, OsmemServer.start(japanese=False) as server:
        env = dict(os.environ, OPENSEARCH_URL=server.url, DOCINDEX_INDEX="bench", PREFECT_HOME=str(Path(tmp) / "prefect"),
                   PREFECT_LOGGING_LEVEL="WARNING", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        ingest(ROOT / "seeds", dict(env, DOCINDEX_INDEX="warmup"), Path(tmp) / "warm.json")
        first, r1 = ingest(corpus, env, Path(tmp) / "first.json")
        again, r2 = ingest(corpus, env, Path(tmp) / "again.json")
    fig = {
        "docs": a.docs,
        "first_seconds": round(first, 2), "first_indexed": r1["documents_indexed"],
        "rerun_seconds": round(again, 2), "rerun_unchanged": r2["documents_unchanged"], "rerun_indexed": r2["documents_indexed"],
        "speedup": round(first / again, 2),
    }
    print(json.dumps(fig, indent=2))


if __name__ == "__main__":
    main()
