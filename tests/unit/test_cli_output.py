"""What the docindex command prints: document text and names are shown as they are, never read as markup."""

from __future__ import annotations

import logging
import sys
import tomllib
from pathlib import Path

import pytest

from flows import PIPELINE_VERSION
from flows.cli import _quiet_expected_failures, main, print_report, print_search
from flows.errors import IndexingError, MappingDriftError
from flows.models import Reason, Rejection, RunReport, Step
from flows.search.query import Hit, SearchResult


def test_a_rejection_shows_its_step_reason_and_bracketed_names(capsys) -> None:  # type: ignore[no-untyped-def]
    rejected = Rejection(path="inbox/[draft] notes.txt", step=Step.CLEAN, reason=Reason.TIMEOUT, detail="took [/b] long")
    warning = "manifest.jsonl line 3: no such file [x].txt"
    print_report(RunReport(target="[x]", documents_seen=1, rejected=[rejected], warnings=(warning,)))
    err = " ".join(capsys.readouterr().err.split())
    assert "rejected inbox/[draft] notes.txt [clean/timeout] took [/b] long" in err
    assert f"warning {warning}" in err
    assert "[x]" in err


def test_search_output_keeps_brackets_in_titles_and_passages(capsys) -> None:  # type: ignore[no-untyped-def]
    hit = Hit(chunk_id="a-00000", doc_id="a", score=1.0, title="[/Exklusiv] Bericht", source="seeds/[1].txt",
              language="de", chunk_index=0, highlights=["ein «Bericht» [red]ohne[/red] Farbe"])  # fmt: skip
    print_search(SearchResult(query="[b]", total_passages=1, total_documents=1, hits=[hit], facets={"tags": {"[a]": 1}}))
    out = " ".join(capsys.readouterr().out.split())
    for shown in ("1 passage in 1 document for '[b]'", "[/Exklusiv] Bericht", "seeds/[1].txt", "[red]ohne[/red]", "[a] 1"):
        assert shown in out


def test_a_hit_without_a_title_shows_its_source_once(capsys) -> None:  # type: ignore[no-untyped-def]
    hit = Hit(chunk_id="a-00000", doc_id="a", score=1.0, title=None, source="seeds/000.txt", language="de",
              chunk_index=0, highlights=["ein Bericht"])  # fmt: skip
    print_search(SearchResult(query="x", total_passages=1, total_documents=1, hits=[hit], facets={}))
    assert capsys.readouterr().out.count("seeds/000.txt") == 1


def test_expected_failures_are_logged_without_a_traceback() -> None:
    """Prefect logs the exception that ends a flow run with its traceback; for a TerminalError (too many
    rejections, mapping drift) the command line explains the outcome itself, so only the message stays."""
    def record(exc: Exception) -> logging.LogRecord:
        try:
            raise exc
        except Exception:
            return logging.LogRecord("prefect.flow_runs", logging.ERROR, __file__, 1, "failed: %s", (exc,), sys.exc_info())

    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, r: logging.LogRecord) -> None:
            seen.append(r)

    logger = logging.getLogger("prefect.flow_runs")
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [Keep()], False  # only this test's handler sees the records
    try:
        with _quiet_expected_failures():
            logger.handle(record(MappingDriftError("the mapping differs")))
            logger.handle(record(IndexingError("no document of the batch could be indexed")))
            logger.handle(record(ValueError("a bug")))
        logger.handle(record(MappingDriftError("outside the command")))
    finally:
        logger.handlers, logger.propagate = handlers, propagate
    assert [r.exc_info is None for r in seen] == [True, True, False, False]


