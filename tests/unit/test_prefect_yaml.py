"""prefect.yaml: the entrypoint resolves to the ingest flow; `docindex serve` refuses the ephemeral server."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml

from flows.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_entrypoint_resolves_to_the_flow() -> None:
    from prefect.flows import Flow, load_flow_from_entrypoint

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    path, _, name = deployment["entrypoint"].partition(":")
    loaded = load_flow_from_entrypoint(str(ROOT / path) + ":" + name)
    assert isinstance(loaded, Flow) and loaded.name == "docindex-ingest"
    assert set(deployment["parameters"]) <= set(inspect.signature(loaded.fn).parameters)
    assert deployment["work_pool"]["name"] == "docindex-pool"
    assert deployment["schedules"][0]["cron"] == "0 * * * *"
    assert deployment["parameters"]["paths"] == ["/data/inbox"]  # the worker's inbox mount
    assert "index" not in deployment["parameters"]  # a parameter would override DOCINDEX_INDEX from .env
    assert "/data/inbox" in (ROOT / "docker-compose.yml").read_text()


def test_serve_needs_a_prefect_server(capsys, monkeypatch) -> None:  # noqa: ANN001
    # the session's test harness may have set an API URL in-process; this test is about having none
    monkeypatch.setattr("flows.ingest.prefect_api_url", lambda: None)
    assert main(["serve", str(ROOT / "seeds"), "--cron", "0 * * * *"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "schedules need a Prefect server, not the ephemeral one" in err
    assert "PREFECT_API_URL=http://localhost:4200/api" in err


def test_serve_rejects_bad_cron(capsys) -> None:  # noqa: ANN001
    assert main(["serve", str(ROOT / "seeds"), "--cron", "every hour"]) == 2
    assert "invalid cron expression 'every hour'" in " ".join(capsys.readouterr().err.split())
