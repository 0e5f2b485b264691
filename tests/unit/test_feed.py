"""The feed's executors: an unreachable Dask scheduler is a server that cannot be reached (exit 3), not a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import Settings
from tests.conftest import SEEDS

ADDRESS = "tcp://127.0.0.1:9"


@pytest.fixture
def scheduler_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """distributed's Client as it fails when nothing answers at the address (no connection is tried)."""
    import distributed

    def refuse(address: str, **kwargs: object) -> None:
        raise OSError(f"Timed out trying to connect to {address} after 10 s")

    monkeypatch.setattr(distributed, "Client", refuse)


def test_an_unreachable_scheduler_names_the_address_and_exits_3(scheduler_down: None) -> None:
    from flows.cli import EXIT_UNREACHABLE
    from flows.feed import DaskUnreachableError, Feed

    with pytest.raises(DaskUnreachableError) as err:
        Feed([], Settings(dask_address=ADDRESS), encode=True)
    assert err.value.exit_code == EXIT_UNREACHABLE == 3
    message = str(err.value)
    assert message.startswith(f"the Dask scheduler is not reachable at {ADDRESS} (Timed out trying to connect")
    assert "--dask-address or DOCINDEX_DASK_ADDRESS" in message


def test_ingest_with_an_unreachable_scheduler_exits_3(scheduler_down: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    code = main(["ingest", str(SEEDS), "--output", str(tmp_path / "out.ndjson"), "--dask-address", ADDRESS, "--no-progress"])
    assert code == 3
    assert f"the Dask scheduler is not reachable at {ADDRESS}" in " ".join(capsys.readouterr().err.split())


def test_opensearch_that_stops_answering_during_a_run_stops_it_with_exit_3_naming_it() -> None:
    """The lookup of each batch's stored documents is the first request after OpenSearch went away mid-run."""
    from flows.errors import OpenSearchLostError
    from flows.feed import stored_lookup
    from flows.search.client import build_client

    settings = Settings(opensearch_url="http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(OpenSearchLostError) as lost:
        stored_lookup(build_client(settings), settings)(["b87ba83fd18ac784"])
    assert lost.value.exit_code == 3
    said = str(lost.value)
    assert said.startswith("OpenSearch is not reachable at http://127.0.0.1:9 (") and "run the same command" in said
