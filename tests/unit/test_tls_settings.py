"""Settings for a secured cluster build a client that verifies the server with the given CA."""

from __future__ import annotations

import runpy
import ssl
from pathlib import Path

import pytest

from flows.search.client import build_client, client_options
from flows.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("certs")
    runpy.run_path(str(ROOT / "docker" / "make_certs.py"))["make"](target)
    return target


def test_make_certs_writes_a_ca_that_verifies_the_server_cert(certs: Path) -> None:
    context = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    assert context.cert_store_stats()["x509_ca"] == 1
    assert (certs / "node-key.pem").stat().st_mode & 0o077 == 0
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((certs / "node.pem").read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    assert names == ["opensearch", "localhost"]


def test_secure_settings_build_verifying_client(certs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSEARCH_URL", "https://opensearch:9200")
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "x7Qm!rT2#vLp9@Zk4Wd")
    monkeypatch.setenv("OPENSEARCH_CA_CERTS", str(certs / "ca.pem"))
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "true")
    settings = Settings()
    opts = client_options(settings)
    assert opts["use_ssl"] is True and opts["verify_certs"] is True and opts["ssl_show_warn"] is True
    assert opts["ca_certs"] == str(certs / "ca.pem")
    assert "ssl_assert_hostname" not in opts  # hostname checked against the certificate's names
    assert opts["http_auth"] == ("admin", "x7Qm!rT2#vLp9@Zk4Wd")
    assert "x7Qm" not in repr(settings)
    conn = build_client(settings).transport.get_connection()
    assert conn.host == "https://opensearch:9200"
    assert conn.pool.cert_reqs == "CERT_REQUIRED" and conn.pool.ca_certs == str(certs / "ca.pem")


def test_password_without_user_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENSEARCH_USERNAME", raising=False)
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "x")
    with pytest.raises(ValueError, match="OPENSEARCH_PASSWORD is set but OPENSEARCH_USERNAME is not"):
        Settings()


def test_overload_answers_are_left_to_the_writer_not_retried_by_the_transport() -> None:
    from flows.search.client import client_options
    from flows.settings import Settings

    opts = client_options(Settings(opensearch_url="http://localhost:9200"))
    assert opts["retry_on_status"] == () and opts["retry_on_timeout"] is True


def test_the_certificates_pass_strict_verification(certs: Path) -> None:
    """Python 3.13 verifies with VERIFY_X509_STRICT by default, which wants key identifiers in the chain: a real
    handshake with the flag set, against a server holding the generated certificate."""
    import socket
    import threading

    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(certs / "node.pem", certs / "node-key.pem")
    client_context = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    client_context.verify_flags |= ssl.VERIFY_X509_STRICT
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def serve() -> None:
            conn, _ = listener.accept()
            try:
                with server_context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                pass

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        with socket.create_connection(("127.0.0.1", port)) as raw, client_context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.version() is not None
            tls.sendall(b"x")
        thread.join(timeout=5)
