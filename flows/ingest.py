"""The Prefect flow: batch-level tasks around the pure steps (one task run per stage and batch).

Only this module imports Prefect. Retries happen only where they can help: the index task retries on
TransientError (429/503/connection), never on mapping errors or bad documents.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows import progress
from flows.errors import TerminalError, TransientError
from flows.models import CleanDocument, Prepared, Reason, Rejection, RunReport, SourceDocument, SourceRef, Step
from flows.pipeline import batches, chunk_batch, clean_batch, language_batch, language_counts, load_batch, write_ndjson
from flows.report import render_markdown
from flows.search.client import build_client, ensure_reachable
from flows.search.schema import ensure_indices
from flows.search.writer import BulkOptions, WriteResult, refresh, write_batch
from flows.settings import Settings
from flows.steps.load import discover
from flows.steps.sidecar import Sidecars, read_sidecars


class TooManyRejectionsError(TerminalError):
    """More documents were rejected than max_rejected_fraction allows; carries the report."""

    def __init__(self, report: RunReport, limit: float) -> None:
        self.report = report
        super().__init__(
            f"{report.documents_rejected} of {report.documents_seen} documents were rejected "
            f"({report.rejected_fraction:.0%}, limit {limit:.0%}); see the run report for each reason"
        )


def _retry_transient(task, task_run, state) -> bool:  # noqa: ANN001 - Prefect's callback signature
    try:
        state.result()
    except TransientError:
        return True
    except Exception:  # noqa: BLE001 - anything else is terminal
        return False
    return False


@task(name="load", cache_policy=NO_CACHE)
def load_task(
    refs: list[SourceRef], settings: Settings, sidecars: Sidecars
) -> tuple[list[SourceDocument], list[Rejection]]:
    return load_batch(refs, settings, sidecars)


@task(name="clean", cache_policy=NO_CACHE)
def clean_task(docs: list[SourceDocument], settings: Settings) -> tuple[list[CleanDocument], list[Rejection]]:
    return clean_batch(docs, settings)


@task(name="language", cache_policy=NO_CACHE)
def language_task(docs: list[CleanDocument], settings: Settings) -> list[CleanDocument]:
    return language_batch(docs, settings)


@task(name="chunk", cache_policy=NO_CACHE)
def chunk_task(docs: list[CleanDocument], settings: Settings, ingested_at: datetime) -> tuple[list[Prepared], list[Rejection]]:
    return chunk_batch(docs, settings, ingested_at)


@task(name="index", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[2, 10, 30], retry_condition_fn=_retry_transient)
def index_task(prepared: list[Prepared], settings: Settings, analyzed: frozenset[str]) -> WriteResult:
    return write_batch(
        build_client(settings),
        prepared,
        chunks_alias=settings.chunks_alias,
        documents_alias=settings.documents_alias,
        analyzed_languages=analyzed,
        options=BulkOptions(
            chunk_size=settings.bulk_chunk_size,
            max_chunk_bytes=settings.bulk_max_bytes,
            max_retries=settings.bulk_max_retries,
            initial_backoff=settings.bulk_initial_backoff,
        ),
    )


def _unavailable(prepared: list[Prepared], exc: Exception) -> list[Rejection]:
    return [
        Rejection(path=p.document.source_path, step=Step.INDEX, reason=Reason.INDEX_UNAVAILABLE, detail=str(exc), doc_id=p.document.doc_id)
        for p in prepared
    ]


@flow(name="docindex-ingest", validate_parameters=True)
def ingest(paths: list[str], index: str | None = None, output: str | None = None) -> RunReport:
    """Load, clean, detect language, chunk and index documents from files, folders or globs.

    With ``output`` the passages are written as NDJSON to that file and OpenSearch is not used.
    """
    started = time.monotonic()
    logger = get_run_logger()
    settings = Settings(index=index) if index else Settings()
    refs = discover(paths)
    logger.info("found %d documents in %s", len(refs), ", ".join(paths))
    sidecars = read_sidecars(refs)
    for warning in sidecars.warnings:
        logger.warning("sidecar: %s", warning)
    ingested_at = datetime.now(UTC).replace(microsecond=0)

    analyzed: frozenset[str] = frozenset()
    sink = None
    tmp_path: Path | None = None
    if output:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        tmp_path = Path(name)
        sink = os.fdopen(fd, "w", encoding="utf-8")
        target_label = str(target)
    else:
        client = build_client(settings)
        info = ensure_reachable(client, settings)
        logger.info("OpenSearch %s at %s", info.get("version", {}).get("number", "?"), settings.opensearch_url)
        analyzed = ensure_indices(client, settings)["chunks"].analyzed_languages
        target_label = f"{settings.chunks_alias}, {settings.documents_alias}"

    report = RunReport(target=target_label, warnings=sidecars.warnings)
    try:
        for n, batch in enumerate(batches(refs, settings.batch_size), start=1):
            docs, rejected = load_task(batch, settings, sidecars)
            cleaned, more = clean_task(docs, settings)
            rejected += more
            prepared, more = chunk_task(language_task(cleaned, settings), settings, ingested_at)
            rejected += more
            if sink is not None:
                chunks = write_ndjson(prepared, sink)
                result = WriteResult(indexed=tuple(prepared), rejections=(), chunks_indexed=chunks, stale_deleted=0)
            else:
                try:
                    result = index_task(prepared, settings, analyzed)
                except TransientError as exc:
                    logger.error("batch %d could not be indexed after retries: %s", n, exc)
                    result = WriteResult(indexed=(), rejections=tuple(_unavailable(prepared, exc)), chunks_indexed=0, stale_deleted=0)
            rejected += result.rejections
            report = report.merge(
                RunReport(
                    documents_seen=len(batch),
                    documents_indexed=len(result.indexed),
                    chunks_indexed=result.chunks_indexed,
                    stale_chunks_deleted=result.stale_deleted,
                    rejected=tuple(rejected),
                    languages=language_counts(list(result.indexed)),
                )
            )
            for r in rejected:
                logger.warning("rejected %s", r)
            logger.info("batch %d: %d/%d documents done, %d rejected", n, report.documents_seen, len(refs), report.documents_rejected)
            progress.report(report.documents_seen, len(refs), report.documents_rejected)
        if sink is not None:
            sink.close()
            os.replace(tmp_path, output)  # type: ignore[arg-type]
        else:
            refresh(client, settings.chunks_alias, settings.documents_alias)
    finally:
        if sink is not None and not sink.closed:
            sink.close()
        if tmp_path is not None and tmp_path.exists():
            tmp_path.unlink()

    report = report.model_copy(update={"duration_seconds": round(time.monotonic() - started, 3)})
    create_markdown_artifact(markdown=render_markdown(report), key="docindex-run-report", description="docindex run summary")
    logger.info(
        "indexed %d of %d documents (%d passages) into %s; %d rejected",
        report.documents_indexed, report.documents_seen, report.chunks_indexed, report.target, report.documents_rejected,
    )
    if report.rejected_fraction > settings.max_rejected_fraction:
        raise TooManyRejectionsError(report, settings.max_rejected_fraction)
    return report
