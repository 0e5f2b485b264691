"""The ``docindex`` command: argument parsing, progress, messages and exit codes.

Exit codes: 0 all documents made it; 1 some were rejected (the others are indexed); 2 usage or configuration
error; 3 a server docindex needs cannot be reached (OpenSearch, Dashboards, the Prefect API, the Dask scheduler); 130
stopped by Ctrl-C, 143 by SIGTERM.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from opensearchpy.exceptions import OpenSearchException
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from flows.errors import ConfigError, DocindexError, IndexingError, TerminalError
from flows.models import RunReport
from flows.settings import CREDENTIALS_IN_URL, Settings, load_settings, unknown_variables, url_problem, validate_index_name

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
#: a command stopped by Ctrl-C (SIGINT) or by SIGTERM: 128 and the signal's number, as a shell reports it
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
#: without a terminal, a long copy of `rebuild` says how far it is at most this often
PROGRESS_LINE_SECONDS = 60.0
err = Console(stderr=True)
out = Console()


def _index_name(value: str) -> str:
    try:
        return validate_index_name(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


#: OpenSearch's default index.max_result_window: more results than this are refused
MAX_RESULTS = 10_000


def _result_count(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= size <= MAX_RESULTS:
        raise argparse.ArgumentTypeError(f"{size} is not between 1 and {MAX_RESULTS}")
    return size


def _http_url(value: str) -> str:
    """An http(s) URL with a valid host and port, and no credentials (``settings.url_problem``): a URL holding a
    password is not echoed."""
    problem = url_problem(value)
    if problem == CREDENTIALS_IN_URL:
        raise argparse.ArgumentTypeError(problem)
    if problem is not None or urlsplit(value).scheme not in ("http", "https"):
        raise argparse.ArgumentTypeError(f"{value!r} is no http(s) URL: give one such as http://localhost:5601")
    return value


def _deployment_name(value: str) -> str:
    """A Prefect deployment name: it is part of a path (``flow/deployment``), so without a slash or percent sign."""
    if not value.strip() or re.search(r"[/%&><]", value):
        raise argparse.ArgumentTypeError(f"{value!r} is no deployment name: use letters, digits, spaces and - _ . (no / % & < >)")
    return value


def _language_code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}", value):
        raise argparse.ArgumentTypeError(f"{value!r} is no language code: give an ISO 639-1 code such as de or en (und: undetermined)")
    return value


def _day(value: str, *, last: bool) -> date:
    """A day, a month (2024-05) or a year (2024): its first day, or with ``last`` its last."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 12, 31) if last else date(int(value), 1, 1)
        if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(match[1]), int(match[2])
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is no date: give YYYY-MM-DD, YYYY-MM or YYYY") from None


#: the options of ``docindex search`` that take a value (a test checks them against the parser)
SEARCH_VALUE_OPTIONS = ("--lang", "--source", "--country", "--since", "--until", "--index", "--size")
#: the option of each filter a search result names
SEARCH_FILTER_OPTIONS = {"language": "--lang", "source": "--source", "country": "--country", "since": "--since", "until": "--until"}


def search_argv(argv: Sequence[str]) -> list[str]:
    """The arguments of ``docindex search`` with the query's words after ``--``, so that a word such as ``-Japan``
    (not) is read as a word, not as an unknown option; the words keep their order, options stay where argparse
    reads them (``--size 5``, ``--size=5``, an abbreviation such as ``--coun RU``)."""
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            words.extend(argv[i + 1 :])
            break
        if token.startswith("--") or token == "-h":
            options.append(token)
            takes_value = "=" not in token and any(o.startswith(token) for o in SEARCH_VALUE_OPTIONS)
            if takes_value and i + 1 < len(argv):
                options.append(argv[i + 1])
                i += 1
        else:
            words.append(token)
        i += 1
    return [*options, "--", *words] if words else options


