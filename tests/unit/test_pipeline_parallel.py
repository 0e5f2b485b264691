"""The parallel unit of work, the incremental check, prune scopes and the bulk retry loop, without a backend."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from flows.pipeline import prepare_refs, prune_scopes, split_even, vanished
from flows.search.writer import BulkOptions, bulk_failures
from flows.settings import Settings
from flows.steps.load import discover
from tests.conftest import SEEDS

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def test_split_even_keeps_order_and_never_makes_empty_parts():
    assert split_even(list(range(5)), 2) == [[0, 1, 2], [3, 4]]
    assert split_even([1], 4) == [[1]]
    assert split_even([], 3) == []


def test_prepare_refs_skips_documents_whose_bytes_are_known():
    refs = discover([str(SEEDS)])
    first = prepare_refs(refs, Settings(), NOW)
    assert len(first.prepared) == len(refs) and first.unchanged == 0
    known = {p.document.doc_id: p.document.source_hash for p in first.prepared}
    known[refs[0].doc_id] = "something-else"  # changed on disk since it was indexed
    again = prepare_refs(refs, Settings(), NOW, known)
    assert again.unchanged == len(refs) - 1
    assert [p.document.doc_id for p in again.prepared] == [refs[0].doc_id]
    assert again.seconds["clean"] < first.seconds["clean"]


def test_prepare_refs_turns_an_unexpected_crash_into_a_rejection(monkeypatch):
    import flows.pipeline

    def boom(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(flows.pipeline, "clean_document", boom)
    out = prepare_refs(discover([str(SEEDS)])[:2], Settings(), NOW)
    assert len(out.rejected) == 2 and not out.prepared
    assert out.rejected[0].step.value == "clean" and "RecursionError" in out.rejected[0].detail


def test_a_document_that_takes_too_long_is_rejected_and_the_others_go_on(monkeypatch):
    import time

    import flows.pipeline

    real = flows.pipeline.clean_document
    refs = discover([str(SEEDS)])[:3]
    # the first document of a process loads the stop lists and language profiles (0.7 s here, 0.03 s after): load
    # them first, so that the limit meets only the stuck document, whichever tests ran before
    assert not prepare_refs(refs[:1], Settings(), NOW).rejected

    def stuck_on_the_second(doc, **kwargs):  # noqa: ANN001, ANN003, ANN202 - a parser looping on a damaged file
        while doc.doc_id == refs[1].doc_id:
            time.sleep(0.01)
        return real(doc, **kwargs)

    monkeypatch.setattr(flows.pipeline, "clean_document", stuck_on_the_second)
    out = prepare_refs(refs, Settings(document_timeout=0.5), NOW)
    assert [r.doc_id for r in out.rejected] == [refs[1].doc_id]
    assert out.rejected[0].reason.value == "timeout" and out.rejected[0].step.value == "clean"
    assert "0.5 s" in out.rejected[0].detail
    assert [p.document.doc_id for p in out.prepared] == [refs[0].doc_id, refs[2].doc_id]
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer left running


def test_vanished_only_reports_missing_files_under_the_scopes(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("x")
    scopes = prune_scopes([str(tmp_path / "news")])
    assert scopes == [("news/", (tmp_path / "news").resolve())]
    assert vanished(["news/a.txt", "news/b.txt", "other/c.txt"], scopes) == ["news/b.txt"]
    assert prune_scopes([str(tmp_path / "news" / "a.txt")]) == []


def test_a_file_named_with_escapes_is_found_on_disk_by_its_bytes(tmp_path: Path):
    """``ingest "news/*.txt" --prune`` deleted the record of a Latin-1 ``café.html`` beside: its source path holds
    the escape ``caf\\xe9.html``, and no file has that name."""
    import os

    (tmp_path / "news").mkdir()
    with open(os.path.join(os.fsencode(tmp_path / "news"), b"caf\xe9.html"), "wb") as fh:
        fh.write(b"<p>x</p>")
    (tmp_path / "news" / "lit\\x41.txt").write_text("x")  # a name holding a backslash itself
    with open(os.path.join(os.fsencode(tmp_path / "news"), b"caf\xe9.jsonl"), "wb") as fh:
        fh.write(b'{"id": "k1", "text": "x"}\n')
    scopes = prune_scopes([str(tmp_path / "news")])
    candidates = ["news/caf\\xe9.html", "news/lit\\x41.txt", "news/gone\\xe9.html", "news/caf\\xe9.jsonl#k1"]
    assert vanished(candidates, scopes) == ["news/gone\\xe9.html"]  # a record of a file a glob left out stays


def test_a_record_not_listed_again_is_gone_unless_its_file_could_not_be_listed(tmp_path: Path):
    import json

    from flows.pipeline import record_files
    from flows.steps.load import discover

    news = tmp_path / "news"
    news.mkdir()
    (news / "export.jsonl").write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    (news / "list.json").write_text('[{"id": "b", "text": "x"}, broken')  # lists item 1, then cannot go on
    (news / "empty.jsonl").write_text("\n")
    (news / "damaged.jsonl").write_text(json.dumps({"id": "c", "text": "x"}) + "\n{cut\n")  # line 2's key unread
    refs = discover([news])
    files = record_files(refs)
    assert files.unlisted == {"news/list.json", "news/damaged.jsonl"}  # their stored records may be in them still
    assert files.listed == {"news/export.jsonl", "news/empty.jsonl"}  # an empty file's records are gone
    stored = [
        "news/export.jsonl#a", "news/export.jsonl#old", "news/list.json#old", "news/empty.jsonl#old",
        "news/damaged.jsonl#old", "news/export.jsonl", "news/gone.jsonl#old", "news/export.jsonl#" + "k" * 300,
    ]
    candidates = [sp for sp in stored if sp not in {r.source_path for r in refs}]
    gone = vanished(candidates, prune_scopes([str(news)]), files)
    # the document of a file that now holds many documents is gone too: its records replace it
    assert gone == [
        "news/export.jsonl#old", "news/empty.jsonl#old", "news/export.jsonl", "news/gone.jsonl#old", "news/export.jsonl#" + "k" * 300,
    ]
    assert vanished(["news/gone.jsonl#" + "k" * 300], prune_scopes([str(news)])) == ["news/gone.jsonl#" + "k" * 300]  # too long a name


def test_an_item_gone_from_a_feed_in_an_archive_is_gone_unless_that_feed_could_not_be_listed(tmp_path: Path):
    import zipfile

    from flows.pipeline import record_files
    from flows.steps.load import discover

    news = tmp_path / "news"
    news.mkdir()

    def feed(guid: str) -> str:
        return f"<rss><channel><title>T</title><item><guid>{guid}</guid><description>x</description></item></channel></rss>"

    with zipfile.ZipFile(news / "feeds.zip", "w") as archive:
        archive.writestr("a.rss", feed("a1"))
        archive.writestr("b.rss", feed("b1").replace("<guid>", "<guid><b>"))  # damaged: its other items may be in it still
        archive.writestr("c.rss", "<<rss>")  # nothing can be read
        archive.writestr("d.rss", "<rss><channel><title>T</title></channel></rss>")  # no items: its items are gone
    refs = discover([news])
    files = record_files(refs)
    assert files.unlisted == {"news/feeds.zip#b.rss", "news/feeds.zip#c.rss"}
    stored = ["news/feeds.zip#a.rss#a0", "news/feeds.zip#b.rss#b0", "news/feeds.zip#c.rss#c0", "news/feeds.zip#d.rss#d0", "news/feeds.zip#e.rss#e0"]
    assert vanished(stored, prune_scopes([str(news)]), files) == ["news/feeds.zip#a.rss#a0", "news/feeds.zip#d.rss#d0", "news/feeds.zip#e.rss#e0"]


def test_the_record_an_earlier_release_made_of_a_whole_feed_or_mailbox_in_an_archive_is_gone(tmp_path: Path):
    """0.8.13 indexed a feed named .xml or a mail folder without a suffix in an archive as one document; now its
    items are read one by one, and --prune removes that one-file document (README, "Upgrading from 0.8.17")."""
    import zipfile

    from flows.pipeline import record_files
    from flows.steps.load import discover

    news = tmp_path / "news"
    news.mkdir()
    feed = "<rss><channel><title>T</title><item><guid>a1</guid><description>x</description></item></channel></rss>"
    mail = "From a@example.com Sat Jan  3 01:05:34 2026\nFrom: a@example.com\nMessage-ID: <m1@example.com>\n\nHello.\n"
    with zipfile.ZipFile(news / "export.zip", "w") as archive:
        archive.writestr("feed.xml", feed)
        archive.writestr("Inbox", mail)
        archive.writestr("page.html", "<p>x</p>")
    refs = discover([news])
    assert {r.source_path for r in refs} >= {"news/export.zip#feed.xml#a1", "news/export.zip#page.html"}
    stored = ["news/export.zip#feed.xml", "news/export.zip#Inbox", "news/export.zip#page.html"]
    listed = {r.source_path for r in refs}
    old = [sp for sp in stored if sp not in listed]
    assert vanished(old, prune_scopes([str(news)]), record_files(refs)) == ["news/export.zip#feed.xml", "news/export.zip#Inbox"]


def test_records_of_files_a_glob_left_out_stay(tmp_path: Path):
    import json
    import zipfile

    from flows.pipeline import record_files
    from flows.steps.load import discover

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("x")
    (news / "export.jsonl").write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    with zipfile.ZipFile(news / "pages.zip", "w") as archive:
        archive.writestr("p.html", "<p>x</p>")
    pattern = str(news / "*.txt")
    refs = discover([pattern])
    assert [r.source_path for r in refs] == ["news/a.txt"]
    stored = ["news/export.jsonl#a", "news/pages.zip#p.html", "news/gone.jsonl#a", "news/b.txt"]
    assert vanished(stored, prune_scopes([pattern]), record_files(refs)) == ["news/gone.jsonl#a", "news/b.txt"]


def test_the_kind_of_a_file_left_out_is_looked_up_once_for_all_its_records(tmp_path: Path, monkeypatch) -> None:
    import zipfile

    import flows.pipeline as pipeline

    news = tmp_path / "news"
    news.mkdir()
    with zipfile.ZipFile(news / "pages.zip", "w") as archive:
        archive.writestr("p.html", "<p>x</p>")
    looked: list[Path] = []
    kind = pipeline.container_kind
    monkeypatch.setattr(pipeline, "container_kind", lambda path: looked.append(path) or kind(path))
    stored = [f"news/pages.zip#{n}.html" for n in range(50)]
    assert vanished(stored, prune_scopes([str(news / "*.txt")])) == []
    assert looked.count(news / "pages.zip") == 1


def test_a_file_of_many_documents_given_alone_is_a_scope_of_its_records(tmp_path: Path):
    (tmp_path / "export.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "a.txt").write_text("x")
    label = tmp_path.name
    assert prune_scopes([str(tmp_path / "export.jsonl"), str(tmp_path / "a.txt")]) == [(f"{label}/export.jsonl#", tmp_path.resolve())]


class FakeClient:
    """Answers _bulk with per-item statuses from a script: {id: [status of try 1, try 2, ...]}."""

    def __init__(self, script: dict[str, list[int]]) -> None:
        from opensearchpy.serializer import JSONSerializer

        self.script, self.calls = script, []
        self.transport = type("T", (), {"serializer": JSONSerializer()})()

    def bulk(self, body, **kwargs):  # noqa: ANN001, ANN003, ANN201
        lines = [ln for ln in (body if isinstance(body, list) else body.split("\n")) if ln]
        import json

        items = []
        for action in lines[0::2]:
            _id = json.loads(action)["index"]["_id"]
            self.calls.append(_id)
            status = self.script.get(_id, [200]).pop(0) if self.script.get(_id) else 200
            item = {"_id": _id, "_index": "x", "status": status}
            if status >= 300:
                item["error"] = {"type": "mapper_parsing_exception" if status == 400 else "es_rejected_execution_exception", "reason": "r"}
            items.append({"index": item})
        return {"errors": any(i["index"]["status"] >= 300 for i in items), "items": items}


def test_bulk_failures_retries_transient_items_with_backoff_and_never_retries_mapping_errors():
    client = FakeClient({"a": [429, 503, 200], "b": [400], "c": [429, 429, 429, 429]})
    sleeps: list[float] = []
    actions = [{"_op_type": "index", "_index": "x", "_id": i, "_source": {"n": i}} for i in "abcd"]
    failures = list(bulk_failures(client, actions, BulkOptions(max_retries=2, initial_backoff=0.5), sleep=sleeps.append))
    assert sorted((i, t) for i, t, _ in failures) == [("b", False), ("c", True)]
    assert client.calls.count("b") == 1 and client.calls.count("c") == 3 and client.calls.count("a") == 3
    assert sleeps == [0.5, 1.0]
    assert "HTTP 400: mapper_parsing_exception: r" in next(r for i, _, r in failures if i == "b")


def test_processing_version_changes_with_processing_settings_only() -> None:
    from flows.pipeline import processing_version
    from flows.settings import Settings

    base = processing_version(Settings())
    assert base == processing_version(Settings())
    assert base != processing_version(Settings(chunk_words=120))
    assert base != processing_version(Settings(languages=("de", "en")))
    assert base != processing_version(Settings(language_short_text_detector="lingua"))
    assert base == processing_version(Settings(batch_size=7, workers=1))  # how, not what: no re-processing
    assert base == processing_version(Settings(repeated_line_min_docs=5))  # acts through each document's source hash


def test_encoded_output_is_the_same_ndjson_the_flow_process_would_write():
    import json

    from flows.pipeline import ndjson_lines

    refs = discover([str(SEEDS)])
    plain = prepare_refs(refs, Settings(), NOW)
    encoded = prepare_refs(refs, Settings(), NOW, encode=True)
    lines = ndjson_lines(list(plain.prepared))
    assert [json.loads(line)["chunk_id"] for line in lines.splitlines()] == [c.chunk_id for p in plain.prepared for c in p.chunks]
    assert encoded.passages == len(lines.splitlines()) == sum(len(p.chunks) for p in plain.prepared)
    assert encoded.ndjson == lines and not encoded.prepared
    assert encoded.encoded == len(plain.prepared)
    assert dict(encoded.languages) == {"de": 2, "en": 3}
    merged = encoded.merge(encoded)
    assert merged.ndjson == lines * 2 and merged.languages == {"de": 4, "en": 6}


def test_feed_returns_batches_in_order_and_only_a_matching_early_start_is_adopted():
    from flows import feed

    settings = Settings(batch_size=2, workers=1)
    f = feed.Feed.start([str(SEEDS)], settings, encode=True)
    numbers = []
    while (pending := f.next()) is not None:
        numbers.append((pending.number, pending.result().encoded))
    assert numbers == [(1, 2), (2, 2), (3, 1)]
    feed.start_early([str(SEEDS)], settings, encode=True)
    assert feed.adopt([str(SEEDS)], Settings(batch_size=3, workers=1), encode=True) is None  # other settings
    feed.start_early([str(SEEDS)], settings, encode=True)
    adopted = feed.adopt([str(SEEDS)], settings, encode=True)
    assert adopted is not None and len(adopted.refs) == 5
    assert feed.adopt([str(SEEDS)], settings, encode=True) is None  # taken over once
    feed.start_early([str(SEEDS)], settings, encode=True, reprocess=True)
    assert feed.adopt([str(SEEDS)], settings, encode=True) is None  # a run that would skip unchanged documents


def test_a_reprocessing_feed_reads_known_unchanged_documents_again():
    from flows import feed

    settings = Settings(batch_size=5, workers=1)
    first = feed.Feed.start([str(SEEDS)], settings, encode=True).next()
    assert first is not None
    hashes = {r.doc_id: _source_hash(r, settings) for r in first.refs}
    for reprocess, encoded, unchanged in ((False, 0, 5), (True, 5, 0)):
        pending = feed.Feed.start([str(SEEDS)], settings, encode=True, lookup=lambda ids: hashes, reprocess=reprocess).next()
        assert pending is not None
        out = pending.result()
        assert (out.encoded, out.unchanged) == (encoded, unchanged), reprocess


def _source_hash(ref, settings: Settings) -> str:  # noqa: ANN001 - a SourceRef
    """The hash the incremental check compares: the one the pipeline's load step gives the document."""
    from flows.pipeline import load

    doc = load(ref, settings)
    return doc.source_hash  # type: ignore[union-attr]


