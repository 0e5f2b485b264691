"""An OpenSearch client built from Settings, and a fast reachability check."""

from __future__ import annotations

import logging
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import (
    AuthenticationException,
    AuthorizationException,
    ConnectionError,
    SerializationError,
    TransportError,
)

from flows.errors import ConfigError, UnreachableError
from flows.settings import Settings


class TransportTracebacks(logging.Filter):
    """opensearch-py logs every failed request as a warning with its traceback (forty lines of urllib3 and
    http.client frames for one refused connection), and with retries and parallel writes a server that goes down
    mid-run filled the log with thousands of such lines before the run stopped and said why. Each failure stays
    one line, with the exception's class and message in place of the traceback: "POST http://os:9200/_bulk
    [status:N/A request:0.003s] (NewConnectionError: ... Connection refused)". The exception itself still reaches
    the caller, which handles it; nothing else is logged differently."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage()} ({type(exc).__name__}: {exc})", None
            record.exc_info, record.exc_text = None, None
        return True


_TRANSPORT_FILTER = TransportTracebacks()


def quiet_transport_tracebacks() -> None:
    """Install ``TransportTracebacks`` on opensearch-py's logger, once (called wherever a client is built)."""
    logger = logging.getLogger("opensearch")
    if _TRANSPORT_FILTER not in logger.filters:
        logger.addFilter(_TRANSPORT_FILTER)


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``OpenSearch(...)``; the password is only ever put here, never logged."""
    opts: dict[str, Any] = {
        "hosts": [settings.opensearch_url],
        "timeout": settings.opensearch_timeout,
        # dropped connections and timeouts are retried here, at once; overload answers (429, 502-504) are not:
        # the bulk writer retries those with backoff and counts them, and stacking both would multiply attempts
        "max_retries": 2,
        "retry_on_status": (),
        "retry_on_timeout": True,
        "http_compress": True,
    }
    if settings.opensearch_username is not None and settings.opensearch_password is not None:
        opts["http_auth"] = (settings.opensearch_username, settings.opensearch_password.get_secret_value())
    if settings.uses_tls:
        opts["use_ssl"] = True
        opts["verify_certs"] = settings.opensearch_verify_certs
        opts["ssl_show_warn"] = settings.opensearch_verify_certs
        if settings.opensearch_ca_certs is not None:
            opts["ca_certs"] = str(settings.opensearch_ca_certs)
        if not settings.opensearch_verify_certs:
            opts["ssl_assert_hostname"] = False
    return opts


def build_client(settings: Settings) -> OpenSearch:
    quiet_transport_tracebacks()
    return OpenSearch(**client_options(settings))


def ensure_reachable(client: OpenSearch, settings: Settings) -> dict[str, Any]:
    """The cluster's info, or UnreachableError within seconds (no retries) naming the URL."""
    try:
        return client.info(params={"request_timeout": 5})
    except (AuthenticationException, AuthorizationException) as exc:
        if settings.opensearch_username is None:
            raise ConfigError(
                f"OpenSearch at {settings.opensearch_url} requires credentials (HTTP {exc.status_code}) and none "
                "were set: set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD"
            ) from None
        raise ConfigError(
            f"OpenSearch at {settings.opensearch_url} refused the credentials (HTTP {exc.status_code}): "
            "check OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD"
        ) from None
    except ConnectionError as exc:
        cause = type(exc.info).__name__ if exc.info is not None else "connection failed"
        if "SSL" in str(exc) or "certificate" in str(exc).lower():
            cause = "TLS handshake failed: check OPENSEARCH_CA_CERTS / OPENSEARCH_VERIFY_CERTS"
        raise UnreachableError(settings.opensearch_url, cause) from None
    except TransportError as exc:
        raise UnreachableError(settings.opensearch_url, f"HTTP {exc.status_code}") from None
    except SerializationError:  # a web page, not OpenSearch's JSON: Dashboards' port, a proxy's login page
        raise UnreachableError(settings.opensearch_url, "the server there answered, but not as OpenSearch") from None