def build_parser() -> argparse.ArgumentParser:
    from flows import PIPELINE_VERSION, __version__

    parser = argparse.ArgumentParser(prog="docindex", description="Folders of news documents to a faceted OpenSearch index.")
    parser.add_argument("--version", action="version", version=f"docindex {__version__} (pipeline {PIPELINE_VERSION})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="load, clean, detect language, chunk and index documents")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or quoted globs")
    p.add_argument("--index", type=_index_name, help="alias prefix (default: DOCINDEX_INDEX or 'docindex')")
    p.add_argument("--report", type=Path, metavar="FILE.json", help="write the run report as JSON")
    p.add_argument("--output", type=Path, metavar="FILE.ndjson", help="write passages as NDJSON instead of indexing")
    p.add_argument("--prune", action="store_true", help="delete indexed documents from the input folders whose file is gone")
    p.add_argument(
        "--reprocess", action="store_true",
        help="read every document again, also those unchanged since they were indexed, and replace their passages",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--dask-address", metavar="ADDR", help="run the CPU stages on this Dask scheduler, e.g. tcp://scheduler:8786 (default: DOCINDEX_DASK_ADDRESS, else local processes)")

    s = sub.add_parser("search", help="full-text search with highlights and facet counts")
    s.add_argument("query", nargs="+", metavar="QUERY", help='words (all required), "a phrase", a OR b, NOT word or -word, prefix*')
    s.add_argument("--lang", type=_language_code, help="only passages in this language (ISO 639-1)")
    s.add_argument("--source", help="only documents from this site, collection or source")
    s.add_argument("--country", help="only passages of documents that mention this country: its ISO 3166-1 code (RU) or name (Russia, Russland)")
    s.add_argument("--since", type=functools.partial(_day, last=False), metavar="DATE", help="only documents published on or after this day, month (YYYY-MM) or year")
    s.add_argument("--until", type=functools.partial(_day, last=True), metavar="DATE", help="only documents published on or before this day, month or year")
    s.add_argument("--index", type=_index_name, help="alias prefix (default: DOCINDEX_INDEX or 'docindex')")
    s.add_argument("--size", type=_result_count, default=10, help="number of passages to show, 1-10000 (default 10)")
    s.add_argument("--json", action="store_true", help="print the result as JSON")

    d = sub.add_parser("demo", help="run the whole flow over seeds/ on the in-memory engine (no Docker needed)")
    d.add_argument("paths", nargs="*", metavar="PATH", help="documents to ingest (default: seeds/)")
    d.add_argument("--query", default="Invasion", help="search to run after ingesting (default 'Invasion')")

    db = sub.add_parser("dashboards", help="OpenSearch Dashboards saved objects")
    db_sub = db.add_subparsers(dest="dashboards_command", required=True, metavar="ACTION")
    di = db_sub.add_parser("import", help="import index patterns, saved search, visualizations and the dashboard")
    di.add_argument("--url", type=_http_url, default="http://localhost:5601", help="Dashboards base URL (default http://localhost:5601)")
    di.add_argument("--file", type=Path, help="saved objects NDJSON (default: schemas/dashboards.ndjson)")
    di.add_argument("--index", type=_index_name, help="alias prefix the index patterns point at (default: DOCINDEX_INDEX)")
    di.add_argument("--tenant", help="security tenant (securitytenant header), e.g. global, on a secured cluster")

    sv = sub.add_parser("serve", help="run the ingestion on a cron schedule (needs a Prefect server)")
    sv.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or quoted globs ingested on every run")
    sv.add_argument("--cron", required=True, help='cron expression in UTC, e.g. "0 * * * *" (hourly)')
    sv.add_argument("--index", type=_index_name, help="alias prefix (default: DOCINDEX_INDEX or 'docindex')")
    sv.add_argument("--name", type=_deployment_name, default="docindex-ingest", help="deployment name (default docindex-ingest)")
    sv.add_argument("--dask-address", metavar="ADDR", help="run tasks on this Dask scheduler, e.g. tcp://scheduler:8786")

    rb = sub.add_parser("rebuild", help="new versioned indices from schemas/, copy the data, swap the aliases atomically")
    rb.add_argument("--index", type=_index_name, help="alias prefix (default: DOCINDEX_INDEX or 'docindex')")
    rb.add_argument(
        "--delete-old",
        action="store_true",
        help="delete the previous indices, and any left without an alias, after the swap",
    )
    rb.add_argument("--method", choices=("auto", "reindex", "scan"), default="auto", help="copy with _reindex, scroll+bulk, or reindex falling back to scroll (default)")
    rb.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def _settings(index: str | None, dask_address: str | None = None) -> Settings:
    return load_settings(index=index, dask_address=dask_address)


def print_report(report: RunReport, *, dry_run: bool = False) -> None:
    """The run report on stderr; a dry run (``--output``) wrote its passages to a file rather than indexing them."""
    done = "written" if dry_run else "indexed"
    table = Table(title="docindex run" + (" (dry run: nothing indexed)" if dry_run else ""), show_header=False)
    for label, value in (
        ("target", report.target),
        ("documents seen", report.documents_seen),
        (f"documents {done}", report.documents_indexed),
        ("documents unchanged (skipped)", report.documents_unchanged),
        ("documents pruned", report.documents_pruned),
        ("documents rejected", report.documents_rejected),
        (f"passages {done}", report.chunks_indexed),
        ("stale passages deleted", report.stale_chunks_deleted),
        ("languages", ", ".join(f"{k}: {v}" for k, v in sorted(report.languages.items())) or "-"),
        ("repeated lines (furniture)", ", ".join(f"{k}: {v}" for k, v in sorted(report.repeated_lines.items())) or "-"),
        ("duration", f"{report.duration_seconds:.1f} s"),
    ):
        table.add_row(label, escape(str(value)))
    err.print(table)
    for warning in report.warnings:
        err.print(f"[yellow]warning[/] {escape(warning)}", highlight=False)
    for r in report.rejected:
        where = escape(f"[{r.step.value}/{r.reason.value}]")
        err.print(f"[yellow]rejected[/] {escape(r.path)} {where} {escape(r.detail)}", highlight=False)


def cmd_ingest(args: argparse.Namespace) -> int:
    from flows.steps.load import missing_error, missing_inputs

    settings = _settings(args.index, args.dask_address)
    missing = missing_inputs(args.paths)
    if missing:
        raise missing_error(missing)
    if args.prune and args.output is not None:
        raise ConfigError("--prune removes documents from the index; it cannot be combined with --output")
    for option, target in (("--output", args.output), ("--report", args.report)):
        if target is not None and target.is_dir():
            raise ConfigError(f"{option} {str(target)!r} is a folder; give a file name (it is written at the end of the run)")
        if target is not None and (problem := _unwritable(target)) is not None:
            raise ConfigError(f"{option} {str(target)!r} cannot be written: {problem}")
    from flows import feed

    paths = [str(p) for p in args.paths]
    lookup = None
    if args.output is None:
        from flows.search.client import build_client, ensure_reachable

        client = build_client(settings)
        ensure_reachable(client, settings)  # exit 3 in seconds, before anything is created
        lookup = feed.stored_lookup(client, settings)
    show = not args.no_progress and err.is_terminal
    # the workers start, and the first batches' CPU work with them, while Prefect starts its server
    status = err.status("finding the documents") if show else None
    with status or nullcontext():

        def listing(name: str, size: int) -> None:
            if status is not None:  # every file, on the terminal's status line
                status.update(f"listing the records of {escape(name)} ({size / 1e6:.1f} MB)")
            elif (note := feed.listing_note(name, size)) is not None:  # a line for a large one, e.g. under cron
                err.print(escape(note), highlight=False, soft_wrap=True)

        feed.start_early(paths, settings, encode=args.output is not None, lookup=lookup, reprocess=args.reprocess, on_listing=listing)

    from flows import progress
    from flows.ingest import TooManyRejectionsError, ensure_prefect_reachable, ingest

    try:
        ensure_prefect_reachable()  # a configured Prefect server that is down, or refuses the credentials: exit 3 or 2
    except BaseException:
        feed.discard()
        raise

    shield_prefect_server()

    bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rej]} rejected"), TimeRemainingColumn(), console=err, disable=not show)
    with bar, _quiet_expected_failures(), _lasting_interrupt() as interrupted:

        def on_progress(done: int, total: int, rej: int) -> None:
            if interrupted():  # a Ctrl-C that code between the flow and this process's top swallowed
                raise KeyboardInterrupt
            bar.update(task_id, completed=done, total=total, rej=rej)

        task_id = bar.add_task("ingest", total=None, rej=0)
        progress.set_listener(on_progress)
        try:
            report = ingest(
                paths, index=settings.index, output=str(args.output) if args.output else None, prune=args.prune,
                dask_address=settings.dask_address, reprocess=args.reprocess,
            )
            failed = None
        except TooManyRejectionsError as exc:
            report, failed = exc.report, exc
        finally:
            progress.set_listener(None)
            feed.discard()
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report, dry_run=args.output is not None)
    if failed is not None:
        err.print(f"[red]error:[/] {escape(str(failed))}", highlight=False)
    return EXIT_REJECTED if report.rejected else EXIT_OK