def test_a_lost_worker_rejects_its_sub_batch_instead_of_failing_the_run():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from flows.feed import PendingBatch

    refs = discover([str(SEEDS)])[:2]
    broken: Future = Future()
    broken.set_exception(BrokenProcessPool("a child process terminated abruptly"))
    out = PendingBatch(1, refs, [(refs, broken)], lambda r: prepare_refs(r, Settings(), NOW)).result()
    assert [r.doc_id for r in out.rejected] == [r.doc_id for r in refs]
    assert "BrokenProcessPool" in out.rejected[0].detail


def test_a_batch_reports_progress_after_each_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from flows import feed

    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(f"Ein Text Nummer {i}, lang genug, um gelesen zu werden." if i else "")
    monkeypatch.setattr(feed, "IN_PROCESS_PART", 3)
    settings = Settings(workers=1, batch_size=100)
    pending = feed.Feed.start([str(tmp_path)], settings, encode=True).next()
    assert pending is not None
    calls: list[tuple[int, int]] = []
    pending.on_part = lambda done, rejected: calls.append((done, rejected))
    out = pending.result()
    assert calls == [(3, 1), (5, 1), (7, 1)]  # three parts in this process; 0.txt is empty
    assert out.encoded == 6 and len(out.rejected) == 1


def test_progress_counts_the_files_after_a_message_s_first_hundred_as_the_run_report_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from email.message import EmailMessage

    from flows import feed
    from flows.steps import attachments

    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 2)
    message = EmailMessage()
    message["From"], message["Subject"] = "presse@example.org", "Notizen"
    message.set_content("Anbei unsere Notizen zur Sitzung des Stadtrats vom Dienstag, wie besprochen.")
    for n in range(5):
        message.add_attachment(f"Notiz {n}: Der Stadtrat hat am Dienstag den Haushalt beschlossen.".encode(), maintype="text", subtype="plain", filename=f"n{n}.txt")
    (tmp_path / "notizen.eml").write_bytes(bytes(message))
    pending = feed.Feed.start([str(tmp_path)], Settings(workers=1, batch_size=100), encode=True).next()
    assert pending is not None and len(pending.refs) == 4  # the message, two files, one rejection for three
    calls: list[tuple[int, int]] = []
    pending.on_part = lambda done, rejected: calls.append((done, rejected))
    out = pending.result()
    assert calls == [(6, 3)]  # six documents done, three rejected: as documents_seen and documents_rejected count them
    assert sum(r.documents for r in out.rejected) == 3


