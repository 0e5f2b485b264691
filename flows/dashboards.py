"""Import the Dashboards saved objects in schemas/dashboards.ndjson through the saved-objects API.

``POST <dashboards>/api/saved_objects/_import?overwrite=true`` with the ``osd-xsrf`` header and the NDJSON as
the multipart field ``file`` (its filename must end in ``.ndjson``). The API answers 200 even when objects
fail, so the body's ``errors`` are turned into :class:`DashboardsImportError`, one line per object.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from flows.errors import ConfigError, TerminalError
from flows.settings import DEFAULT_SCHEMAS_DIR

DEFAULT_OBJECTS = DEFAULT_SCHEMAS_DIR / "dashboards.ndjson"
DEFAULT_PREFIX = "docindex"
IMPORT_PATH = "/api/saved_objects/_import"


class DashboardsImportError(TerminalError):
    """Dashboards refused the import or some of its objects."""


class DashboardsUnreachableError(TerminalError):
    """Nothing answered at the Dashboards URL."""

    exit_code = 3


@dataclass(frozen=True)
class ImportResult:
    success_count: int
    object_ids: tuple[str, ...]


def load_objects(path: Path = DEFAULT_OBJECTS, *, index_prefix: str = DEFAULT_PREFIX) -> list[dict]:
    """The saved objects; for another ``index_prefix`` moved to it (``for_prefix``)."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        raise ConfigError(f"saved objects file {path} is missing") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        raise ConfigError(f"saved objects file {path} cannot be read: {exc.__class__.__name__}") from None
    objects = []
    for n, line in enumerate(lines, start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n} is not valid JSON: {exc}") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("attributes"), dict):
            raise ConfigError(f"{path}:{n} is not a saved object (an object with an id and attributes)")
        objects.append(obj if index_prefix == DEFAULT_PREFIX else for_prefix(obj, index_prefix))
    if not objects:
        raise ConfigError(f"saved objects file {path} holds no saved object")
    return objects


def for_prefix(obj: dict, prefix: str) -> dict:
    """A saved object for the aliases of another prefix, beside the default one's rather than over it: ids and the
    ids it references start with the prefix instead of ``docindex`` (``news-overview``), index patterns are titled
    after the prefix's aliases, and the other titles name it ("news overview", "Documents by language (news)")."""

    def moved(text: str) -> str:
        return prefix + text[len(DEFAULT_PREFIX) :] if text.startswith(DEFAULT_PREFIX) else text

    title = obj["attributes"].get("title", "")
    if obj.get("type") != "index-pattern" and not title.startswith(DEFAULT_PREFIX):
        title = f"{title} ({prefix})"
    return {
        **obj,
        "id": moved(obj["id"]),
        "attributes": {**obj["attributes"], "title": moved(title)},
        "references": [{**ref, "id": moved(ref["id"])} for ref in obj.get("references", [])],
    }


def encode_multipart(ndjson: bytes, *, filename: str = "docindex.ndjson") -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data request with the NDJSON in the field ``file``."""
    boundary = f"docindex-{uuid.uuid4().hex}"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/ndjson\r\n\r\n"
    ).encode()
    return head + ndjson + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def build_request(
    url: str,
    objects: list[dict],
    *,
    username: str | None = None,
    password: str | None = None,
    tenant: str | None = None,
) -> Request:
    ndjson = "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in objects).encode()
    body, content_type = encode_multipart(ndjson)
    headers = {"osd-xsrf": "true", "Content-Type": content_type, "Accept": "application/json"}
    if username is not None and password is not None:
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    if tenant:
        headers["securitytenant"] = tenant
    query = urlencode({"overwrite": "true"})
    return Request(f"{url.rstrip('/')}{IMPORT_PATH}?{query}", data=body, headers=headers, method="POST")


#: the hint when --url reached something other than Dashboards' API, OpenSearch (port 9200) above all
WRONG_URL_HINT = "is --url Dashboards' address (port 5601)?"


def _json(text: str | bytes) -> object:
    """The JSON value of an answer, or None when it is no JSON."""
    try:
        return json.loads(text or b"{}")
    except ValueError:
        return None


def _looks_like_opensearch(status: int, payload: object) -> bool:
    """Whether an answer to the import request came from OpenSearch: its banner (``cluster_name``, ``tagline``),
    its error shape (``error`` with a ``root_cause``, or "no handler found for uri"), or a 400/405 without the
    ``statusCode`` that Dashboards' own errors carry."""
    if not isinstance(payload, dict):
        return False
    if "cluster_name" in payload or "tagline" in payload:
        return True
    error = payload.get("error")
    if (isinstance(error, dict) and "root_cause" in error) or (isinstance(error, str) and error.startswith("no handler found")):
        return True
    return status in (400, 405) and "statusCode" not in payload


