"""Throughput and memory benchmark: the pipeline against a floor and a plain single-process loop.

    PYTHONPATH=. python bench/run.py --docs 20000            # builds the corpus under /tmp, runs all three
    PYTHONPATH=. python bench/run.py --docs 5000 --only pipeline --json   # pipeline only (memory scaling)

* floor: the library calls themselves (decode, trafilatura for HTML with the pipeline's settings, langdetect with
  the pipeline's profiles and sample, the sentence splitter) over the same documents in a bare loop, divided by
  the cores the pipeline uses; the steps the pipeline runs on top (passage languages and breaks, countries, keywords,
  boilerplate removal, normalisation) are timed in the single loop and reported separately;
* single: the pipeline's own steps (``prepare_refs``) in one process, no Prefect, no pool;
* pipeline: ``docindex ingest DIR --output FILE`` as a subprocess (Prefect start-up included), wall time and
  peak RSS of its whole process tree (flow process + workers), sampled every 0.1 s.

Ratios from the same run are what matter; absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus import build  # noqa: E402


def floor_loop(paths: list[Path]) -> dict[str, float]:
    """Seconds per library stage for the bare calls the pipeline makes, single process, same settings:
    trafilatura's ``bare_extraction`` as ``flows.steps.clean`` calls it, langdetect over the pipeline's language
    profiles on the same 5,000-character sample, sentencex per line."""
    import trafilatura
    from sentencex import segment

    from flows.settings import Settings
    from flows.steps.language import MAX_CHARS, _factory

    factory = _factory(frozenset(Settings().languages))  # loading the profiles is set-up, not per document
    secs = dict.fromkeys(("read", "extract", "language", "sentences"), 0.0)
    for p in paths:
        t0 = time.perf_counter()
        text = p.read_bytes().decode("utf-8")
        t1 = time.perf_counter()
        if p.suffix == ".html":
            doc = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
            )
            text = (doc.text or "") if doc is not None else ""
        t2 = time.perf_counter()
        lang = "en"
        sample = " ".join(text.split())[:MAX_CHARS]
        if sample:
            detector = factory.create()
            detector.seed = 0
            detector.append(sample)
            lang = detector.get_probabilities()[0].lang
        t3 = time.perf_counter()
        for line in text.split("\n"):
            list(segment(lang, line))
        t4 = time.perf_counter()
        for k, a, b in (("read", t0, t1), ("extract", t1, t2), ("language", t2, t3), ("sentences", t3, t4)):
            secs[k] += b - a
    return secs


def single_loop(root: Path) -> tuple[dict[str, float], dict[str, float]]:
    """The pipeline's steps in one process: seconds per stage, and seconds in the steps that have no
    counterpart in the floor (passage languages, countries and keywords, boilerplate removal, normalisation)."""
    import flows.pipeline
    import flows.steps.clean
    from flows.pipeline import prepare_refs, repeated_lines
    from flows.settings import Settings
    from flows.steps.load import discover

    extra: dict[str, float] = {}

    def timed(module: object, name: str, label: str) -> None:
        fn = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                extra[label] = extra.get(label, 0.0) + time.perf_counter() - t

        setattr(module, name, wrapper)

    timed(flows.pipeline, "annotate_chunks", "passage_languages")
    timed(flows.pipeline, "language_breaks", "language_breaks")
    timed(flows.pipeline, "annotate_facets", "countries_keywords")
    timed(flows.pipeline, "remove_boilerplate", "boilerplate")
    timed(flows.steps.clean, "normalize_text", "normalize")
    refs = discover([str(root)])
    out = prepare_refs(refs, Settings(), datetime.now(UTC), repeated=repeated_lines(refs, Settings()))
    assert len(out.prepared) + len(out.rejected) == len(refs)
    return dict(out.seconds), extra


def _role(proc: psutil.Process, root_pid: int) -> str:
    """Which part of the run a process of the tree is: the flow process, a worker, Prefect's server, other."""
    if proc.pid == root_pid:
        return "flow"
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "other"
    if "multiprocessing" in cmd or "forkserver" in cmd:
        return "workers"
    if "prefect" in cmd or "uvicorn" in cmd:
        return "prefect_server"
    return "other"