def test_search_dates_are_days_months_or_years() -> None:
    import argparse
    from datetime import date

    import pytest

    from flows.cli import _day

    assert _day("2024-05-03", last=False) == _day("2024-05-03", last=True) == date(2024, 5, 3)
    assert (_day("2024-02", last=False), _day("2024-02", last=True)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert (_day("2023", last=False), _day("2023", last=True)) == (date(2023, 1, 1), date(2023, 12, 31))
    for bad in ("2024-13", "2024-02-30", "May 2024", "24", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="is no date"):
            _day(bad, last=False)


def test_a_query_may_be_several_words_and_begin_with_a_minus() -> None:
    import argparse

    from flows.cli import SEARCH_VALUE_OPTIONS, build_parser, search_argv

    def parsed(*argv: str) -> argparse.Namespace:
        return build_parser().parse_args(["search", *search_argv(argv)])

    assert parsed("-Japan").query == ["-Japan"]
    args = parsed("--size", "5", "Taiwan", "-Japan", "--country", "tw", "--json")
    assert (args.query, args.size, args.country, args.json) == (["Taiwan", "-Japan"], 5, "tw", True)
    args = parsed("Taiwan", "--size=7", "--coun", "KP", "--", "--not-an-option")
    assert (args.query, args.size, args.country) == (["Taiwan", "--not-an-option"], 7, "KP")
    assert parsed('"South Korea" -Japan', "--lang", "en").query == ['"South Korea" -Japan']
    # the options that take a value, as the parser has them
    (sub,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    search = sub.choices["search"]
    takes_value = {o for a in search._actions if a.option_strings and a.nargs != 0 for o in a.option_strings}
    assert takes_value == set(SEARCH_VALUE_OPTIONS)


def test_version_names_the_release_and_the_pipeline(capsys) -> None:  # type: ignore[no-untyped-def]
    release = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["version"]
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"docindex {release} (pipeline {PIPELINE_VERSION})"


@pytest.mark.parametrize("name", ["a/b", "50%", " "])
def test_a_deployment_name_prefect_cannot_take_is_a_usage_error(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["serve", "seeds", "--cron", "0 * * * *", "--name", name])
    assert stop.value.code == 2 and "is no deployment name" in " ".join(capsys.readouterr().err.split())


def test_prefects_temporary_server_gets_two_minutes_to_start_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its first start migrates a new database: on a busy machine that outlasted Prefect's 20 seconds, and the run
    failed with exit 1 before reading a document."""
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as STARTUP

    from flows.cli import EPHEMERAL_STARTUP_SECONDS, ephemeral_server_allowance

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", raising=False)
    before = STARTUP.value()
    with ephemeral_server_allowance():
        assert STARTUP.value() == EPHEMERAL_STARTUP_SECONDS == 120
    assert STARTUP.value() == before
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "7")
    with ephemeral_server_allowance():
        assert STARTUP.value() == before  # the operator's own limit, which Prefect read at import, stands


def test_a_mistyped_setting_is_named_before_the_command_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DOCINDEX_BATCHSIZE", "100")
    monkeypatch.setenv("DOCINDEX_INBOX", "./seeds")  # Compose's, not docindex's: passes silently
    assert main(["ingest", "no/such/folder"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "warning DOCINDEX_BATCHSIZE is no docindex setting and is ignored (DOCINDEX_BATCH_SIZE?)" in err
    assert "DOCINDEX_INBOX" not in err and "no such file, folder or matching glob" in err


def test_sigterm_stops_a_command_as_ctrl_c_does_with_exit_143(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Python's default for SIGTERM ends the process on the spot, leaving Prefect's temporary server running; the
    command unwinds instead, and the handler before it is back afterwards."""
    import os
    import signal
    import time

    from flows import cli

    class Outer(Exception):
        pass

    def outer(signum: int, frame: object) -> None:
        raise Outer

    def terminated(args: object) -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
        raise AssertionError("SIGTERM did not stop the command")

    previous = signal.signal(signal.SIGTERM, outer)
    try:
        monkeypatch.setitem(cli.COMMANDS, "rebuild", terminated)
        assert main(["rebuild"]) == 143
        assert signal.getsignal(signal.SIGTERM) is outer
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert "terminated: re-run the same command" in " ".join(capsys.readouterr().err.split())