def _chunk_texts(out) -> str:  # noqa: ANN001 - a StageOutput
    return "\n".join(c.text for p in out.prepared for c in p.chunks)


def test_incremental_runs_reprocess_exactly_the_documents_whose_repeated_lines_change(tmp_path: Path):
    import hashlib

    from flows.pipeline import repeated_lines
    from tests.site import LIVE, SIGNUP, article, page, six_pages, write_site

    folder = write_site(tmp_path / "site", six_pages() | {"plain.txt": "\n".join(article(8)) + "\n"})
    settings = Settings()

    def run(known=None):  # noqa: ANN001, ANN202
        refs = discover([str(folder)])
        return prepare_refs(refs, settings, NOW, known, repeated=repeated_lines(refs, settings))

    first = run()
    assert len(first.prepared) == 7 and SIGNUP not in _chunk_texts(first) and LIVE in _chunk_texts(first)
    hashes = {p.document.source_path: p.document.source_hash for p in first.prepared}
    plain = (folder / "plain.txt").read_bytes()
    assert hashes["site/plain.txt"] == hashlib.sha256(plain).hexdigest()[:32]  # no repeated line: its bytes' hash
    assert hashes["site/page2.txt"] != hashlib.sha256((folder / "page2.txt").read_bytes()).hexdigest()[:32]
    known = {p.document.doc_id: p.document.source_hash for p in first.prepared}

    again = run(known)
    assert (again.unchanged, again.prepared) == (7, ())

    (folder / "page7.txt").write_text(page(7, extra=(LIVE,)), encoding="utf-8")  # LIVE is now on three pages
    third = run(known)
    assert sorted(p.document.source_path for p in third.prepared) == ["site/page0.txt", "site/page1.txt", "site/page7.txt"]
    assert third.unchanged == 5 and LIVE not in _chunk_texts(third) and SIGNUP not in _chunk_texts(third)