def _failure(error: dict) -> str:
    kind = error.get("error", {})
    what = kind.get("type", "error")
    detail = ""
    if what == "missing_references":
        refs = ", ".join(f"{r.get('type')}:{r.get('id')}" for r in kind.get("references", []))
        detail = f" (missing {refs})"
    elif kind.get("message"):
        detail = f" ({kind['message']})"
    return f"{error.get('type')} {error.get('id')!r} ({error.get('title', '')!r}): {what}{detail}"


def import_objects(
    url: str,
    objects: list[dict],
    *,
    username: str | None = None,
    password: str | None = None,
    tenant: str | None = None,
    timeout: float = 30.0,
) -> ImportResult:
    """Import (overwriting) and return the count, or raise naming each object that failed."""
    request = build_request(url, objects, username=username, password=password, tenant=tenant)
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - operator-given http(s) URL
            kind, raw = response.headers.get_content_type(), response.read()
    except HTTPError as exc:
        answer = exc.read().decode("utf-8", "replace")
        body = answer[:500]
        realm = exc.headers.get("WWW-Authenticate", "") if exc.headers else ""
        if "OpenSearch Security" in realm or _looks_like_opensearch(exc.code, _json(answer)):  # its security plugin's realm
            said = " ".join(body.split())
            raise ConfigError(f"{url} answered HTTP {exc.code} as OpenSearch does ({said}), not Dashboards: {WRONG_URL_HINT}") from None
        if exc.code in (401, 403) and username is None:  # a configuration error, as for OpenSearch and Prefect (exit 2)
            raise ConfigError(
                f"Dashboards at {url} requires credentials (HTTP {exc.code}) and none were set: set OPENSEARCH_USERNAME "
                f"and OPENSEARCH_PASSWORD (the OpenSearch user Dashboards signs in): {body}"
            ) from None
        if exc.code in (401, 403):
            raise ConfigError(
                f"Dashboards at {url} refused the credentials (HTTP {exc.code}): check OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD: {body}"
            ) from None
        if exc.code == 404:
            raise DashboardsImportError(f"Dashboards at {url} answered HTTP 404 ({WRONG_URL_HINT}): {body}") from None
        raise DashboardsImportError(f"Dashboards at {url} answered HTTP {exc.code}: {body}") from None
    except (URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DashboardsUnreachableError(
            f"OpenSearch Dashboards is not reachable at {url} ({reason}): start it with "
            "`docker compose up -d opensearch-dashboards` or pass --url"
        ) from None
    payload = _json(raw)
    if not isinstance(payload, dict):  # a proxy's login page, another service on that port
        start = " ".join(raw[:200].decode("utf-8", "replace").split())
        raise DashboardsImportError(
            f"{url} answered with {kind}, not the JSON of OpenSearch Dashboards' import API ({WRONG_URL_HINT}): {start!r}"
        )
    if _looks_like_opensearch(200, payload):
        raise ConfigError(f"{url} answered as OpenSearch does, not Dashboards: {WRONG_URL_HINT}")
    errors = payload.get("errors") or []
    if errors or not payload.get("success", False):
        lines = "\n  ".join(_failure(e) for e in errors) or json.dumps(payload)[:500]
        raise DashboardsImportError(
            f"Dashboards imported {payload.get('successCount', 0)} of {len(objects)} saved objects; failed:\n  {lines}"
        )
    return ImportResult(int(payload.get("successCount", len(objects))), tuple(o["id"] for o in objects))
