"""`docindex dashboards import` against a local HTTP server that checks what the Dashboards API expects."""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flows.cli import main
from flows.dashboards import load_objects
from flows.errors import ConfigError
from tests.stub import Answer, stub_server

ROOT = Path(__file__).resolve().parents[2]


class FakeDashboards(BaseHTTPRequestHandler):
    requests: list[dict] = []
    reply: dict | None = None
    page: bytes | None = None
    refuse: int | None = None  # a status that refuses the credentials

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
        )
        parts = [
            {"name": p.get_param("name", header="content-disposition"), "filename": p.get_filename(), "payload": p.get_payload(decode=True)}
            for p in message.iter_parts()
        ]
        self.requests.append({"method": "POST", "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "parts": parts})
        if self.refuse is not None:
            self.send_response(self.refuse)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"statusCode": 401, "message": "Unauthorized"}')
            return
        problems = []
        if self.path != "/api/saved_objects/_import?overwrite=true":
            problems.append(f"path {self.path}")
        if self.headers.get("osd-xsrf") is None:
            problems.append("no osd-xsrf header")
        if not self.headers["Content-Type"].startswith("multipart/form-data; boundary="):
            problems.append("not multipart")
        if [p["name"] for p in parts] != ["file"] or not (parts[0]["filename"] or "").endswith(".ndjson"):
            problems.append(f"parts {[(p['name'], p['filename']) for p in parts]}")
        objects = [json.loads(line) for line in parts[0]["payload"].splitlines()] if parts else []
        if self.page is not None:  # another service answering on that address
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self.page)))
            self.end_headers()
            self.wfile.write(self.page)
            return
        reply = self.reply or {"success": True, "successCount": len(objects), "errors": []}
        status, payload = (400, {"statusCode": 400, "message": "; ".join(problems)}) if problems else (200, reply)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append({"method": "GET", "path": self.path})
        self.send_response(405)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dashboards(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    FakeDashboards.requests = []
    FakeDashboards.reply = None
    FakeDashboards.page = None
    FakeDashboards.refuse = None
    for name in ("OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD", "DOCINDEX_INDEX"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeDashboards)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_import_request_is_what_the_api_expects(dashboards: str) -> None:
    assert main(["dashboards", "import", "--url", dashboards + "/"]) == 0
    (req,) = FakeDashboards.requests
    assert req["method"] == "POST" and req["path"] == "/api/saved_objects/_import?overwrite=true"
    assert req["headers"]["osd-xsrf"] == "true"
    assert "authorization" not in req["headers"] and "securitytenant" not in req["headers"]
    (part,) = req["parts"]
    assert part["name"] == "file" and part["filename"] == "docindex.ndjson"
    sent = [json.loads(line) for line in part["payload"].splitlines()]
    on_disk = [json.loads(line) for line in (ROOT / "schemas" / "dashboards.ndjson").read_text().splitlines()]
    assert sent == on_disk


def test_credentials_tenant_and_prefix(dashboards: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "s3cret-Pass")
    assert main(["dashboards", "import", "--url", dashboards, "--tenant", "global", "--index", "news"]) == 0
    (req,) = FakeDashboards.requests
    assert req["headers"]["authorization"] == "Basic YWRtaW46czNjcmV0LVBhc3M="  # admin:s3cret-Pass
    assert req["headers"]["securitytenant"] == "global"
    sent = [json.loads(line) for line in req["parts"][0]["payload"].splitlines()]
    assert sorted(o["attributes"]["title"] for o in sent if o["type"] == "index-pattern") == ["news-chunks", "news-documents"]


def test_per_object_failures_are_errors(dashboards: str, capsys: pytest.CaptureFixture[str]) -> None:
    FakeDashboards.reply = {
        "success": False,
        "successCount": 7,
        "errors": [
            {"id": "docindex-top-titles", "type": "visualization", "title": "Top titles",
             "error": {"type": "missing_references", "references": [{"type": "index-pattern", "id": "gone"}]}},
            {"id": "docindex-overview", "type": "dashboard", "title": "docindex overview", "error": {"type": "conflict"}},
        ],
    }
    assert main(["dashboards", "import", "--url", dashboards]) == 1
    message = " ".join(capsys.readouterr().err.split())
    total = len(load_objects())
    assert f"Dashboards imported 7 of {total} saved objects; failed:" in message
    assert "visualization 'docindex-top-titles' ('Top titles'): missing_references (missing index-pattern:gone)" in message
    assert "dashboard 'docindex-overview' ('docindex overview'): conflict" in message


def test_http_error_names_status(dashboards: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dashboards", "import", "--url", dashboards + "/wrong-base"]) == 1
    assert "answered HTTP 400" in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_are_a_configuration_error(
    dashboards: str, status: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "s3cret-Pass")
    FakeDashboards.refuse = status
    assert main(["dashboards", "import", "--url", dashboards]) == 2  # as for OpenSearch and Prefect
    shown = " ".join(capsys.readouterr().err.split())
    assert f"refused the credentials (HTTP {status}): check OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD" in shown
    assert "s3cret-Pass" not in shown


@pytest.mark.parametrize("status", [401, 403])
def test_credentials_required_but_none_set_say_so(dashboards: str, status: int, capsys: pytest.CaptureFixture[str]) -> None:
    FakeDashboards.refuse = status
    assert main(["dashboards", "import", "--url", dashboards]) == 2
    shown = " ".join(capsys.readouterr().err.split())
    assert f"Dashboards at {dashboards} requires credentials (HTTP {status}) and none were set: set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD" in shown
    assert "refused" not in shown


def test_a_page_that_is_not_the_api_is_named(dashboards: str, capsys: pytest.CaptureFixture[str]) -> None:
    FakeDashboards.page = b"<html><body><h1>Sign in</h1> to continue</body></html>"
    assert main(["dashboards", "import", "--url", dashboards]) == 1
    message = " ".join(capsys.readouterr().err.split())
    assert f"{dashboards} answered with text/html, not the JSON of OpenSearch Dashboards' import API" in message
    assert "Sign in" in message and "Traceback" not in message


@pytest.mark.parametrize("url", ["notaurl", "localhost:5601", "ftp://localhost:5601", "http://", "http://localhost:notaport"])
def test_a_url_that_is_no_http_url_is_a_usage_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["dashboards", "import", "--url", url])
    assert stop.value.code == 2
    assert f"{url!r} is no http(s) URL" in " ".join(capsys.readouterr().err.split())


def test_unreachable_dashboards_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dashboards", "import", "--url", "http://127.0.0.1:9"]) == 3
    assert "OpenSearch Dashboards is not reachable at http://127.0.0.1:9" in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize("content", [None, '{"type": "dashboard", "id": "x"}\n', "[1, 2]\n"])
def test_a_file_that_is_no_saved_objects_is_a_config_error(tmp_path: Path, content: str | None) -> None:
    """A folder given as --file, or a line without attributes: a message naming the file, not a traceback."""
    path = tmp_path if content is None else tmp_path / "objects.ndjson"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=str(path)):
        load_objects(path, index_prefix="news")