def test_turning_repeated_lines_off_reprocesses_only_the_documents_that_had_some(tmp_path: Path):
    from flows.pipeline import processing_version, repeated_lines
    from tests.site import SIGNUP, article, six_pages, write_site

    folder = write_site(tmp_path / "site", six_pages() | {"plain.txt": "\n".join(article(8)) + "\n"})
    refs = discover([str(folder)])
    on, off = Settings(), Settings(repeated_line_min_docs=0)
    assert processing_version(on) == processing_version(off)  # the effect is in each document's source hash
    first = prepare_refs(refs, on, NOW, repeated=repeated_lines(refs, on))
    known = {p.document.doc_id: p.document.source_hash for p in first.prepared}
    assert repeated_lines(refs, off).counts() == {}
    second = prepare_refs(refs, off, NOW, known, repeated=repeated_lines(refs, off))
    assert second.unchanged == 1 and len(second.prepared) == 6 and SIGNUP in _chunk_texts(second)


def test_worker_processes_get_the_repeated_lines_of_their_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from flows import feed
    from tests.site import SIGNUP, six_pages, write_site

    folder = write_site(tmp_path / "site", six_pages())
    monkeypatch.setattr(feed, "IN_PROCESS_PART", 2)  # six documents are then worth a pool
    pooled = feed.Feed.start([str(folder)], Settings(batch_size=2, workers=2), encode=True)
    try:
        assert pooled.executor is not None and pooled.repeated.counts() == {"site": 7}
        ndjson = ""
        while (pending := pooled.next()) is not None:
            ndjson += pending.result().ndjson
    finally:
        pooled.close()
    assert ndjson.count('"chunk_index": 0') == 6 and SIGNUP not in ndjson and "Riverside" in ndjson
    plain = feed.Feed.start([str(folder)], Settings(workers=1, repeated_line_min_docs=0), encode=True)
    assert plain.repeated.counts() == {} and SIGNUP in plain.next().result().ndjson  # type: ignore[union-attr]