class _NoTracebackForTerminalErrors(logging.Filter):
    """Prefect logs the exception that ends a flow run with its traceback. For the outcomes the command line
    explains itself (too many rejections, mapping drift, OpenSearch unreachable: ``TerminalError``; a batch's bulk
    request that failed after its retries, ``IndexingError``, which the flow logs and counts) the message stays and
    the traceback goes; anything else keeps it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], TerminalError | IndexingError):
            record.exc_info, record.exc_text = None, None
        return True


@contextmanager
def _lasting_interrupt() -> Iterator[Callable[[], bool]]:
    """Ctrl-C during the block raises KeyboardInterrupt as always, and is remembered: the function given says
    whether it came. An event loop run in the main thread (``asyncio.run``, anyio's ``run``: libraries use them to
    make a call synchronous) takes the first Ctrl-C to cancel its task, and a task that finishes anyway swallows
    it; so does any code that catches KeyboardInterrupt. The run then went on to its end and exited 0. With a
    handler of its own installed, such a loop leaves Ctrl-C to it, and the run checks the mark at each step of its
    progress. Outside the main thread nothing is installed."""
    came = False

    def handler(signum: int, frame: object) -> None:
        nonlocal came
        came = True
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield lambda: came
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: came
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``, ``docker stop``, ``timeout``, a cancelled CI job) stops a command as Ctrl-C does:
    Python's default for it ends the process at once, and Prefect's handler, after recording the crash, hands the
    signal back to that default, so nothing was cleaned up and Prefect's temporary API server, in a session of its
    own (``shield_prefect_server``), ran on. Raised instead, it unwinds as Ctrl-C does: the server and the workers
    stop, a dry run's partial file goes, a rebuild removes its new index, and the command exits 143."""


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises ``Terminated`` (in the main thread only, where signals are handled)."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def _quiet_expected_failures() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in ("prefect.flow_runs", "prefect.task_runs", "prefect.engine")]
    quiet = _NoTracebackForTerminalErrors()
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)


