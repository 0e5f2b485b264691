"""A small HTTP proxy in front of the test backend that injects faults into _bulk requests."""

from __future__ import annotations

import gzip
import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class FaultProxy:
    """Forwards everything to ``upstream``. For _bulk: the first ``fail_requests`` requests get ``fail_status``
    as a whole; items whose source contains ``poison`` get ``poison_status`` per item (the rest is forwarded)."""

    def __init__(self, upstream: str, *, fail_requests: int = 0, fail_status: int = 503, poison: str | None = None,
                 poison_status: int = 429) -> None:
        self.upstream = urlsplit(upstream)
        self.fail_requests, self.fail_status = fail_requests, fail_status
        self.poison, self.poison_status = poison, poison_status
        self.bulk_requests = 0
        self.poison_attempts = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _forward(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, str]:
                conn = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=30)
                conn.request(method, path, body=body or None, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                ctype = resp.getheader("Content-Type", "application/json")
                conn.close()
                return resp.status, data, ctype

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
                path = self.path
                if urlsplit(path).path.endswith("/_bulk"):
                    status, data = proxy._bulk(lambda b: self._forward(self.command, path, b, headers), body)
                    ctype = "application/json"
                else:
                    status, data, ctype = self._forward(self.command, path, body, headers)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _bulk(self, forward, body: bytes) -> tuple[int, bytes]:  # noqa: ANN001
        with self.lock:
            self.bulk_requests += 1
            fail = self.bulk_requests <= self.fail_requests
        if fail:
            err = {"error": {"type": "unavailable", "reason": "injected fault"}, "status": self.fail_status}
            return self.fail_status, json.dumps(err).encode()
        lines = [ln for ln in body.decode("utf-8").split("\n") if ln.strip()]
        pairs, i = [], 0
        while i < len(lines):
            action = json.loads(lines[i])
            op = next(iter(action))
            if op == "delete":
                pairs.append((action, None))
                i += 1
            else:
                pairs.append((action, lines[i + 1]))
                i += 2
        keep = [(a, s) for a, s in pairs if not (self.poison and s is not None and self.poison in s)]
        upstream_items: list[dict] = []
        if keep:
            payload = "".join(json.dumps(a) + "\n" + (s + "\n" if s is not None else "") for a, s in keep).encode()
            status, data, _ = forward(payload)
            if status >= 300:
                return status, data
            upstream_items = json.loads(data)["items"]
        items, it = [], iter(upstream_items)
        for a, s in pairs:
            if self.poison and s is not None and self.poison in s:
                with self.lock:
                    self.poison_attempts += 1
                op, meta = next(iter(a.items()))
                kind = "es_rejected_execution_exception" if self.poison_status == 429 else "mapper_parsing_exception"
                items.append({op: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": self.poison_status,
                                   "error": {"type": kind, "reason": f"injected {kind} for this item"}}})
            else:
                items.append(next(it))
        errors = any(next(iter(x.values())).get("status", 200) >= 300 for x in items)
        return 200, json.dumps({"took": 1, "errors": errors, "items": items}).encode()

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