def prefect_home() -> Path:
    """A Prefect home kept between runs, as on an operator's machine: its database is created (and migrated) by
    a first small run, so the figures do not include that one-time cost (about 6 CPU-seconds here)."""
    home = Path(tempfile.gettempdir()) / "docindex-bench-prefect"
    if not (home / "prefect.db").exists():
        seeds = Path(__file__).resolve().parent.parent / "seeds"
        env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_LOGGING_LEVEL="WARNING")
        env["PYTHONPATH"] = str(seeds.parent) + os.pathsep + env.get("PYTHONPATH", "")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(seeds), "--output", str(Path(tmp) / "w.ndjson"),
                            "--no-progress"], env=env, check=True, capture_output=True)
    return home


def run_pipeline(root: Path, workers: int, extra_env: dict[str, str] | None = None) -> dict[str, object]:
    """Wall seconds, peak RSS of the process tree, passages written and CPU seconds per role
    (flow process, workers, Prefect server), from the last sample of each process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "chunks.ndjson"
        env = dict(os.environ, DOCINDEX_WORKERS=str(workers), PREFECT_HOME=str(prefect_home()),
                   PREFECT_LOGGING_LEVEL="WARNING", **(extra_env or {}))
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent) + os.pathsep + env.get("PYTHONPATH", "")
        peak = 0
        cpu: dict[int, tuple[str, float]] = {}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", str(root), "--output", str(out), "--no-progress"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            parent = psutil.Process(proc.pid)
            while not done.is_set():
                try:
                    tree = [parent, *parent.children(recursive=True)]
                    rss = 0
                    for p in tree:
                        with p.oneshot():
                            rss += p.memory_info().rss
                            t = p.cpu_times()
                            role = cpu[p.pid][0] if p.pid in cpu else _role(p, proc.pid)
                            cpu[p.pid] = (role, t.user + t.system)
                    peak = max(peak, rss)
                except psutil.Error:
                    pass
                time.sleep(0.1)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        _, stderr = proc.communicate()
        wall = time.perf_counter() - started
        done.set()
        t.join()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"pipeline failed ({proc.returncode}):\n{stderr.decode()[-3000:]}")
        passages = sum(1 for _ in out.open(encoding="utf-8"))
        by_role: dict[str, float] = {}
        for role, secs in cpu.values():
            by_role[role] = round(by_role.get(role, 0.0) + secs, 2)
        return {"wall": wall, "peak": peak, "passages": passages, "cpu_seconds": by_role}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "docindex-bench")
    ap.add_argument("--only", choices=("all", "pipeline"), default="all")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()

    root = build(a.corpus_dir / f"corpus-{a.docs}", a.docs)
    paths = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    n = len(paths)
    fig: dict[str, object] = {"docs": n, "workers": a.workers, "cpu_count": os.cpu_count()}
    run = run_pipeline(root, a.workers)
    wall = float(run["wall"])  # type: ignore[arg-type]
    fig.update(pipeline_seconds=round(wall, 2), pipeline_docs_per_s=round(n / wall, 1),
               peak_rss_mb=round(int(run["peak"]) / 2**20, 1), passages=run["passages"],  # type: ignore[arg-type]
               pipeline_cpu_seconds=run["cpu_seconds"])
    if a.only == "all":
        t = time.perf_counter()
        stages, extra = single_loop(root)
        single = time.perf_counter() - t
        t = time.perf_counter()
        bare = floor_loop(paths)
        bare_total = time.perf_counter() - t
        floor = bare_total / a.workers
        fig.update(
            single_seconds=round(single, 2),
            bare_seconds=round(bare_total, 2),
            floor_seconds=round(floor, 2),
            pipeline_over_floor=round(wall / floor, 3),
            single_over_pipeline=round(single / wall, 3),
            steps_not_in_floor_seconds={k: round(v, 2) for k, v in extra.items()},
            single_minus_steps_not_in_floor_seconds=round(single - sum(extra.values()), 2),
            pipeline_stage_docs_per_s={k: round(n / v, 1) if v else None for k, v in stages.items()},
            bare_stage_docs_per_s={k: round(n / v, 1) if v else None for k, v in bare.items()},
        )
    print(json.dumps(fig, indent=2) if a.json else "\n".join(f"{k}: {v}" for k, v in fig.items()))


if __name__ == "__main__":
    main()