def test_markdown_pages_are_compared_as_cleaning_reads_them(tmp_path: Path):
    from flows.pipeline import repeated_lines
    from tests.site import SIGNUP, page, write_site

    marked_up = SIGNUP.replace("free morning newsletter", "free [morning newsletter](https://example.org/n)")
    pages = {f"p{i}.md": page(i).replace(SIGNUP, marked_up) for i in range(4)}
    folder = write_site(tmp_path / "notes", pages)
    refs = discover([str(folder)])
    repeated = repeated_lines(refs, Settings())
    out = prepare_refs(refs, Settings(), NOW, repeated=repeated)
    assert len(out.prepared) == 4 and "morning newsletter" not in _chunk_texts(out)
    assert all("Residents of" in c.text for p in out.prepared for c in p.chunks[:1])


def test_time_limit_is_not_swallowed_leaves_nothing_behind_and_nests():
    import signal
    import time

    from flows.limits import DocumentTimeout, time_limit

    original = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    try:
        with time_limit(0.2):
            while True:  # a parser that survives damaged input with a broad except
                try:
                    time.sleep(0.01)
                except Exception:  # noqa: BLE001
                    pass
    except DocumentTimeout:
        pass
    assert 0.15 < time.monotonic() - started < 2
    for _ in range(200):  # a limit that expires at once, before or inside the block
        try:
            with time_limit(1e-6):
                time.sleep(0.001)
        except DocumentTimeout:
            pass
    assert signal.getsignal(signal.SIGALRM) is original and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    started = time.monotonic()
    try:
        with time_limit(0.3):
            with time_limit(5):
                time.sleep(3)
    except DocumentTimeout:
        pass
    assert time.monotonic() - started < 1.5  # the inner, longer limit does not stretch the outer one
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_vanished_keeps_what_it_cannot_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news").mkdir()
    is_file = Path.is_file

    def guarded(self: Path) -> bool:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")  # inside a folder that cannot be searched
        return is_file(self)

    monkeypatch.setattr(Path, "is_file", guarded)
    assert vanished(["news/locked.txt", "news/gone.txt"], [("news/", tmp_path / "news")]) == ["news/gone.txt"]


