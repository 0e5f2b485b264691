"""Small HTTP proxies in front of the test backend: one injects faults into _bulk requests, one adds the tasks API."""

from __future__ import annotations

import gzip
import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qsl, unquote, urlsplit


class Proxy:
    """An HTTP server in front of ``upstream`` that forwards every request (``route`` may answer some itself)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                status, data, ctype = proxy.route(self.command, self.path, body, self.headers.get("Content-Type"))
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

    def route(self, method: str, path: str, body: bytes, ctype: str | None) -> tuple[int, bytes, str]:
        return self.forward(method, path, body, ctype)

    def forward(self, method: str, path: str, body: bytes, ctype: str | None = None) -> tuple[int, bytes, str]:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        conn.request(method, path, body=body or None, headers={"Content-Type": ctype or "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data, resp.getheader("Content-Type", "application/json")

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class FaultProxy(Proxy):
    """Forwards everything to ``upstream``. For _bulk: the first ``fail_requests`` requests get ``fail_status``
    as a whole; items whose source contains ``poison`` get ``poison_status`` per item (the rest is forwarded)."""

    def __init__(self, upstream: str, *, fail_requests: int = 0, fail_status: int = 503, poison: str | None = None,
                 poison_status: int = 429) -> None:
        super().__init__(upstream)
        self.fail_requests, self.fail_status = fail_requests, fail_status
        self.poison, self.poison_status = poison, poison_status
        self.bulk_requests = 0
        self.poison_attempts = 0

    def route(self, method: str, path: str, body: bytes, ctype: str | None) -> tuple[int, bytes, str]:
        if not urlsplit(path).path.endswith("/_bulk"):
            return self.forward(method, path, body, ctype)
        status, data = self._bulk(lambda b: self.forward(method, path, b, ctype), body)
        return status, data, "application/json"

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



class TasksProxy(Proxy):
    """Forwards everything to ``upstream`` and adds the tasks API of OpenSearch for reindexing, as its reference
    documents it, for backends that lack it: ``POST _reindex?wait_for_completion=false`` answers ``{"task": id}``
    and copies with one upstream reindex; ``GET _tasks/<id>`` reports the task
    (``completed``, ``task.status`` with ``total`` and ``created``, then ``response``, the upstream reindex's
    answer, or ``error``); ``POST _tasks/<id>/_cancel`` cancels it. The first ``running_polls`` looks at a task
    report it running, a share of its records copied each time, so that a follower sees it progress."""

    def __init__(self, upstream: str, *, running_polls: int = 2) -> None:
        super().__init__(upstream)
        self.running_polls = running_polls
        self.tasks: dict[str, dict] = {}
        self.cancelled: list[str] = []

    def route(self, method: str, path: str, body: bytes, ctype: str | None) -> tuple[int, bytes, str]:
        url = urlsplit(path)
        parts = [unquote(p) for p in url.path.split("/") if p]
        if parts[:1] == ["_tasks"]:
            return *self._tasks_api(method, parts[1:]), "application/json"
        if parts == ["_reindex"] and dict(parse_qsl(url.query)).get("wait_for_completion") == "false":
            return 200, json.dumps({"task": self._start(body)}).encode(), "application/json"
        return self.forward(method, path, body, ctype)

    def _start(self, body: bytes) -> str:
        """Copies at once, before the task's id is given: the polls only tell of it, and after a cancellation
        nothing writes into the destination any more."""
        source = json.loads(body)["source"]["index"]
        _, counted, _ = self.forward("GET", f"/{source}/_count", b"")
        status, data, _ = self.forward("POST", "/_reindex?refresh=true", body)
        answer = json.loads(data)
        if status >= 300 and "failures" not in answer:  # a refused reindex's failures are in the task's response
            answer = {"error": answer.get("error")}
        with self.lock:
            task_id = f"proxy:{len(self.tasks) + 1}"
            self.tasks[task_id] = {"total": json.loads(counted)["count"], "polls": 0, "answer": answer}
        return task_id

    def _tasks_api(self, method: str, parts: list[str]) -> tuple[int, bytes]:
        if not parts:  # the task list
            return 200, json.dumps({"nodes": {}}).encode()
        task = self.tasks.get(parts[0])
        if task is None:
            return 404, json.dumps({"error": {"type": "resource_not_found_exception", "reason": parts[0]}}).encode()
        if parts[1:] == ["_cancel"] and method == "POST":  # the copy is over: waiting for the task to stop is at once
            with self.lock:
                self.cancelled.append(parts[0])
            return 200, json.dumps({"nodes": {}}).encode()
        with self.lock:
            task["polls"] += 1
            polls = task["polls"]
        if polls <= self.running_polls:
            share = task["total"] * polls // (self.running_polls + 1)
            return 200, json.dumps({"completed": False, "task": {"status": {"total": task["total"], "created": share}}}).encode()
        answer = task["answer"]
        done = {"completed": True, "task": {"status": {"total": task["total"], "created": answer.get("created", 0)}}}
        done |= {"error": answer["error"]} if "error" in answer else {"response": answer}
        return 200, json.dumps(done).encode()
