"""The deployment's schedule creates flow runs on a Prefect server (the part of Prefect docindex relies on for
`prefect.yaml` and `docindex serve --cron`, and which breaks with a wrong SQLAlchemy)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]
ROOT = Path(__file__).resolve().parents[2]


def test_the_prefect_yaml_schedule_creates_flow_runs() -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import DeploymentScheduleCreate
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.server.database import provide_database_interface
    from prefect.server.models import deployments

    from flows.ingest import ingest

    (spec,) = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
    (schedule,) = spec["schedules"]

    async def scheduled_runs() -> int:
        async with get_client() as client:
            flow_id = await client.create_flow(ingest)
            deployment_id = await client.create_deployment(
                flow_id=flow_id,
                name="schedule-check",
                parameters=spec["parameters"],
                schedules=[
                    DeploymentScheduleCreate(
                        schedule=CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"]), active=True
                    )
                ],
            )
        db = provide_database_interface()
        # BEGIN IMMEDIATE: take the write lock first and wait for it. The server process writes to the same SQLite
        # file (it records the task runs of earlier tests); a transaction that reads first and then writes fails
        # at once with "database is locked" when the server wrote in between.
        async with db.session_context(begin_transaction=True, with_for_update=True) as session:
            return len(await deployments.schedule_runs(session, deployment_id=deployment_id, max_runs=3))

    assert asyncio.run(scheduled_runs()) == 3
