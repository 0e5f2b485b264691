"""Bulk writes with per-item results: chunks first, then stale chunks removed, then the document record.

The document record is written last, so it marks a document as complete: a crash before it leaves a document
that the next run processes again, and deterministic ids make that re-run overwrite instead of duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError, TransportError

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


def bulk_failures(client: OpenSearch, actions: Iterable[dict[str, Any]], opts: BulkOptions) -> Iterator[tuple[str, bool, str]]:
    """Send actions; yield (id, transient?, reason) for every item that failed after the 429 retries."""
    for ok, item in helpers.streaming_bulk(
        client,
        actions,
        chunk_size=opts.chunk_size,
        max_chunk_bytes=opts.max_chunk_bytes,
        max_retries=opts.max_retries,
        initial_backoff=opts.initial_backoff,
        max_backoff=opts.max_backoff,
        raise_on_error=False,
        raise_on_exception=False,
        yield_ok=False,
    ):
        if not ok:
            _, info = next(iter(item.items()))
            transient, reason = _describe(info)
            yield str(info.get("_id")), transient, reason


def _reject(prepared: Prepared, transient: bool, reason: str) -> Rejection:
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
    actions = (
        {"_op_type": "index", "_index": chunks_alias, "_id": c.chunk_id, "_source": chunk_source(c, analyzed_languages)}
        for p in batch
        for c in p.chunks
    )
    transient_failures = 0
    for _id, transient, reason in bulk_failures(client, actions, options):
        prepared = by_chunk[_id]
        transient_failures += transient
        failed.setdefault(prepared.document.doc_id, _reject(prepared, transient, f"chunk {_id}: {reason}"))
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
        failed.setdefault(_id, _reject(by_doc[_id], transient, f"document record: {reason}"))
    indexed = tuple(p for p in written if p.document.doc_id not in failed)
    return WriteResult(
        indexed=indexed,
        rejections=tuple(failed.values()),
        chunks_indexed=sum(len(p.chunks) for p in indexed),
        stale_deleted=stale,
    )


def refresh(client: OpenSearch, *aliases: str) -> None:
    client.indices.refresh(index=",".join(aliases))
