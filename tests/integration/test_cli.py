"""The docindex command: exit codes, report, NDJSON dry run, search output."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from flows.cli import main
from flows.pipeline import clean
from flows.settings import Settings
from flows.steps.load import discover, load_document
from tests.stub import Answer, stub_server

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_output_is_a_dry_run_that_needs_no_opensearch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9")  # nothing listens there
    out, report_file = tmp_path / "x.ndjson", tmp_path / "report.json"
    assert main(["ingest", str(SEEDS), "--output", str(out), "--report", str(report_file), "--no-progress"]) == 0
    shown = " ".join(capsys.readouterr().err.split())
    assert "dry run: nothing indexed" in shown and "documents written │ 5" in shown and "indexed │" not in shown
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    settings = Settings()
    docs = [load_document(ref, max_bytes=settings.max_file_bytes) for ref in discover([SEEDS])]
    texts = {d.doc_id: clean(d, settings).text for d in docs}  # the cleaned text, computed independently of the CLI
    assert {r["doc_id"] for r in records} == set(texts)
    for r in records:
        assert {"doc_id", "chunk_id", "chunk_index", "text", "language", "char_start", "char_end", "title", "source"} <= set(r)
        assert texts[r["doc_id"]][r["char_start"] : r["char_end"]] == r["text"]
    report = json.loads(report_file.read_text())
    assert (report["documents_seen"], report["documents_indexed"], report["chunks_indexed"]) == (5, 5, len(records))
    assert report["languages"] == {"de": 2, "en": 3} and report["rejected"] == []


def test_a_reader_that_goes_away_stops_nothing_halfway(tmp_path: Path) -> None:
    """`docindex ingest ... 2>&1 | head -1`: the run goes on without output, completes, and stops Prefect's
    temporary server (rich's own reaction to the closed pipe exited from Prefect's log handler and left it running)."""
    home, out = tmp_path / "prefect", tmp_path / "x.ndjson"
    env = dict(os.environ, OPENSEARCH_URL="http://127.0.0.1:9", PREFECT_HOME=str(home), PYTHONPATH=str(SEEDS.parent), PREFECT_LOGGING_LEVEL="INFO")
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "flows.cli", "ingest", str(SEEDS), "--output", str(out), "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    proc.stdout.readline()  # the first line, then the reader goes
    proc.stdout.close()
    assert proc.wait(timeout=300) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) > 5

    def servers() -> list[psutil.Process]:
        found = []
        for process in psutil.process_iter():
            with contextlib.suppress(psutil.Error):
                if "prefect.server.api.server:create_app" in " ".join(process.cmdline()) and process.environ().get("PREFECT_HOME") == str(home):
                    found.append(process)
        return found

    deadline = time.monotonic() + 20
    while (left := servers()) and time.monotonic() < deadline:
        time.sleep(0.5)
    for process in left:  # not the test's to keep
        process.kill()
    assert left == []


def test_unreachable_opensearch_exits_3_quickly_naming_the_url(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9")
    started = time.monotonic()
    assert main(["ingest", str(SEEDS), "--no-progress"]) == 3
    assert time.monotonic() - started < 15
    err = capsys.readouterr().err
    assert "http://127.0.0.1:9" in err and "docker compose up" in err


def test_a_server_that_is_not_opensearch_exits_3_naming_the_url(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Dashboards' port by mistake: the answer is a web page, not OpenSearch's JSON."""
    page = (200, b"<html><body>Dashboards</body></html>", {"Content-Type": "text/html"})
    with stub_server(lambda method, path: page) as url:
        monkeypatch.setenv("OPENSEARCH_URL", url)
        assert main(["search", "Russia"]) == 3
        err = " ".join(capsys.readouterr().err.split())
        assert url in err and "not as OpenSearch" in err


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(tmp_path / "missing"), "--output", str(tmp_path / "o.ndjson")]) == 2
    assert "missing" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["ingest", str(SEEDS), "--index", "Bad*Name"])
    assert exc.value.code == 2
    assert main(["ingest", str(SEEDS), "--output", str(tmp_path / "o.ndjson"), "--report", str(tmp_path)]) == 2
    assert "--report" in capsys.readouterr().err and not (tmp_path / "o.ndjson").exists()  # refused before the run
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert main(["ingest", str(SEEDS), "--output", str(blocked / "sub" / "o.ndjson")]) == 2  # its folder cannot be made
    assert "cannot be written" in capsys.readouterr().err
    for size in ("-1", "0", "20000", "ten"):
        with pytest.raises(SystemExit) as exc:
            main(["search", "Russia", "--size", size])
        assert exc.value.code == 2


