"""`docindex demo`: the whole flow on the in-memory OpenSearch stand-in, for machines without Docker."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.markup import escape

from flows.errors import ConfigError

STAND_IN_NOTICE = (
    "This demo runs on osmem, an in-memory OpenSearch-compatible stand-in: nothing is persisted and it is "
    "not OpenSearch. For the real stack run `docker compose up -d` (it ingests the seeds) and `docindex search`."
)


#: what the demo ingests when no path is given: the seed corpus, relative to the repository root
DEFAULT_SEEDS = "seeds"


def run_demo(paths: list[str], query: str, *, console: Console) -> int:
    """Ingest ``paths`` (none: ``seeds/``) on the in-memory engine, then print the facets and a search."""
    from osmem_server import OsmemError, OsmemServer

    from flows.cli import print_report, print_search
    from flows.ingest import ensure_prefect_reachable, ingest
    from flows.search.client import build_client
    from flows.search.query import document_facets, search
    from flows.search.schema import load_schema
    from flows.settings import load_settings
    from flows.steps.load import missing_error, missing_inputs

    load_settings()  # an invalid setting is one message naming its variable, before anything starts

    if not paths:
        if missing_inputs([DEFAULT_SEEDS]):
            raise ConfigError(
                f"no {DEFAULT_SEEDS}/ folder here: run `docindex demo` from the repository root, "
                "or give the documents to ingest (`docindex demo PATH...`)"
            )
        paths = [DEFAULT_SEEDS]
    missing = missing_inputs(paths)
    if missing:
        raise missing_error(missing)
    ensure_prefect_reachable()  # the flow reports to the Prefect server PREFECT_API_URL names, if one is set
    console.print(f"[yellow]{STAND_IN_NOTICE}[/]")
    with tempfile.TemporaryFile() as log:
        try:
            with _stderr_of_children(log):
                server = OsmemServer.start(japanese=False)
        except OsmemError as exc:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip()[-500:]
            raise ConfigError(f"the in-memory engine did not start: {exc}" + (f" ({said})" if said else "")) from None
    previous = os.environ.get("OPENSEARCH_URL")
    os.environ["OPENSEARCH_URL"] = server.url
    try:
        settings = load_settings()
        console.print(f"in-memory engine at {server.url}")
        report = ingest(paths)
        print_report(report)
        client = build_client(settings)
        facets = document_facets(client, settings.documents_alias)
        console.print("\n[bold]Facet counts (documents)[/]")
        for name, buckets in facets.items():
            console.print(f"  {name}: " + escape(", ".join(f"{k} {v}" for k, v in buckets.items())), highlight=False)
        console.print(f"\n[bold]Search[/] {escape(repr(query))}")
        print_search(search(client, settings.chunks_alias, load_schema(settings.schemas_dir, "chunks"), query, size=3))
        console.print(f"\n[yellow]{STAND_IN_NOTICE}[/]")
        return 1 if report.rejected else 0
    finally:
        if previous is None:
            os.environ.pop("OPENSEARCH_URL", None)
        else:
            os.environ["OPENSEARCH_URL"] = previous
        server.close()


@contextmanager
def _stderr_of_children(log: IO[bytes]) -> Iterator[None]:
    """Processes started inside write their standard error to ``log``, not to the terminal: the stand-in writes a
    line there when it stops, which would come after the demo's last line. What it writes when it cannot start
    goes into the error."""
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
