"""The Prefect flow: batch-level tasks around the pure steps (one task run per stage and batch).

Only this module imports Prefect. Retries happen only where they can help: the index task retries on
TransientError (429/503/connection), never on mapping errors or bad documents.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows import progress
from flows.errors import ConfigError, TerminalError, TransientError, UnreachableError
from flows.feed import Feed, PendingBatch, adopt, listing_note, stored_lookup
from flows.models import Prepared, Rejection, RunReport
from flows.pipeline import (
    STAGES,
    RecordFiles,
    StageOutput,
    empty_scopes,
    language_counts,
    not_pruned,
    nothing_found,
    prune_scopes,
    record_files,
    seen_source_paths,
    vanished,
)
from flows.report import rejection_log_lines, render_markdown
from flows.search.client import build_client, ensure_reachable
from flows.search.schema import ensure_indices
from flows.search.writer import (
    BulkOptions,
    WriteResult,
    index_rejection,
    delete_documents,
    refresh,
    stored_passage_sources,
    stored_source_paths,
    write_batch,
)
from flows.settings import Settings, load_settings


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


@task(name="prepare", cache_policy=NO_CACHE)
def prepare_task(pending: PendingBatch) -> StageOutput:
    """Load, clean, language and chunk of one batch (mapped over the worker processes); logs each stage's time."""
    out = pending.result()
    secs = ", ".join(f"{k} {v:.2f} s" for k, v in out.seconds.items())
    get_run_logger().info(
        "batch %d: %d prepared, %d unchanged, %d rejected (cpu: %s)",
        pending.number, len(out.prepared) + out.encoded, out.unchanged, sum(r.documents for r in out.rejected), secs,
    )
    return out


@task(name="index", cache_policy=NO_CACHE, retry_condition_fn=_retry_transient)
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


@task(name="prune", cache_policy=NO_CACHE)
def prune_task(paths: list[str], seen: set[str], settings: Settings, files: RecordFiles | None = None) -> tuple[int, tuple[str, ...]]:
    """Delete documents (and their chunks) stored under the input folders whose file is gone, or whose record is
    gone from a file that holds many (``files``: ``record_files``): those with a record, and those a killed run left
    with passages only; not under a folder in which the run found no document at all (``empty_scopes``: a missing
    mount). Returns how many documents were removed, and a warning for each folder left alone."""
    client = build_client(settings)
    refresh(client, settings.chunks_alias, settings.documents_alias)
    gone: set[str] = set()
    scopes = prune_scopes(paths)
    empty = empty_scopes(scopes, seen)
    for prefix, root in scopes:
        if (prefix, root) in empty:
            continue
        stored = dict(stored_source_paths(client, settings.documents_alias, prefix))
        stored.update(stored_passage_sources(client, settings.chunks_alias, prefix))
        candidates = {i: sp for i, sp in stored.items() if sp not in seen}
        missing = set(vanished(list(candidates.values()), [(prefix, root)], files or RecordFiles()))
        gone |= {i for i, sp in candidates.items() if sp in missing}
    if gone:
        delete_documents(client, settings.chunks_alias, settings.documents_alias, sorted(gone))
    return len(gone), tuple(not_pruned(root) for _, root in empty)


