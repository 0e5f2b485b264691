"""Faults: OpenSearch unreachable, 429/503 mid-run, per-item bulk errors, incremental runs, --prune, SIGKILL."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from opensearchpy import OpenSearch

from flows.cli import main
from flows.ingest import ingest
from tests.conftest import ROOT, SEEDS
from tests.hostile import GOOD_DE, GOOD_EN
from tests.proxy import FaultProxy

pytestmark = pytest.mark.integration

POISON = "Quokka"


def _client(url: str) -> OpenSearch:
    return OpenSearch(hosts=[url])


def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_BULK_INITIAL_BACKOFF", "0.01")
    monkeypatch.setenv("DOCINDEX_BULK_MAX_RETRIES", "2")
    monkeypatch.setenv("DOCINDEX_INDEX_RETRIES", "1")
    monkeypatch.setenv("DOCINDEX_INDEX_RETRY_DELAY", "0")


def _corpus(root: Path, n: int, poison_every: int = 0) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = (GOOD_EN if i % 2 else GOOD_DE) * 2 + f" Document number {i}."
        if poison_every and i % poison_every == 0:
            text += f" {POISON}."
        (root / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    return root


def _snapshot(url: str, prefix: str) -> tuple[dict, dict]:
    """(chunk id -> source, doc id -> source) without ingested_at: what two equivalent runs must share."""
    c = _client(url)
    c.indices.refresh(index=f"{prefix}-chunks,{prefix}-documents")
    out = []
    for alias in (f"{prefix}-chunks", f"{prefix}-documents"):
        hits = c.search(index=alias, body={"query": {"match_all": {}}, "size": 10000})["hits"]["hits"]
        out.append({h["_id"]: {k: v for k, v in h["_source"].items() if k != "ingested_at"} for h in hits})
    return out[0], out[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_at_start_exits_3_quickly_naming_the_url(monkeypatch, capsys, tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("OPENSEARCH_URL", url)
    started = time.monotonic()
    code = main(["ingest", str(SEEDS), "--no-progress", "--report", str(tmp_path / "r.json")])
    assert code == 3
    assert time.monotonic() - started < 10
    assert f"OpenSearch is not reachable at {url}" in capsys.readouterr().err.replace("\n", " ")
    assert not (tmp_path / "r.json").exists()  # nothing half-done


@pytest.mark.parametrize("name", ["Upper", "-dash", "_under", "a b", "a*b", "a/b", "a,b", "a#b", "..", "x" * 300])
def test_cli_rejects_invalid_index_names(name, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ingest", str(SEEDS), f"--index={name}"])
    assert exc.value.code == 2
    assert "index name" in capsys.readouterr().err


def test_whole_request_503_is_retried_and_everything_lands(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    _fast_retries(monkeypatch)
    with FaultProxy(os_env.url, fail_requests=2, fail_status=503) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        report = ingest([str(_corpus(tmp_path / "c", 12))])
    assert proxy.bulk_requests > 2
    assert report.documents_indexed == 12 and not report.rejected
    _, docs = _snapshot(os_env.url, index_prefix)
    assert len(docs) == 12


def test_bulk_refused_throughout_rejects_the_batch_after_retries_and_the_run_ends(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    """Every bulk request answered 503: item retries, then the index task's retries, then the batch's documents
    become index_unavailable rejections; the run ends with a report instead of hanging or crashing."""
    _fast_retries(monkeypatch)
    monkeypatch.setenv("DOCINDEX_MAX_REJECTED_FRACTION", "1")
    with FaultProxy(os_env.url, fail_requests=10_000, fail_status=503) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        report = ingest([str(_corpus(tmp_path / "c", 6))])
    # one batch, per index task attempt (1 task retry): one try to unmark the stored records, then the passages'
    # 1 try + 2 item retries
    assert proxy.bulk_requests == (1 + 3) * 2
    assert report.documents_indexed == 0 and len(report.rejected) == 6
    assert {(r.step.value, r.reason.value) for r in report.rejected} == {("index", "index_unavailable")}
    assert all("503" in r.detail for r in report.rejected)
    _, docs = _snapshot(os_env.url, index_prefix)
    assert docs == {}


def test_item_429_backs_off_then_becomes_rejections_and_others_land(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    _fast_retries(monkeypatch)
    corpus = _corpus(tmp_path / "c", 12, poison_every=4)  # docs 0, 4, 8 are refused with 429
    with FaultProxy(os_env.url, poison=POISON, poison_status=429) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        report = ingest([str(corpus)])
    assert proxy.poison_attempts == 3 * 3  # first try + 2 retries per document, then it stops
    assert sorted(r.path for r in report.rejected) == ["c/doc0000.txt", "c/doc0004.txt", "c/doc0008.txt"]
    assert {r.reason.value for r in report.rejected} == {"index_unavailable"}
    assert all("HTTP 429" in r.detail and "es_rejected_execution_exception" in r.detail for r in report.rejected)
    assert report.documents_indexed == 9
    _, docs = _snapshot(os_env.url, index_prefix)
    assert sorted(d["source_path"] for d in docs.values()) == sorted(f"c/doc{i:04d}.txt" for i in range(12) if i % 4)


def test_item_mapping_error_is_reported_with_reason_and_never_retried(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    _fast_retries(monkeypatch)
    corpus = _corpus(tmp_path / "c", 6, poison_every=5)  # doc 0 and doc 5
    with FaultProxy(os_env.url, poison=POISON, poison_status=400) as proxy:
        monkeypatch.setenv("OPENSEARCH_URL", proxy.url)
        report = ingest([str(corpus)])
    assert proxy.poison_attempts == 2  # once per document: a 400 is final
    assert sorted(r.path for r in report.rejected) == ["c/doc0000.txt", "c/doc0005.txt"]
    assert {r.reason.value for r in report.rejected} == {"index_error"}
    assert all("HTTP 400: mapper_parsing_exception: injected" in r.detail for r in report.rejected)
    assert report.documents_indexed == 4


def test_incremental_rerun_skips_unchanged_reprocesses_changed_and_prunes(os_env, index_prefix, prefect_harness, seeds_copy):
    first = ingest([str(seeds_copy)])
    assert first.documents_indexed == 5
    chunks_before, docs_before = _snapshot(os_env.url, index_prefix)

    again = ingest([str(seeds_copy)])
    assert (again.documents_unchanged, again.documents_indexed, again.chunks_indexed) == (5, 0, 0)
    assert _snapshot(os_env.url, index_prefix) == (chunks_before, docs_before)

    files = sorted(seeds_copy.iterdir())
    files[0].write_text(GOOD_EN * 2, encoding="utf-8")  # changed: fewer chunks, stale ones must go
    files[1].unlink()
    third = ingest([str(seeds_copy)])
    assert (third.documents_unchanged, third.documents_indexed, third.documents_pruned) == (3, 1, 0)
    chunks, docs = _snapshot(os_env.url, index_prefix)
    changed = f"seeds/{files[0].name}"
    assert [c["chunk_index"] for c in chunks.values() if c["source_path"] == changed] == [0]
    assert f"seeds/{files[1].name}" in {d["source_path"] for d in docs.values()}  # kept without --prune

    fourth = ingest([str(seeds_copy)], prune=True)
    assert fourth.documents_pruned == 1 and fourth.documents_unchanged == 4
    chunks, docs = _snapshot(os_env.url, index_prefix)
    assert f"seeds/{files[1].name}" not in {d["source_path"] for d in docs.values()}
    assert f"seeds/{files[1].name}" not in {c["source_path"] for c in chunks.values()}


def test_prune_leaves_a_folder_that_holds_no_document_alone(os_env, index_prefix, prefect_harness, seeds_copy):
    """An inbox whose mount is missing looks empty: --prune deletes none of its documents and says why."""
    ingest([str(seeds_copy)])
    for f in seeds_copy.iterdir():
        f.unlink()
    report = ingest([str(seeds_copy)], prune=True)
    assert report.documents_pruned == 0
    assert any(w.startswith(f"not pruned: {seeds_copy.resolve()} holds no documents") for w in report.warnings)
    _, docs = _snapshot(os_env.url, index_prefix)
    assert len(docs) == 5


def test_prune_removes_the_passages_a_killed_run_left_without_a_record(os_env, index_prefix, prefect_harness, seeds_copy):
    ingest([str(seeds_copy)])
    victim = sorted(seeds_copy.iterdir())[2]
    path = f"seeds/{victim.name}"
    chunks, docs = _snapshot(os_env.url, index_prefix)
    (doc_id,) = [i for i, d in docs.items() if d["source_path"] == path]
    _client(os_env.url).delete(index=f"{index_prefix}-documents", id=doc_id, refresh=True)  # killed before the record
    victim.unlink()
    report = ingest([str(seeds_copy)], prune=True)
    assert report.documents_pruned == 1 and report.documents_unchanged == 4
    chunks, docs = _snapshot(os_env.url, index_prefix)
    assert path not in {c["source_path"] for c in chunks.values()} and len(docs) == 4


def _cli_env(url: str, prefix: str, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, OPENSEARCH_URL=url, DOCINDEX_INDEX=prefix, DOCINDEX_BATCH_SIZE="10", DOCINDEX_WORKERS="1",
               PREFECT_HOME=str(tmp_path / "prefect"), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("PREFECT_API_URL", None)
    return env


def test_sigkill_mid_run_then_rerun_equals_an_uninterrupted_run(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    corpus = _corpus(tmp_path / "c", 160)
    for f in list(corpus.iterdir())[:40]:  # longer documents: several chunks each
        f.write_text(f.read_text(encoding="utf-8") + (" " + GOOD_EN) * 40, encoding="utf-8")
    killed = f"{index_prefix}-k"
    env = _cli_env(os_env.url, killed, tmp_path)
    cmd = [sys.executable, "-m", "flows.cli", "ingest", str(corpus), "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = _client(os_env.url)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if client.indices.exists_alias(name=f"{killed}-documents"):
                n = client.count(index=f"{killed}-chunks")["count"]
                if n >= 30:
                    break
            assert proc.poll() is None, "the run finished before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail("the run never started writing")
    finally:
        try:
            helpers = psutil.Process(proc.pid).children(recursive=True)  # Prefect's server, the worker processes
        except psutil.NoSuchProcess:
            helpers = []
        proc.send_signal(signal.SIGKILL)  # only the main process, as a crash would
        proc.wait()
        for child in helpers:  # orphans of the crash (Prefect's server outlives its parent): not the test's to keep
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
    client.indices.refresh(index=f"{killed}-documents")
    assert client.count(index=f"{killed}-documents")["count"] < 160  # it really was interrupted

    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]

    monkeypatch.setenv("DOCINDEX_BATCH_SIZE", "10")
    clean = ingest([str(corpus)])  # the uninterrupted run, into the test's own prefix
    assert clean.documents_indexed == 160
    assert _snapshot(os_env.url, killed) == _snapshot(os_env.url, index_prefix)


def test_a_file_restored_after_a_run_died_mid_edit_gets_its_passages_back(os_env, index_prefix, prefect_harness, seeds_copy, monkeypatch):
    from flows.search import writer

    ingest([str(seeds_copy)])
    before, _ = _snapshot(os_env.url, index_prefix)
    target = sorted(seeds_copy.iterdir())[4]
    original = target.read_bytes()
    target.write_text("EDITED DRAFT. " + original.decode("utf-8"), encoding="utf-8")

    def die(*args, **kwargs):  # noqa: ANN002, ANN003 - the run is killed after the new passages are written
        raise KeyboardInterrupt

    with monkeypatch.context() as patched, pytest.raises(BaseException):
        patched.setattr(writer, "delete_stale_chunks", die)
        ingest([str(seeds_copy)])
    target.write_bytes(original)  # the edit is undone before the next run
    report = ingest([str(seeds_copy)])
    assert report.documents_indexed == 1 and report.documents_unchanged == 4
    after, _ = _snapshot(os_env.url, index_prefix)
    assert {k: v["text"] for k, v in after.items()} == {k: v["text"] for k, v in before.items()}
