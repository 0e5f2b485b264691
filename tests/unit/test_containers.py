import gzip
import io
import json
import logging
import os
from pathlib import Path

import pytest

from flows.models import Reason, Rejection, SourceDocument
from flows.steps.containers import (
    CHANGED,
    MAX_KEY_CHARS,
    SEVENZ_CUT,
    container_kind,
    extract_record,
    json_key,
    read_archive_member,
    read_held,
    read_record,
    scan,
)
from flows.steps.feeds import parse_feed
from flows.steps.formats import Extracted, Problem
from flows.steps.load import discover, load_document
from tests.documents import arc_bytes, article_page, warc_bytes

GERMAN = "Die Regierung in Berlin hat am Montag neue Gespräche mit Paris über den Haushalt angekündigt."
ENGLISH = "Heavy rain flooded the streets of London on Tuesday, and the Met Office warned of more to come."
MAX = 1_000_000


def _lines(path: Path, records: list[object], *, blank: bool = False) -> Path:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" + ("\n" if blank else "") for r in records)
    path.write_text(text, encoding="utf-8")
    return path


def _loaded(folder: Path) -> dict[str, SourceDocument | Rejection]:
    return {ref.source_path: load_document(ref, max_bytes=MAX) for ref in discover([folder])}


def test_files_that_hold_many_documents_are_told_by_name_and_a_json_list_by_its_first_character(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('\ufeff \n[{"text": "a"}]', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"text": "a"}')
    (tmp_path / "list.json.gz").write_bytes(gzip.compress(b'[{"text": "a"}]'))
    (tmp_path / "spaced.json").write_text(" " * 10_000 + '[{"text": "a"}]')
    (tmp_path / "cut.json.gz").write_bytes(gzip.compress(b'[{"text": "a"}]')[:12])
    names = (
        "a.jsonl", "a.NDJSON.gz", "c.warc.gz", "c.warc", "d.arc", "d.ARC.gz", "list.json", "one.json", "list.json.gz", "a.txt", "spaced.json",
        "cut.json.gz",
    )
    assert {n: container_kind(tmp_path / n) for n in names} == {
        "a.jsonl": "jsonl", "a.NDJSON.gz": "jsonl", "c.warc.gz": "warc", "c.warc": "warc", "d.arc": "warc", "d.ARC.gz": "warc",
        "list.json": "jsonlist",
        "one.json": None, "list.json.gz": "jsonlist", "a.txt": None, "spaced.json": "jsonlist",
        "cut.json.gz": "jsonlist",  # cannot be read: listed as a list, so that the listing says why and keeps its records
    }


def test_a_record_is_named_by_its_id_else_its_url_else_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    _lines(folder / "export.jsonl", [
        {"id": 17, "title": "Haushalt", "text": GERMAN},
        {"url": "https://news.example/rain", "text": ENGLISH, "source": "https://news.example/"},
        {"maintext": ENGLISH},
    ], blank=True)
    docs = _loaded(folder)
    assert list(docs) == ["feeds/export.jsonl#17", "feeds/export.jsonl#https://news.example/rain", "feeds/export.jsonl#line-5"]
    assert all(isinstance(d, SourceDocument) and d.format == "json" for d in docs.values()), docs
    first = docs["feeds/export.jsonl#17"]
    assert isinstance(first, SourceDocument) and (first.text, first.properties.title) == (GERMAN, "Haushalt")
    assert len({d.doc_id for d in docs.values()}) == 3


def test_keys_are_one_bounded_line_of_valid_unicode_and_different_values_stay_different() -> None:
    assert json_key({"id": True, "url": "https://x.example/a"}) == "https://x.example/a"  # a flag is no id
    assert json_key({"id": " \t", "url": "https://x.example/a"}) == "https://x.example/a"  # a blank id is none
    assert json_key({"id": "a\n b\t"}) == "a\\x0a b\\x09"
    assert json_key({"url": "/relative/path", "link": "ftp://x"}) is None
    assert json_key({"guid": "\ud800x"}) == "\\ud800x"
    ids = ["a b", "a  b", "a\nb", " a b", "\ud800", "\\ud800", "https://x.example/ü"]
    assert len({json_key({"id": i}) for i in ids}) == len(ids)
    long = json_key({"url": "https://x.example/" + "a" * 500})
    assert long is not None and len(long) == MAX_KEY_CHARS and long != json_key({"url": "https://x.example/" + "a" * 499})


def test_of_records_that_share_a_key_the_last_is_read_and_the_others_are_refused_naming_it(tmp_path: Path) -> None:
    _lines(tmp_path / "export.jsonl", [
        {"id": "a1", "text": GERMAN}, {"id": "line-3", "text": ENGLISH}, {"text": ENGLISH}, {"id": "a1", "text": GERMAN + " Neu."},
    ])
    docs = _loaded(tmp_path)
    name = tmp_path.name
    old = docs[f"{name}/export.jsonl#line-1"]
    assert isinstance(old, Rejection) and old.reason == Reason.DUPLICATE
    assert old.detail == "line 1: the same key 'a1' as line 4, which is read instead"
    kept = docs[f"{name}/export.jsonl#a1"]
    assert isinstance(kept, SourceDocument) and kept.text.endswith("Neu.")
    assert isinstance(docs[f"{name}/export.jsonl#line-3"], SourceDocument)  # line 2, whose id reads "line-3"
    assert isinstance(docs[f"{name}/export.jsonl#line-3~"], SourceDocument)  # line 3, without an id
    assert len(docs) == 4


def test_bad_lines_are_refused_one_by_one_and_a_line_over_the_limit_is_skipped_without_being_held(tmp_path: Path) -> None:
    huge = json.dumps({"id": "big", "text": "x " * 600})
    (tmp_path / "export.ndjson").write_text(
        "\n".join([json.dumps({"id": "a", "text": GERMAN}), "{broken", '"a string"', huge, json.dumps({"id": "b", "text": ENGLISH})]) + "\n"
    )
    found = scan(tmp_path / "export.ndjson", "jsonl", max_bytes=1000)
    assert [m.record.key for m in found.members] == ["a", "line-2", "line-3", "line-4", "b"] and found.problem is None
    assert found.members[3].record.length == len(huge) and found.members[3].record.keyless
    refs = discover([tmp_path / "export.ndjson"], max_bytes=1000)
    docs = {r.record.key: load_document(r, max_bytes=1000) for r in refs if r.record}
    assert isinstance(docs["a"], SourceDocument) and isinstance(docs["b"], SourceDocument)
    reasons = {k: (d.reason, d.detail.split(":")[0]) for k, d in docs.items() if isinstance(d, Rejection)}
    assert reasons == {
        "line-2": (Reason.UNREADABLE, "line 2"), "line-3": (Reason.UNSUPPORTED_TYPE, "line 3"), "line-4": (Reason.TOO_LARGE, "line 4"),
    }


def test_an_empty_json_lines_file_is_refused_as_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n\n")
    [ref] = discover([tmp_path / "empty.jsonl"])
    out = load_document(ref, max_bytes=MAX)
    assert isinstance(out, Rejection) and out.reason == Reason.EMPTY and out.path == f"{tmp_path.name}/empty.jsonl"


def test_gzipped_json_lines_are_decompressed_once_and_read_at_offsets_in_the_decompressed_bytes(tmp_path: Path) -> None:
    records = [{"id": n, "text": f"{GERMAN} Nummer {n}."} for n in range(5)]
    (tmp_path / "export.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    docs = _loaded(tmp_path)
    texts = sorted(d.text for d in docs.values() if isinstance(d, SourceDocument))
    assert texts == sorted(r["text"] for r in records)
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"\n" * 2_000_000))
    [bomb] = discover([tmp_path / "bomb.jsonl.gz"], max_bytes=MAX)
    refused = load_document(bomb, max_bytes=MAX)
    assert isinstance(refused, Rejection) and refused.reason == Reason.TOO_LARGE


def test_the_items_of_a_json_list_are_read_at_their_byte_offsets(tmp_path: Path) -> None:
    items = [{"title": "Größe", "text": GERMAN}, {"url": "https://news.example/ü", "text": ENGLISH}]
    (tmp_path / "list.json").write_text("\ufeff[\n " + ",\n ".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n", encoding="utf-8")
    found = scan(tmp_path / "list.json", "jsonlist", max_bytes=MAX)
    assert found.problem is None
    assert [json.loads(read_record(tmp_path / "list.json", m.record, max_bytes=MAX)) for m in found.members] == items
    assert [m.record.key for m in found.members] == ["item-1", "https://news.example/ü"]


@pytest.mark.parametrize(
    ("content", "reason", "words", "kept"),
    [
        ('[{"text": "a"}, {"text": "b"} {"text": "c"}]', Reason.UNREADABLE, "after item 2", 2),
        ('[{"text": "a"}, {"text": ]', Reason.UNREADABLE, "item 2 (byte 16) is not valid JSON", 1),
        ('["a", "b"]', Reason.UNSUPPORTED_TYPE, "a JSON list of strs, not of article objects", 0),
        ("[ ]", Reason.EMPTY, "an empty JSON list", 0),
        ("[" + "[" * 100_000 + "]" * 99_999, Reason.UNREADABLE, "item 1 (byte 1) is not valid JSON (it does not end)", 0),
    ],
)
def test_a_json_list_that_breaks_off_keeps_the_items_before_and_names_the_problem(
    tmp_path: Path, content: str, reason: Reason, words: str, kept: int
) -> None:
    (tmp_path / "list.json").write_text(content)
    found = scan(tmp_path / "list.json", "jsonlist", max_bytes=MAX)
    assert found.problem is not None and found.problem[0] == reason and words in found.problem[1], found.problem
    assert len(found.members) == kept


def test_an_item_of_a_json_list_nested_too_deeply_is_refused_and_the_items_after_it_are_read(tmp_path: Path) -> None:
    """The listing stopped at it, losing the items after it."""
    deep = '{"text": "[{", "more": ' + "[" * 100_000 + '"]"' + "]" * 100_000 + "}"  # brackets in strings do not count
    items = [json.dumps({"id": "a", "text": GERMAN}), deep, json.dumps({"id": "c", "text": "} ] " + ENGLISH})]
    (tmp_path / "list.json").write_text("[" + ", ".join(items) + "]")
    found = scan(tmp_path / "list.json", "jsonlist", max_bytes=MAX)
    assert found.problem is None
    assert [(m.record.key, m.problem) for m in found.members] == [
        ("a", None), ("item-2", (Reason.UNREADABLE, "nested too deeply to be read as JSON")), ("c", None)
    ]
    last = found.members[2].record
    assert json.loads(read_record(tmp_path / "list.json", last, max_bytes=MAX))["text"].startswith("} ] ")  # type: ignore[arg-type]


def test_a_json_list_over_the_limit_is_refused_whole_with_advice(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": GERMAN}] * 50))
    found = scan(tmp_path / "list.json", "jsonlist", max_bytes=1000)
    assert found.members == () and found.problem is not None and found.problem[0] == Reason.TOO_LARGE
    assert "JSON Lines" in found.problem[1]


def test_the_html_pages_of_a_web_archive_are_its_documents(tmp_path: Path) -> None:
    page = article_page("Haushalt", [GERMAN] * 4)
    latin = article_page("Größe", [GERMAN] * 4, charset="cp1252")
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes([
        ("https://news.example/haushalt", page),
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://news.example/alt", latin, "text/html; charset=windows-1252"),
        ("https://news.example/gone", b"<html>not found</html>", "text/html", "404 Not Found"),
        ("https://news.example/moved", b"", "text/html", "301 Moved Permanently"),
    ]))
    docs = _loaded(tmp_path)
    name = f"{tmp_path.name}/crawl.warc.gz"
    assert sorted(docs) == [f"{name}#https://news.example/alt", f"{name}#https://news.example/haushalt"]
    first = docs[f"{name}#https://news.example/haushalt"]
    assert isinstance(first, SourceDocument) and (first.format, first.markup) == ("warc", "html")
    assert first.text == page.decode() and first.properties.url == "https://news.example/haushalt"
    second = docs[f"{name}#https://news.example/alt"]
    assert isinstance(second, SourceDocument) and "Größe" in second.text and second.encoding == "windows-1252"


def test_an_uncompressed_web_archive_and_a_capture_made_twice(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(warc_bytes([
        ("https://news.example/a", article_page("Alt", [GERMAN])), ("https://news.example/a", article_page("Neu", [GERMAN])),
    ], gzip=False))
    docs = list(_loaded(tmp_path).values())
    assert len(docs) == 2
    [old] = [d for d in docs if isinstance(d, Rejection)]
    assert old.reason == Reason.DUPLICATE and "as the record at byte" in old.detail and old.path.split("#")[1].startswith("byte-")
    [new] = [d for d in docs if isinstance(d, SourceDocument)]
    assert "Neu" in new.text


def test_a_web_archive_cut_short_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    data = warc_bytes([(f"https://news.example/{n}", article_page(str(n), [GERMAN] * 3)) for n in range(3)], gzip=False)
    (tmp_path / "crawl.warc").write_bytes(data[: len(data) - 200])
    found = scan(tmp_path / "crawl.warc", "warc", max_bytes=MAX)
    assert [m.record.key for m in found.members] == ["https://news.example/0", "https://news.example/1"]
    assert found.problem is not None and found.problem[0] == Reason.UNREADABLE and "is cut short" in found.problem[1]
    refs = discover([tmp_path / "crawl.warc"])
    assert [r.source_path for r in refs if r.record is None] == [f"{tmp_path.name}/crawl.warc"]  # the file's own, refused


def test_files_named_as_web_archives_that_are_none_or_hold_no_pages_or_one_gzip_stream(tmp_path: Path) -> None:
    (tmp_path / "notes.warc").write_text("just some notes\n")
    (tmp_path / "images.warc.gz").write_bytes(warc_bytes([("https://news.example/a.png", b"\x89PNG", "image/png")]))
    plain = warc_bytes([(f"https://news.example/{n}", article_page(str(n), [GERMAN])) for n in range(2)], gzip=False)
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(plain))
    problems = {n: scan(tmp_path / n, "warc", max_bytes=MAX) for n in ("notes.warc", "images.warc.gz", "whole.warc.gz")}
    assert {n: (s.problem[0] if s.problem else None, len(s.members)) for n, s in problems.items()} == {
        "notes.warc": (Reason.UNREADABLE, 0), "images.warc.gz": (Reason.NO_CONTENT, 0), "whole.warc.gz": (Reason.UNREADABLE, 0),
    }
    assert "gunzip" in problems["whole.warc.gz"].problem[1]  # type: ignore[index]
    assert "3 records, none of them an HTML page" in problems["images.warc.gz"].problem[1]  # type: ignore[index]


@pytest.mark.parametrize("gzipped", [True, False])
def test_the_html_pages_of_an_arc_web_archive_are_its_documents_as_in_a_warc(tmp_path: Path, gzipped: bool) -> None:
    page = article_page("Haushalt", [GERMAN] * 4)
    latin = article_page("Größe", [GERMAN] * 4, charset="cp1252")
    file = "crawl.arc.gz" if gzipped else "crawl.arc"
    (tmp_path / file).write_bytes(arc_bytes([
        ("https://news.example/haushalt", article_page("Alt", [ENGLISH] * 4)),  # captured again below: not read
        ("dns:news.example", b"20240102030405\nnews.example. 300 IN A 192.0.2.1\n", "text/dns"),
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://news.example/alt", latin, "text/html; charset=windows-1252"),
        ("https://news.example/gone", b"<html>not found</html>", "text/html", "404 Not Found"),
        ("https://news.example/haushalt", page),
    ], gzip=gzipped))
    docs = _loaded(tmp_path)
    name = f"{tmp_path.name}/{file}"
    pages = {k.split("#", 1)[1]: d for k, d in docs.items()}
    old_capture = next(k for k in pages if k.startswith("byte-"))
    assert sorted(pages) == [old_capture, "https://news.example/alt", "https://news.example/haushalt"]
    old = pages[old_capture]
    assert isinstance(old, Rejection) and old.reason == Reason.DUPLICATE and "as the record at byte" in old.detail
    first = pages["https://news.example/haushalt"]
    assert isinstance(first, SourceDocument) and (first.format, first.markup) == ("warc", "html") and first.text == page.decode()
    assert first.properties.url == "https://news.example/haushalt" and first.properties.published is None  # not the capture date
    second = pages["https://news.example/alt"]
    assert isinstance(second, SourceDocument) and "Größe" in second.text and second.encoding == "windows-1252"
    assert first.source_path == f"{name}#https://news.example/haushalt"


@pytest.mark.parametrize(("file", "cut"), [("crawl.arc", 200), ("crawl.arc.gz", 40)])
def test_an_arc_web_archive_cut_short_keeps_the_records_before_the_cut(tmp_path: Path, file: str, cut: int) -> None:
    data = arc_bytes([(f"https://news.example/{n}", article_page(str(n), [GERMAN] * 3)) for n in range(3)], gzip=file.endswith(".gz"))
    (tmp_path / file).write_bytes(data[: len(data) - cut])
    found = scan(tmp_path / file, "warc", max_bytes=MAX)
    assert [m.record.key for m in found.members] == ["https://news.example/0", "https://news.example/1"]
    assert found.problem is not None and found.problem[0] == Reason.UNREADABLE and "is cut short" in found.problem[1]
    assert "not a readable web archive after byte " in found.problem[1]
    member = found.members[1]
    data_at = read_record(tmp_path / file, member.record, max_bytes=MAX)
    assert isinstance(data_at, bytes)
    extracted = extract_record(member.record, data_at, max_bytes=MAX)
    assert not isinstance(extracted, Problem) and extracted.properties.url == "https://news.example/1"
    assert isinstance(extract_record(member.record, b"garbage\n", max_bytes=MAX), Problem)


def test_arc_header_lines_with_a_space_in_the_type_or_the_url_and_a_response_without_a_type(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = article_page("Haushalt", [GERMAN] * 4)

    def record(header: str, content: bytes) -> bytes:
        return f"{header} {len(content)}\n".encode() + content + b"\n"

    def response(body: bytes, content_type: str | None) -> bytes:
        typed = f"Content-Type: {content_type}\r\n".encode() if content_type else b""
        return b"HTTP/1.0 200 OK\r\nServer: test\r\n" + typed + b"\r\n" + body

    (tmp_path / "crawl.arc").write_bytes(
        record("filedesc://crawl.arc 0.0.0.0 20240102030405 text/plain", b"1 0 t\nURL IP-address Archive-date Content-type Archive-length\n")
        # a type with a space, as some servers sent it: the records after it are read all the same
        + record("http://news.example/app.js 192.0.2.1 20240102030405 text/html, application/x-javascript", response(b"var x;", "application/x-javascript"))
        # no type in the HTTP headers: the header line's; a space in the URL is written %20, as warcio reads a WARC's
        + record("http://news.example/a b 2001:db8::1 20240102030405 text/html", response(page, None))
    )
    found = scan(tmp_path / "crawl.arc", "warc", max_bytes=MAX)
    assert found.problem is None and [m.record.key for m in found.members] == ["http://news.example/a%20b"]
    record_ = found.members[0].record
    data = read_record(tmp_path / "crawl.arc", record_, max_bytes=MAX)
    assert isinstance(data, bytes)
    extracted = extract_record(record_, data, max_bytes=MAX)
    assert not isinstance(extracted, Problem) and extracted.properties.url == "http://news.example/a%20b"
    # the same capture in a WARC has the same key, and warcio's warning about the space is not shown
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes([("http://news.example/a b", page)]))
    with caplog.at_level(logging.WARNING):
        warc = scan(tmp_path / "crawl.warc.gz", "warc", max_bytes=MAX)
    assert [m.record.key for m in warc.members] == ["http://news.example/a%20b"]
    assert not [r for r in caplog.records if r.name.startswith("warcio")]


def test_files_named_as_arc_web_archives_that_are_none_are_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "notes.arc").write_text("just some notes\n")
    (tmp_path / "words.arc").write_text("five words on a line\nand more words after it, as text has them\n")
    (tmp_path / "images.arc").write_bytes(arc_bytes([("https://news.example/a.png", b"\x89PNG", "image/png")], gzip=False))
    version2 = b"filedesc://crawl.arc 0.0.0.0 20240102030405 text/plain 200 - - 0 crawl.arc 9\n2 0 tests\n\n"
    (tmp_path / "old.arc").write_bytes(version2)
    docs = _loaded(tmp_path)
    assert sorted(docs) == [f"{tmp_path.name}/{n}" for n in ("images.arc", "notes.arc", "old.arc", "words.arc")]
    reasons = {path.split("/")[1]: (d.reason, d.detail) for path, d in docs.items() if isinstance(d, Rejection)}
    assert reasons["notes.arc"][0] == reasons["words.arc"][0] == Reason.UNREADABLE
    assert reasons["notes.arc"][1].startswith("not a web archive (WARC or ARC): ")
    assert reasons["words.arc"][1] == "not a web archive (WARC or ARC): no WARC or ARC record there"
    assert reasons["images.arc"] == (Reason.NO_CONTENT, "a web archive of 2 records, none of them an HTML page")
    assert reasons["old.arc"] == (
        Reason.UNSUPPORTED_TYPE, "an ARC file of version 2, which docindex does not read; convert it to WARC first",
    )


