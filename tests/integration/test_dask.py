"""The Dask option: tasks submitted by the flow run on an existing Dask cluster given by its address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_submitted_tasks_run_on_the_cluster(prefect_harness, dask_address: str) -> None:  # noqa: ANN001
    from prefect import flow, task

    from flows.ingest import dask_task_runner

    @task
    def where() -> str:
        from distributed import get_worker

        return get_worker().scheduler.address

    @flow(task_runner=dask_task_runner(dask_address))
    def probe() -> str:
        return where.submit().result()

    assert probe() == dask_address


def test_ingest_flow_with_dask_address(prefect_harness, dask_address: str, tmp_path: Path) -> None:  # noqa: ANN001
    from prefect_dask import DaskTaskRunner

    from flows.ingest import ingest, ingest_flow

    assert ingest_flow(None) is ingest
    configured = ingest_flow(dask_address)
    assert isinstance(configured.task_runner, DaskTaskRunner) and configured.task_runner.address == dask_address
    report = configured(paths=[str(Path(__file__).resolve().parents[2] / "seeds")], output=str(tmp_path / "out.ndjson"))
    assert report.documents_indexed == report.documents_seen == 5
