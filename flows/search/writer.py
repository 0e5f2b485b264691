"""Bulk writes with per-item results: chunks first, then stale chunks removed, then the document record.

The document record is written last, so it marks a document as complete: a crash before it leaves a document
that the next run processes again, and deterministic ids make that re-run overwrite instead of duplicate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError, NotFoundError, TransportError

from flows.errors import IndexingError
from flows.models import ChunkRecord, Prepared, Reason, Rejection, Step

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504, "N/A"})
#: documents per delete-by-query request (each is one bool clause; OpenSearch allows 1024 by default)
STALE_QUERY_DOCS = 500


@dataclass(frozen=True)
class BulkOptions:
    chunk_size: int = 500
    max_chunk_bytes: int = 10_000_000
    max_retries: int = 5
    initial_backoff: float = 1.0
    max_backoff: float = 60.0


@dataclass(frozen=True)
class WriteResult:
    indexed: tuple[Prepared, ...]
    rejections: tuple[Rejection, ...]
    chunks_indexed: int
    stale_deleted: int


def chunk_source(record: ChunkRecord, analyzed_languages: frozenset[str]) -> dict[str, Any]:
    """The chunk as stored: its record plus ``text_<lang>`` for the language's own analyzer."""
    source = record.model_dump(mode="json")
    if record.language in analyzed_languages:
        source[f"text_{record.language}"] = record.text
    return source


def _describe(info: dict[str, Any]) -> tuple[bool, str]:
    """(transient?, human-readable reason) for a failed bulk item."""
    status = info.get("status")
    error = info.get("error")
    if isinstance(error, dict):
        text = f"{error.get('type')}: {error.get('reason')}"
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            text += f" (caused by {cause.get('type')}: {cause.get('reason')})"
    else:
        text = str(error)
    return status in TRANSIENT_STATUSES, f"HTTP {status}: {text}"


def bulk_failures(
    client: OpenSearch,
    actions: Iterable[dict[str, Any]],
    opts: BulkOptions,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[tuple[str, bool, str]]:
    """Send actions; yield (id, transient?, reason) for every item that still failed after the retries.

    Items refused with a transient status (429, 502-504, connection lost; per item or the whole request) are
    sent again with exponential backoff, at most ``opts.max_retries`` times. Other failures (mapping conflicts,
    bad requests) are final at once: they are reported with OpenSearch's reason and never retried.
    """
    pending = list(actions)
    for attempt in range(opts.max_retries + 1):
        by_id = {a["_id"]: a for a in pending}
        retry: list[dict[str, Any]] = []
        for ok, item in helpers.streaming_bulk(
            client,
            pending,
            chunk_size=opts.chunk_size,
            max_chunk_bytes=opts.max_chunk_bytes,
            max_retries=0,
            raise_on_error=False,
            raise_on_exception=False,
            yield_ok=False,
        ):
            if ok:
                continue
            _, info = next(iter(item.items()))
            transient, reason = _describe(info)
            _id = str(info.get("_id"))
            if transient and attempt < opts.max_retries and _id in by_id:
                retry.append(by_id[_id])
            else:
                yield _id, transient, reason
        if not retry:
            return
        sleep(min(opts.max_backoff, opts.initial_backoff * 2**attempt))
        pending = retry


def index_rejection(prepared: Prepared, transient: bool, reason: str) -> Rejection:
    """A document that could not be written: unavailable (transient: a later run retries it) or refused."""
    return Rejection(
        path=prepared.document.source_path,
        step=Step.INDEX,
        reason=Reason.INDEX_UNAVAILABLE if transient else Reason.INDEX_ERROR,
        detail=reason,
        doc_id=prepared.document.doc_id,
    )


def delete_stale_chunks(client: OpenSearch, chunks_alias: str, written: list[Prepared]) -> int:
    """Remove chunks of the written documents that the current version no longer has."""
    deleted = 0
    for i in range(0, len(written), STALE_QUERY_DOCS):
        clauses = [
            {
                "bool": {
                    "filter": [{"term": {"doc_id": p.document.doc_id}}],
                    "must_not": [{"ids": {"values": [c.chunk_id for c in p.chunks]}}],
                }
            }
            for p in written[i : i + STALE_QUERY_DOCS]
        ]
        result = client.delete_by_query(
            index=chunks_alias,
            body={"query": {"bool": {"should": clauses, "minimum_should_match": 1}}},
            params={"conflicts": "proceed", "refresh": "false"},
        )
        deleted += int(result.get("deleted", 0))
    return deleted


def write_batch(
    client: OpenSearch,
    batch: list[Prepared],
    *,
    chunks_alias: str,
    documents_alias: str,
    analyzed_languages: frozenset[str],
    options: BulkOptions,
) -> WriteResult:
    """Index a batch. Failed items become rejections naming OpenSearch's reason; a batch that cannot reach
    OpenSearch at all raises IndexingError (transient) so the caller may retry it whole."""
    by_chunk = {c.chunk_id: p for p in batch for c in p.chunks}
    failed: dict[str, Rejection] = {}
    # A stored record of a document about to be rewritten first loses its source hash: if the run dies while the
    # new passages are written, the next run cannot take the old record for the finished new version (the file
    # may be back to its old bytes by then) and writes the document again. Records not stored yet are "missing".
    unmark = (
        {"_op_type": "update", "_index": documents_alias, "_id": p.document.doc_id, "doc": {"source_hash": ""}}
        for p in batch
    )
    for _ in bulk_failures(client, unmark, replace(options, max_retries=0)):
        pass  # one try: a new document has no record, and a refused request leaves the records as they were
    actions = (
        {"_op_type": "index", "_index": chunks_alias, "_id": c.chunk_id, "_source": chunk_source(c, analyzed_languages)}
        for p in batch
        for c in p.chunks
    )
    transient_failures = 0
    for _id, transient, reason in bulk_failures(client, actions, options):
        prepared = by_chunk[_id]
        transient_failures += transient
        failed.setdefault(prepared.document.doc_id, index_rejection(prepared, transient, f"chunk {_id}: {reason}"))
    if batch and len(failed) == len(batch) and transient_failures:
        raise IndexingError(f"no document of the batch could be indexed: {next(iter(failed.values())).detail}")
    written = [p for p in batch if p.document.doc_id not in failed]
    try:
        stale = delete_stale_chunks(client, chunks_alias, written) if written else 0
    except (ConnectionError, TransportError) as exc:
        raise IndexingError(f"removing stale chunks failed: {exc}") from exc
    docs = (
        {"_op_type": "index", "_index": documents_alias, "_id": p.document.doc_id, "_source": p.document.model_dump(mode="json")}
        for p in written
    )
    by_doc = {p.document.doc_id: p for p in written}
    for _id, transient, reason in bulk_failures(client, docs, options):
        failed.setdefault(_id, index_rejection(by_doc[_id], transient, f"document record: {reason}"))
    indexed = tuple(p for p in written if p.document.doc_id not in failed)
    return WriteResult(
        indexed=indexed,
        rejections=tuple(failed.values()),
        chunks_indexed=sum(len(p.chunks) for p in indexed),
        stale_deleted=stale,
    )


def refresh(client: OpenSearch, *aliases: str) -> None:
    client.indices.refresh(index=",".join(aliases))


def stored_hashes(client: OpenSearch, documents_alias: str, doc_ids: Sequence[str], pipeline_version: str) -> dict[str, str]:
    """doc_id -> source_hash of the documents already complete in the index, written by this pipeline version;
    ``""`` for those written by another version (stored, but to be processed again).

    A document record exists only once all its chunks are written (it is written last, and a record being
    rewritten loses its source hash first), so a document found here is safe to skip when its bytes have not
    changed. No index yet means nothing is stored.
    """
    if not doc_ids:
        return {}
    try:
        found = client.mget(
            index=documents_alias,
            body={"ids": list(doc_ids)},
            params={"_source_includes": "source_hash,pipeline_version", "realtime": "true"},
        )
    except NotFoundError:
        return {}
    except ConnectionError:
        raise  # the cluster went away: the caller, who knows its address, says so (``feed.stored_lookup``)
    except TransportError as exc:
        raise IndexingError(f"looking up stored documents failed: {exc}") from exc
    out: dict[str, str] = {}
    for d in found.get("docs", []):
        src = d.get("_source") or {}
        if d.get("found"):
            current = src.get("pipeline_version") == pipeline_version and src.get("source_hash")
            out[str(d["_id"])] = str(src["source_hash"]) if current else ""
    return out


def stored_source_paths(client: OpenSearch, documents_alias: str, prefix: str, page: int = 1000) -> Iterator[tuple[str, str]]:
    """(doc_id, source_path) of every stored document whose source_path starts with prefix, in order."""
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "query": {"prefix": {"source_path": prefix}},
            "sort": [{"source_path": "asc"}],
            "_source": ["source_path"],
            "size": page,
        }
        if after is not None:
            body["search_after"] = after
        hits = client.search(index=documents_alias, body=body)["hits"]["hits"]
        for h in hits:
            yield str(h["_id"]), str(h["_source"]["source_path"])
        if len(hits) < page:
            return
        after = hits[-1]["sort"]