def test_a_rejected_document_says_when_its_earlier_version_stays_indexed(tmp_path: Path):
    (tmp_path / "emptied.txt").write_text("")
    refs = discover([tmp_path])
    fresh = prepare_refs(refs, Settings(), NOW).rejected[0]
    assert "stays searchable" not in fresh.detail
    for stored in ("0123abcd", ""):  # indexed by this pipeline version, or by another one
        [again] = prepare_refs(refs, Settings(), NOW, known={refs[0].doc_id: stored}).rejected
        assert again.detail.startswith(fresh.detail) and "the version indexed earlier stays searchable" in again.detail


def test_the_worker_pool_starts_for_more_than_one_part_of_documents(tmp_path: Path):
    from flows import feed

    for i in range(feed.IN_PROCESS_PART + 1):
        (tmp_path / f"{i}.txt").write_text(f"Text {i}")
    one_part = discover([tmp_path])[: feed.IN_PROCESS_PART]
    small = feed.Feed(one_part, Settings(workers=2), encode=True)
    assert small.executor is None and small.where == "this process"
    small.close()
    larger = feed.Feed(discover([tmp_path]), Settings(workers=2), encode=True)
    try:
        assert larger.executor is not None and larger.parts == 2 * feed.PARTS_PER_WORKER
    finally:
        larger.close()


