"""The CPU work of upcoming batches, in flight on an executor: a local process pool or an existing Dask cluster.

No Prefect here. ``start_early`` lets the command line discover the documents, start the workers and submit the
first batches while Prefect's server is still starting; the flow then takes that feed over with ``adopt`` (or
starts its own, e.g. when a deployment runs it). The workers return finished values (``StageOutput``); with an
NDJSON sink they return the passages already serialised, so the flow process only writes text.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import UTC, datetime
from typing import Required, TypedDict, Unpack

from flows.errors import ConfigError, OpenSearchLostError, UnreachableError
from flows.models import SourceRef
from flows.pipeline import (
    StageOutput,
    batches,
    failed_output,
    prepare_refs,
    processing_version,
    repeated_lines,
    sidecars_for,
    split_even,
    worker_count,
)
from flows.settings import Settings
from flows.steps.load import discover
from flows.steps.sidecar import read_sidecars

#: batches whose CPU work may be in flight while the current batch is written
PREFETCH_BATCHES = 2
#: parts of a batch per worker process: the progress bar moves and a slow document holds up less of the batch
PARTS_PER_WORKER = 4
#: documents per part when the batch is prepared in the flow process (the progress bar moves after each)
IN_PROCESS_PART = 25

#: doc_ids -> source_hash of those already in the index (the incremental check); None: nothing is stored
Lookup = Callable[[Sequence[str]], Mapping[str, str]]
#: told (source path, bytes) of each file that holds many articles before its records are listed
Listing = Callable[[str, int], None]
#: a file of many articles this large is named in the log (and, without a terminal, on the command line's error
#: stream) before it is listed: a crawl or an export of some gigabytes takes minutes to list, during which nothing
#: else is said; smaller ones, which may be thousands, are not
LISTING_NOTED_BYTES = 50_000_000


def listing_note(name: str, size: int) -> str | None:
    """The line that says a large file of many articles is being listed, or None for a smaller one:
    ``("crawl.warc.gz", 2_400_000_000)`` gives "listing the records of crawl.warc.gz (2400.0 MB)"."""
    return f"listing the records of {name} ({size / 1e6:.1f} MB)" if size >= LISTING_NOTED_BYTES else None


class StartOptions(TypedDict, total=False):
    """How a feed starts (``Feed.start``, ``start_early``): whether it writes NDJSON, where it looks up what is
    stored, whether it reads unchanged documents again, and who is told which file of many articles it lists."""

    encode: Required[bool]
    lookup: Lookup | None
    reprocess: bool
    on_listing: Listing | None


class _RunArgs(TypedDict):
    """The arguments of ``prepare_refs`` that are the same for every part of a run."""

    settings: Settings
    ingested_at: datetime
    encode: bool


class PendingBatch:
    """CPU work of one batch, submitted to the executor (or done on demand when there is none).

    A plain object on purpose: Prefect walks dataclasses and models passed to a task, and this one holds futures.
    """

    def __init__(self, number: int, refs: list[SourceRef], jobs: list[tuple[list[SourceRef], Future | None]], run: Callable[[list[SourceRef]], StageOutput]) -> None:
        self.number, self.refs, self._jobs, self._run = number, refs, jobs, run
        #: called after each part with the batch's documents done and rejected so far (the progress bar)
        self.on_part: Callable[[int, int], None] | None = None

    def result(self) -> StageOutput:
        out = StageOutput()
        done = 0
        for refs, future in self._jobs:
            try:
                part = future.result() if future is not None else self._run(refs)
            except Exception as exc:  # noqa: BLE001 - prepare_refs rejects per document; this is the worker itself (killed, out of memory, lost)
                part = failed_output(refs, exc)
            out = out.merge(part)
            done += sum(r.documents for r in refs)  # (a reference may stand for many: SourceRef.documents)
            if self.on_part is not None:
                self.on_part(done, sum(r.documents for r in out.rejected))
        return out


def _process_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver, not fork: the flow process runs threads (Prefect's event loop, HTTP clients)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["flows.pipeline"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


#: seconds to wait for a Dask scheduler to answer (a refused or wrong address fails within them)
DASK_CONNECT_SECONDS = 10


class DaskUnreachableError(UnreachableError):
    """The Dask scheduler --dask-address (or DOCINDEX_DASK_ADDRESS) names did not answer: exit 3, as for any
    server docindex needs."""

    service = "the Dask scheduler"
    remedy = (
        "Start the cluster (`dask scheduler` and its `dask worker`s), check --dask-address or DOCINDEX_DASK_ADDRESS, "
        "or leave both unset to run the CPU stages on local worker processes."
    )


class Feed:
    """Batches of ``refs`` whose CPU work runs ahead on an executor: ``next()`` returns them in order, keeping
    up to ``PREFETCH_BATCHES`` submitted so the workers keep going while the caller writes."""

    def __init__(
        self,
        refs: list[SourceRef],
        settings: Settings,
        *,
        encode: bool,
        lookup: Lookup | None = None,
        started: float | None = None,
        reprocess: bool = False,
    ) -> None:
        self.refs, self.settings, self.encode, self._lookup = refs, settings, encode, lookup
        self.reprocess = reprocess  # every document is read again, as if another pipeline version had indexed it
        self.started = time.monotonic() if started is None else started  # when the run's work began (monotonic)
        self.sidecars = read_sidecars(refs)  # once per run: a manifest covers many documents
        self.repeated = repeated_lines(refs, settings)  # once per run: a sample of each collection
        self.ingested_at = datetime.now(UTC).replace(microsecond=0)
        self._close: Callable[[], None] = lambda: None
        self.executor: Executor | None = None
        self.parts = 1
        self.where = "this process"
        if settings.dask_address:
            self._open_dask(settings.dask_address)
        elif (workers := worker_count(settings)) > 1 and len(refs) > IN_PROCESS_PART:  # more than one part's work
            pool = _process_pool(workers)
            self.executor, self.parts, self.where = pool, workers * PARTS_PER_WORKER, f"{workers} worker processes"
            self._close = lambda: pool.shutdown(wait=True, cancel_futures=True)
        self._todo = enumerate(batches(refs, settings.batch_size), start=1)
        self._queue: deque[PendingBatch] = deque()
        self._fill()

    @classmethod
    def start(cls, paths: Sequence[str], settings: Settings, **options: Unpack[StartOptions]) -> Feed:
        started = time.monotonic()  # finding the files is part of the run's work
        refs = discover(
            paths, max_bytes=settings.max_file_bytes, on_listing=options.get("on_listing"), listing_timeout=settings.document_timeout
        )
        return cls(
            refs, settings, encode=options["encode"], lookup=options.get("lookup"), started=started,
            reprocess=options.get("reprocess", False),
        )

    def _open_dask(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--dask-address needs dask.distributed: pip install 'docindex[dask]'") from None
        try:
            client = Client(address, timeout=DASK_CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise DaskUnreachableError(address, str(exc) or type(exc).__name__) from None
        threads = sum(client.nthreads().values()) or 1
        self.executor, self.parts = client.get_executor(), threads
        self.where = f"Dask cluster {address} ({threads} worker thread(s))"
        self._close = client.close

    def _submit(self, number: int, batch: list[SourceRef]) -> PendingBatch:
        known = dict(self._lookup([r.doc_id for r in batch])) if self._lookup else {}
        if self.reprocess:  # known, so a rejection still says the indexed version stays; never unchanged
            known = dict.fromkeys(known, "")
        run: _RunArgs = dict(settings=self.settings, ingested_at=self.ingested_at, encode=self.encode)
        jobs: list[tuple[list[SourceRef], Future | None]] = []
        parts = self.parts if self.executor else -(-len(batch) // IN_PROCESS_PART)
        for part in split_even(batch, parts):
            part_known = {r.doc_id: known[r.doc_id] for r in part if r.doc_id in known}
            sidecars, repeated = sidecars_for(part, self.sidecars), self.repeated.restricted(part)
            future = (
                self.executor.submit(prepare_refs, part, known=part_known, sidecars=sidecars, repeated=repeated, **run)
                if self.executor
                else None
            )
            jobs.append((part, future))
        return PendingBatch(
            number, batch, jobs,
            lambda refs: prepare_refs(refs, known=known, sidecars=self.sidecars, repeated=self.repeated, **run),
        )

    def _fill(self) -> None:
        while len(self._queue) < (PREFETCH_BATCHES if self.executor else 1):
            nxt = next(self._todo, None)
            if nxt is None:
                return
            self._queue.append(self._submit(*nxt))

    def next(self) -> PendingBatch | None:
        """The next batch in order (its work submitted earlier), after submitting the ones that follow it."""
        if not self._queue:
            return None
        pending = self._queue.popleft()
        self._fill()
        return pending

    def close(self) -> None:
        """Cancel work not yet started and stop the workers (or disconnect from the Dask cluster)."""
        self._queue.clear()
        close, self._close = self._close, lambda: None
        close()


def stored_lookup(client, settings: Settings) -> Lookup:  # noqa: ANN001 - an OpenSearch client
    """What the index holds of a batch's documents (``writer.stored_hashes``), looked up before each batch. A cluster
    that stops answering during the run (its connection refused or lost, after the client's own retries) stops it
    with ``OpenSearchLostError`` (exit 3), naming the address, instead of an error with a traceback."""
    from opensearchpy.exceptions import ConnectionError as ConnectionLost

    from flows.search.writer import stored_hashes

    version = processing_version(settings)

    def lookup(ids: Sequence[str]) -> Mapping[str, str]:
        try:
            return stored_hashes(client, settings.documents_alias, ids, version)
        except ConnectionLost as exc:
            cause = f"{type(exc.info).__name__}: {exc.info}" if exc.info is not None else "connection lost"
            raise OpenSearchLostError(settings.opensearch_url, cause) from None

    return lookup


_early: tuple[tuple[tuple[str, ...], Settings, bool, bool], Feed] | None = None


def start_early(paths: Sequence[str], settings: Settings, **options: Unpack[StartOptions]) -> None:
    """Start the feed for a flow run about to begin, so the workers start while Prefect does."""
    global _early
    discard()
    feed = Feed.start(paths, settings, **options)
    _early = ((tuple(paths), feed.settings, feed.encode, feed.reprocess), feed)


def adopt(paths: Sequence[str], settings: Settings, *, encode: bool, reprocess: bool = False) -> Feed | None:
    """The feed started early for exactly these inputs and settings, or None (one that does not match is closed)."""
    global _early
    early, _early = _early, None
    if early is None:
        return None
    key, feed = early
    if key == (tuple(paths), settings, encode, reprocess):
        return feed
    feed.close()
    return None


def discard() -> None:
    """Close a feed started early that no flow took over (e.g. the flow failed before it began)."""
    global _early
    early, _early = _early, None
    if early is not None:
        early[1].close()