def stored_passage_sources(client: OpenSearch, chunks_alias: str, prefix: str, page: int = 1000) -> Iterator[tuple[str, str]]:
    """(doc_id, source_path) of every document with passages whose source_path starts with prefix, its record
    written or not (a run killed before it wrote the record leaves passages only), in order."""
    after: dict[str, Any] | None = None
    while True:
        composite: dict[str, Any] = {
            "size": page,
            "sources": [{"source_path": {"terms": {"field": "source_path"}}}, {"doc_id": {"terms": {"field": "doc_id"}}}],
        }
        if after is not None:
            composite["after"] = after
        body = {"size": 0, "query": {"prefix": {"source_path": prefix}}, "aggs": {"documents": {"composite": composite}}}
        result = client.search(index=chunks_alias, body=body)["aggregations"]["documents"]
        for bucket in result["buckets"]:
            yield str(bucket["key"]["doc_id"]), str(bucket["key"]["source_path"])
        after = result.get("after_key")
        if len(result["buckets"]) < page or after is None:
            return


def delete_documents(client: OpenSearch, chunks_alias: str, documents_alias: str, doc_ids: Sequence[str]) -> int:
    """Remove documents and their chunks. The chunks go first: a crash in between leaves a document record whose
    file is gone, which the next --prune finds and removes again (it looks documents up by their records and by
    their passages)."""
    deleted = 0
    for i in range(0, len(doc_ids), STALE_QUERY_DOCS):
        ids = list(doc_ids[i : i + STALE_QUERY_DOCS])
        client.delete_by_query(
            index=chunks_alias, body={"query": {"terms": {"doc_id": ids}}}, params={"conflicts": "proceed"}
        )
        result = client.delete_by_query(
            index=documents_alias, body={"query": {"ids": {"values": ids}}}, params={"conflicts": "proceed"}
        )
        deleted += int(result.get("deleted", 0))
    return deleted