@pytest.mark.parametrize("url", ["http://admin:S3cretPW@127.0.0.1:1", "http://admin:S3cretPW@[::1", "http://admin:S3cretPW@host]:5601", "http:/admin:S3cretPW@localhost:5601"])
def test_a_url_with_credentials_is_a_usage_error_that_does_not_echo_them(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["dashboards", "import", "--url", url])
    assert stop.value.code == 2
    said = capsys.readouterr().err
    assert "must not contain credentials" in " ".join(said.split()) and "S3cretPW" not in said


def test_a_saved_objects_file_without_objects_is_refused(tmp_path: Path) -> None:
    from flows.dashboards import load_objects
    from flows.errors import ConfigError

    (tmp_path / "empty.ndjson").write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="holds no saved object"):
        load_objects(tmp_path / "empty.ndjson")


_NO_HANDLER = {"error": "no handler found for uri [/api/saved_objects/_import?overwrite=true] and method [POST]", "status": 400}
_FORBIDDEN = {"error": {"root_cause": [{"type": "security_exception", "reason": "no permissions"}], "type": "security_exception"}, "status": 403}
_BANNER = {"name": "node-1", "cluster_name": "docker-cluster", "tagline": "The OpenSearch Project: https://opensearch.org/"}


@pytest.fixture
def answering(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """A server that answers every request with the (status, body, headers) put in the list it yields."""
    for name in ("OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD", "DOCINDEX_INDEX"):
        monkeypatch.delenv(name, raising=False)
    answer: list = []

    def reply(method: str, path: str) -> Answer:
        status, body, headers = answer[0]
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return status, data, {"Content-Type": "application/json", **headers}

    with stub_server(reply) as url:
        answer.append(url)
        yield answer


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        (400, _NO_HANDLER, {}),  # OpenSearch without security: no such route
        (405, {"error": "Incorrect HTTP method for uri [/api/saved_objects/_import] and method [POST], allowed: [GET]", "status": 405}, {}),
        (401, b"Unauthorized", {"Content-Type": "text/plain", "WWW-Authenticate": 'Basic realm="OpenSearch Security"'}),
        (403, _FORBIDDEN, {}),
        (200, _BANNER, {}),
    ],
)
def test_opensearch_at_the_url_is_named_with_the_dashboards_port(
    answering: list, status: int, body: object, headers: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    url = answering.pop()
    answering.append((status, body, headers))
    assert main(["dashboards", "import", "--url", url]) == 2  # a wrong --url: a usage error
    shown = " ".join(capsys.readouterr().err.split())
    assert f"{url} answered" in shown and "as OpenSearch does" in shown
    assert shown.endswith("not Dashboards: is --url Dashboards' address (port 5601)?")
    assert "requires credentials" not in shown and "Traceback" not in shown


def test_not_found_at_the_import_path_asks_for_the_dashboards_address(answering: list, capsys: pytest.CaptureFixture[str]) -> None:
    url = answering.pop()
    answering.append((404, b"<html>Not Found</html>", {"Content-Type": "text/html"}))
    assert main(["dashboards", "import", "--url", url]) == 1
    shown = " ".join(capsys.readouterr().err.split())
    assert f"Dashboards at {url} answered HTTP 404 (is --url Dashboards' address (port 5601)?)" in shown


def test_dashboards_own_errors_get_no_hint(answering: list, capsys: pytest.CaptureFixture[str]) -> None:
    url = answering.pop()
    answering.append((400, {"statusCode": 400, "error": "Bad Request", "message": "Invalid file extension .txt"}, {}))
    assert main(["dashboards", "import", "--url", url]) == 1
    shown = " ".join(capsys.readouterr().err.split())
    assert f"Dashboards at {url} answered HTTP 400:" in shown and "port 5601" not in shown
