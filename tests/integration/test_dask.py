"""The Dask option: with a scheduler address, the CPU stages of every batch run on that Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_prepare_work_runs_on_the_cluster_not_in_local_processes(prefect_harness, tmp_path: Path) -> None:  # noqa: ANN001
    from distributed import LocalCluster

    from flows.ingest import ingest

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = ingest(paths=[str(seeds)], output=str(tmp_path / "out.ndjson"), dask_address=cluster.scheduler_address)
        ran = {prefix: tp.states for prefix, tp in cluster.scheduler.task_prefixes.items()}
    assert report.documents_indexed == report.documents_seen == 5
    assert "prepare_refs" in ran, f"no prepare work reached the cluster: {sorted(ran)}"
    assert len((tmp_path / "out.ndjson").read_text(encoding="utf-8").splitlines()) == report.chunks_indexed


def test_an_unreachable_scheduler_is_unreachable_naming_the_address(prefect_harness, tmp_path: Path) -> None:  # noqa: ANN001
    from flows.feed import DaskUnreachableError, Feed
    from flows.settings import Settings

    settings = Settings(dask_address="tcp://127.0.0.1:9", opensearch_timeout=2)
    with pytest.raises(DaskUnreachableError, match=r"the Dask scheduler is not reachable at tcp://127.0.0.1:9 "):
        Feed([], settings, encode=True)


def test_the_cluster_gets_the_repeated_lines_of_each_collection(prefect_harness, tmp_path: Path) -> None:  # noqa: ANN001
    from distributed import LocalCluster

    from flows.ingest import ingest
    from tests.site import SIGNUP, six_pages, write_site

    folder = write_site(tmp_path / "site", six_pages())
    out = tmp_path / "out.ndjson"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        report = ingest(paths=[str(folder)], output=str(out), dask_address=cluster.scheduler_address)
    text = out.read_text(encoding="utf-8")
    assert report.documents_indexed == 6 and report.repeated_lines == {"site": 7}
    assert SIGNUP not in text and all(town in text for town in ("Riverside", "Oakham", "Kelby"))