def test_an_arc_of_version_1_with_spaces_in_its_name_and_a_url_is_read(tmp_path: Path) -> None:
    page = article_page("Haushalt", [GERMAN] * 4)
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    version = b"1 0 t\nURL IP-address Archive-date Content-type Archive-length\n"
    lines = [
        (b"filedesc://my crawl.arc 0.0.0.0 20240102030405 text/plain", version),
        # a word of the URL that reads as a hex number and one of 8 digits: the date is the last such word after an IP
        (b"http://news.example/q?x abc 12345678 192.0.2.1 20240102030405 text/html", http),
    ]
    (tmp_path / "crawl.arc").write_bytes(b"".join(h + b" %d\n" % len(c) + c + b"\n" for h, c in lines))
    found = scan(tmp_path / "crawl.arc", "warc", max_bytes=MAX)
    assert found.problem is None and [m.record.key for m in found.members] == ["http://news.example/q?x%20abc%2012345678"]


def test_a_file_changed_after_its_records_were_listed_is_not_read_at_stale_offsets(tmp_path: Path) -> None:
    path = _lines(tmp_path / "export.jsonl", [{"id": "a", "text": GERMAN}, {"id": "b", "text": ENGLISH}])
    member = scan(path, "jsonl", max_bytes=MAX).members[1]
    assert json.loads(read_record(path, member.record, max_bytes=MAX))["id"] == "b"  # type: ignore[arg-type]
    _lines(path, [{"id": "b", "text": ENGLISH}])
    os.utime(path, ns=(member.record.file.mtime_ns + 1, member.record.file.mtime_ns + 1))
    changed = read_record(path, member.record, max_bytes=MAX)
    assert isinstance(changed, Problem) and changed.reason == Reason.UNREADABLE and "next run" in changed.detail
    path.unlink()
    assert read_record(path, member.record, max_bytes=MAX).reason == Reason.NOT_FOUND  # type: ignore[union-attr]


def test_a_web_archive_record_that_is_damaged_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_bytes(warc_bytes([("https://news.example/a", article_page("A", [GERMAN]))], gzip=False))
    member = scan(tmp_path / "crawl.warc", "warc", max_bytes=MAX).members[0]
    assert isinstance(extract_record(member.record, b"garbage\r\n\r\n", max_bytes=MAX), Problem)
    data = read_record(tmp_path / "crawl.warc", member.record, max_bytes=MAX)
    assert isinstance(data, bytes)
    too_large = extract_record(member.record, data, max_bytes=100)
    assert isinstance(too_large, Problem) and too_large.reason == Reason.TOO_LARGE


def test_a_web_archive_record_without_a_length_or_a_target_ends_the_listing_there(tmp_path: Path) -> None:
    """Without Content-Length warcio reads a record to the end of the file, so the pages after it were lost and
    the file counted as listed in full (``--prune`` then deleted them); a response without WARC-Target-URI made
    warcio raise AttributeError, which lost the whole file."""
    import re

    pages = [(f"https://news.example/{n}", article_page(n, [GERMAN])) for n in "abc"]
    data = warc_bytes(pages, gzip=False)
    no_length = re.sub(rb"Content-Length: \d+\r\n", b"", data, count=1)  # the warcinfo record's
    (tmp_path / "no-length.warc").write_bytes(no_length)
    listed = scan(tmp_path / "no-length.warc", "warc", max_bytes=MAX)
    assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.UNREADABLE
    assert "not read after byte 0: a record without a Content-Length header" in listed.problem[1]

    targets = [m.start() for m in re.finditer(rb"WARC-Target-URI: [^\r]*\r\n", data)]
    second_response = targets[3]  # request, response, request, response
    no_target = re.sub(rb"WARC-Target-URI: [^\r]*\r\n", b"", data[second_response:], count=1)
    (tmp_path / "no-target.warc").write_bytes(data[:second_response] + no_target)
    listed = scan(tmp_path / "no-target.warc", "warc", max_bytes=MAX)
    assert [m.record.key for m in listed.members] == ["https://news.example/a"]
    assert listed.problem is not None and listed.problem[0] == Reason.UNREADABLE
    assert "cannot be parsed" in listed.problem[1] and "WARC-Target-URI" in listed.problem[1]


def test_web_archive_header_lines_are_read_whole_up_to_a_cap(tmp_path: Path) -> None:
    """Lines are read by ``_line_reader`` (bench/pathological.py times a file of one long line): a long target URI
    is read whole; a damaged tail of zeros longer than ``WARC_LINE_MAX`` ends the listing."""
    from flows.steps.containers import WARC_LINE_MAX

    long_uri = "https://news.example/a?" + "q=1&" * 50_000
    data = warc_bytes([(long_uri, article_page("A", [GERMAN])), ("https://news.example/b", article_page("B", [GERMAN]))])
    (tmp_path / "crawl.warc.gz").write_bytes(data + bytes(WARC_LINE_MAX + 10))
    listed = scan(tmp_path / "crawl.warc.gz", "warc", max_bytes=MAX)
    assert len(listed.members) == 2 and listed.members[1].record.key == "https://news.example/b"
    assert listed.problem is not None and f"after byte {len(data)}" in listed.problem[1]
    first = listed.members[0].record
    extracted = extract_record(first, data[first.offset : first.offset + first.length], max_bytes=MAX)
    assert isinstance(extracted, Extracted) and extracted.properties.url == long_uri


def test_a_reference_to_a_whole_file_of_many_documents_made_by_hand_is_refused(tmp_path: Path) -> None:
    from flows.models import SourceRef

    path = _lines(tmp_path / "export.jsonl", [{"id": "a", "text": GERMAN}])
    out = load_document(SourceRef(path=path, source_path="x/export.jsonl"), max_bytes=MAX)
    assert isinstance(out, Rejection) and out.reason == Reason.UNSUPPORTED_TYPE and "discover()" in out.detail


def test_the_file_of_a_record_is_its_path_before_the_key_even_when_the_key_holds_slashes_and_hashes(tmp_path: Path) -> None:
    (tmp_path / "a#b").mkdir()
    _lines(tmp_path / "a#b" / "x.jsonl", [{"url": "https://news.example/a/b#c", "text": GERMAN}])
    [ref] = discover([tmp_path])
    assert ref.source_path == f"{tmp_path.name}/a#b/x.jsonl#https://news.example/a/b#c"
    assert ref.file_source_path == f"{tmp_path.name}/a#b/x.jsonl"


def test_discover_says_which_file_it_lists_before_listing_it(tmp_path: Path) -> None:
    path = _lines(tmp_path / "export.jsonl", [{"id": "a", "text": GERMAN}])
    (tmp_path / "a.txt").write_text(GERMAN)
    told: list[tuple[str, int]] = []
    refs = discover([tmp_path], on_listing=lambda name, size: told.append((name, size)))
    assert told == [(f"{tmp_path.name}/export.jsonl", path.stat().st_size)] and len(refs) == 2


def test_passages_that_docindex_wrote_are_not_read_again_as_articles(tmp_path: Path) -> None:
    from flows.models import ChunkRecord

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(GERMAN * 3)
    out = tmp_path / "news" / "passages.ndjson"
    fields = {name: 1 for name in ChunkRecord.model_fields} | {"text": GERMAN, "source": "https://news.example/a"}
    _lines(out, [fields, fields])
    [refused] = [load_document(r, max_bytes=MAX) for r in discover([tmp_path / "news"]) if r.path == out]
    assert isinstance(refused, Rejection) and refused.reason == Reason.UNSUPPORTED_TYPE and "ingest --output" in refused.detail


