"""The reachability check's messages: credentials refused, or required and none set (exit 2 either way)."""

from __future__ import annotations

import pytest
from opensearchpy.exceptions import AuthenticationException, AuthorizationException

from flows.errors import ConfigError
from flows.search.client import ensure_reachable
from flows.settings import Settings

PASSWORD = "x7Qm!rT2#vLp9@Zk4Wd"


class _Refusing:
    """A client whose cluster answers every request with ``status`` (the security plugin without valid credentials)."""

    def __init__(self, status: int) -> None:
        self.status = status

    def info(self, **kwargs: object) -> dict:
        kind = AuthenticationException if self.status == 401 else AuthorizationException
        raise kind(self.status, "security_exception", {})


@pytest.fixture(autouse=True)
def _no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD", "OPENSEARCH_CA_CERTS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("status", [401, 403])
def test_no_credentials_set_is_said_so_naming_the_variables(status: int) -> None:
    settings = Settings(opensearch_url="https://search.example:9200")
    with pytest.raises(ConfigError) as err:
        ensure_reachable(_Refusing(status), settings)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"OpenSearch at https://search.example:9200 requires credentials (HTTP {status}) and none were set: "
        "set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD"
    )
    assert err.value.exit_code == 2


@pytest.mark.parametrize("status", [401, 403])
def test_credentials_refused_are_said_so_without_the_password(status: int) -> None:
    settings = Settings(opensearch_url="https://search.example:9200", opensearch_username="admin", opensearch_password=PASSWORD)
    with pytest.raises(ConfigError) as err:
        ensure_reachable(_Refusing(status), settings)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"OpenSearch at https://search.example:9200 refused the credentials (HTTP {status}): "
        "check OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD"
    )
    assert PASSWORD not in str(err.value)


def test_a_failed_request_is_one_log_line_with_its_reason_not_a_traceback(caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import socket

    from opensearchpy.exceptions import ConnectionError as TransportConnectionError

    from flows.search.client import build_client

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = build_client(Settings(opensearch_url=f"http://127.0.0.1:{port}"))
    build_client(Settings(opensearch_url=f"http://127.0.0.1:{port}"))  # a second client adds no second filter
    assert len(logging.getLogger("opensearch").filters) == 1
    with caplog.at_level(logging.WARNING, logger="opensearch"), pytest.raises(TransportConnectionError):
        client.info()
    failed = [r for r in caplog.records if r.name == "opensearch"]
    assert len(failed) == 3  # the first try and the two retries, one line each
    for record in failed:
        assert record.exc_info is None and record.exc_text is None
        assert f"127.0.0.1:{port}" in record.getMessage() and "Connection refused" in record.getMessage()
    assert "Traceback" not in caplog.text
