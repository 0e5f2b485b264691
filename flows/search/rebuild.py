"""Zero-downtime rebuild: a new versioned index from schemas/, a copy of the data, an atomic alias swap.

Readers keep using the aliases throughout; the swap is one ``update_aliases`` call for both aliases (remove from
every index an alias points at + add to the new one as write index), so no search ever sees an empty or
half-filled index, nor passages and document records of different copies. Writes that land in the old indices
after the copies started are not in the new ones: pause the schedules during a rebuild (``rebuild`` says which
writes a later ingestion mends; ids are deterministic, so that only overwrites). Indices of the
alias's naming that no alias points at (a killed rebuild's copy, previous indices kept) are reported, and deleted
with the previous index when asked (``delete_old``). Run one rebuild at a time: a second one would count the
first one's copy, still without an alias, among them.

A cluster with the tasks API copies in a background task that the rebuild follows (``GET _tasks/<id>``), so a copy
of any size reports its progress and is not bound by a request timeout; a rebuild interrupted during the copy
cancels the task and removes its new index. A cluster without the tasks API copies in one request.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import TransportError

from flows.errors import ConfigError, TerminalError
from flows.search.schema import KINDS, alias_for, load_schema, write_index
from flows.settings import Settings


#: told how far a copy is: (records copied, records to copy)
CopyProgress = Callable[[int, int], None]
#: seconds between two looks at a reindex task
POLL_SECONDS = 1.0
#: what a reindex task's status counts as done
_DONE_FIELDS = ("created", "updated", "deleted", "noops", "version_conflicts")


class RebuildError(TerminalError):
    """The copy into the new index failed; the alias still points at the old index."""


class NothingToRebuildError(RebuildError, ConfigError):
    """No index has the alias asked for: a usage error (exit 2), as a search of it is."""


@dataclass(frozen=True)
class RebuildResult:
    kind: str
    alias: str
    old_index: str
    new_index: str
    documents: int
    method: str
    old_deleted: bool
    #: indices named like this alias's that held no alias before the rebuild: a killed rebuild's copy, or previous
    #: indices kept without ``delete_old``; deleted with ``delete_old``
    leftovers: tuple[str, ...] = ()


def new_index_name(alias: str, version: int, now: datetime) -> str:
    """``<alias>-v<schema version>-<UTC timestamp>``: matches the template pattern ``<alias>-v*``."""
    return f"{alias}-v{version}-{now.astimezone(UTC):%Y%m%d%H%M%S}"


def leftover_indices(client: OpenSearch, alias: str) -> list[str]:
    """The indices named for ``alias`` (``<alias>-v<N>``, ``<alias>-v<N>-<timestamp>``) that no alias points at:
    the new index of a rebuild killed before its swap (it cannot remove its copy), or a previous index kept
    without ``--delete-old``. Searches never read them; they only take space."""
    named = re.compile(rf"{re.escape(alias)}-v\d+(?:-\d{{14}})?")
    found = client.indices.get(index=f"{alias}-v*", params={"expand_wildcards": "open,closed"})  # each with its aliases
    return sorted(index for index, body in found.items() if named.fullmatch(index) and not body.get("aliases"))


def _count(client: OpenSearch, index: str) -> int:
    client.indices.refresh(index=index)
    return int(client.count(index=index)["count"])


def _failures_of(exc: TransportError) -> list[dict[str, Any]]:
    """The per-document failures a refused reindex lists in its reply (OpenSearch answers 400 with them)."""
    info = exc.info if isinstance(exc.info, dict) else {}
    failures = info.get("failures")
    return failures if isinstance(failures, list) else []


def _api_missing(exc: TransportError) -> bool:
    """The cluster lacks the API called (404, 405, 501, or 400 "no handler found"), unlike a request it refused."""
    return exc.status_code in (404, 405, 501) or (exc.status_code == 400 and "no handler" in str(exc.info).lower())


def has_tasks_api(client: OpenSearch) -> bool:
    """Whether the cluster will report on a running task (``GET _tasks``): a stand-in may lack the API, and on a
    secured cluster the user may lack the permission (``cluster:monitor/*``)."""
    try:
        client.tasks.list(params={"actions": "*reindex"})
    except TransportError as exc:
        if _api_missing(exc) or exc.status_code == 403:
            return False
        raise
    return True


def _copied(status: dict[str, Any]) -> int:
    return sum(int(status.get(field) or 0) for field in _DONE_FIELDS)


def follow_task(client: OpenSearch, task_id: str, *, total: int, on_progress: CopyProgress | None = None) -> dict[str, Any]:
    """Wait for a reindex task, telling ``on_progress`` how far it is, and return its response. An interruption
    (an error, Ctrl-C) cancels the task and waits for it to stop, so that nothing writes into the new index after."""
    try:
        while True:
            try:
                state = client.tasks.get(task_id=task_id)
            except TransportError as exc:  # not a missing _reindex: no other way of copying may start now
                raise RebuildError(f"reindex task {task_id} could not be followed: {exc}") from exc
            status = (state.get("task") or {}).get("status") or {}
            if on_progress is not None:
                on_progress(_copied(status), int(status.get("total") or total))
            if state.get("completed"):
                if error := state.get("error"):
                    raise RebuildError(f"reindex task {task_id} failed: {error.get('type')}: {error.get('reason')}")
                return dict(state.get("response") or {})
            time.sleep(POLL_SECONDS)
    except BaseException:
        try:  # waits until the task has stopped: a write after the new index is removed would create it again
            client.tasks.cancel(task_id=task_id, params={"wait_for_completion": "true", "request_timeout": 120})
        except Exception:  # noqa: BLE001 - the task may have ended meanwhile; the first error is the one to tell
            pass
        raise


def copy_with_reindex(
    client: OpenSearch, source: str, dest: str, *, total: int = 0, on_progress: CopyProgress | None = None
) -> None:
    """``_reindex`` from ``source`` into ``dest``: followed as a task where the cluster has the tasks API, else in
    one request (up to an hour). Documents the new mapping refuses fail the copy, the first of them named."""
    body = {"source": {"index": source}, "dest": {"index": dest, "op_type": "index"}}
    try:
        if has_tasks_api(client):
            started = client.reindex(body=body, refresh=True, wait_for_completion=False)
            task_id = started.get("task")
            result = follow_task(client, task_id, total=total, on_progress=on_progress) if task_id else started
        else:
            result = client.reindex(body=body, refresh=True, wait_for_completion=True, params={"request_timeout": 3600})
    except TransportError as exc:
        if not (failures := _failures_of(exc)):
            raise
        result = {"failures": failures}
    failures = result.get("failures") or []
    if failures:
        first = failures[0]
        raise RebuildError(
            f"reindex {source} -> {dest}: {len(failures)} documents failed, e.g. id {first.get('id')!r}: "
            f"{first.get('cause', {}).get('reason', first)}"
        )
    if on_progress is not None:
        on_progress(total, total)


def copy_with_scan(
    client: OpenSearch, source: str, dest: str, chunk_size: int = 500, *, total: int = 0, on_progress: CopyProgress | None = None
) -> None:
    """Scroll + bulk, for clusters where _reindex is unavailable."""
    actions = (
        {"_op_type": "index", "_index": dest, "_id": hit["_id"], "_source": hit["_source"]}
        for hit in helpers.scan(client, index=source, size=chunk_size, preserve_order=False)
    )
    failed = []
    for done, (ok, item) in enumerate(
        helpers.streaming_bulk(client, actions, chunk_size=chunk_size, raise_on_error=False, max_retries=5), start=1
    ):
        if not ok:
            failed.append(item)
        if on_progress is not None and (done % chunk_size == 0 or done == total):
            on_progress(done, max(total, done))
    if failed:
        first = next(iter(failed[0].values()))
        raise RebuildError(f"copy {source} -> {dest}: {len(failed)} documents failed, e.g. id {first.get('_id')!r}: {first.get('error')}")
    client.indices.refresh(index=dest)


def _old_index(client: OpenSearch, alias: str) -> str:
    """The index the alias writes to; a usage error when there is none (a typo in the prefix)."""
    if (old := write_index(client, alias)) is None:
        raise NothingToRebuildError(f"{alias} does not exist: nothing to rebuild (is --index / DOCINDEX_INDEX right?)")
    return old


@dataclass(frozen=True)
class _Copy:
    """One kind's new index, filled and checked, before its alias is moved."""

    kind: str
    alias: str
    old: str
    new: str
    method: str
    leftovers: tuple[str, ...]


def _copy_kind(
    client: OpenSearch, settings: Settings, kind: str, *, now: datetime, method: str, on_progress: CopyProgress | None
) -> _Copy:
    """A new index for one kind, created from schemas/ and filled from the alias's index; removed again when the
    copy fails or is interrupted."""
    schema = load_schema(settings.schemas_dir, kind)
    alias = alias_for(settings, kind)
    old = _old_index(client, alias)
    leftovers = leftover_indices(client, alias)
    client.indices.put_index_template(name=alias, body=schema.template_body(alias))
    new, stamp = new_index_name(alias, schema.version, now), now
    while client.indices.exists(index=new):  # a rebuild within the same second: the next free second
        stamp += timedelta(seconds=1)
        new = new_index_name(alias, schema.version, stamp)
    client.indices.create(index=new, body={"settings": schema.settings, "mappings": schema.mappings})
    used = method
    try:
        total = _count(client, old)
        if on_progress is not None:
            on_progress(0, total)
        if method in ("auto", "reindex"):
            try:
                copy_with_reindex(client, old, new, total=total, on_progress=on_progress)
                used = "reindex"
            except TransportError as exc:
                if method == "reindex" or not _api_missing(exc):
                    raise
                used = "scan"
        if used == "scan":
            copy_with_scan(client, old, new, total=total, on_progress=on_progress)
        expected, got = _count(client, old), _count(client, new)
        if got < expected:
            raise RebuildError(
                f"{new} holds {got} documents, {old} {expected}; the alias was not moved (were documents ingested "
                "while it was copied? pause the schedules and run the rebuild again)"
            )
    except BaseException:  # Ctrl-C included: the new index has no alias yet, and nothing reads it
        client.indices.delete(index=new, ignore_unavailable=True)
        raise
    return _Copy(kind, alias, old, new, used, tuple(leftovers))


def _swap(client: OpenSearch, copies: list[_Copy], *, delete_old: bool) -> list[RebuildResult]:
    """Every alias moved to its new index in one ``update_aliases`` call, then the old indices deleted if asked."""
    actions: list[dict[str, Any]] = []
    for copy in copies:
        holders = list(client.indices.get_alias(name=copy.alias)) if client.indices.exists_alias(name=copy.alias) else []
        actions += [{"remove": {"index": index, "alias": copy.alias}} for index in holders]
        actions.append({"add": {"index": copy.new, "alias": copy.alias, "is_write_index": True}})
    client.indices.update_aliases(body={"actions": actions})
    if delete_old:
        for copy in copies:
            for index in [copy.old, *copy.leftovers]:
                client.indices.delete(index=index, ignore_unavailable=True)
    return [
        RebuildResult(c.kind, c.alias, c.old, c.new, _count(client, c.new), c.method, delete_old, c.leftovers) for c in copies
    ]


def rebuild_kind(
    client: OpenSearch, settings: Settings, kind: str, *, now: datetime, delete_old: bool = False, method: str = "auto",
    on_progress: CopyProgress | None = None,
) -> RebuildResult:
    """One kind's index rebuilt and its alias moved."""
    copy = _copy_kind(client, settings, kind, now=now, method=method, on_progress=on_progress)
    return _swap(client, [copy], delete_old=delete_old)[0]


def rebuild(
    client: OpenSearch, settings: Settings, *, delete_old: bool = False, method: str = "auto", now: datetime | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> list[RebuildResult]:
    """Rebuild the documents and the chunks index, and move both aliases in one step once both copies are
    complete: a failed copy moves neither (and removes the new indices). The documents are copied first: a
    document's record is written after its passages, so every record in the new index has its passages in the
    chunks copy made after it, and a document ingested while the copies ran has its old record there (or none):
    the next ingest reads it again. A write under way while the aliases move is not covered (its passages may
    reach the old index and its record the new one): pause the schedules. ``on_progress(alias, records copied,
    records to copy)`` follows each copy."""
    if method not in ("auto", "reindex", "scan"):
        raise ValueError(f"method must be auto, reindex or scan, not {method!r}")
    for kind in KINDS:  # every alias there, before anything is created
        _old_index(client, alias_for(settings, kind))
    stamp = now or datetime.now(UTC)
    copies: list[_Copy] = []
    try:
        for kind in ("documents", "chunks"):
            alias = alias_for(settings, kind)
            told = None if on_progress is None else (lambda done, total, alias=alias: on_progress(alias, done, total))
            copies.append(_copy_kind(client, settings, kind, now=stamp, method=method, on_progress=told))
    except BaseException:
        for copy in copies:
            client.indices.delete(index=copy.new, ignore_unavailable=True)
        raise
    results = _swap(client, copies, delete_old=delete_old)
    return sorted(results, key=lambda r: KINDS.index(r.kind))