def _unwritable(target: Path) -> str | None:
    """Why a file cannot be written there, checked before the run (its folder is created if missing), or None."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"its folder cannot be created ({exc.strerror or exc.__class__.__name__})"
    if not os.access(folder, os.W_OK):
        return f"the folder {str(folder)!r} is not writable"
    return None


def _counted(n: int, noun: str) -> str:
    return f"[bold]{n}[/] {noun}{'' if n == 1 else 's'}"


def _passages_in_documents(passages: int, documents: int) -> str:
    return f"{_counted(passages, 'passage')} in {_counted(documents, 'document')}"


def print_search(result) -> None:  # noqa: ANN001 - SearchResult, imported lazily
    out.print(f"{_passages_in_documents(result.total_passages, result.total_documents)} for {escape(repr(result.query))}")
    for h in result.hits:
        out.print(f"\n[bold]{escape(h.title or h.source)}[/] [dim]({escape(h.language)}, passage {h.chunk_index}, score {h.score:.2f})[/]")
        if h.title:  # without a title the source heads the hit already
            out.print(f"[dim]{escape(h.source)}[/]", highlight=False)
        for frag in h.highlights:
            out.print("  … " + escape(frag.replace("\n", " ")) + " …", highlight=False)
    _print_facets(result.facets)
    without = result.without_filters
    if without is not None:
        given = " ".join(f"{SEARCH_FILTER_OPTIONS[name]} {value}" for name, value in result.filters.items())
        if without.total_passages:
            found = _passages_in_documents(without.total_passages, without.total_documents)
            out.print(f"\nNo passage matches with {escape(given)}. Without the filters, the words are in {found}:", highlight=False)
            _print_facets(without.facets)
        else:
            out.print("\nNo passage has these words, with or without the filters.", highlight=False)


def _print_facets(facets: dict[str, dict[str, int]]) -> None:
    for name, buckets in facets.items():
        if buckets:
            counts = escape(", ".join(f"{k} {v}" for k, v in buckets.items()))
            out.print(f"\n[bold]{name}[/] (documents): {counts}", highlight=False)


def _country_code(value: str, languages: Sequence[str]) -> str:
    """--country as a code ("RU", "ru") or a name in one of the deployment's languages ("Russia", "Russland")."""
    from flows.steps.countries import countries_named

    found = countries_named(value, languages=languages)
    if len(found) != 1:
        named = f"several countries ({', '.join(found)})" if found else "no country"
        raise ConfigError(f"--country {value!r} names {named}: give one country's name or ISO 3166-1 code, such as RU")
    return found[0]


