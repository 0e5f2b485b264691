"""A local HTTP server whose answers a test decides: a Prefect API behind a password, Dashboards, a service on
the wrong port."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: status, body and headers of an answer (Content-Length is added)
Answer = tuple[int, bytes, dict[str, str]]


@contextmanager
def stub_server(answer: Callable[[str, str], Answer]) -> Iterator[str]:
    """The base URL ("http://127.0.0.1:PORT") of a server that answers each GET and POST with ``answer(method,
    path)`` (a request's body is read first), shut down on leaving."""

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, body, headers = answer(self.command, self.path)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _reply  # noqa: N815 - http.server naming

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