def test_a_file_of_a_german_and_an_english_article_gets_a_passage_and_a_language_for_each(tmp_path):
    from tests.documents import MIXED

    (tmp_path / "mixed.txt").write_text(MIXED, encoding="utf-8")
    (prepared,) = prepare_refs(discover([str(tmp_path)]), Settings(), NOW).prepared
    passages = [(c.language, c.text.split("\n")[0]) for c in prepared.chunks]
    assert passages == [("de", "Nordkorea testet neue Rakete"), ("en", "North Korea fires missile as allies condemn test")]
    assert set(prepared.document.languages) == {"de", "en"}


@pytest.mark.parametrize("words", [20, 37])
def test_a_short_chinese_article_with_an_english_paragraph_is_chinese_and_names_its_countries(tmp_path, words):
    """Such an article was read as English (or und: the detector weighed each Latin letter as about four Chinese
    characters) in one passage, and the countries of its Chinese text were not found. A paragraph of 37 words,
    after the heading that leads it, is a passage of its own; one of 20 is a quotation in the Chinese passage."""
    quote = (
        '"Factories are busier than they have been for two years, but households are still cautious and the property '
        'market has not turned yet, so the recovery remains fragile," an analyst at a Singapore bank told reporters.'
    )
    text = "\n\n".join([
        "十月工业生产增长加快",
        "2026年11月20日 09:00",
        "据新华社报道，国家统计局星期三公布的数据显示，今年前十个月全国规模以上工业增加值同比增长百分之五点八，增速比前三季度加快零点"
        "二个百分点。分析人士认为，制造业投资和出口的回升是推动经济增长的主要因素，但房地产市场仍然疲软，消费需求恢复缓慢。",
        "一位新加坡银行的分析师对记者表示：",
        " ".join(quote.split()[:words]),
        "报告显示，中国、印度和巴西的工业产出增长最快，而德国和日本的工业产出有所下降。",
    ])  # fmt: skip
    (tmp_path / "zh.txt").write_text(text, encoding="utf-8")
    (prepared,) = prepare_refs(discover([str(tmp_path)]), Settings(), NOW).prepared
    assert prepared.document.language == "zh"
    assert {"CN", "IN", "BR", "DE", "JP"} <= set(prepared.document.countries)
    assert [c.language for c in prepared.chunks] == (["zh", "en", "zh"] if words > 30 else ["zh"])


def test_inputs_without_any_document_are_a_warning_of_the_run(tmp_path: Path) -> None:
    from flows.pipeline import nothing_found

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / ".hidden.txt").write_text("a hidden note is no document")
    (inbox / "manifest.jsonl").write_text('{"path": "a.txt", "source": "Reuters"}\n')
    assert nothing_found([str(inbox)], discover([str(inbox)])) == (f"no documents found in {inbox}",)
    assert nothing_found([str(SEEDS), str(inbox)], discover([str(SEEDS), str(inbox)])) == ()