def cmd_search(args: argparse.Namespace) -> int:
    from flows.search.client import build_client, ensure_reachable
    from flows.search.query import search
    from flows.search.schema import load_schema

    if args.since and args.until and args.since > args.until:
        raise ConfigError(f"--since {args.since} is after --until {args.until}: no day is in between")
    settings = _settings(args.index)
    country = _country_code(args.country, settings.languages) if args.country else None
    client = build_client(settings)
    ensure_reachable(client, settings)
    if not client.indices.exists_alias(name=settings.chunks_alias):
        raise ConfigError(f"no index {settings.chunks_alias} at {settings.opensearch_url}: run `docindex ingest PATH` first")
    schema = load_schema(settings.schemas_dir, "chunks")
    result = search(
        client, settings.chunks_alias, schema, " ".join(args.query),
        language=args.lang, source=args.source, country=country, size=args.size, since=args.since, until=args.until,
    )  # fmt: skip
    if args.json:
        try:
            print(result.model_dump_json(indent=2), flush=True)
        except BrokenPipeError:  # the reader has gone (``| head``)
            _discard_closed_output(out)
    else:
        print_search(result)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from flows.demo import run_demo

    return run_demo(args.paths, args.query, console=out)


def cmd_dashboards(args: argparse.Namespace) -> int:
    from flows.dashboards import DEFAULT_OBJECTS, import_objects, load_objects

    settings = _settings(args.index)
    objects = load_objects(args.file or DEFAULT_OBJECTS, index_prefix=settings.index)
    password = settings.opensearch_password.get_secret_value() if settings.opensearch_password else None
    result = import_objects(args.url, objects, username=settings.opensearch_username, password=password, tenant=args.tenant)
    err.print(escape(f"imported {result.success_count} saved objects into {args.url} (index patterns {settings.index}-*)"), highlight=False)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.steps.load import missing_error, missing_inputs

    settings = _settings(args.index, args.dask_address)
    missing = missing_inputs(args.paths)
    if missing:
        raise missing_error(missing)
    from flows.ingest import serve_ingest

    serve_ingest([str(Path(p).resolve()) for p in args.paths], cron=args.cron, index=settings.index, name=args.name, dask_address=settings.dask_address)
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    from flows.search.client import build_client, ensure_reachable
    from flows.search.rebuild import rebuild

    settings = _settings(args.index)
    client = build_client(settings)
    ensure_reachable(client, settings)
    show = not args.no_progress and err.is_terminal
    bar = Progress(TextColumn("copying {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, disable=not show)
    copies: dict[str, TaskID] = {}
    said: dict[str, float] = {}

    def follow(alias: str, done: int, total: int) -> None:
        if alias not in copies:
            copies[alias] = bar.add_task(alias, total=total)
        bar.update(copies[alias], completed=done, total=total)
        # without a terminal (a log, `compose run -T`), a line when a copy starts and then at most once a minute
        if not show and not args.no_progress and done < total and time.monotonic() - said.get(alias, -1e9) >= PROGRESS_LINE_SECONDS:
            said[alias] = time.monotonic()
            err.print(escape(f"copying {alias}: {done:,} of {total:,} records"), highlight=False)

    with bar:
        results = rebuild(client, settings, delete_old=args.delete_old, method=args.method, on_progress=follow)
    for r in results:
        old = f"{r.old_index}{' (deleted)' if r.old_deleted else ''}"
        err.print(escape(f"{r.alias}: {old} -> {r.new_index} ({r.documents} records, copy: {r.method})"), highlight=False)
        if r.leftovers:
            what = "deleted" if r.old_deleted else "kept; --delete-old deletes them"
            listed = ", ".join(r.leftovers)
            err.print(escape(f"{r.alias}: indices without an alias ({what}): {listed}"), highlight=False)
    return EXIT_OK


COMMANDS = {
    "ingest": cmd_ingest, "search": cmd_search, "demo": cmd_demo,
    "dashboards": cmd_dashboards, "serve": cmd_serve, "rebuild": cmd_rebuild,
}


def shield_prefect_server() -> None:
    """Start Prefect's temporary API server (when no PREFECT_API_URL is set) in a session of its own.

    In the terminal's process group it gets the user's Ctrl-C too and exits at once; the interrupted flow then
    spends a minute or more failing to report its crash to it, with tracebacks, and exits 1 instead of 130.
    Outside the group it stays up until the flow has stopped, and Prefect still stops it at exit. Prefect has no
    option for this, so the method that starts the process is wrapped (only if it is where 3.8 has it)."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.server.api import server

    start = getattr(server.SubprocessASGIServer, "_run_uvicorn_command", None)
    if start is None or getattr(start, "shielded", False):
        return

    def in_own_session(self):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
        popen = server.subprocess.Popen
        server.subprocess.Popen = functools.partial(popen, start_new_session=True)  # type: ignore[misc]
        try:
            return start(self)
        finally:
            server.subprocess.Popen = popen  # type: ignore[misc]

    in_own_session.shielded = True  # type: ignore[attr-defined]
    server.SubprocessASGIServer._run_uvicorn_command = in_own_session  # type: ignore[method-assign]


#: seconds Prefect's temporary API server may take to start when PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS is
#: unset: its first start creates and migrates its database in PREFECT_HOME, which on a busy machine takes longer
#: than Prefect's 20 seconds, and the run then failed with exit 1 before reading a document
EPHEMERAL_STARTUP_SECONDS = 120


def ephemeral_server_allowance() -> AbstractContextManager[object]:
    """Prefect's temporary server gets ``EPHEMERAL_STARTUP_SECONDS`` to start, unless the environment sets its own
    limit (read by Prefect when it is imported, so the setting is changed for the command's duration)."""
    if "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS" in os.environ or os.environ.get("PREFECT_API_URL"):
        return nullcontext()
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    return temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: EPHEMERAL_STARTUP_SECONDS})


def _discard_closed_output(console: Console) -> None:
    """What a rich console does when its reader has gone (``docindex search ... | head``): from then on the
    process writes to /dev/null and finishes its work. Rich's own reaction exits at once from whichever code
    wrote, Prefect's log handler included, which then leaves Prefect's temporary server running."""
    console.quiet = True
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    Console.on_broken_pipe = _discard_closed_output  # type: ignore[method-assign, assignment]  # every console, Prefect's too
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["search"]:
        argv = ["search", *search_argv(argv[1:])]
    args = build_parser().parse_args(argv)
    for warning in unknown_variables(os.environ):  # a mistyped setting would otherwise be ignored without a word
        err.print(f"[yellow]warning[/] {escape(warning)}", highlight=False)
    # The ephemeral Prefect server would otherwise try to send usage telemetry (and log an error offline).
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        with ephemeral_server_allowance(), _terminate_as_interrupt():
            return COMMANDS[args.command](args)
    except DocindexError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        return exc.exit_code
    except OpenSearchException as exc:
        err.print(f"[red]error:[/] OpenSearch refused a request: {escape(str(exc))}", highlight=False)
        return EXIT_REJECTED
    except KeyboardInterrupt as exc:
        said = "terminated" if isinstance(exc, Terminated) else "interrupted"
        err.print(f"[red]{said}[/]: re-run the same command; finished documents are not duplicated")
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