@flow(name="docindex-ingest", validate_parameters=True)
def ingest(
    paths: list[str],
    index: str | None = None,
    output: str | None = None,
    prune: bool = False,
    dask_address: str | None = None,
    reprocess: bool = False,
) -> RunReport:
    """Load, clean, detect language, chunk and index documents from files, folders or globs.

    With ``output`` the passages are written as NDJSON to that file and OpenSearch is not used. Documents whose
    bytes are unchanged since they were indexed (same source_hash and pipeline version) are skipped, unless
    ``reprocess``: then every document is read again and its passages replaced. With
    ``prune``, documents stored from the input folders whose file is gone are deleted from the index. With
    ``dask_address`` (or DOCINDEX_DASK_ADDRESS) the CPU stages run on that Dask cluster instead of local processes.
    """
    started = time.monotonic()
    logger = get_run_logger()
    settings = load_settings(index=index, dask_address=dask_address, given_as="parameter")  # a deployment's, or the CLI's checked
    encode = output is not None
    feed = adopt(paths, settings, encode=encode, reprocess=reprocess)  # started by the command line while Prefect started

    analyzed: frozenset[str] = frozenset()
    sink = None
    client = None
    tmp_path: Path | None = None
    try:
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
        if feed is None:
            lookup = None if client is None else stored_lookup(client, settings)
            def listing(name: str, size: int) -> None:
                if (note := listing_note(name, size)) is not None:
                    logger.info(note)

            feed = Feed.start(paths, settings, encode=encode, lookup=lookup, reprocess=reprocess, on_listing=listing)
        refs = feed.refs
        total = sum(r.documents for r in refs)  # as documents_seen counts them: the files after a message's 100th each
        begun = min(started, feed.started)  # the command line started the feed before the flow
        logger.info("found %d documents in %s; CPU stages on %s", total, ", ".join(paths), feed.where)
        for warning in nothing_found(paths, refs):
            logger.warning(warning)
        for warning in feed.sidecars.warnings:
            logger.warning("sidecar: %s", warning)
        for name, count in feed.repeated.counts().items():  # counts only: the lines are the sites' text
            logger.info(
                "collection %s: %d line(s) recur across its plain-text documents (sample of %d), removed as page furniture",
                name, count, feed.repeated.sampled[name],
            )

        indexer = index_task.with_options(
            retries=settings.index_retries,
            retry_delay_seconds=[settings.index_retry_delay * 2**i for i in range(settings.index_retries)] or 0,
        )
        report = RunReport(target=target_label, warnings=nothing_found(paths, refs) + feed.sidecars.warnings, repeated_lines=feed.repeated.counts())
        stage_seconds: Counter[str] = Counter()
        progress.report(0, total, 0)
        while (pending := feed.next()) is not None:
            seen, rejected_before = report.documents_seen, report.documents_rejected
            pending.on_part = lambda done, rej: progress.report(seen + done, total, rejected_before + rej)  # noqa: B023 - used before the next batch
            out = prepare_task(pending)
            stage_seconds.update(out.seconds)
            rejections: tuple[Rejection, ...]
            written, rejections, chunks, stale, languages = 0, (), 0, 0, {}
            if sink is not None:
                sink.write(out.ndjson)
                written, chunks, languages = out.encoded, out.passages, dict(out.languages)
            elif out.prepared:
                prepared = list(out.prepared)
                try:
                    result = indexer(prepared, settings, analyzed)
                except TransientError as exc:
                    logger.error("batch %d could not be indexed after retries: %s", pending.number, exc)
                    result = WriteResult(indexed=(), rejections=tuple(index_rejection(p, True, str(exc)) for p in prepared), chunks_indexed=0, stale_deleted=0)
                written, rejections, chunks, stale = len(result.indexed), result.rejections, result.chunks_indexed, result.stale_deleted
                languages = language_counts(result.indexed)
            rejected = out.rejected + rejections
            report = report.merge(
                RunReport(
                    documents_seen=sum(r.documents for r in pending.refs),
                    documents_indexed=written,
                    documents_unchanged=out.unchanged,
                    chunks_indexed=chunks,
                    stale_chunks_deleted=stale,
                    rejected=rejected,
                    languages=languages,
                )
            )
            for line in rejection_log_lines(rejected):
                logger.warning(line)
            logger.info(
                "batch %d: %d/%d documents done, %d rejected; %s", pending.number, report.documents_seen, total,
                report.documents_rejected, progress.pace(report.documents_seen, total, time.monotonic() - begun),
            )
            progress.report(report.documents_seen, total, report.documents_rejected)
        feed.close()
        if sink is not None:
            sink.close()
            os.replace(tmp_path, output)  # type: ignore[arg-type]
        else:
            if prune:
                pruned, kept = prune_task(paths, seen_source_paths(refs), settings, record_files(refs))
                logger.info("pruned %d document(s) whose file is gone", pruned)
                for warning in kept:
                    logger.warning(warning)
                report = report.model_copy(update={"documents_pruned": pruned, "warnings": report.warnings + kept})
            assert client is not None  # no output file: the client was built above
            refresh(client, settings.chunks_alias, settings.documents_alias)
    finally:
        if feed is not None:
            feed.close()
        if sink is not None and not sink.closed:
            sink.close()
        if tmp_path is not None and tmp_path.exists():
            tmp_path.unlink()

    if feed is not None:  # started by the command line before the flow: its work counts
        started = min(started, feed.started)
    report = report.model_copy(update={"duration_seconds": round(time.monotonic() - started, 3)})
    logger.info("cpu seconds per stage: %s", ", ".join(f"{k} {stage_seconds[k]:.2f}" for k in STAGES))
    create_markdown_artifact(markdown=render_markdown(report), key="docindex-run-report", description="docindex run summary")
    logger.info(
        "indexed %d of %d documents (%d passages, %d unchanged) into %s; %d rejected",
        report.documents_indexed, report.documents_seen, report.chunks_indexed, report.documents_unchanged,
        report.target, report.documents_rejected,
    )
    if report.rejected_fraction > settings.max_rejected_fraction:
        raise TooManyRejectionsError(report, settings.max_rejected_fraction)
    return report


