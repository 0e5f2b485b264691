"""The Prefect server check before a run: a server that asks for credentials says whether any were given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flows.errors import ConfigError
from tests.stub import stub_server

AUTH = "docindex:Yq3-vT8_kP2wLm"


@pytest.fixture
def prefect_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("PREFECT_API_AUTH_STRING", "PREFECT_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    # a Prefect API started with an auth string, as a client without the right one sees it: 401
    unauthorized = (401, b'{"exception_message": "Unauthorized"}', {"Content-Type": "application/json"})
    with stub_server(lambda method, path: unauthorized) as url:
        yield f"{url}/api"


def test_no_credentials_set_is_said_so(prefect_url: str) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.ingest import ensure_prefect_reachable

    with temporary_settings(updates={PREFECT_API_URL: prefect_url}), pytest.raises(ConfigError) as err:
        ensure_prefect_reachable()
    message = str(err.value)
    assert message.startswith(f"the Prefect API at {prefect_url} requires credentials and none were set (HTTP 401): set PREFECT_API_AUTH_STRING")
    assert "refused" not in message


def test_wrong_credentials_are_refused_without_echoing_them(prefect_url: str) -> None:
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    from flows.ingest import ensure_prefect_reachable

    with temporary_settings(updates={PREFECT_API_URL: prefect_url, PREFECT_API_AUTH_STRING: AUTH}), pytest.raises(ConfigError) as err:
        ensure_prefect_reachable()
    message = str(err.value)
    assert message.startswith(f"the Prefect API at {prefect_url} refused the credentials (HTTP 401): set PREFECT_API_AUTH_STRING")
    assert "Yq3-vT8" not in message