def test_a_pipe_or_device_named_as_a_file_of_many_documents_is_refused_without_blocking(tmp_path: Path) -> None:
    for name in ("x.jsonl", "x.json", "x.warc.gz"):
        os.mkfifo(tmp_path / name)
    os.symlink("/dev/zero", tmp_path / "zero.ndjson")
    import threading

    result: dict[str, dict] = {}
    worker = threading.Thread(target=lambda: result.update(docs=_loaded(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "discovery blocked on a pipe or an endless device"
    docs = result["docs"]
    assert sorted(docs) == sorted(f"{tmp_path.name}/{n}" for n in ("x.jsonl", "x.json", "x.warc.gz", "zero.ndjson"))
    assert all(isinstance(d, Rejection) and "not a regular file" in d.detail for d in docs.values()), docs


def test_a_line_over_the_limit_is_one_record_however_long(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x " * 1_300_000})  # 2.6 MB, over a limit above the 1 MiB read size
    (tmp_path / "export.jsonl").write_text("\n".join([json.dumps({"id": "a", "text": GERMAN}), big, json.dumps({"text": ENGLISH})]) + "\n")
    found = scan(tmp_path / "export.jsonl", "jsonl", max_bytes=1_100_000)
    assert [(m.record.key, m.record.length, m.record.keyless) for m in found.members] == [
        ("a", len(json.dumps({"id": "a", "text": GERMAN}, ensure_ascii=True)), False), ("line-2", len(big), True), ("line-3", len(json.dumps({"text": ENGLISH})), False),
    ]


def test_line_endings_do_not_change_a_records_bytes(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": GERMAN})
    hashes = set()
    for n, ending in enumerate(("\n", "\r\n", "")):
        (tmp_path / f"{n}.jsonl").write_bytes((line + ending).encode())
        [ref] = discover([tmp_path / f"{n}.jsonl"])
        doc = load_document(ref, max_bytes=MAX)
        assert isinstance(doc, SourceDocument)
        hashes.add(doc.source_hash)
    assert len(hashes) == 1


def test_json_lines_in_utf16_are_refused_as_a_whole(tmp_path: Path) -> None:
    (tmp_path / "export.jsonl").write_bytes(("\ufeff" + json.dumps({"id": "a", "text": GERMAN}) + "\n").encode("utf-16-le"))
    found = scan(tmp_path / "export.jsonl", "jsonl", max_bytes=MAX)
    assert found.members == () and found.problem is not None and found.problem[0] == Reason.UNDECODABLE


def test_json_lines_ended_by_a_carriage_return_alone_are_refused_naming_the_line_endings(tmp_path: Path) -> None:
    """They were one record refused as "not JSON (Extra data ...)"; a record spread over lines by CRs inside it,
    and CRLF lines, are read as before."""
    records = [json.dumps({"id": n, "text": GERMAN}) for n in "ab"]
    (tmp_path / "mac.jsonl").write_bytes("\r".join(records).encode() + b"\r")
    found = scan(tmp_path / "mac.jsonl", "jsonl", max_bytes=MAX)
    assert found.members == () and found.problem is not None and found.problem[0] == Reason.UNREADABLE
    assert "carriage return alone" in found.problem[1] and "tr '\\r' '\\n'" in found.problem[1]
    (tmp_path / "dos.jsonl").write_bytes("\r\n".join(records).encode() + b"\r\n")
    (tmp_path / "one.jsonl").write_bytes(b'{"id": "a",\r"text": "x"}\r')
    assert [len(scan(tmp_path / n, "jsonl", max_bytes=MAX).members) for n in ("dos.jsonl", "one.jsonl")] == [2, 1]


def test_a_record_named_as_a_file_beside_it_is_renamed_not_a_configuration_error(tmp_path: Path) -> None:
    _lines(tmp_path / "export.jsonl", [{"id": "a", "text": GERMAN}])
    (tmp_path / "export.jsonl#a").write_text(ENGLISH)
    docs = _loaded(tmp_path)
    name = tmp_path.name
    assert sorted(docs) == [f"{name}/export.jsonl#a", f"{name}/export.jsonl#a~"]
    record = docs[f"{name}/export.jsonl#a~"]
    assert isinstance(record, SourceDocument) and record.text == GERMAN
    assert isinstance(docs[f"{name}/export.jsonl#a"], Rejection)  # the file itself: its odd suffix is not read


def test_a_json_list_with_a_byte_that_is_no_utf8_loses_only_its_item_and_more_after_the_list_is_named(tmp_path: Path) -> None:
    items = [json.dumps({"id": n, "text": GERMAN}).encode() for n in range(3)]
    items[1] = items[1].replace(b"Berlin", b"Berl\xefn")
    (tmp_path / "list.json").write_bytes(b"[" + b",".join(items) + b"]")
    docs = _loaded(tmp_path)
    assert [type(d).__name__ for d in docs.values()] == ["SourceDocument", "Rejection", "SourceDocument"]
    (tmp_path / "two.json").write_text('[{"text": "a"}] [{"text": "b"}]')
    found = scan(tmp_path / "two.json", "jsonlist", max_bytes=MAX)
    assert found.problem is not None and "more after the list's closing ']'" in found.problem[1] and len(found.members) == 1


def test_a_file_rewritten_at_the_same_size_and_time_is_not_read_at_its_old_offsets(tmp_path: Path) -> None:
    records = [{"id": "a0", "text": ENGLISH}, {"id": "a1", "text": ENGLISH.upper()}]  # lines of the same length
    path = _lines(tmp_path / "export.jsonl", records)
    refs = discover([path])
    stat = path.stat()
    _lines(path, records[::-1])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    outcomes = [load_document(r, max_bytes=MAX) for r in refs]
    assert all(isinstance(o, Rejection) and "changed after its records were listed" in o.detail for o in outcomes), outcomes


def test_web_archive_pages_stored_compressed_are_decoded_or_refused_by_name(tmp_path: Path) -> None:
    import brotli
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = article_page("Haushalt", [GERMAN] * 3)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, coding, body in (("https://news.example/br", "br", brotli.compress(page)), ("https://news.example/zstd", "zstd", b"\x28\xb5\x2f\xfd...")):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", coding)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    (tmp_path / "crawl.warc.gz").write_bytes(out.getvalue())
    docs = _loaded(tmp_path)
    name = f"{tmp_path.name}/crawl.warc.gz"
    assert isinstance(docs[f"{name}#https://news.example/br"], SourceDocument) and docs[f"{name}#https://news.example/br"].text == page.decode()  # type: ignore[union-attr]
    refused = docs[f"{name}#https://news.example/zstd"]
    assert isinstance(refused, Rejection) and refused.reason == Reason.UNSUPPORTED_TYPE and "'zstd'" in refused.detail


def test_a_web_archive_is_listed_quietly_past_an_oversized_page_and_empty_gzip_members(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    pages = [(f"https://news.example/{n}", article_page(str(n), [GERMAN] * (60 if n == 1 else 2))) for n in range(3)]
    data = warc_bytes(pages)
    (tmp_path / "crawl.warc.gz").write_bytes(data + gzip.compress(b"") + gzip.compress(b"\r\n"))
    whole = scan(tmp_path / "crawl.warc.gz", "warc", max_bytes=MAX)
    assert whole.problem is None and len(whole.members) == 3
    capped = scan(tmp_path / "crawl.warc.gz", "warc", max_bytes=3000)  # page 1 is over 3,000 bytes: refused alone
    assert [m.record.key for m in capped.members] == [f"https://news.example/{n}" for n in range(3)]
    assert [m.problem for m in capped.members] == [None, (Reason.TOO_LARGE, "a page of more than 3000 bytes (max_file_bytes)"), None]
    assert capped.problem is None  # the listing goes on after it (it stopped there, and the pages after were lost)
    damaged = bytearray(data)
    damaged[len(data) // 2 : len(data) // 2 + 40] = b"\x00" * 40  # the middle of a gzip member
    (tmp_path / "damaged.warc.gz").write_bytes(bytes(damaged))
    broken = scan(tmp_path / "damaged.warc.gz", "warc", max_bytes=MAX)
    assert broken.problem is not None and broken.problem[0] == Reason.UNREADABLE and "damaged" in broken.problem[1]
    assert capfd.readouterr().err == ""  # warcio's own warnings are not printed over the command line's display


def _table(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    import csv

    with path.open("w", newline="", encoding=encoding) as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def test_a_table_whose_header_names_an_article_text_holds_one_article_per_row(tmp_path: Path) -> None:
    header = ["ID", "Title", "publication", "Author", "date", "URL", "Content"]  # the "All the News" layout
    _table(tmp_path / "news.csv", [
        header,
        ["17", "Haushalt", "Zeitung", "Jane Doe", "2016-12-31", "https://news.example/17", f"{GERMAN}\n{GERMAN}"],
        ["", "Rain", "Paper", "", "2017-01-02", "https://news.example/rain", f'{ENGLISH} "Quoted", she said.'],
        ["", "", "", "", "", "", ""],
    ], encoding="utf-8-sig")
    _table(tmp_path / "numbers.csv", [["year", "count"], ["2016", "3"]])
    docs = _loaded(tmp_path)
    name = tmp_path.name
    assert sorted(docs) == [f"{name}/news.csv#17", f"{name}/news.csv#https://news.example/rain", f"{name}/numbers.csv"]
    first = docs[f"{name}/news.csv#17"]
    assert isinstance(first, SourceDocument) and (first.format, first.markup) == ("csv", "text")
    assert first.text == f"{GERMAN}\n{GERMAN}"  # a quoted text's line breaks are the row's, not new rows
    assert (first.properties.title, first.properties.site, first.properties.author, str(first.properties.published)) == (
        "Haushalt", "Zeitung", "Jane Doe", "2016-12-31",
    )
    rain = docs[f"{name}/news.csv#https://news.example/rain"]
    assert isinstance(rain, SourceDocument) and rain.text.endswith('"Quoted", she said.')
    numbers = docs[f"{name}/numbers.csv"]
    assert isinstance(numbers, SourceDocument) and numbers.format == "text"  # a table of something else stays text


@pytest.mark.parametrize(("suffix", "delimiter", "encoding"), [(".csv", ";", "cp1252"), (".tsv", "\t", "utf-8"), (".csv.gz", "|", "utf-8")])
def test_tables_in_other_delimiters_and_encodings(tmp_path: Path, suffix: str, delimiter: str, encoding: str) -> None:
    path = _table(tmp_path / f"t{suffix.removesuffix('.gz')}", [["title", "text"], ["Größe", GERMAN], ["Rain", ENGLISH]], delimiter=delimiter, encoding=encoding)
    if suffix.endswith(".gz"):
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes()))
        path.unlink()
    docs = list(_loaded(tmp_path).values())
    assert [(d.properties.title, d.text) for d in docs if isinstance(d, SourceDocument)] == [("Größe", GERMAN), ("Rain", ENGLISH)], docs


def test_a_table_row_rewritten_or_a_line_over_the_limit(tmp_path: Path) -> None:
    path = _table(tmp_path / "news.csv", [["id", "text"], ["a", ENGLISH], ["b", ENGLISH.upper()]])
    refs = discover([path])
    before = path.stat()
    _table(path, [["id", "text"], ["b", ENGLISH.upper()], ["a", ENGLISH]])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert all(isinstance(o, Rejection) and "changed" in o.detail for o in (load_document(r, max_bytes=MAX) for r in refs))
    _table(path, [["id", "text"], ["a", ENGLISH], ["big", "x" * 5000], ["c", GERMAN]])
    found = scan(path, "csv", max_bytes=2000)
    assert [m.record.key for m in found.members] == ["a"]
    assert found.problem is not None and found.problem[0] == Reason.TOO_LARGE and "rows from it on are not read" in found.problem[1]


def test_tables_that_cannot_be_listed_are_refused_with_the_reason_not_a_crash(tmp_path: Path) -> None:
    text = ENGLISH.replace(",", "")
    (tmp_path / "mac.csv").write_bytes(f"id,text\r1,{text}\r2,{text}\r".encode())  # old Mac line ends
    (tmp_path / "wide.csv").write_bytes(f"id,text\n1,{text}\n".encode("utf-16"))
    (tmp_path / "nul.csv").write_bytes(b"id,te\x00xt\n1,x\n")  # a header csv cannot read: plain text
    docs = _loaded(tmp_path)
    name = tmp_path.name
    assert sorted(docs) == [f"{name}/mac.csv", f"{name}/nul.csv", f"{name}/wide.csv"]
    mac, wide = docs[f"{name}/mac.csv"], docs[f"{name}/wide.csv"]
    assert isinstance(mac, Rejection) and mac.reason == Reason.UNREADABLE and mac.detail == (
        "a table whose lines end in a carriage return alone (as classic Mac OS wrote them); save it with LF or CRLF line endings"
    )
    assert isinstance(wide, Rejection) and wide.reason == Reason.UNDECODABLE and "save it as UTF-8" in wide.detail


def test_a_listing_that_fails_unexpectedly_refuses_its_file_and_discovery_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.steps.load as load

    _lines(tmp_path / "export.jsonl", [{"id": "a", "text": GERMAN}])
    (tmp_path / "a.txt").write_text(GERMAN)
    monkeypatch.setattr(load, "scan", lambda *a, **k: 1 / 0)
    refs = discover([tmp_path])
    assert [r.source_path for r in refs] == [f"{tmp_path.name}/a.txt", f"{tmp_path.name}/export.jsonl"]
    assert refs[1].problem is not None and "ZeroDivisionError" in refs[1].problem[1]


def test_a_long_text_is_read_in_a_process_that_did_not_list_the_table(tmp_path: Path) -> None:
    import csv

    long_text = (ENGLISH.replace(",", "") + " ") * 2000  # about 190,000 characters, over csv's default field limit
    refs = discover([_table(tmp_path / "news.csv", [["id", "text"], ["a", long_text]])])
    default = csv.field_size_limit(131_072)  # a worker process starts with csv's default
    try:
        doc = load_document(refs[0], max_bytes=MAX)
    finally:
        csv.field_size_limit(default)
    assert isinstance(doc, SourceDocument) and doc.text == long_text


def test_rows_that_would_lose_or_merge_text_are_refused_by_name(tmp_path: Path) -> None:
    text = ENGLISH.replace(",", "")
    (tmp_path / "comma.csv").write_text(f"id,title,text\n1,T1,{text} However, the dog was not amused.\n2,T2,{text}\n")
    docs = _loaded(tmp_path)
    cut = docs[f"{tmp_path.name}/comma.csv#row-1"]
    assert isinstance(cut, Rejection) and "4 fields where the header has 3" in cut.detail  # not a text cut at the comma
    assert isinstance(docs[f"{tmp_path.name}/comma.csv#2"], SourceDocument)
    (tmp_path / "comma.csv").unlink()
    (tmp_path / "quote.csv").write_text(f'id,title,text\n1,T1,{text}\n2,T2,"{text}\n3,T3,{text}\n4,T4,"quoted {text}"\n5,T5,{text}\n')
    found = scan(tmp_path / "quote.csv", "csv", max_bytes=MAX)
    assert [m.record.key for m in found.members] == ["1"]  # row 2's open quote would swallow rows 3 and 4
    assert found.problem is not None and "row 2" in found.problem[1] and "not read" in found.problem[1]
    (tmp_path / "cut.csv").write_text(f'id,title,text\n1,T1,"{text}\nsecond line\n{"x" * 3000}\nlast"\n2,T2,"{text}"\n')
    cut_inside = scan(tmp_path / "cut.csv", "csv", max_bytes=2000)
    assert cut_inside.members == () and cut_inside.problem is not None and cut_inside.problem[0] == Reason.TOO_LARGE


def test_rows_in_utf8_and_in_the_tables_other_encoding_are_both_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,title,text\n" + "1,Café,Größere Übungen für Straßenbahnen\n".encode("cp1252") + "2,Thé,Größere Übungen für Straßenbahnen\n".encode())
    docs = list(_loaded(tmp_path).values())
    assert [(d.properties.title, d.text) for d in docs if isinstance(d, SourceDocument)] == [
        ("Café", "Größere Übungen für Straßenbahnen"), ("Thé", "Größere Übungen für Straßenbahnen"),
    ]


def test_of_two_columns_of_one_name_the_first_is_read(tmp_path: Path) -> None:
    _table(tmp_path / "t.csv", [["id", "Text", "TEXT"], ["a", GERMAN, "second"]])
    [doc] = _loaded(tmp_path).values()
    assert isinstance(doc, SourceDocument) and doc.text == GERMAN


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_table_that_opens_with_excels_sep_line_is_read_in_its_delimiter_from_the_line_after(tmp_path: Path, bom: str) -> None:
    rows = f'id;title;text\r\n1;Haushalt;"{GERMAN}; Paris"\r\n2;Rain;"{ENGLISH}\nsep=;"\r\n'
    (tmp_path / "excel.csv").write_bytes(f"{bom}sep=;\r\n{rows}".encode())
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "excel.csv").write_bytes(f"{bom}{rows}".encode())
    found = scan(tmp_path / "excel.csv", "csv", max_bytes=MAX)
    assert [m.record.key for m in found.members] == ["1", "2"] and found.problem is None
    first = read_record(tmp_path / "excel.csv", found.members[0].record, max_bytes=MAX)
    assert first == f'1;Haushalt;"{GERMAN}; Paris"\r\n'.encode()  # the row's bytes: neither the sep line nor the header
    docs = {path.split("/")[-2] + "#" + path.split("#")[1]: d for path, d in _loaded(tmp_path).items()}
    assert set(docs) == {f"{tmp_path.name}#1", f"{tmp_path.name}#2", "plain#1", "plain#2"}
    one, two = docs[f"{tmp_path.name}#1"], docs[f"{tmp_path.name}#2"]
    assert isinstance(one, SourceDocument) and (one.format, one.properties.title, one.text) == ("csv", "Haushalt", f"{GERMAN}; Paris")
    assert isinstance(two, SourceDocument) and two.text == f"{ENGLISH}\nsep=;"
    plain_one = docs["plain#1"]  # the same table without the sep line: the same rows, read alike
    assert isinstance(plain_one, SourceDocument) and (plain_one.text, plain_one.source_hash) == (one.text, one.source_hash)


def test_a_sep_line_before_a_header_without_an_article_text_leaves_the_table_plain_text(tmp_path: Path) -> None:
    (tmp_path / "numbers.csv").write_text("sep=,\nyear,count\n2016,3\n")
    (tmp_path / "notes.csv").write_text("sep=;;\ntext;title\n" + ENGLISH + ";Rain\n")  # no sep line: two characters
    # a line break that is no b"\n" after the sep line: no sep line, so no row is taken for the header
    (tmp_path / "mixed.csv").write_bytes(f"sep=;\rid;text\n1;{ENGLISH}\n2;{GERMAN}\n".encode())
    docs = {path.split("/")[-1]: d for path, d in _loaded(tmp_path).items()}
    assert sorted(docs) == ["mixed.csv", "notes.csv", "numbers.csv"]
    assert all(isinstance(d, SourceDocument) and d.format == "text" for d in docs.values())


def test_a_tab_after_sep_is_the_delimiter(tmp_path: Path) -> None:
    (tmp_path / "tabbed.csv").write_text("sep=\t\nid\ttitle\ttext\n1\tRain\t" + ENGLISH + "\n")
    docs = {path.split("/")[-1]: d for path, d in _loaded(tmp_path).items()}
    tabbed = docs["tabbed.csv#1"]
    assert isinstance(tabbed, SourceDocument) and (tabbed.format, tabbed.properties.title, tabbed.text) == ("csv", "Rain", ENGLISH)


# -- ZIP archives ------------------------------------------------------------------------------------------------


def _zip(path: Path, files: dict[str, bytes], *, utf8_flag: bool = True) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name.endswith("/"):
                info.external_attr = 0o40755 << 16 | 0x10
            archive.writestr(info, data)
    if not utf8_flag:  # as many tools wrote it: UTF-8 names without the flag that says so
        data = bytearray(path.read_bytes())
        for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at >= 0:
                data[at + flag_at + 1] &= ~0x08 & 0xFF  # bit 11 is bit 3 of the flags' second byte
                at = data.find(signature, at + 4)
        path.write_bytes(bytes(data))
    return path


def _tar(path: Path, files: dict[str, bytes], *, mode: str = "w:gz") -> Path:
    """A tar archive of the files (a name ending in "/" a folder); ``mode`` "w:zst": compressed with Zstandard."""
    import tarfile

    if mode == "w:zst":
        import zstandard

        plain = _tar(path, files, mode="w").read_bytes()
        path.write_bytes(zstandard.ZstdCompressor().compress(plain))
        return path
    with tarfile.open(path, mode, format=tarfile.PAX_FORMAT) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name.rstrip("/"))
            info.mtime = 1_714_564_800
            if name.endswith("/"):
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path


def _pack(path: Path, files: dict[str, bytes]) -> Path:
    """A ZIP, tar (plain or gzipped) or 7-Zip archive of the files, by the path's suffix."""
    if path.name.endswith(".zip"):
        return _zip(path, files)
    if path.name.endswith(".7z"):
        return _7z(path, files)
    return _tar(path, files, mode="w" if path.name.endswith(".tar") else "w:gz")


def test_a_file_of_a_zip_archive_without_a_name_is_named_by_its_place_and_read(tmp_path: Path) -> None:
    """zipfile's ``ZipInfo.is_dir()`` fails on a name of no characters (IndexError), which refused the whole archive
    ("its records could not be listed"); the file is now named by its place, as in a 7-Zip archive, and the others
    are read as before."""
    import struct

    (tmp_path / "in").mkdir()
    path = _zip(tmp_path / "in" / "e.zip", {"y.txt": ENGLISH.encode(), "q": GERMAN.encode()})
    data = bytearray(path.read_bytes())
    for signature, length_at, name_at in ((b"PK\x03\x04", 26, 30), (b"PK\x01\x02", 28, 46)):  # "q" taken out of both headers
        at = data.rindex(signature)
        assert data[at + name_at : at + name_at + 1] == b"q"
        data[at + length_at : at + length_at + 2] = b"\x00\x00"
        del data[at + name_at]
    end = data.rindex(b"PK\x05\x06")
    size, offset = struct.unpack("<II", data[end + 12 : end + 20])
    data[end + 12 : end + 20] = struct.pack("<II", size - 1, offset - 1)  # the directory, one byte shorter, one earlier
    path.write_bytes(bytes(data))
    loaded = _loaded(tmp_path / "in")
    assert sorted(loaded) == ["in/e.zip#file-2", "in/e.zip#y.txt"]
    unnamed, named = loaded["in/e.zip#file-2"], loaded["in/e.zip#y.txt"]
    assert isinstance(unnamed, SourceDocument) and isinstance(named, SourceDocument)
    assert GERMAN.split()[0] in unnamed.text and ENGLISH.split()[0] in named.text


def test_the_files_of_a_zip_archive_are_its_documents_read_as_the_same_files_on_disk_are(tmp_path: Path) -> None:
    from tests.documents import docx_bytes

    files = {
        "2024/bericht.txt": (GERMAN + "\n\n" + GERMAN).encode("cp1252"),
        "2024/page.html.gz": gzip.compress(article_page("Flood in London", [ENGLISH, ENGLISH])),
        "2024/memo.docx": docx_bytes([GERMAN, ENGLISH]),
        "notes": ENGLISH.encode(),
        "2024/": b"",  # a folder
        "__MACOSX/2024/._bericht.txt": b"\x00\x05\x16\x07 resource fork",
        "2024/.DS_Store": b"\x00\x00\x00\x01Bud1",
        ".hidden/a.txt": ENGLISH.encode(),
        "2024/manifest.jsonl": b'{"path": "bericht.txt", "title": "x"}\n',
        "2024/bericht.txt.meta.json": b'{"title": "x"}',
    }
    folder = tmp_path / "inbox"
    (folder / "unpacked").mkdir(parents=True)
    _zip(folder / "news.zip", files)
    for name in ("2024/bericht.txt", "2024/page.html.gz", "2024/memo.docx", "notes"):
        (folder / "unpacked" / name.rsplit("/", 1)[-1]).write_bytes(files[name])
    assert container_kind(folder / "news.zip") == "zip"
    loaded = _loaded(folder)
    members = {k.split("#", 1)[1]: v for k, v in loaded.items() if "#" in k}
    assert sorted(members) == ["2024/bericht.txt", "2024/memo.docx", "2024/page.html.gz", "notes"]
    for name, doc in members.items():
        on_disk = loaded[f"inbox/unpacked/{name.rsplit('/', 1)[-1]}"]
        assert isinstance(doc, SourceDocument) and isinstance(on_disk, SourceDocument), name
        assert (doc.format, doc.markup, doc.text, doc.encoding, doc.source_hash, doc.properties) == (
            on_disk.format, on_disk.markup, on_disk.text, on_disk.encoding, on_disk.source_hash, on_disk.properties
        )
    assert [members[n].format for n in sorted(members)] == ["text", "docx", "html", "text"]


def test_files_of_a_zip_archive_that_cannot_be_read_are_refused_one_by_one_by_name(tmp_path: Path) -> None:
    import stat as stat_module
    import zipfile

    path = tmp_path / "inbox" / "news.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("good.txt", ENGLISH)
        archive.writestr("big.txt", "x" * 3000)
        archive.writestr("export.jsonl.gz", gzip.compress(b'{"text": "a"}\n'))
        archive.writestr("crawl.warc", b"WARC/1.0\r\n")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat_module.S_IFLNK | 0o777) << 16
        archive.writestr(link, "good.txt")
        archive.writestr("secret.txt", ENGLISH)
        archive.writestr("odd.txt", ENGLISH)
        archive.writestr("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
        archive.writestr("folder/", b"")  # an empty folder's entry: passed over
        archive.writestr("notes/", ENGLISH)  # data under a folder's name: was passed over uncounted
    data = bytearray(path.read_bytes())
    for name, edit in ((b"secret.txt", "encrypted"), (b"odd.txt", "method")):
        for signature, header, name_at in ((b"PK\x03\x04", 30, 26), (b"PK\x01\x02", 46, 28)):
            at = data.find(signature)
            while data[at + header : at + header + len(name)] != name:
                at = data.find(signature, at + 4)
            flag_at, method_at = (6, 8) if signature == b"PK\x03\x04" else (8, 10)
            if edit == "encrypted":
                data[at + flag_at] |= 0x01
            else:
                data[at + method_at] = 9  # deflate64, which zipfile cannot read
    path.write_bytes(bytes(data))
    loaded = {ref.source_path: load_document(ref, max_bytes=2000) for ref in discover([path.parent], max_bytes=2000)}
    got = {k.split("#", 1)[1]: (v.reason.value, v.detail) for k, v in loaded.items() if isinstance(v, Rejection)}
    assert isinstance(loaded["inbox/news.zip#good.txt"], SourceDocument)
    assert {k: v[0] for k, v in got.items()} == {
        "big.txt": "too_large", "export.jsonl.gz": "unsupported_type", "crawl.warc": "unsupported_type",
        "link.txt": "unsupported_type", "secret.txt": "encrypted", "odd.txt": "unsupported_type", "picture.png": "binary",
        "notes/": "unsupported_type",
    }
    assert got["notes/"][1] == f"file 9 of the archive: a folder's entry in the archive that holds {len(ENGLISH)} bytes; not read"
    assert got["big.txt"][1] == "file 2 of the archive: 3000 bytes unpacked is over the limit of 2000 (max_file_bytes)"
    assert "unpack the archive" in got["export.jsonl.gz"][1] and "unpack the archive" in got["crawl.warc"][1]
    assert "symbolic link" in got["link.txt"][1] and "deflate64" in got["odd.txt"][1]


def test_zip_entries_whose_data_overlaps_are_refused_and_the_first_is_read(tmp_path: Path) -> None:
    """A second directory entry at a file's offset (as overlapping-file ZIP bombs have) made the first file's
    read report "changed after listing"."""
    import struct
    import zipfile

    path = tmp_path / "news.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", GERMAN)
        archive.writestr("c.txt", ENGLISH)
    data = path.read_bytes()
    start = data.index(b"PK\x01\x02")
    entry = data[start : data.index(b"PK\x01\x02", start + 4)]  # a.txt's directory entry
    assert entry.endswith(b"a.txt")
    eocd = data.rindex(b"PK\x05\x06")
    (count,) = struct.unpack("<H", data[eocd + 10 : eocd + 12])
    size, offset = struct.unpack("<II", data[eocd + 12 : eocd + 20])
    end = struct.pack("<HHII", count + 1, count + 1, size + len(entry), offset)
    crafted = data[:start] + entry + entry[:-5] + b"b.txt" + data[start + len(entry) : eocd + 8] + end + data[eocd + 20 :]
    path.write_bytes(crafted)
    assert [i.filename for i in zipfile.ZipFile(path).infolist()] == ["a.txt", "b.txt", "c.txt"]
    loaded = {ref.source_path.split("#", 1)[1]: load_document(ref, max_bytes=MAX) for ref in discover([path])}
    assert isinstance(loaded["a.txt"], SourceDocument) and isinstance(loaded["c.txt"], SourceDocument)
    refused = loaded["b.txt"]
    assert isinstance(refused, Rejection) and refused.reason == Reason.UNREADABLE
    assert "lies inside that of 'a.txt'" in refused.detail


def test_a_zip_file_that_lies_about_its_size_is_not_unpacked_beyond_what_it_says(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "x" * 50_000)
    data = bytearray(path.read_bytes())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # the size it says it unpacks to: 100
        at = data.find(signature)
        data[at + size_at : at + size_at + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    [ref] = discover([path], max_bytes=1000)
    rejected = load_document(ref, max_bytes=1000)  # unpacking stops at the size it gave, where the check fails
    assert isinstance(rejected, Rejection) and rejected.reason is Reason.UNREADABLE and "Bad CRC-32" in rejected.detail


def test_archives_that_cannot_be_listed_are_refused_whole_and_one_without_files_is_empty(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    whole = _zip(folder / "whole.zip", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}).read_bytes()
    (folder / "cut.zip").write_bytes(whole[:-30])
    (folder / "notes.zip").write_text(ENGLISH)
    _zip(folder / "folders.zip", {"2024/": b"", "__MACOSX/._a": b"x"})
    (folder / "whole.zip").unlink()
    loaded = _loaded(folder)
    assert {k: (v.reason.value, v.detail.split(" (")[0]) for k, v in loaded.items() if isinstance(v, Rejection)} == {
        "inbox/cut.zip": ("unreadable", "not a readable ZIP archive"),
        "inbox/notes.zip": ("unreadable", "not a readable ZIP archive"),
        "inbox/folders.zip": ("empty", "a ZIP archive without files"),
    }


def test_zip_names_in_utf8_without_the_flag_and_a_name_given_twice(tmp_path: Path) -> None:
    import zipfile

    path = _zip(tmp_path / "a.zip", {"Übersicht/Bericht über Köln.txt": GERMAN.encode()}, utf8_flag=False)
    with zipfile.ZipFile(path) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800  # zipfile itself reads the name as cp437
    assert [r.source_path for r in discover([path])] == [f"{tmp_path.name}/a.zip#Übersicht/Bericht über Köln.txt"]
    twice = tmp_path / "twice.zip"
    with zipfile.ZipFile(twice, "w") as archive:
        archive.writestr("a.txt", ENGLISH)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("a.txt", GERMAN)
    docs = [load_document(ref, max_bytes=MAX) for ref in discover([twice])]  # in the archive's order
    assert [type(d).__name__ for d in docs] == ["Rejection", "SourceDocument"]
    assert isinstance(docs[1], SourceDocument) and docs[1].text == GERMAN
    assert isinstance(docs[0], Rejection) and docs[0].reason is Reason.DUPLICATE
    assert docs[0].detail == "file 1 of the archive: the same key 'a.txt' as file 2 of the archive, which is read instead"


@pytest.mark.parametrize("name", ["a.zip", "a.tar.gz", "a.7z"])
def test_an_archive_changed_after_its_files_were_listed_is_not_read(tmp_path: Path, name: str) -> None:
    pack = _pack
    path = pack(tmp_path / name, {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()})
    refs = discover([path])
    pack(path, {"b.txt": GERMAN.encode(), "a.txt": ENGLISH.encode() + b" More."})
    os.utime(path, ns=(1, 1))
    for ref in refs:
        refused = load_document(ref, max_bytes=MAX)
        assert isinstance(refused, Rejection) and "changed after its records were listed" in refused.detail
    path.unlink()
    refused = load_document(refs[0], max_bytes=MAX)
    assert isinstance(refused, Rejection) and refused.reason is Reason.NOT_FOUND


def test_zip_names_opening_with_dot_slash_or_ending_in_a_tilde_are_read(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"./news/a.txt": ENGLISH.encode(), "notes~": GERMAN.encode(), "./.hidden": b"x"})
    docs = {ref.source_path.split("#", 1)[1]: load_document(ref, max_bytes=MAX) for ref in discover([path])}
    assert sorted(docs) == ["./news/a.txt", "notes~"]  # a key ending in "~" is no renamed one
    assert all(isinstance(d, SourceDocument) for d in docs.values()), docs


def test_reading_in_turn_from_several_archives_opens_each_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    import flows.steps.containers as containers

    archives = [_zip(tmp_path / f"{n}.zip", {f"{i}.txt": f"{ENGLISH} {n} {i}".encode() for i in range(5)}) for n in range(3)]
    refs = sorted(discover(archives), key=lambda r: r.record.position if r.record else 0)  # archive after archive, in turn
    opened: list[str] = []

    class Counting(zipfile.ZipFile):
        def __init__(self, file: object, *args: object, **kwargs: object) -> None:
            opened.append(str(file))
            super().__init__(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(containers, "_open_zips", containers.OrderedDict())
    monkeypatch.setattr(containers.zipfile, "ZipFile", Counting)
    docs = [load_document(ref, max_bytes=MAX) for ref in refs]
    assert all(isinstance(d, SourceDocument) for d in docs) and len(docs) == 15
    assert sorted(opened) == sorted(str(a) for a in archives)
    for archive, _members in containers._open_zips.values():
        archive.close()


# -- tar archives ----------------------------------------------------------------------------------------------


#: a path longer than a key: shortened, its suffix still read
DEEP = "/".join(["archiv"] * 45) + "/tief.txt"


def _archive_files(notes: str, hidden: dict[str, bytes]) -> dict[str, bytes]:
    """The files of the archives that ``_assert_read_as_on_disk`` reads: a folder, a cp1252 text, a gzipped page, a
    Word document, a text at the archive's top (``notes``), one under a path longer than a key, the ``hidden`` files
    a system leaves, and a manifest and a sidecar, which are no documents."""
    from tests.documents import docx_bytes

    return {
        "2024/": b"",
        "2024/bericht.txt": (GERMAN + "\n\n" + GERMAN).encode("cp1252"),
        "2024/page.html.gz": gzip.compress(article_page("Flood in London", [ENGLISH, ENGLISH])),
        "2024/memo.docx": docx_bytes([GERMAN, ENGLISH]),
        notes: ENGLISH.encode(),
        DEEP: GERMAN.encode(),
        **hidden,
        "2024/manifest.jsonl": b'{"path": "bericht.txt", "title": "x"}\n',
        "2024/bericht.txt.meta.json": b'{"title": "x"}',
    }


def _assert_read_as_on_disk(folder: Path, archive: Path, kind: str, files: dict[str, bytes], notes: str) -> None:
    """The five documents of ``_archive_files`` in the archive are listed in its order and read as the same files
    unpacked into the folder are: format, markup, text, encoding, hash and properties."""
    (folder / "unpacked").mkdir(parents=True, exist_ok=True)
    for name in ("2024/bericht.txt", "2024/page.html.gz", "2024/memo.docx", notes, DEEP):
        (folder / "unpacked" / name.rsplit("/", 1)[-1]).write_bytes(files[name])
    assert container_kind(archive) == kind
    refs = [r for r in discover([folder]) if "#" in r.source_path]
    assert [r.record.position for r in refs if r.record] == [1, 2, 3, 4, 5]  # in the archive's order, not by name
    loaded = _loaded(folder)
    members = {k.split("#", 1)[1]: v for k, v in loaded.items() if "#" in k}
    assert len(members) == 5 and {"2024/bericht.txt", "2024/memo.docx", "2024/page.html.gz", notes} < set(members)
    for name, doc in members.items():
        on_disk = loaded[f"inbox/unpacked/{name.rsplit('/', 1)[-1] if len(name) < MAX_KEY_CHARS else 'tief.txt'}"]
        assert isinstance(doc, SourceDocument) and isinstance(on_disk, SourceDocument), name
        assert (doc.format, doc.markup, doc.text, doc.encoding, doc.source_hash, doc.properties) == (
            on_disk.format, on_disk.markup, on_disk.text, on_disk.encoding, on_disk.source_hash, on_disk.properties
        )
    assert [members[n].format for n in ("2024/bericht.txt", "2024/memo.docx", "2024/page.html.gz", notes)] == ["text", "docx", "html", "text"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("suffix", "mode"),
    [(".tar", "w"), (".tar.gz", "w:gz"), (".tgz", "w:gz"), (".tar.bz2", "w:bz2"), (".tar.xz", "w:xz"), (".tar.zst", "w:zst"), (".tzst", "w:zst")],
)
def test_the_files_of_a_tar_archive_are_its_documents_read_as_the_same_files_on_disk_are(tmp_path: Path, suffix: str, mode: str) -> None:
    files = _archive_files("./notes", {"2024/._bericht.txt": b"\x00\x05\x16\x07 AppleDouble", "__MACOSX/2024/x.txt": b"x"})
    folder = tmp_path / "inbox"
    folder.mkdir()
    _assert_read_as_on_disk(folder, _tar(folder / f"news{suffix}", files, mode=mode), "tar", files, "./notes")


def test_files_of_a_tar_archive_that_cannot_be_read_are_refused_one_by_one_by_name(tmp_path: Path) -> None:
    import tarfile

    path = tmp_path / "inbox" / "news.tar.gz"
    path.parent.mkdir()
    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT) as archive:
        for name, data in (("good.txt", ENGLISH.encode()), ("big.txt", b"x" * 3000), ("feed.jsonl", b'{"text": "a"}\n'),
                           ("inner.tgz", b"\x1f\x8b"), ("picture.png", b"\x89PNG\r\n\x1a\n" + bytes(20))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, kind in (("soft.txt", tarfile.SYMTYPE), ("hard.txt", tarfile.LNKTYPE), ("pipe", tarfile.FIFOTYPE), ("holes.txt", tarfile.GNUTYPE_SPARSE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "good.txt" if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
            archive.addfile(info)
    loaded = {ref.source_path: load_document(ref, max_bytes=2000) for ref in discover([path.parent], max_bytes=2000)}
    got = {k.split("#", 1)[1]: (v.reason.value, v.detail) for k, v in loaded.items() if isinstance(v, Rejection)}
    assert isinstance(loaded["inbox/news.tar.gz#good.txt"], SourceDocument)
    assert {k: v[0] for k, v in got.items()} == {
        "big.txt": "too_large", "feed.jsonl": "unsupported_type", "inner.tgz": "unsupported_type", "picture.png": "binary",
        "soft.txt": "unsupported_type", "hard.txt": "unsupported_type", "pipe": "unsupported_type", "holes.txt": "unsupported_type",
    }
    assert got["big.txt"][1] == "file 2 of the archive: 3000 bytes is over the limit of 2000 (max_file_bytes)"
    assert "unpack the archive" in got["feed.jsonl"][1] and "unpack the archive" in got["inner.tgz"][1]
    assert "a link in the archive (to 'good.txt')" in got["soft.txt"][1] and "a link" in got["hard.txt"][1]
    assert "device or pipe" in got["pipe"][1] and "sparse" in got["holes.txt"][1]


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:zst"])
def test_a_tar_archive_cut_short_gives_the_files_before_the_cut_and_names_the_rest(tmp_path: Path, mode: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    # large enough that a Zstandard archive, decompressed block by block (128 KiB), holds whole files before the cut
    stories = {f"{n}.txt": f"{ENGLISH} Story {n}. {os.urandom(20_000).hex()}".encode() for n in range(6)}
    whole = _tar(tmp_path / "whole.tar", stories, mode=mode).read_bytes()
    (folder / "cut.tar").write_bytes(whole[: len(whole) * 2 // 3])
    loaded = _loaded(folder)
    read = sorted(k.split("#")[1] for k, v in loaded.items() if isinstance(v, SourceDocument))
    refused = {k: v for k, v in loaded.items() if isinstance(v, Rejection)}
    assert read == [f"{n}.txt" for n in range(len(read))] and 1 < len(read) < 6
    problem = refused.pop("inbox/cut.tar")
    assert problem.reason is Reason.UNREADABLE and "cut short or damaged; the files from there on are not read" in problem.detail
    for rejection in refused.values():  # a file listed whose data the cut took
        assert rejection.reason is Reason.UNREADABLE and "the archive ends" in rejection.detail


def test_files_named_as_tar_archives_that_are_none_or_hold_no_files(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.tar").write_text(ENGLISH * 20)
    (folder / "empty.tgz").write_bytes(gzip.compress(b""))
    _tar(folder / "folders.tar.gz", {"2024/": b"", ".hidden": b"x"})
    loaded = _loaded(folder)
    assert {k: (v.reason.value, v.detail.split(" (")[0]) for k, v in loaded.items() if isinstance(v, Rejection)} == {
        "inbox/notes.tar": ("unreadable", "not a readable tar archive"),
        "inbox/empty.tgz": ("unreadable", "not a readable tar archive"),
        "inbox/folders.tar.gz": ("empty", "a tar archive without files"),
    }


def test_a_name_given_twice_in_a_tar_archive_is_read_from_its_last_copy(tmp_path: Path) -> None:
    import tarfile

    twice = _tar(tmp_path / "twice.tar", {"a.txt": ENGLISH.encode()}, mode="w")
    with tarfile.open(twice, "a") as archive:  # tar -r: the later copy is the file
        info = tarfile.TarInfo("a.txt")
        info.size = len(GERMAN.encode())
        archive.addfile(info, io.BytesIO(GERMAN.encode()))
    docs = [load_document(ref, max_bytes=MAX) for ref in discover([twice])]
    assert [type(d).__name__ for d in docs] == ["Rejection", "SourceDocument"]
    assert isinstance(docs[1], SourceDocument) and docs[1].text == GERMAN
    assert isinstance(docs[0], Rejection) and docs[0].reason is Reason.DUPLICATE


def test_a_compressed_tar_archive_read_in_its_order_is_opened_once_per_thread_and_read_in_any_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tarfile
    import threading

    import flows.steps.containers as containers

    path = _tar(tmp_path / "a.tar.xz", {f"{n}.txt": f"{ENGLISH} Story {n}.".encode() for n in range(8)}, mode="w:xz")
    refs = discover([path])
    opened: list[str] = []
    real_open = containers._open_tar_stream

    def counting(path: Path) -> object:
        opened.append(threading.current_thread().name)
        return real_open(path)

    monkeypatch.setattr(containers, "_open_tar_stream", counting)
    monkeypatch.setattr(containers, "_tar_streams", threading.local())
    texts = [load_document(ref, max_bytes=MAX).text for ref in refs]  # type: ignore[union-attr]
    assert texts == [f"{ENGLISH} Story {n}." for n in range(8)] and len(opened) == 1
    backwards = [load_document(ref, max_bytes=MAX).text for ref in reversed(refs)]  # type: ignore[union-attr]
    assert backwards == texts[::-1] and len(opened) == 1
    results: list[list[str]] = []
    workers = [threading.Thread(target=lambda: results.append([load_document(r, max_bytes=MAX).text for r in refs])) for _ in range(2)]  # type: ignore[union-attr]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [texts, texts] and len(opened) == 3  # one stream of its own for each thread


def test_a_tar_archive_whose_header_claims_a_huge_long_name_is_refused_without_reading_it(tmp_path: Path) -> None:
    """tarfile reads a long name's data whole: a 318-byte archive claiming 300 MB took 660 MB to list."""
    import bz2
    import tarfile

    header = tarfile.TarInfo("././@LongLink")
    header.type, header.size = tarfile.GNUTYPE_LONGNAME, 300 << 20
    (tmp_path / "long.tar.bz2").write_bytes(bz2.compress(header.tobuf(tarfile.GNU_FORMAT) + bytes(300 << 20)))
    listed = scan(tmp_path / "long.tar.bz2", "tar", max_bytes=MAX)
    assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE


def test_a_zstandard_tar_archive_cut_short_is_refused_where_it_stops(tmp_path: Path) -> None:
    """Zstandard's own reader returns what it has at the end of the input without a word, and tarfile took a cut
    at a file's header for the archive's end: the files after it were lost and --prune deleted them."""
    import zstandard

    files = {f"{n}.txt": (f"file {n} ".encode() * 64)[:512] for n in range(1000)}
    whole = zstandard.ZstdCompressor().compress(_tar(tmp_path / "plain.tar", files, mode="w").read_bytes())
    (tmp_path / "cut.tar.zst").write_bytes(whole[: len(whole) * 6 // 10])
    listed = scan(tmp_path / "cut.tar.zst", "tar", max_bytes=MAX)
    assert 0 < len(listed.members) < 1000
    assert listed.problem is not None and listed.problem[0] == Reason.UNREADABLE and "cut short" in listed.problem[1]


def test_a_zstandard_tar_archive_is_read_forwards_backwards_and_after_a_damaged_frame(tmp_path: Path) -> None:
    """Zstandard's reader only reads on: reading back starts it again, as Python's gzip reader does."""
    path = _tar(tmp_path / "a.tar.zst", {f"{n}.txt": f"{ENGLISH} Story {n}.".encode() for n in range(8)}, mode="w:zst")
    refs = discover([path])
    texts = [load_document(ref, max_bytes=MAX).text for ref in refs]  # type: ignore[union-attr]
    assert texts == [f"{ENGLISH} Story {n}." for n in range(8)]
    assert [load_document(ref, max_bytes=MAX).text for ref in reversed(refs)] == texts[::-1]  # type: ignore[union-attr]
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 16] = bytes(16)  # inside the compressed data
    path.write_bytes(bytes(data))
    damaged = scan(path, "tar", max_bytes=MAX)
    assert damaged.problem is not None and damaged.problem[0] == Reason.UNREADABLE


def test_a_compressed_tar_archive_that_unpacks_far_beyond_its_size_is_listed_only_so_far(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing skips a file's data by decompressing it: 6 KB of bzip2 holding 8 GiB of zeros took 31 s, and an
    archive 800 KB long would have taken an hour. (The limit's floor, 1 GiB, is lowered here to keep the test
    small.)"""
    import flows.steps.containers as containers
    from flows.steps.containers import TAR_EXPANSION

    monkeypatch.setattr(containers, "TAR_UNPACK_FLOOR", 0)
    path = _tar(tmp_path / "bomb.tar.gz", {"a.txt": ENGLISH.encode(), "zeros.bin": bytes(4 << 20), "b.txt": GERMAN.encode()})
    assert path.stat().st_size * TAR_EXPANSION < 4 << 20  # the zeros are past the limit
    listed = scan(path, "tar", max_bytes=1 << 20)
    assert [m.record.key for m in listed.members] == ["a.txt", "zeros.bin"]  # its header read, its data not skipped
    assert listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE
    assert f"{TAR_EXPANSION} times its size" in listed.problem[1] and "from file 3 on" in listed.problem[1]
    plain = _tar(tmp_path / "plain.tar", {"a.txt": ENGLISH.encode(), "zeros.bin": bytes(4 << 20), "b.txt": GERMAN.encode()}, mode="w")
    assert [m.record.key for m in scan(plain, "tar", max_bytes=1 << 20).members] == ["a.txt", "zeros.bin", "b.txt"]


def test_a_tar_archive_opening_with_an_empty_block_over_data_is_damaged_not_empty(tmp_path: Path) -> None:
    data = bytearray(_tar(tmp_path / "a.tar", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}, mode="w").read_bytes())
    data[:512] = bytes(512)  # the first header zeroed: tarfile reads the end of the archive there
    (tmp_path / "zeroed.tar").write_bytes(bytes(data))
    (tmp_path / "zeroed.tar.gz").write_bytes(gzip.compress(bytes(data)))
    _tar(tmp_path / "empty.tar", {}, mode="w")
    problems = {r.path.name: r.problem for r in discover([tmp_path]) if r.path.name != "a.tar"}
    assert {name: p[0] if p else None for name, p in problems.items()} == {
        "zeroed.tar": Reason.UNREADABLE, "zeroed.tar.gz": Reason.UNREADABLE, "empty.tar": Reason.EMPTY,
    }  # unreadable: --prune keeps what was indexed from it; empty: its records are gone


def test_long_paths_of_a_tar_archive_are_listed_once_per_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import flows.steps.containers as containers

    deep = "/".join(["ordner"] * 40)
    path = _tar(tmp_path / "a.tar.gz", {f"{deep}/{n}.txt": f"{ENGLISH} {n}".encode() for n in range(6)})
    refs = discover([path])
    listings: list[int] = []
    real = containers._tar_infos
    monkeypatch.setattr(containers, "_tar_infos", lambda p: (listings.append(1), real(p))[1])
    monkeypatch.setattr(containers, "_tar_streams", threading.local())
    docs = [load_document(ref, max_bytes=MAX) for ref in refs]
    assert [d.format for d in docs] == ["text"] * 6 and len(listings) == 1  # type: ignore[union-attr]


def test_a_damaged_lzma_file_of_a_zip_archive_is_refused_not_raised(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "news.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("a.txt", ENGLISH * 40)
    data = bytearray(path.read_bytes())
    data[60:100] = b"\xff" * 40  # inside the compressed data
    path.write_bytes(bytes(data))
    [ref] = discover([path])
    refused = load_document(ref, max_bytes=MAX)
    assert isinstance(refused, Rejection) and refused.reason is Reason.UNREADABLE, refused


def _feed(items: list[tuple[str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><guid>{g}</guid><description>{ENGLISH}</description></item>" for g, t in items)
    return f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Example Times</title>{body}</channel></rss>'


def test_a_feeds_items_are_records_named_by_their_guid_and_a_feed_saved_again_names_the_same_documents(tmp_path: Path) -> None:
    from tests.documents import nitf_bytes

    (tmp_path / "news.rss").write_text(_feed([("g1", "First"), ("g2", "Second"), ("g1", "First, again")]))
    (tmp_path / "latest.xml.gz").write_bytes(gzip.compress(_feed([("g3", "Third")]).encode()))
    (tmp_path / "story.xml").write_bytes(nitf_bytes([GERMAN]))  # XML of one story: no feed
    assert {n: container_kind(tmp_path / n) for n in ("news.rss", "latest.xml.gz", "story.xml")} == {
        "news.rss": "feed", "latest.xml.gz": "feed", "story.xml": None,
    }
    loaded = _loaded(tmp_path)
    first, second, again = (loaded[f"{tmp_path.name}/news.rss#{k}"] for k in ("item-1", "g2", "g1"))
    assert isinstance(first, Rejection) and first.reason == Reason.DUPLICATE and "item 3" in first.detail
    assert isinstance(again, SourceDocument) and again.format == "feed" and again.properties.title == "First, again"
    assert isinstance(second, SourceDocument) and second.text == ENGLISH and second.properties.site == "Example Times"
    third = loaded[f"{tmp_path.name}/latest.xml.gz#g3"]
    assert isinstance(third, SourceDocument) and third.properties.title == "Third"
    # saved again with a new story on top: the same stories keep their names (and so their documents)
    (tmp_path / "news.rss").write_text(_feed([("g0", "Newest"), ("g2", "Second")]))
    again_loaded = _loaded(tmp_path)
    assert {k for k in again_loaded if "news.rss" in k} == {f"{tmp_path.name}/news.rss#g0", f"{tmp_path.name}/news.rss#g2"}
    assert again_loaded[f"{tmp_path.name}/news.rss#g2"].doc_id == second.doc_id


def test_a_feed_changed_after_it_was_listed_is_not_read_for_another_item(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(_feed([("g1", "First"), ("g2", "Second")]))
    listed = scan(path, "feed", max_bytes=MAX)
    assert listed.problem is None and [m.record.key for m in listed.members] == ["g1", "g2"]
    data = read_record(path, listed.members[1].record, max_bytes=MAX)
    assert isinstance(data, bytes)
    swapped = data.replace(b"<guid>g1</guid>", b"<guid>gX</guid>").replace(b"<guid>g2</guid>", b"<guid>g1</guid>")
    changed = extract_record(listed.members[1].record, swapped, max_bytes=MAX)
    assert isinstance(changed, Problem) and changed.reason == Reason.UNREADABLE
    over = scan(path, "feed", max_bytes=100)
    assert over.problem is not None and over.problem[0] == Reason.TOO_LARGE and "feed of" in over.problem[1]


def test_the_feed_parsed_last_is_read_again_only_for_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.rss", tmp_path / "b.rss"
    first.write_text(_feed([("g1", "First"), ("g2", "Second")]))
    second.write_text(_feed([("g1", "Other"), ("g2", "Second")]))  # the same size, another title
    assert first.stat().st_size == second.stat().st_size
    titles = []
    for path in (first, second, first):
        member = scan(path, "feed", max_bytes=MAX).members[0]
        extracted = extract_record(member.record, read_record(path, member.record, max_bytes=MAX), max_bytes=MAX)  # type: ignore[arg-type]
        assert isinstance(extracted, Extracted)
        titles.append(extracted.properties.title)
    assert titles == ["First", "Other", "First"]


def test_a_feeds_site_is_found_once_and_the_same_bytes_of_another_file_are_kept_for_its_next_items(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site was looked for among all the channel's items for each item, and a feed of the same bytes as the
    one kept (a copy, zipped) was compared byte for byte for each of its items."""
    import flows.steps.containers as containers
    from flows.steps.feeds import feed_site

    paths = [tmp_path / "a.rss", tmp_path / "copy.rss"]
    for path in paths:
        path.write_text(_feed([("a1", "First"), ("a2", "Second"), ("a3", "Third")]))
    sites: list[object] = []
    monkeypatch.setattr(containers, "feed_site", lambda root: sites.append(root) or feed_site(root))
    for path in paths:
        for member in scan(path, "feed", max_bytes=MAX).members:
            data = read_record(path, member.record, max_bytes=MAX)
            extracted = extract_record(member.record, data, max_bytes=MAX)  # type: ignore[arg-type]
            assert isinstance(extracted, Extracted) and extracted.properties.site == "Example Times"
            assert containers._last_read.feed[0] is data
    assert len(sites) == 1  # the copy's bytes are the same: its tree and site too


def test_each_thread_keeps_its_own_last_feed_so_threads_reading_two_feeds_do_not_parse_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import flows.steps.containers as containers

    paths = [tmp_path / "a.rss", tmp_path / "b.rss"]
    paths[0].write_text(_feed([("a1", "First"), ("a2", "Second")]))
    paths[1].write_text(_feed([("b1", "Other"), ("b2", "More")]))
    members = [scan(p, "feed", max_bytes=MAX).members for p in paths]
    parsed: list[int] = []

    def counted(data: bytes) -> object:
        parsed.append(len(data))
        return parse_feed(data)

    monkeypatch.setattr(containers, "parse_feed", counted)

    def title(feed: int, item: int) -> str | None:
        record = members[feed][item].record
        extracted = extract_record(record, read_record(paths[feed], record, max_bytes=MAX), max_bytes=MAX)  # type: ignore[arg-type]
        assert isinstance(extracted, Extracted)
        return extracted.properties.title

    with ThreadPoolExecutor(1) as first, ThreadPoolExecutor(1) as second:  # a Dask worker's threads, one feed each
        titles = [pool.submit(title, feed, item).result() for item in (0, 1) for pool, feed in ((first, 0), (second, 1))]
    assert titles == ["First", "Other", "Second", "More"]
    assert len(parsed) == 2  # each feed once, in the thread reading it


def _message(subject: str, body: str, message_id: str | None, *, folded: bool = False) -> str:
    ident = "" if message_id is None else (f"Message-ID:\n <{message_id}>\n" if folded else f"Message-ID: <{message_id}>\n")
    received = "".join(f"Received: from relay{n}.example.net by mx.example.org; Tue, 29 Oct 2024 08:00:0{n % 10} +0000\n" for n in range(60))
    return (
        f"From news@example.com Tue Oct 29 08:00:00 2024\n{received}From: Example Times <news@example.com>\nSubject: {subject}\n"
        f"Date: Tue, 29 Oct 2024 08:00:00 +0000\n{ident}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n\n"
    )


def test_the_messages_of_a_mailbox_are_documents_named_by_their_message_id(tmp_path: Path) -> None:
    quoted = f"{ENGLISH}\n\n>From the desk: more tomorrow.\n>>From a quote."
    mailbox = _message("Floods", quoted, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com", folded=True)
    mailbox += _message("No id", ENGLISH, None) + _message("Floods, again", ENGLISH, "m1@example.com")
    (tmp_path / "news.mbox").write_text(mailbox)
    (tmp_path / "Inbox").write_text(mailbox)  # a mail program's folder: no suffix, told by its content
    (tmp_path / "README").write_text(f"From the editors.\n{ENGLISH}")  # text that opens with "From ": no mailbox
    (tmp_path / "broken.mbox").write_text(f"{ENGLISH}\n\n" + _message("Late", ENGLISH, "m9@example.com"))
    assert {n: container_kind(tmp_path / n) for n in ("news.mbox", "Inbox", "README", "broken.mbox")} == {
        "news.mbox": "mbox", "Inbox": "mbox", "README": None, "broken.mbox": "mbox",
    }
    loaded = _loaded(tmp_path)
    for name in ("news.mbox", "Inbox"):
        first, second, third, again = (loaded[f"{tmp_path.name}/{name}#{k}"] for k in ("message-1", "m2@example.com", "message-3", "m1@example.com"))
        assert isinstance(first, Rejection) and first.reason == Reason.DUPLICATE and "message 4" in first.detail
        assert isinstance(second, SourceDocument) and second.format == "email" and second.properties.title == "Haushalt"
        assert second.text.strip() == GERMAN
        assert isinstance(third, SourceDocument) and third.properties.author == "Example Times"
        assert isinstance(again, SourceDocument) and again.properties.title == "Floods, again"
    readme = loaded[f"{tmp_path.name}/README"]
    assert isinstance(readme, SourceDocument) and readme.format == "text"
    broken = loaded[f"{tmp_path.name}/broken.mbox"]
    assert isinstance(broken, Rejection) and broken.reason == Reason.UNREADABLE and "From " in broken.detail
    # a "From " line of a message body, quoted by the mailbox (">From "), is the message's and reads unquoted
    members = scan(tmp_path / "news.mbox", "mbox", max_bytes=MAX).members
    quoted_record = members[0].record
    (tmp_path / "one.mbox").write_text(_message("Floods", quoted, "m1@example.com"))
    [only] = scan(tmp_path / "one.mbox", "mbox", max_bytes=MAX).members
    extracted = extract_record(only.record, read_record(tmp_path / "one.mbox", only.record, max_bytes=MAX), max_bytes=MAX)  # type: ignore[arg-type]
    assert isinstance(extracted, Extracted) and "\nFrom the desk: more tomorrow.\n>From a quote." in extracted.text
    assert quoted_record.length == len(_message("Floods", quoted, "m1@example.com").encode())


def test_a_mailbox_may_open_with_a_byte_order_mark_or_blank_lines(tmp_path: Path) -> None:
    mailbox = _message("Floods", ENGLISH, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com")
    (tmp_path / "bom.mbox").write_bytes(b"\xef\xbb\xbf" + mailbox.encode())
    (tmp_path / "Inbox").write_bytes(b"\r\n\n" + mailbox.encode())  # no suffix: told by its content all the same
    assert container_kind(tmp_path / "Inbox") == "mbox"
    loaded = _loaded(tmp_path)
    for name in ("bom.mbox", "Inbox"):
        first, second = (loaded[f"{tmp_path.name}/{name}#{k}"] for k in ("m1@example.com", "m2@example.com"))
        assert isinstance(first, SourceDocument) and first.properties.title == "Floods" and first.text.strip() == ENGLISH
        assert isinstance(second, SourceDocument) and second.properties.title == "Haushalt"


def test_a_dated_from_line_starts_a_message_without_a_blank_line_and_an_unquoted_one_of_a_body_does_not(tmp_path: Path) -> None:
    unquoted = f"{ENGLISH}\n\nFrom the editors: more tomorrow.\nThanks for reading."  # "From " that the mailbox did not quote
    joined = _message("Floods", unquoted, "m1@example.com").rstrip("\n") + "\n"  # no blank line before the next
    joined += _message("Haushalt", GERMAN, "m2@example.com").replace("From news@", "From - ", 1)  # Thunderbird's
    (tmp_path / "news.mbox").write_text(joined)
    members = scan(tmp_path / "news.mbox", "mbox", max_bytes=MAX).members
    assert [m.record.key for m in members] == ["m1@example.com", "m2@example.com"]
    loaded = _loaded(tmp_path)
    first, second = (loaded[f"{tmp_path.name}/news.mbox#{k}"] for k in ("m1@example.com", "m2@example.com"))
    assert isinstance(first, SourceDocument) and first.text.strip().endswith("From the editors: more tomorrow.\nThanks for reading.")
    assert isinstance(second, SourceDocument) and second.properties.title == "Haushalt" and second.text.strip() == GERMAN


def test_a_feed_that_is_not_well_formed_gives_the_items_it_can_and_is_refused_naming_the_damage(tmp_path: Path) -> None:
    (tmp_path / "sloppy.rss").write_text(_feed([("g1", "Floods & storms"), ("g2", "Second")]))  # a stray "&": read as written
    (tmp_path / "open.rss").write_text(_feed([("g1", "First"), ("g2", "Second")]).replace("<title>First</title>", "<title>First"))
    (tmp_path / "none.rss").write_text("<<rss>")
    loaded = _loaded(tmp_path)
    sloppy = loaded[f"{tmp_path.name}/sloppy.rss#g1"]
    assert isinstance(sloppy, SourceDocument) and sloppy.properties.title == "Floods & storms"
    assert f"{tmp_path.name}/sloppy.rss" not in loaded
    second = loaded[f"{tmp_path.name}/open.rss#g2"]
    assert isinstance(second, SourceDocument) and second.properties.title == "Second" and second.text == ENGLISH
    damaged = loaded[f"{tmp_path.name}/open.rss"]
    assert isinstance(damaged, Rejection) and damaged.reason == Reason.UNREADABLE
    assert damaged.detail.startswith("not well-formed feed XML (line 2: Opening and ending tag mismatch") and "items read from it are indexed" in damaged.detail
    none = loaded[f"{tmp_path.name}/none.rss"]
    assert isinstance(none, Rejection) and none.reason == Reason.UNREADABLE and "not well-formed feed XML" in none.detail


@pytest.mark.parametrize("suffix", [".zip", ".tar", ".tar.gz", ".7z"])
def test_feeds_and_mailboxes_in_an_archive_are_read_item_by_item_as_on_disk(tmp_path: Path, suffix: str) -> None:
    from tests.documents import nitf_bytes

    mailbox = _message("Floods", ENGLISH, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com")
    files = {
        "feeds/news.rss": _feed([("g1", "First"), ("g2", "Second")]).encode(),
        "feeds/latest.xml.gz": gzip.compress(_feed([("g3", "Third")]).encode()),  # a feed told by its root element
        "feeds/story.xml": nitf_bytes([GERMAN]),  # XML of one story: a file
        "mail/Inbox": mailbox.encode(),  # a mail program's folder: told by its content
        "mail/export.mbox": mailbox.encode(),
        "notes": f"From the editors.\n{ENGLISH}".encode(),  # no suffix, no mailbox: a file
        "feeds/open.rss": _feed([("g4", "Fourth"), ("g5", "Fifth")]).replace("<title>Fourth</title>", "<title>Fourth").encode(),
        "feeds/none.rss": b"<<rss>",
        "feeds/big.rss": _feed([(f"b{n}", "Big") for n in range(200)]).encode(),  # over the limit
    }
    folder = tmp_path / "inbox"
    folder.mkdir()
    archive = _pack(folder / f"news{suffix}", files)
    loaded = {ref.source_path: load_document(ref, max_bytes=len(files["feeds/big.rss"]) - 1) for ref in discover([folder], max_bytes=len(files["feeds/big.rss"]) - 1)}
    got = {k.split("#", 1)[1]: v for k, v in loaded.items()}
    assert sorted(got) == [
        "feeds/big.rss", "feeds/latest.xml.gz#g3", "feeds/news.rss#g1", "feeds/news.rss#g2", "feeds/none.rss", "feeds/open.rss",
        "feeds/open.rss#g5", "feeds/open.rss#item-1", "feeds/story.xml", "mail/Inbox#m1@example.com", "mail/Inbox#m2@example.com",
        "mail/export.mbox#m1@example.com", "mail/export.mbox#m2@example.com", "notes",
    ]
    # each item as the same feed's on disk gives it
    (folder / "unpacked").mkdir()
    for name in ("feeds/news.rss", "feeds/latest.xml.gz", "mail/export.mbox"):
        (folder / "unpacked" / name.rsplit("/", 1)[-1]).write_bytes(files[name])
    on_disk = _loaded(folder / "unpacked")
    for name, key in (("feeds/news.rss", "g1"), ("feeds/news.rss", "g2"), ("feeds/latest.xml.gz", "g3"), ("mail/export.mbox", "m2@example.com")):
        doc, disk = got[f"{name}#{key}"], on_disk[f"unpacked/{name.rsplit('/', 1)[-1]}#{key}"]
        assert isinstance(doc, SourceDocument) and isinstance(disk, SourceDocument), name
        assert (doc.format, doc.text, doc.source_hash, doc.properties) == (disk.format, disk.text, disk.source_hash, disk.properties)
    inbox = got["mail/Inbox#m2@example.com"]
    assert isinstance(inbox, SourceDocument) and inbox.format == "email" and inbox.text.strip() == GERMAN
    assert {got[n].format for n in ("feeds/story.xml", "notes")} == {"nitf", "text"}  # type: ignore[union-attr]
    # a damaged feed gives what can be read and is refused as a file; the size limit holds for each file
    fifth = got["feeds/open.rss#g5"]
    assert isinstance(fifth, SourceDocument) and fifth.properties.title == "Fifth"
    for name, reason, words in (("feeds/open.rss", "unreadable", "not well-formed feed XML"), ("feeds/none.rss", "unreadable", "not well-formed"),
                                ("feeds/big.rss", "too_large", "over the limit")):
        rejected = got[name]
        assert isinstance(rejected, Rejection) and rejected.reason.value == reason and words in rejected.detail, name
    # an item changed since the listing (the archive rewritten at the same size and time) is not read for another
    refs = {r.source_path.split("#", 1)[1]: r for r in discover([folder / archive.name])}
    record = refs["feeds/news.rss#g2"].record
    assert record is not None and record.member is not None and record.where == "item 2 of feeds/news.rss in the archive"
    swapped = read_held(archive, record, max_bytes=MAX)
    assert isinstance(swapped, bytes)
    swapped = swapped.replace(b"<guid>g1</guid>", b"<guid>gX</guid>").replace(b"<guid>g2</guid>", b"<guid>g1</guid>")
    changed = extract_record(record, swapped, max_bytes=MAX)
    assert isinstance(changed, Problem) and changed.detail == CHANGED


@pytest.mark.parametrize("suffix", [".zip", ".tar.gz", ".7z"])
def test_a_mailbox_in_an_archive_over_the_limit_is_refused_saying_that_unpacked_it_is_read(tmp_path: Path, suffix: str) -> None:
    """A mail export (Google Takeout's ``.mbox``) is most often over max_file_bytes: unpacked, it is read message by
    message whatever its size, where a higher limit would have its archive's file unpacked whole, in memory."""
    mailbox = (_message("Floods", ENGLISH, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com")).encode()
    files = {"Takeout/Mail/All mail.mbox": mailbox, "notes.txt": mailbox}
    folder = tmp_path / "in"
    folder.mkdir()
    _pack(folder / f"takeout{suffix}", files)
    problems = {r.source_path.split("#", 1)[1]: r.problem for r in discover([folder], max_bytes=len(mailbox) - 1)}
    mail, notes = problems["Takeout/Mail/All mail.mbox"], problems["notes.txt"]
    assert mail is not None and mail[0] == Reason.TOO_LARGE and "over the limit" in mail[1]
    assert mail[1].endswith("a mailbox on disk is read message by message whatever its size: unpack it from the archive")
    assert notes is not None and notes[0] == Reason.TOO_LARGE and "mailbox" not in notes[1]  # any other file
    (folder / "All mail.mbox").write_bytes(mailbox)  # as it says: unpacked, each message is read
    assert {r.source_path.split("#", 1)[1]: r.problem for r in discover([folder / "All mail.mbox"], max_bytes=len(mailbox) - 1)} == {
        "m1@example.com": None, "m2@example.com": None,
    }


def test_a_feed_or_mailbox_in_a_zip_archive_that_cannot_be_unpacked_is_refused_and_keeps_what_was_indexed(tmp_path: Path) -> None:
    """It was listed as a file (then refused when read), so its items indexed before were gone for ``--prune``."""
    import zipfile

    from flows.pipeline import prune_scopes, record_files, vanished

    mailbox = _message("Floods", ENGLISH, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com")
    files = {"news.rss": _feed([(f"g{n}", "Story") for n in range(20)]).encode(), "mail/export.mbox": mailbox.encode(), "notes.txt": ENGLISH.encode()}
    folder = tmp_path / "in"
    folder.mkdir()
    archive = _zip(folder / "news.zip", files)
    with zipfile.ZipFile(archive) as opened:
        infos = {info.filename: info for info in opened.infolist()}
    damaged = bytearray(archive.read_bytes())
    for name in ("news.rss", "mail/export.mbox"):  # a byte of each file's data, near its end: a bad CRC
        info = infos[name]
        damaged[info.header_offset + 30 + len(name.encode()) + info.compress_size - 8] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    refs = discover([folder])
    problems = {r.source_path.split("#", 1)[1]: r.problem for r in refs}
    for name in ("news.rss", "mail/export.mbox"):
        problem = problems[name]
        assert problem is not None and problem[0] == Reason.UNREADABLE and problem[1].startswith("cannot unpack it: "), name
    assert problems["notes.txt"] is None
    stored = ["in/news.zip#news.rss#g1", "in/news.zip#mail/export.mbox#m1@example.com", "in/news.zip#gone.txt"]
    assert vanished(stored, prune_scopes([str(folder)]), record_files(refs)) == ["in/news.zip#gone.txt"]


@pytest.mark.parametrize("suffix", [".zip", ".tar.gz", ".7z"])
def test_a_feed_or_mailbox_in_an_archive_grown_over_the_limit_keeps_what_was_indexed_from_it_as_on_disk(tmp_path: Path, suffix: str) -> None:
    """It was refused as a file of the archive, so ``--prune`` deleted its items indexed before, where the same
    feed on disk keeps them."""
    from flows.pipeline import prune_scopes, record_files, vanished

    feed = _feed([(f"g{n}", "Story") for n in range(20)]).encode()
    files = {"news.rss": feed, "mail/export.mbox": feed, "notes.txt": feed}
    folder = tmp_path / "in"
    folder.mkdir()
    _pack(folder / f"news{suffix}", files)
    (folder / "news.rss").write_bytes(feed)
    refs = discover([folder], max_bytes=len(feed) - 1)
    problems = {r.source_path.split("/", 1)[1]: r.problem for r in refs}
    for name in (f"news{suffix}#news.rss", f"news{suffix}#mail/export.mbox", f"news{suffix}#notes.txt", "news.rss"):
        problem = problems[name]
        assert problem is not None and problem[0] == Reason.TOO_LARGE and "over the limit" in problem[1], name
    stored = [f"in/news{suffix}#news.rss#g1", f"in/news{suffix}#mail/export.mbox#m1@example.com", "in/news.rss#g1", f"in/news{suffix}#gone.txt"]
    assert vanished(stored, prune_scopes([str(folder)]), record_files(refs)) == [f"in/news{suffix}#gone.txt"]


# -- 7-Zip archives --------------------------------------------------------------------------------------------


def _7z(
    path: Path, files: dict[str, bytes], *, solid: bool = True, password: str | None = None, encrypt_list: bool = False,
    plain_list: bool = False, kinds: dict[str, int] | None = None,
) -> Path:
    """A 7-Zip archive of the files (a name ending in "/" a folder): solid (one block, as 7-Zip writes by default),
    or each file a block of its own; encrypted (its files, and with ``encrypt_list`` its list of files too); its
    list of files left uncompressed (``plain_list``, to edit names in place); ``kinds``: the attributes of files
    that are no regular file (a link, a pipe), by name."""
    import tempfile

    import py7zr

    path.unlink(missing_ok=True)
    items = list(files.items()) or [("", b"")]
    blocks: list[list[tuple[str, bytes]]] = [[]]
    for name, data in items:  # each file with data a block of its own, folders and empty files with the next one
        blocks[-1].append((name, data))
        if not solid and data and not name.endswith("/"):
            blocks.append([])
    blocks = [block for block in blocks if block] or [[]]
    if blocks[-1] and not any(data for _, data in blocks[-1]) and len(blocks) > 1:  # a block of no data: the library writes it wrong
        blocks[-2:] = [blocks[-2] + blocks[-1]]
    with tempfile.TemporaryDirectory() as empty:
        for n, block in enumerate(blocks):
            with py7zr.SevenZipFile(path, "w" if n == 0 else "a", password=password, header_encryption=encrypt_list) as archive:
                if plain_list:
                    archive.set_encoded_header_mode(False)
                for name, data in block:
                    if not name:
                        continue  # an archive without files
                    if name.endswith("/"):
                        archive.write(empty, name.rstrip("/"))
                    else:
                        archive.writestr(data, name)
                        if kinds and name in kinds:
                            archive.files.files_list[-1]["attributes"] = kinds[name]
    return path


def _renamed(path: Path, names: dict[str, str]) -> Path:
    """The archive (written with ``plain_list``) with names replaced by others of the same length, as no writer
    would write them ("../up.txt", "/etc/passwd"), its checksums made good again."""
    import struct
    import zlib

    data = bytearray(path.read_bytes())
    for old, new in names.items():
        before, after = old.encode("utf-16-le"), new.encode("utf-16-le")
        assert len(before) == len(after) and data.count(before) == 1
        data = bytearray(data.replace(before, after))
    offset, size = struct.unpack("<QQ", data[12:28])
    data[28:32] = struct.pack("<I", zlib.crc32(data[32 + offset : 32 + offset + size]))
    data[8:12] = struct.pack("<I", zlib.crc32(data[12:32]))
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("solid", [True, False])
def test_the_files_of_a_7z_archive_are_its_documents_read_as_the_same_files_on_disk_are(tmp_path: Path, solid: bool) -> None:
    files = _archive_files(
        "notes", {"2024/.DS_Store": b"\x00\x00\x00\x01Bud1", "__MACOSX/2024/._bericht.txt": b"\x00\x05\x16\x07 resource fork"}
    )
    folder = tmp_path / "inbox"
    folder.mkdir()
    _assert_read_as_on_disk(folder, _7z(folder / "news.7z", files, solid=solid), "7z", files, "notes")


def test_files_of_a_7z_archive_that_cannot_be_read_are_refused_one_by_one_by_name(tmp_path: Path) -> None:
    import stat as stat_module

    from py7zr.member import FILE_ATTRIBUTE_UNIX_EXTENSION, MemberType

    path = tmp_path / "inbox" / "news.7z"
    path.parent.mkdir()
    pipe = FILE_ATTRIBUTE_UNIX_EXTENSION | (stat_module.S_IFIFO | 0o600) << 16
    files = {
        "good.txt": ENGLISH.encode(), "big.txt": b"x" * 3000, "export.jsonl.gz": gzip.compress(b'{"text": "a"}\n'),
        "inner.zip": b"PK\x05\x06" + bytes(18), "inner.7z": b"7z\xbc\xaf\x27\x1c" + bytes(26), "inner.tgz": b"\x1f\x8b",
        "link.txt": b"good.txt", "pipe": b"", "notes/": b"", "filled/": ENGLISH.encode(), "empty.txt": b"",
        "picture.png": b"\x89PNG\r\n\x1a\n" + bytes(20),
    }
    _7z(path, {k: v for k, v in files.items() if k != "filled/"} | {"filled": files["filled/"]},
        kinds={"link.txt": MemberType.SYMLINK.attributes(), "pipe": pipe, "filled": MemberType.DIRECTORY.attributes()})
    loaded = {ref.source_path: load_document(ref, max_bytes=2000) for ref in discover([path.parent], max_bytes=2000)}
    got = {k.split("#", 1)[1]: (v.reason.value, v.detail) for k, v in loaded.items() if isinstance(v, Rejection)}
    assert isinstance(loaded["inbox/news.7z#good.txt"], SourceDocument)
    assert {k: v[0] for k, v in got.items()} == {
        "big.txt": "too_large", "export.jsonl.gz": "unsupported_type", "inner.zip": "unsupported_type", "inner.7z": "unsupported_type",
        "inner.tgz": "unsupported_type", "link.txt": "unsupported_type", "pipe": "unsupported_type", "filled": "unsupported_type",
        "empty.txt": "empty", "picture.png": "binary",
    }
    assert got["big.txt"][1] == "file 2 of the archive: 3000 bytes unpacked is over the limit of 2000 (max_file_bytes)"
    assert all("unpack the archive" in got[n][1] for n in ("export.jsonl.gz", "inner.zip", "inner.7z", "inner.tgz"))
    assert "symbolic link" in got["link.txt"][1] and "device, pipe or socket" in got["pipe"][1]
    assert got["filled"][1].endswith(f"a folder's entry in the archive that holds {len(ENGLISH)} bytes; not read")


def test_a_7z_archive_in_a_zip_or_tar_archive_is_refused_as_nested_and_read_when_unpacked(tmp_path: Path) -> None:
    inner = _7z(tmp_path / "inner.7z", {"a.txt": ENGLISH.encode()}).read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    _zip(folder / "outer.zip", {"news/inner.7z": inner, "b.txt": GERMAN.encode()})
    _tar(folder / "outer.tar.gz", {"news/inner.7z": inner})
    (folder / "unpacked.7z").write_bytes(inner)
    loaded = _loaded(folder)
    for name in ("in/outer.zip#news/inner.7z", "in/outer.tar.gz#news/inner.7z"):
        refused = loaded[name]
        assert isinstance(refused, Rejection) and refused.reason is Reason.UNSUPPORTED_TYPE and "unpack the archive to read it" in refused.detail
    assert isinstance(loaded["in/unpacked.7z#a.txt"], SourceDocument) and isinstance(loaded["in/outer.zip#b.txt"], SourceDocument)


@pytest.mark.parametrize("encrypt_list", [False, True])
def test_an_encrypted_7z_archive_is_refused_as_encrypted_without_asking_for_a_password(tmp_path: Path, encrypt_list: bool) -> None:
    path = _7z(tmp_path / "secret.7z", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}, password="geheim", encrypt_list=encrypt_list)
    refs = discover([path])
    if encrypt_list:  # not even its names can be read: the archive is refused whole
        assert [(r.source_path, r.problem) for r in refs] == [
            (f"{tmp_path.name}/secret.7z", (Reason.ENCRYPTED, "an encrypted 7-Zip archive (its list of files too); docindex reads no password-protected files")),
        ]
    else:  # each file refused by its name
        assert [(r.source_path.split("#")[1], r.problem) for r in refs] == [
            (name, (Reason.ENCRYPTED, "an encrypted file in the archive; docindex reads no password-protected files")) for name in ("a.txt", "b.txt")
        ]
    for ref in refs:
        refused = load_document(ref, max_bytes=MAX)
        assert isinstance(refused, Rejection) and refused.reason is Reason.ENCRYPTED


def test_7z_archives_that_cannot_be_listed_are_refused_whole_and_one_without_files_is_empty(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    whole = _7z(tmp_path / "whole.7z", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}).read_bytes()
    (folder / "cut.7z").write_bytes(whole[:-30])
    (folder / "notes.7z").write_text(ENGLISH)
    (folder / "short.7z").write_bytes(whole[:20])
    damaged = bytearray(whole)
    damaged[-10] ^= 0xFF  # in its list of files
    (folder / "damaged.7z").write_bytes(bytes(damaged))
    _7z(folder / "empty.7z", {})
    _7z(folder / "folders.7z", {"2024/": b"", "2024/.hidden": b"x"})
    loaded = _loaded(folder)
    assert {k: (v.reason.value, v.detail) for k, v in loaded.items() if isinstance(v, Rejection)} == {
        "inbox/cut.7z": ("unreadable", "the archive ends before its list of files: cut short"),
        "inbox/notes.7z": ("unreadable", "not a readable 7-Zip archive (it does not open as one): damaged, or another kind of file"),
        "inbox/short.7z": ("unreadable", "not a readable 7-Zip archive (it ends inside its first 32 bytes): cut short"),
        "inbox/damaged.7z": ("unreadable", "not a readable 7-Zip archive (its list of files fails its checksum): damaged"),
        "inbox/empty.7z": ("empty", "a 7-Zip archive without files"),
        "inbox/folders.7z": ("empty", "a 7-Zip archive without files"),
    }


@pytest.mark.parametrize("solid", [True, False])
def test_a_file_of_a_7z_archive_whose_data_is_damaged_is_refused_and_the_others_are_read(tmp_path: Path, solid: bool) -> None:
    import py7zr

    stories = {f"{n}.txt": f"{ENGLISH} Story {n}. {os.urandom(2000).hex()}".encode() for n in range(4)}
    path = _7z(tmp_path / "news.7z", stories, solid=solid)
    with py7zr.SevenZipFile(path) as archive:
        starts = archive.header.main_streams.packinfo.packpositions  # type: ignore[union-attr]
    at = 32 + (starts[2] + 40 if not solid else starts[1] * 3 // 5)  # in the third file's block, or far into the solid one
    data = bytearray(path.read_bytes())
    data[at : at + 8] = bytes(b ^ 0xFF for b in data[at : at + 8])
    path.write_bytes(bytes(data))
    docs = [load_document(ref, max_bytes=MAX) for ref in discover([path])]  # listed from its list of files, intact
    refused = [d for d in docs if isinstance(d, Rejection)]
    assert refused and all(r.reason is Reason.UNREADABLE and r.path.startswith(f"{tmp_path.name}/news.7z#") for r in refused)
    assert all(r.detail.endswith(("damaged", SEVENZ_CUT)) or "cannot unpack it: " in r.detail for r in refused), refused
    if solid:  # the files before the damage are read
        assert isinstance(docs[0], SourceDocument) and isinstance(docs[-1], Rejection)
    else:  # each file its own block: only the damaged one is lost
        assert [type(d).__name__ for d in docs] == ["SourceDocument", "SourceDocument", "Rejection", "SourceDocument"]


def test_a_7z_archive_that_unpacks_far_beyond_its_size_is_listed_only_so_far(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a file of a solid block unpacks the block up to it: 1 KB holding gigabytes of zeros before a story
    would be unpacked by every reader. (The limit's floor, 1 GiB, is lowered here to keep the test small.)"""
    import flows.steps.containers as containers
    from flows.steps.containers import TAR_EXPANSION

    monkeypatch.setattr(containers, "TAR_UNPACK_FLOOR", 0)
    files = {"a.txt": ENGLISH.encode(), "zeros.bin": bytes(4 << 20), "b.txt": GERMAN.encode()}
    for solid in (True, False):
        path = _7z(tmp_path / "bomb.7z", files, solid=solid)
        assert path.stat().st_size * TAR_EXPANSION < 4 << 20  # the zeros end past the limit
        listed = scan(path, "7z", max_bytes=8 << 20)
        assert [m.record.key for m in listed.members] == ["a.txt"]
        assert listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE
        assert f"{TAR_EXPANSION} times its size" in listed.problem[1] and "from file 2 on" in listed.problem[1]
    text = os.urandom(100_000).hex().encode()  # compresses to about half: far from the limit
    near = _7z(tmp_path / "near.7z", {"a.txt": ENGLISH.encode(), "text.txt": text, "b.txt": GERMAN.encode()})
    assert near.stat().st_size * TAR_EXPANSION > len(ENGLISH) + len(text) + len(GERMAN)
    listed = scan(near, "7z", max_bytes=MAX)
    assert [m.record.key for m in listed.members] == ["a.txt", "text.txt", "b.txt"] and listed.problem is None


def test_a_7z_archive_of_too_many_files_or_too_long_a_list_is_refused_before_the_list_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of files is compressed: a few hundred bytes can name millions of files, each kept in memory."""
    import flows.steps.containers as containers

    files = {f"{n}.txt": f"{ENGLISH} {n}".encode() for n in range(11)}
    path = _7z(tmp_path / "many.7z", files)
    monkeypatch.setattr(containers, "SEVENZ_FILES_FLOOR", 10)
    monkeypatch.setattr(containers, "SEVENZ_BYTES_PER_FILE", 10**6)  # the floor is the limit
    listed = scan(path, "7z", max_bytes=MAX)
    assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE
    assert listed.problem[1].startswith(f"an archive of 11 files in {path.stat().st_size} bytes, over the limit of 10 (")
    assert listed.problem[1].endswith("unpack it, or split it into smaller archives")
    monkeypatch.setattr(containers, "SEVENZ_BYTES_PER_FILE", path.stat().st_size // 11)  # its size allows eleven
    assert len(scan(path, "7z", max_bytes=MAX).members) == 11 and scan(path, "7z", max_bytes=MAX).problem is None
    monkeypatch.setattr(containers, "SEVENZ_FILES_MAX", 10)  # but no more than the most
    assert scan(path, "7z", max_bytes=MAX).problem is not None
    monkeypatch.setattr(containers, "SEVENZ_FILES_MAX", 11)
    monkeypatch.setattr(containers, "SEVENZ_HEADER_MAX", 100)
    for plain_list in (False, True):
        listed = scan(_7z(tmp_path / "long.7z", files, plain_list=plain_list), "7z", max_bytes=MAX)
        assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE
        assert "its list of files" in listed.problem[1] and "over the limit of 100" in listed.problem[1]


def test_a_7z_archive_whose_list_names_millions_of_files_in_few_bytes_is_refused_without_listing_them(tmp_path: Path) -> None:
    """A list naming half a million files and nothing else about them (500 KB here, left uncompressed; LZMA packs
    it into a few hundred bytes), under ``SEVENZ_FILES_MAX``: the library took 28 s and 860 MB to list two million."""
    import struct
    import zlib

    count = 500_000  # 7-Zip's number of four bytes: 0xE0 and the low three bytes
    number = bytes([0xE0 | count >> 24]) + (count & 0xFFFFFF).to_bytes(3, "little")
    listing = b"\x01\x05" + number + b"\x19" + number + bytes(count) + b"\x00\x00"  # the files, padding, the ends
    signature = struct.pack("<QQI", 0, len(listing), zlib.crc32(listing))
    path = tmp_path / "bomb.7z"
    path.write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(signature)) + signature + listing)
    listed = scan(path, "7z", max_bytes=MAX)
    assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.TOO_LARGE
    limit = path.stat().st_size // 16
    assert listed.problem[1].startswith(f"an archive of {count} files in {path.stat().st_size} bytes, over the limit of {limit} (")


def test_7z_names_that_climb_out_or_start_at_the_root_are_keys_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = _7z(folder / "odd.7z", {"xx/up.txt": ENGLISH.encode(), "aetc/passwd": GERMAN.encode(), "a\\b.txt": ENGLISH.encode()}, plain_list=True)
    _renamed(path, {"xx/up.txt": "../up.txt", "aetc/passwd": "/etc/passwd"})
    before = sorted(p.name for p in tmp_path.rglob("*"))
    docs = {ref.source_path.split("#", 1)[1]: load_document(ref, max_bytes=MAX) for ref in discover([folder])}
    assert sorted(docs) == ["../up.txt", "/etc/passwd", "a/b.txt"]  # as written (7-Zip writes "\\" as "/")
    assert all(isinstance(d, SourceDocument) for d in docs.values())
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_7z_names_with_control_characters_are_escaped_and_one_that_is_no_utf16_is_named_as_the_reason(tmp_path: Path) -> None:
    path = _7z(tmp_path / "odd.7z", {"aX.txt": ENGLISH.encode(), "bY.txt": GERMAN.encode()}, plain_list=True)
    data = path.read_bytes().replace("X".encode("utf-16-le"), "\n".encode("utf-16-le"))
    path.write_bytes(data)
    _renamed(path, {})  # checksums made good
    assert [r.source_path.split("#", 1)[1] for r in discover([path])] == ["a\\x0a.txt", "bY.txt"]
    path.write_bytes(path.read_bytes().replace("Y".encode("utf-16-le"), b"\x00\xd8"))  # a lone surrogate
    _renamed(path, {})
    listed = scan(path, "7z", max_bytes=MAX)
    assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.UNREADABLE
    assert listed.problem[1] == "a file's name in the archive is not valid UTF-16 (illegal UTF-16 surrogate), so the 7-Zip library reads none of its names"


def test_the_files_of_a_7z_block_compressed_with_a_method_the_library_does_not_read_are_refused_naming_it(tmp_path: Path) -> None:
    """7-Zip packs programs with its BCJ2 filter, and can use an ARM64 filter: the library reads neither."""
    path = _7z(tmp_path / "programs.7z", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}, solid=False, plain_list=True)
    data = path.read_bytes()
    bcj = b"\x03\x03\x01\x03"  # the x86 filter the library writes: one block's turned into BCJ2, of the same length
    path.write_bytes(data[: data.rindex(bcj)] + b"\x03\x03\x01\x1b" + data[data.rindex(bcj) + 4 :])
    _renamed(path, {})  # checksums made good
    problems = {r.source_path.split("#", 1)[1]: r.problem for r in discover([path])}
    assert problems == {
        "a.txt": None,
        "b.txt": (Reason.UNSUPPORTED_TYPE, "compressed with BCJ2, LZMA2, which docindex does not read; re-pack the archive with LZMA2"),
    }


def test_a_name_given_twice_in_a_7z_archive_is_read_from_its_last_copy(tmp_path: Path) -> None:
    import py7zr

    path = tmp_path / "twice.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(ENGLISH.encode(), "a.txt")
        archive.writestr(GERMAN.encode(), "a.txt")
    docs = [load_document(ref, max_bytes=MAX) for ref in discover([path])]
    assert [type(d).__name__ for d in docs] == ["Rejection", "SourceDocument"]
    assert isinstance(docs[1], SourceDocument) and docs[1].text == GERMAN
    assert isinstance(docs[0], Rejection) and docs[0].reason is Reason.DUPLICATE


def test_the_files_of_a_solid_7z_archive_read_in_its_order_are_unpacked_once_per_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's own reading of a file unpacks its block from the start: reading all the files of a solid
    archive one by one unpacked it once per file."""
    import threading

    import flows.steps.containers as containers

    path = _7z(tmp_path / "a.7z", {f"{n}.txt": f"{ENGLISH} Story {n}.".encode() for n in range(8)})
    refs = discover([path])
    unpacked: list[str] = []
    opened: list[str] = []
    real_unpack, real_init = containers._SevenZip._unpack, containers._SevenZip.__init__

    def counting_unpack(self: object, folder: object, *, keep: bool) -> bytes:
        unpacked.append(threading.current_thread().name)
        return real_unpack(self, folder, keep=keep)  # type: ignore[arg-type]

    def counting_init(self: object, archive: Path) -> None:
        opened.append(threading.current_thread().name)
        real_init(self, archive)  # type: ignore[arg-type]

    monkeypatch.setattr(containers._SevenZip, "_unpack", counting_unpack)
    monkeypatch.setattr(containers._SevenZip, "__init__", counting_init)
    monkeypatch.setattr(containers, "_sevenz_open", threading.local())
    texts = [load_document(ref, max_bytes=MAX).text for ref in refs]  # type: ignore[union-attr]
    assert texts == [f"{ENGLISH} Story {n}." for n in range(8)] and len(opened) == 1 and len(unpacked) == 8
    backwards = [load_document(ref, max_bytes=MAX).text for ref in reversed(refs)]  # type: ignore[union-attr]
    assert backwards == texts[::-1] and len(opened) == 1 and len(unpacked) == 8 + 7 * 8 // 2  # each from the start, but the last read, kept
    results: list[list[str]] = []
    workers = [threading.Thread(target=lambda: results.append([load_document(r, max_bytes=MAX).text for r in refs])) for _ in range(2)]  # type: ignore[union-attr]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [texts, texts] and len(opened) == 3  # an archive open for each thread


def test_a_read_of_a_7z_archive_stopped_midway_by_a_time_limit_starts_its_block_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import flows.steps.containers as containers
    from flows.limits import DocumentTimeout

    path = _7z(tmp_path / "a.7z", {f"{n}.txt": f"{ENGLISH} Story {n}.".encode() for n in range(4)})
    refs = discover([path])
    monkeypatch.setattr(containers, "_sevenz_open", threading.local())
    real_unpack = containers._SevenZip._unpack
    calls: list[int] = []

    def stopped_once(self: object, folder: object, *, keep: bool) -> bytes:
        calls.append(1)
        if len(calls) == 3:  # the time limit strikes while the third file is being unpacked: ten bytes of it out
            entry = folder.files[self.next]  # type: ignore[attr-defined]
            folder.get_decompressor(entry.compressed).decompress(self.archive.fp, 10)  # type: ignore[attr-defined]
            raise DocumentTimeout(True)
        return real_unpack(self, folder, keep=keep)  # type: ignore[arg-type]

    monkeypatch.setattr(containers._SevenZip, "_unpack", stopped_once)
    assert [load_document(r, max_bytes=MAX).text for r in refs[:2]] == [f"{ENGLISH} Story {n}." for n in range(2)]  # type: ignore[union-attr]
    with pytest.raises(DocumentTimeout):
        load_document(refs[2], max_bytes=MAX)
    assert [load_document(r, max_bytes=MAX).text for r in refs[2:]] == [f"{ENGLISH} Story {n}." for n in (2, 3)]  # type: ignore[union-attr]


def test_a_7z_archive_cut_at_any_byte_is_refused_naming_the_reason_and_never_raises(tmp_path: Path) -> None:
    whole = _7z(tmp_path / "whole.7z", {"a.txt": ENGLISH.encode(), "b.txt": GERMAN.encode()}).read_bytes()
    path = tmp_path / "cut.7z"
    for end in range(len(whole)):
        path.write_bytes(whole[:end])
        listed = scan(path, "7z", max_bytes=MAX)
        assert listed.members == () and listed.problem is not None and listed.problem[0] == Reason.UNREADABLE, end


def test_a_feed_or_mailbox_in_a_7z_archive_that_cannot_be_unpacked_is_refused_and_keeps_what_was_indexed(tmp_path: Path) -> None:
    import py7zr

    from flows.pipeline import prune_scopes, record_files, vanished

    mailbox = _message("Floods", ENGLISH, "m1@example.com") + _message("Haushalt", GERMAN, "m2@example.com")
    files = {"notes.txt": ENGLISH.encode(), "news.rss": _feed([(f"g{n}", "Story") for n in range(20)]).encode(), "mail/export.mbox": mailbox.encode()}
    folder = tmp_path / "in"
    folder.mkdir()
    archive = _7z(folder / "news.7z", files, solid=False)
    with py7zr.SevenZipFile(archive) as opened:
        starts = opened.header.main_streams.packinfo.packpositions  # type: ignore[union-attr]
    damaged = bytearray(archive.read_bytes())
    for block in (1, 2):  # the feed's and the mailbox's data
        damaged[32 + starts[block] + 20] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    refs = discover([folder])
    problems = {r.source_path.split("#", 1)[1]: r.problem for r in refs}
    assert sorted(problems) == ["mail/export.mbox", "news.rss", "notes.txt"]
    for name in ("news.rss", "mail/export.mbox"):
        problem = problems[name]
        assert problem is not None and problem[0] == Reason.UNREADABLE, name
    assert problems["notes.txt"] is None
    stored = ["in/news.7z#news.rss#g1", "in/news.7z#mail/export.mbox#m1@example.com", "in/news.7z#gone.txt"]
    assert vanished(stored, prune_scopes([str(folder)]), record_files(refs)) == ["in/news.7z#gone.txt"]


def test_a_7z_archive_with_any_byte_changed_and_its_checksums_made_good_is_refused_or_read_without_raising(tmp_path: Path) -> None:
    """The library's parser meets what a crafted list makes it meet: every problem is a refusal naming the reason."""
    import struct

    whole = _7z(tmp_path / "whole.7z", {"a.txt": ENGLISH.encode(), "b/c.txt": GERMAN.encode(), "e.txt": b""}, plain_list=True).read_bytes()
    path = tmp_path / "changed.7z"
    outcomes: set[str] = set()
    for at in range(12, len(whole)):
        for value in (0x00, 0xFF, whole[at] ^ 0x01):
            data = bytearray(whole)
            data[at] = value
            offset, size = struct.unpack("<QQ", data[12:28])
            path.write_bytes(bytes(data))
            if 32 + offset + size <= len(data):
                _renamed(path, {})
            listed = scan(path, "7z", max_bytes=MAX)
            for member in listed.members:
                if member.problem is None:
                    read = read_archive_member(path, member.record, max_bytes=MAX)
                    outcomes.add("read" if isinstance(read, tuple) else read.reason.value)
            outcomes.add(listed.problem[0].value if listed.problem else "listed")
    assert {"read", "listed", "unreadable"} <= outcomes <= {"read", "listed", "unreadable", "unsupported_type", "too_large", "empty", "encrypted"}


def test_a_file_7zip_packed_from_a_pipe_is_read_and_a_pipe_without_data_is_refused(tmp_path: Path) -> None:
    """``cat news.txt | 7zz a -sinews.txt news.7z`` keeps the pipe's mode (prw-------) with the bytes it read, and
    7-Zip unpacks them as a file: it was refused as "a device, pipe or socket"."""
    import stat as stat_module

    from py7zr.member import FILE_ATTRIBUTE_UNIX_EXTENSION

    pipe = FILE_ATTRIBUTE_UNIX_EXTENSION | (stat_module.S_IFIFO | 0o600) << 16
    (tmp_path / "in").mkdir()
    path = _7z(tmp_path / "in" / "news.7z", {"news.txt": ENGLISH.encode(), "fifo": b""}, kinds={"news.txt": pipe, "fifo": pipe})
    loaded = _loaded(path.parent)
    assert isinstance(loaded["in/news.7z#news.txt"], SourceDocument) and loaded["in/news.7z#news.txt"].text == ENGLISH
    refused = loaded["in/news.7z#fifo"]
    assert isinstance(refused, Rejection) and "device, pipe or socket" in refused.detail


@pytest.mark.parametrize("method", ["zstd", "deflate", "lzma2"])
def test_reading_past_a_large_file_of_a_7z_block_holds_a_few_mebibytes_whatever_its_method(tmp_path: Path, method: str) -> None:
    """The library's Deflate and Zstandard decoders unpack all the packed bytes they are given at once: reading the
    file after one of 64 MiB of zeros (over the size limit, never read itself) took 200 MiB (Zstandard: 64 KiB of
    the archive), where LZMA2 gives no more than asked."""
    import tracemalloc

    import py7zr

    ids = {"zstd": py7zr.FILTER_ZSTD, "deflate": py7zr.FILTER_DEFLATE, "lzma2": py7zr.FILTER_LZMA2}
    zeros = tmp_path / "zeros"
    with zeros.open("wb") as out:
        out.truncate(64 << 20)
    path = tmp_path / "in" / "big.7z"
    path.parent.mkdir()
    with py7zr.SevenZipFile(path, "w", filters=[{"id": ids[method]}]) as archive:
        archive.write(zeros, "zeros.txt")
        archive.writestr(ENGLISH.encode(), "after.txt")
    refs = discover([path.parent], max_bytes=MAX)
    assert [r.source_path for r in refs] == ["in/big.7z#zeros.txt", "in/big.7z#after.txt"]
    tracemalloc.start()
    try:
        doc = load_document(refs[1], max_bytes=MAX)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(doc, SourceDocument) and doc.text == ENGLISH
    assert peak < 32 << 20, f"{peak >> 20} MiB"  # 16 MiB of it the LZMA decoder of the list of files, for a moment


def test_reading_the_small_files_at_the_start_of_a_large_solid_7z_block_holds_little_of_its_packed_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library hands a block's decoder a mebibyte of the archive at each call, whatever the decoder gives back:
    after a few hundred small files (a few calls each) a solid archive's packed bytes were all held in memory, once
    per reader (93 MB of a 93 MB archive after its first 200 files)."""
    import random
    import threading

    import flows.steps.containers as containers

    words = ["rain", "flood", "river", "London", "council", "warned", "streets", "Tuesday", "office", "more"]
    rng = random.Random(7)
    files = {f"{n:03}.txt": " ".join(rng.choice(words) for _ in range(300)).encode() for n in range(40)}
    files["zz.bin.txt"] = rng.randbytes(12 << 20)  # packed as it is: 12 MiB of the archive after the small files
    (tmp_path / "in").mkdir()
    path = _7z(tmp_path / "in" / "solid.7z", files)
    assert path.stat().st_size > 12 << 20
    refs = discover([path.parent], max_bytes=MAX)[:40]
    monkeypatch.setattr(containers, "_sevenz_open", threading.local())
    texts = [load_document(ref, max_bytes=MAX) for ref in refs]
    assert [t.text.encode() for t in texts if isinstance(t, SourceDocument)] == [files[f"{n:03}.txt"] for n in range(40)]
    reader = containers._sevenz_open.open[(str(path), path.stat().st_size, path.stat().st_mtime_ns)]
    taken = reader.archive.fp.tell() - reader.starts[0]  # the packed bytes taken from the archive (the decoder holds those it has not used)
    assert taken < 1 << 20, f"{taken >> 20} MiB"


def test_a_7z_block_decoder_that_filled_the_last_read_to_the_byte_is_handed_more_and_not_taken_for_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random bytes are packed as they are (LZMA2's stored chunks: three bytes of header, then the bytes): handed
    the header and the first file, the decoder gives that file to the byte and says it may give more, having
    nothing left; the next file, read without handing it more, was taken for a block cut short."""
    import random

    import flows.steps.containers as containers

    import py7zr

    rng = random.Random(5)
    files = {f"{n}.txt": rng.randbytes(1000) for n in range(3)}
    path = tmp_path / "solid.7z"
    with py7zr.SevenZipFile(path, "w", filters=[{"id": py7zr.FILTER_LZMA2}]) as archive:  # no x86 filter, which holds bytes back
        for name, data in files.items():
            archive.writestr(data, name)
    monkeypatch.setattr(containers, "SEVENZ_FEED", 3 + 1000)
    listed = scan(path, "7z", max_bytes=MAX)
    got = [read_archive_member(path, member.record, max_bytes=MAX) for member in listed.members]
    assert [g[1] if isinstance(g, tuple) else g for g in got] == list(files.values())


def test_a_file_of_a_7z_archive_without_a_name_is_named_by_its_place_and_read(tmp_path: Path) -> None:
    """A name of no characters gave the key "" (``in/e.7z#``), which reading took for a sign that the archive had
    changed since it was listed: the file was refused as changed, run after run."""
    import py7zr

    path = tmp_path / "in" / "e.7z"
    path.parent.mkdir()
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(ENGLISH.encode(), "x.txt")
        archive.files.files_list[-1]["filename"] = ""
        archive.writestr(GERMAN.encode(), "y.txt")
    loaded = _loaded(path.parent)
    assert sorted(loaded) == ["in/e.7z#file-1", "in/e.7z#y.txt"]
    assert [getattr(loaded[k], "text", loaded[k]) for k in sorted(loaded)] == [ENGLISH, GERMAN]


def test_reading_the_files_of_a_7z_archive_of_many_blocks_keeps_the_decoder_of_one_block(tmp_path: Path) -> None:
    """Each block's decoder stayed with its block once read: memory grew with the blocks read, some 33 KB each for
    an archive 7-Zip wrote with -ms=off (708 MB after its 20,000 files) and 16 MiB of address space each for one
    the library wrote (a decoder's dictionary)."""
    import tracemalloc

    files = {f"{n:02}.txt": f"{ENGLISH} Story {n}.".encode() for n in range(40)}
    path = _7z(tmp_path / "blocks.7z", files, solid=False)
    listed = scan(path, "7z", max_bytes=MAX)
    tracemalloc.start()
    try:
        got = [read_archive_member(path, member.record, max_bytes=MAX) for member in listed.members]
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert [g[1] if isinstance(g, tuple) else g for g in got] == list(files.values())
    assert held < 40 << 20, f"{held >> 20} MiB"  # one block's decoder: 16 MiB of dictionary, and little else


def test_the_e_mails_of_a_solid_7z_archive_and_their_attached_files_unpack_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message is read as its own document, then again for its attached files, which come after it: that second
    read is a step back, and unpacked the block again from its start, for every message (400 messages unpacked
    80,600 files; reading grew as the square of the messages, where a .tar.gz reads them once)."""
    import threading
    from email.message import EmailMessage

    import flows.steps.containers as containers

    def message(n: int) -> bytes:
        m = EmailMessage()
        m["From"], m["To"], m["Subject"], m["Message-ID"] = "presse@example.org", "redaktion@example.org", f"Story {n}", f"<m{n}@example.org>"
        m.set_content(f"{ENGLISH} Story {n}.")
        m.add_attachment(f"{GERMAN} Bericht {n}.".encode(), maintype="text", subtype="plain", filename=f"bericht{n}.txt")
        return m.as_bytes()

    (tmp_path / "in").mkdir()
    path = _7z(tmp_path / "in" / "mail.7z", {f"{n:02}.eml": message(n) for n in range(30)})
    refs = discover([path.parent], max_bytes=MAX)
    monkeypatch.setattr(containers, "_sevenz_open", threading.local())
    unpacked: list[int] = []
    real_unpack = containers._SevenZip._unpack

    def counting_unpack(self: object, folder: object, *, keep: bool) -> bytes:
        unpacked.append(1)
        return real_unpack(self, folder, keep=keep)  # type: ignore[arg-type]

    monkeypatch.setattr(containers._SevenZip, "_unpack", counting_unpack)
    loaded = [load_document(ref, max_bytes=MAX) for ref in refs]
    assert len(refs) == 60 and all(isinstance(doc, SourceDocument) for doc in loaded)
    assert [doc.text.strip() for doc in loaded[:2]] == [f"{ENGLISH} Story 0.", f"{GERMAN} Bericht 0."]  # type: ignore[union-attr]
    assert len(unpacked) == 30


def test_the_folders_of_a_7z_archive_written_without_attributes_are_passed_over_as_folders(tmp_path: Path) -> None:
    """7-Zip writes no attributes with -mtr-: a folder is then an entry without data that is not marked as an empty
    file (7-Zip's rule), and each was listed as a file and refused as empty ("news", "news/sub")."""
    import tempfile

    import py7zr

    path = tmp_path / "in" / "news.7z"
    path.parent.mkdir()
    with tempfile.TemporaryDirectory() as empty, py7zr.SevenZipFile(path, "w") as archive:
        for folder in ("news", "news/sub"):
            archive.write(empty, folder)
            del archive.files.files_list[-1]["attributes"]
        archive.writestr(ENGLISH.encode(), "news/sub/a.txt")
        archive.writestr(b"", "news/empty.txt")
    loaded = _loaded(path.parent)
    assert sorted(loaded) == ["in/news.7z#news/empty.txt", "in/news.7z#news/sub/a.txt"]
    assert isinstance(loaded["in/news.7z#news/sub/a.txt"], SourceDocument)
    assert isinstance(loaded["in/news.7z#news/empty.txt"], Rejection) and loaded["in/news.7z#news/empty.txt"].reason == Reason.EMPTY