def prefect_api_url() -> str | None:
    """The Prefect server the process talks to, or None (flows then run on a temporary, ephemeral server)."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


class PrefectUnreachableError(UnreachableError):
    """The Prefect server PREFECT_API_URL names did not answer as a Prefect API."""

    service = "the Prefect API"
    remedy = (
        "Start it with `docker compose up -d prefect-server` (or `prefect server start`), point PREFECT_API_URL "
        "at a running server (its URL ends in /api), or unset PREFECT_API_URL: `docindex ingest` then runs on "
        "a temporary server of its own."
    )


def _prefect_credentials_set() -> bool:
    """Whether the process has credentials for the Prefect API (PREFECT_API_AUTH_STRING or PREFECT_API_KEY)."""
    from prefect.settings import get_current_settings

    api = get_current_settings().api
    return bool(api.auth_string and api.auth_string.get_secret_value()) or bool(api.key and api.key.get_secret_value())


def ensure_prefect_reachable(timeout: float = 5.0) -> None:
    """When PREFECT_API_URL is set, ask the server there who it is, with the credentials the process has
    (PREFECT_API_AUTH_STRING, or PREFECT_API_KEY for Prefect Cloud), so that a server that is down or refuses them
    is one clear error before anything starts, not a traceback from the flow."""
    import httpx
    from prefect.client.orchestration import get_client

    url = prefect_api_url()
    if url is None:
        return
    parts = urlsplit(url)
    if parts.username or parts.password:  # credentials in the URL are never shown
        url = parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()
    try:
        with get_client(httpx_settings={"timeout": timeout}, sync_client=True) as client:
            client.hello()
    except httpx.HTTPStatusError as exc:
        status = exc.response.status_code
        if status in (401, 403):
            said = "refused the credentials" if _prefect_credentials_set() else "requires credentials and none were set"
            raise ConfigError(
                f"the Prefect API at {url} {said} (HTTP {status}): set PREFECT_API_AUTH_STRING "
                "to the user:password the server was given (PREFECT_SERVER_API_AUTH_STRING; in Compose, "
                "PREFECT_API_AUTH_STRING in .env), or PREFECT_API_KEY for Prefect Cloud"
            ) from None
        raise PrefectUnreachableError(url, f"HTTP {status}") from None
    except httpx.TransportError as exc:
        raise PrefectUnreachableError(url, str(exc) or type(exc).__name__) from None


def serve_ingest(
    paths: list[str], *, cron: str, index: str | None = None, name: str = "docindex-ingest", dask_address: str | None = None
) -> None:
    """Register a cron-scheduled deployment of the flow and run it from this process until interrupted.

    Schedules are run by a Prefect server's scheduler; the ephemeral server cannot do that, so this refuses
    to start without PREFECT_API_URL.
    """
    from prefect.schedules import Cron

    try:
        schedule = Cron(cron, timezone="UTC")
    except ValueError as exc:
        raise ConfigError(f"invalid cron expression {cron!r}: {exc}") from None
    if prefect_api_url() is None:
        raise ConfigError(
            "schedules need a Prefect server, not the ephemeral one Prefect starts on its own: start one "
            "(`docker compose up -d prefect-server` or `prefect server start`) and set "
            "PREFECT_API_URL=http://localhost:4200/api"
        )
    ensure_prefect_reachable()
    ingest.serve(
        name=name, schedules=[schedule], parameters={"paths": paths, "index": index, "dask_address": dask_address}, tags=["docindex"], pause_on_shutdown=True
    )