def test_rejections_exit_1_and_are_listed_in_the_report(os_env, tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        (corpus / f.name).write_bytes(f.read_bytes())
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (corpus / "empty.txt").write_text("")
    report_file = tmp_path / "r.json"
    assert main(["ingest", str(corpus), "--report", str(report_file), "--no-progress"]) == 1
    report = json.loads(report_file.read_text())
    assert report["documents_seen"] == 7 and report["documents_indexed"] == 5
    assert sorted((r["path"], r["step"], r["reason"]) for r in report["rejected"]) == [
        ("mixed/empty.txt", "load", "empty"),
        ("mixed/picture.png", "load", "binary"),
    ]
    assert main(["ingest", str(corpus), "--report", str(report_file), "--no-progress", "--reprocess"]) == 1
    again = json.loads(report_file.read_text())
    assert (again["documents_indexed"], again["documents_unchanged"], len(again["rejected"])) == (5, 0, 2)


def test_search_prints_hits_and_document_facets(os_env, capsys) -> None:
    assert main(["ingest", str(SEEDS), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["search", "Taiwan", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total_documents"] == 3  # 000 (de), 001 and 002 (en) mention Taiwan
    assert result["facets"]["language"] == {"en": 2, "de": 1}
    assert all(h["highlights"] for h in result["hits"])
    assert result["facets"]["site"] == {"IT BOLTWISE": 1}  # the dateline of seed 000, not cut short
    assert main(["search", "Russland OR Russia", "--country", "kp", "--json"]) == 0
    korea = json.loads(capsys.readouterr().out)
    assert {h["source"] for h in korea["hits"]} == {"seeds/003_2ea6db9797bc8efc.txt"}  # the one article on North Korea
    assert korea["facets"]["countries"]["KP"] == 1
    for named in ("Nordkorea", "north korea"):  # a country's name in any of the languages, as well as its code
        assert main(["search", "Russland OR Russia", "--country", named, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["hits"] == korea["hits"]
    assert main(["search", "Russia", "--country", "Atlantis"]) == 2
    assert "--country 'Atlantis' names no country" in " ".join(capsys.readouterr().err.split())
    with pytest.raises(SystemExit) as usage:
        main(["search", "Russia", "--lang", "german"])
    assert usage.value.code == 2 and "'german' is no language code" in " ".join(capsys.readouterr().err.split())
    assert main(["search", "Taiwan", "--lang", "de"]) == 0
    text = capsys.readouterr().out
    assert "«Taiwan" in text and "language (documents): de 1" in text
    # every passage found has the words itself: a document title with them only raises its passages
    assert main(["search", "Invasion", "--json", "--size", "50"]) == 0
    invasion = json.loads(capsys.readouterr().out)
    assert invasion["hits"] and all(h["highlights"] for h in invasion["hits"])
    assert invasion["total_passages"] == len(invasion["hits"])
    counts = list(invasion["facets"]["language"].values())
    assert counts == sorted(counts, reverse=True)  # ranked by documents, the count shown
    # every word is required; "a phrase", OR, NOT (or -) and a prefix* as typed in search boxes
    def passages(query: str) -> int:
        assert main(["search", query, "--json", "--size", "50"]) == 0
        return int(json.loads(capsys.readouterr().out)["total_passages"])

    taiwan, japan, not_japan = passages("Taiwan"), passages("Taiwan Japan"), passages("Taiwan NOT Japan")
    assert 0 < japan < taiwan and japan + not_japan == taiwan and passages("Taiwan -Japan") == not_japan
    assert passages('"Korea South"') == 0 < passages("Korea South") == passages('"South Korea"')
    assert passages("Taiwan OR Nordkorea") == taiwan + passages("Nordkorea") > taiwan  # no seed passage has both
    assert passages("Taiw") == 0 and passages("Taiw*") == taiwan
    # the words typed without quotes, a -word among them, options before, between or after them
    assert main(["search", "--size", "50", "Taiwan", "-Japan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_passages"] == not_japan
    assert main(["search", "-Japan", "--json", "--size", "50"]) == 0  # every passage without the word
    assert 0 < json.loads(capsys.readouterr().out)["total_passages"]
    # options as people type them
    assert main(["search", "Taiwan", "--lang", "DE", "--source", "it boltwise", "--json"]) == 0
    boltwise = json.loads(capsys.readouterr().out)
    assert boltwise["total_documents"] == 1 and boltwise["facets"]["site"] == {"IT BOLTWISE": 1}
    assert boltwise["filters"] == {"language": "de", "source": "it boltwise"} and boltwise["without_filters"] is None
    # filters that leave nothing: where the words are instead, so that the filters can be changed
    assert main(["search", "Taiwan", "--lang", "fr", "--json"]) == 0
    french = json.loads(capsys.readouterr().out)
    assert french["total_passages"] == 0 and french["filters"] == {"language": "fr"}
    assert french["without_filters"]["total_documents"] == 3
    assert french["without_filters"]["facets"]["language"] == {"en": 2, "de": 1}
    assert main(["search", "Taiwan", "--source", "nowhere", "--lang", "fr"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "No passage matches with --lang fr --source nowhere. Without the filters, the words are in 9 passages in 3 documents" in text
    assert "language (documents): en 2, de 1" in text
    assert main(["search", "Xylophonorchester", "--lang", "de"]) == 0
    assert "No passage has these words, with or without the filters." in " ".join(capsys.readouterr().out.split())


def test_search_keeps_the_days_asked_for(os_env, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    corpus = tmp_path / "dated"
    corpus.mkdir()
    published = {"winter.txt": "2024-01-15", "spring.txt": "2024-05-31T15:00:00", "later.txt": "2025-02-01", "undated.txt": None}
    for name, day in published.items():
        (corpus / name).write_text(
            f"The harbour authority reported record traffic this season, its {name[:-4]} report said on the day. "
            "Shipping companies expect the numbers to rise again as new routes open next year.",
            encoding="utf-8",
        )
    manifest = [{"path": name, "published": day} for name, day in published.items() if day]
    (corpus / "manifest.jsonl").write_text("\n".join(json.dumps(m) for m in manifest), encoding="utf-8")
    assert main(["ingest", str(corpus), "--no-progress"]) == 0
    capsys.readouterr()

    def found(*options: str) -> list[str]:
        assert main(["search", "harbour", "--json", *options]) == 0
        return sorted(h["source"].removeprefix("dated/") for h in json.loads(capsys.readouterr().out)["hits"])

    assert found() == ["later.txt", "spring.txt", "undated.txt", "winter.txt"]
    assert found("--since", "2024-05-31") == ["later.txt", "spring.txt"]
    assert found("--until", "2024-05-31") == ["spring.txt", "winter.txt"]  # the day itself too
    assert found("--until", "2024-05-30") == ["winter.txt"]
    assert found("--since", "2024-02", "--until", "2024-05") == ["spring.txt"]  # months, from the first to the last day
    assert found("--since", "2025") == ["later.txt"] and found("--until", "2023") == []
    assert main(["search", "harbour", "--since", "2025", "--until", "2024"]) == 2
    assert "--since 2025-01-01 is after --until 2024-12-31" in " ".join(capsys.readouterr().err.split())
    # the published facet: documents per month, newest first, in the form --since and --until take
    assert main(["search", "harbour", "--json"]) == 0
    assert list(json.loads(capsys.readouterr().out)["facets"]["published"].items()) == [("2025-02", 1), ("2024-05", 1), ("2024-01", 1)]
    assert main(["search", "harbour"]) == 0
    assert "published (documents): 2025-02 1, 2024-05 1, 2024-01 1" in " ".join(capsys.readouterr().out.split())


def test_the_published_facet_counts_years_when_months_would_be_too_many(os_env, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    corpus = tmp_path / "monthly"
    corpus.mkdir()
    days = [f"{2022 + m // 12}-{m % 12 + 1:02d}-10" for m in range(25)]  # 2022-01 to 2024-01: 25 months
    for i, day in enumerate(days):
        (corpus / f"{i:02d}.txt").write_text(
            f"The harbour authority published its monthly traffic report number {i} on the tenth of the month. "
            "Shipping companies expect the numbers to rise again as new routes open.",
            encoding="utf-8",
        )
    manifest = [{"path": f"{i:02d}.txt", "published": day} for i, day in enumerate(days)]
    (corpus / "manifest.jsonl").write_text("\n".join(json.dumps(m) for m in manifest), encoding="utf-8")
    assert main(["ingest", str(corpus), "--no-progress"]) == 0
    capsys.readouterr()

    def published(*options: str) -> list[tuple[str, int]]:
        assert main(["search", "harbour", "--json", *options]) == 0
        return list(json.loads(capsys.readouterr().out)["facets"]["published"].items())

    assert published() == [("2024", 1), ("2023", 12), ("2022", 12)]
    assert published("--since", "2022-02")[:2] == [("2024-01", 1), ("2023-12", 1)] and len(published("--since", "2022-02")) == 24


def test_demo_runs_the_flow_on_the_stand_in_and_says_so(monkeypatch: pytest.MonkeyPatch, capfd) -> None:
    """The README's quick start ends with `docindex demo`, run from the repository root."""
    monkeypatch.chdir(SEEDS.parent)
    monkeypatch.delenv("OPENSEARCH_URL", raising=False)
    assert main(["demo"]) == 0
    printed = capfd.readouterr()  # the processes' file descriptors: the stand-in's own output too
    assert "osmem" not in printed.err  # it says nothing of its own on the terminal ("exiting: stdin closed")
    out = " ".join(printed.out.split())
    assert out.count("in-memory OpenSearch-compatible stand-in") == 2  # before and after: it is not OpenSearch
    assert "language: en 3, de 2" in out and "collection: seeds 5" in out
    assert "6 passages in 4 documents" in out and "«invasion»" in out.lower()  # passages with the word itself


def test_a_stand_in_that_cannot_start_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd) -> None:
    broken = tmp_path / "osmem-server"
    broken.write_text("#!/bin/sh\necho 'listen tcp 127.0.0.1:0: address already in use' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("OSMEM_SERVER_BIN", str(broken))
    monkeypatch.chdir(SEEDS.parent)
    monkeypatch.delenv("OPENSEARCH_URL", raising=False)
    assert main(["demo"]) == 2
    err = " ".join(capfd.readouterr().err.split())
    assert "did not start: osmem: server exited during startup (listen tcp 127.0.0.1:0: address already in use)" in err


def test_lingua_for_short_texts_reaches_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    headlines = {"a.txt": "Minister resigns after vote", "b.txt": "Markets rally on rate hopes", "c.txt": "Kanzler trifft Präsidenten"}
    folder = tmp_path / "headlines"
    folder.mkdir()
    for name, text in headlines.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("DOCINDEX_LANGUAGES", "de,en")  # two languages' models: about 140 MB per process
    languages = {}
    for detector in ("langdetect", "lingua"):
        monkeypatch.setenv("DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR", detector)
        report_file = tmp_path / f"{detector}.json"
        args = ["ingest", str(folder), "--output", str(tmp_path / f"{detector}.ndjson"), "--report", str(report_file)]
        assert main([*args, "--no-progress"]) == 0
        languages[detector] = json.loads(report_file.read_text())["languages"]
    assert languages["lingua"] == {"en": 2, "de": 1}
    assert languages["langdetect"] != languages["lingua"]  # langdetect takes the English headline for German


def test_ctrl_c_stops_a_run_at_once_with_exit_130(tmp_path: Path) -> None:
    """Ctrl-C in a terminal reaches the whole process group, Prefect's temporary API server included: it must
    outlive the interrupted flow, or the flow spends minutes failing to report its crash (exit 1, tracebacks)."""
    import os
    import pty
    import select
    import sys

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(3000):  # long enough that the run is still going when ^C comes
        (corpus / f"{i:04}.txt").write_text(f"Bericht {i}: Die Regierung hat heute neue Pläne vorgestellt. " * 40)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, in a terminal of its own
        os.execvpe(sys.executable, [sys.executable, "-m", "flows.cli", "ingest", str(corpus), "--output", str(tmp_path / "o.ndjson")], env)
    out, running, sent, status = b"", None, None, None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if running is None and b"/3000" in out:  # the flow is running: the progress bar has its total
            running = time.monotonic()
        if sent is None and running is not None and time.monotonic() - running > 1:  # its output read meanwhile
            os.write(fd, b"\x03")
            sent = time.monotonic()
        if select.select([fd], [], [], 0.2)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                pass
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(raw)
            break
    else:
        os.kill(pid, 9)
    text = out.decode("utf-8", "replace")
    timeline = f"running at {running}, ^C at {sent}, ended at {time.monotonic()} with {status}"
    assert sent is not None and status == 130, f"{timeline}\n{text[-2000:]}"
    assert time.monotonic() - sent < 30 and "interrupted" in text and "Traceback" not in text
    assert not (tmp_path / "o.ndjson").exists()  # an interrupted dry run leaves no partial file


def test_sigterm_stops_a_run_and_prefects_temporary_server_with_exit_143(tmp_path: Path) -> None:
    """``kill PID`` (or ``docker stop``, ``timeout``) during a run: the flow records its crash, Prefect's temporary
    API server (in a session of its own) stops with the command, and a dry run leaves no partial file."""
    import re
    import signal
    import socket

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(1500):  # long enough that the run is still going when the signal comes
        (corpus / f"{i:04}.txt").write_text(f"Bericht {i}: Die Regierung hat heute neue Pläne vorgestellt. " * 40)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"DOCINDEX_BATCH_SIZE": "100", "PREFECT_LOGGING_LEVEL": "INFO"}
    log = tmp_path / "run.log"
    args = [sys.executable, "-m", "flows.cli", "ingest", str(corpus), "--output", str(tmp_path / "o.ndjson")]
    with log.open("w") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while "batch 1:" not in log.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        status = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert status == 143 and time.monotonic() - sent < 30, text[-2000:]
    assert "terminated: re-run the same command" in text and "Traceback" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("o.ndjson", ".o.ndjson"))] == []
    port = int(re.search(r"temporary server on http://127\.0\.0\.1:(\d+)", text)[1])  # type: ignore[index]
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_ctrl_c_that_an_event_loop_swallows_still_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    """An event loop run in the main thread (``asyncio.run``, as libraries do to make a call synchronous) takes a
    first Ctrl-C to cancel its task; a task that finishes anyway swallowed it, and the run went on to its end and
    exited 0. The next step of the run's progress stops it."""
    import asyncio
    import signal

    from flows import feed, ingest, progress

    async def finishing_anyway() -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            return

    def run(*_args: object, **_kwargs: object) -> object:
        progress.report(0, 2, 0)
        with contextlib.suppress(KeyboardInterrupt):  # whichever way the loop takes it, it is gone here
            asyncio.run(finishing_anyway())
        progress.report(1, 2, 0)
        raise AssertionError("the run went on after Ctrl-C")

    monkeypatch.setattr(feed, "start_early", lambda *_args, **_kwargs: None)
    monkeypatch.setattr(ingest, "ensure_prefect_reachable", lambda: None)
    monkeypatch.setattr(ingest, "ingest", run)
    assert main(["ingest", str(SEEDS), "--output", str(tmp_path / "o.ndjson"), "--no-progress"]) == 130
    assert "interrupted" in capsys.readouterr().err


def _prefect_behind_auth(status: int) -> Callable[[str, str], Answer]:
    """How a Prefect API started with an auth string answers a client without it: ``status`` for everything but
    the health probe."""

    def answer(method: str, path: str) -> Answer:
        if path == "/api/health":
            return 200, b"true", {"Content-Type": "application/json"}
        return status, b'{"exception_message": "Unauthorized"}', {"Content-Type": "application/json"}

    return answer


@pytest.mark.parametrize(("status", "code", "said"), [
    (401, 2, "requires credentials and none were set (HTTP 401): set PREFECT_API_AUTH_STRING"),
    (404, 3, "the Prefect API is not reachable at {url} (HTTP 404)"),
])
def test_a_prefect_server_that_refuses_the_run_is_one_clear_error(tmp_path: Path, capsys, status: int, code: int, said: str) -> None:  # noqa: ANN001
    """Before: a traceback from inside the flow, exit 1. Nothing is written."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with stub_server(_prefect_behind_auth(status)) as base, temporary_settings(updates={PREFECT_API_URL: f"{base}/api"}):
        assert main(["ingest", str(SEEDS), "--output", str(tmp_path / "x.ndjson"), "--no-progress"]) == code
        assert main(["serve", str(SEEDS), "--cron", "0 * * * *"]) == code
    shown = " ".join(capsys.readouterr().err.split())
    assert said.format(url=f"{base}/api") in shown and "Traceback" not in shown
    assert not (tmp_path / "x.ndjson").exists()


def test_a_prefect_server_that_is_down_is_one_clear_error(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):  # nothing listens there
        assert main(["ingest", str(SEEDS), "--output", str(tmp_path / "x.ndjson"), "--no-progress"]) == 3
        assert main(["demo", str(SEEDS)]) == 3
    with temporary_settings(updates={PREFECT_API_URL: "http://ops:s3cret@127.0.0.1:9/api"}):
        assert main(["ingest", str(SEEDS), "--output", str(tmp_path / "x.ndjson"), "--no-progress"]) == 3
    shown = " ".join(capsys.readouterr().err.split())
    assert "the Prefect API is not reachable at http://127.0.0.1:9/api" in shown
    assert "not reachable at http://***@127.0.0.1:9/api" in shown and "s3cret" not in shown
    assert "docker compose up -d prefect-server" in shown and "Traceback" not in shown


def test_a_large_file_of_many_articles_is_named_before_its_listing_without_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    """Under cron or in a CI log there is no status line: a file large enough to take a while to list is named on
    the error stream first, and small ones are not (a folder of thousands of exports would fill the log)."""
    import flows.feed

    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9")
    monkeypatch.setattr(flows.feed, "LISTING_NOTED_BYTES", 2000)  # instead of a 50 MB file
    lines = [json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": "The council met on Monday and voted for the plan. " * 3}) for i in range(20)]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "in" / "small.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in"), "--output", str(tmp_path / "o.ndjson")]) == 0
    shown = " ".join(capsys.readouterr().err.split())
    size = (tmp_path / "in" / "big.jsonl").stat().st_size
    assert f"listing the records of in/big.jsonl ({size / 1e6:.1f} MB)" in shown
    assert "listing the records of in/small.jsonl" not in shown
    assert "documents written │ 21" in shown


def test_listing_note_names_only_large_files() -> None:
    from flows.feed import LISTING_NOTED_BYTES, listing_note

    assert listing_note("crawl.warc.gz", 2_400_000_000) == "listing the records of crawl.warc.gz (2400.0 MB)"
    assert listing_note("export.jsonl", LISTING_NOTED_BYTES) is not None
    assert listing_note("export.jsonl", LISTING_NOTED_BYTES - 1) is None