def test_a_folder_in_which_the_run_found_no_document_is_not_pruned(tmp_path: Path) -> None:
    """An inbox whose mount is missing looks empty: --prune leaves its documents alone (``empty_scopes``), while a
    folder that holds one document is pruned by what it holds."""
    from flows.pipeline import empty_scopes, prune_scopes

    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    archive.mkdir()
    (archive / "a.txt").write_text("A council backs the harbour tram extension after a decade of dispute.")
    inputs = [str(inbox), str(archive)]
    scopes = prune_scopes(inputs)
    seen = [ref.source_path for ref in discover(inputs)]
    assert [root for _, root in empty_scopes(scopes, seen)] == [inbox.resolve()]
    assert empty_scopes(prune_scopes([str(archive)]), seen) == []
    export = tmp_path / "export.jsonl"  # a file of many documents given alone that holds none now: its records go
    export.write_text("")
    assert empty_scopes(prune_scopes([str(export)]), [ref.source_path for ref in discover([str(export)])]) == []


def _cgroup(tmp_path: Path, files: dict[str, str], own: str = "/") -> int | None:
    from flows.pipeline import cgroup_cpus

    root = tmp_path / "cgroup"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text + "\n")
    (tmp_path / "self").write_text(f"0::{own}\n")
    return cgroup_cpus(tmp_path / "self", root)


@pytest.mark.parametrize(
    ("files", "own", "cpus"),
    [
        ({"cpu.max": "200000 100000"}, "/", 2),  # docker run --cpus 2, cgroup v2, a container's own namespace
        ({"cpu.max": "150000 100000"}, "/", 2),  # --cpus 1.5: rounded up
        ({"cpu.max": "50000 100000"}, "/", 1),
        ({"cpu.max": "max 100000"}, "/", None),  # no limit
        ({"docker/abc/cpu.max": "300000 100000"}, "/docker/abc", 3),  # the host's namespace: the process's own group
        ({"cpu/cpu.cfs_quota_us": "400000", "cpu/cpu.cfs_period_us": "100000"}, "/", 4),  # cgroup v1
        ({"cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000"}, "/", None),
        ({"cpu.max": "garbage"}, "/", None),
        ({}, "/", None),  # no cgroup file system (macOS, Windows, a sandbox)
    ],
)
def test_cgroup_cpus_reads_a_containers_cpu_limit(tmp_path, files, own, cpus):
    assert _cgroup(tmp_path, files, own) == cpus


def test_workers_0_uses_no_more_processes_than_the_cpu_limit(monkeypatch):
    import flows.pipeline
    from flows.pipeline import worker_count

    monkeypatch.setattr(flows.pipeline, "cgroup_cpus", lambda: 1)
    assert worker_count(Settings(workers=0)) == 1
    assert worker_count(Settings(workers=3)) == 3  # a number set by the operator stands
    monkeypatch.setattr(flows.pipeline, "cgroup_cpus", lambda: None)
    assert worker_count(Settings(workers=0)) == flows.pipeline.available_cpus() >= 1


def test_a_batch_ending_with_an_attached_file_lets_go_of_its_message_and_closes_its_file(tmp_path: Path):
    from email.message import EmailMessage

    from flows.steps import attachments

    message = EmailMessage()
    message["From"], message["Subject"], message["Date"] = "a@example.org", "Bericht", "Tue, 05 Mar 2024 07:00:00 +0100"
    message.set_content("Anbei der Bericht des Stadtrats.")
    message.add_attachment(SEEDS.joinpath(sorted(p.name for p in SEEDS.iterdir())[0]).read_bytes(), maintype="text", subtype="plain", filename="bericht.txt")
    (tmp_path / "pr.eml").write_bytes(bytes(message))
    refs = discover([str(tmp_path)])
    assert [r.source_path.rsplit("/", 1)[1] for r in refs] == ["pr.eml", "pr.eml#bericht.txt"]
    out = prepare_refs(refs, Settings(), NOW)
    assert len(out.prepared) == 2
    assert getattr(attachments._last, "message", None) is None  # kept until the thread's next document before
    fds = Path("/proc/self/fd")
    if fds.is_dir():  # Linux: no descriptor left open on the message's file
        opened = []
        for fd in fds.iterdir():
            try:
                opened.append(str(fd.readlink()))
            except OSError:
                continue
        assert str(tmp_path / "pr.eml") not in opened
