"""A hostile corpus next to good documents: every file is indexed or rejected with a reason; nothing crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

import flows.feed
from flows.ingest import ingest
from tests.hostile import GOOD_EN, build_hostile

pytestmark = pytest.mark.integration


def test_hostile_corpus_is_indexed_or_rejected_with_reasons(os_env, index_prefix, prefect_harness, monkeypatch, tmp_path):
    root = tmp_path / "hostile"
    expect = build_hostile(root)
    vanishing = root / "vanishes.txt"
    vanishing.write_text(GOOD_EN * 2, encoding="utf-8")
    real_discover = flows.feed.discover

    def discover_then_delete(paths, **options):  # noqa: ANN001, ANN003, ANN202 - the file disappears after discovery, mid-run
        refs = real_discover(paths, **options)
        vanishing.unlink()
        return refs

    monkeypatch.setattr(flows.feed, "discover", discover_then_delete)  # the flow discovers through its feed
    monkeypatch.setenv("DOCINDEX_MAX_REJECTED_FRACTION", "1")
    report = ingest([str(root)])

    client = OpenSearch(hosts=[os_env.url])
    hits = client.search(index=f"{index_prefix}-documents", body={"size": 1000, "query": {"match_all": {}}})["hits"]["hits"]
    indexed = {h["_source"]["source_path"].removeprefix("hostile/"): h["_source"] for h in hits}
    rejected = {r.path.removeprefix("hostile/"): r for r in report.rejected}

    # every file is accounted for exactly once
    assert report.documents_seen == len(indexed) + len(rejected)
    assert not set(indexed) & set(rejected)
    # the good and the recoverable documents are all indexed
    must = {n for n, kind in expect.items() if kind == "good"}
    assert must <= set(indexed), f"missing: {must - set(indexed)}; rejected: {[str(rejected[m]) for m in must if m in rejected]}"
    # every rejection says what and why
    for r in rejected.values():
        assert r.reason.value and len(r.detail) > 10, r
    assert rejected["vanishes.txt"].reason.value == "not_found"
    assert rejected["empty.txt"].reason.value == "empty"
    assert rejected["whitespace.txt"].reason.value == "empty"
    for name in ("image.png", "image_named_as_text.txt", "archive_named.txt"):
        assert rejected[name].reason.value == "binary", rejected[name]
    # a .zip's files are read: this one opens as a ZIP and breaks off, so it is refused as a whole
    assert rejected["archive.zip"].reason.value == "unreadable" and "not a readable ZIP archive" in rejected["archive.zip"].detail
    for name in ("paper.pdf", "paper_named.txt", "truncated.pdf"):  # PDF by its content, whatever its name
        assert rejected[name].reason.value == "unreadable" and "PDF" in rejected[name].detail, rejected[name]
    assert rejected["locked.pdf"].reason.value == rejected["locked_memo.docx"].reason.value == "encrypted"
    assert rejected["scanned.pdf"].reason.value == "no_text"
    assert rejected["huge_50mb.txt"].reason.value == "too_large"
    assert rejected["bomb.txt.gz"].reason.value == "too_large"
    assert rejected["scripts_only.html"].reason.value == "no_content"
    assert rejected["one_word.txt"].reason.value == "empty"
    assert rejected["link_a"].reason.value == "unreadable" and "symbolic links" in rejected["link_a"].detail
    assert rejected["dangling.txt"].reason.value == "not_found"
    assert "single_5mb_line.txt" in indexed or "single_5mb_line.txt" in rejected
    assert not any(p.startswith("sub/loop/") for p in [*indexed, *rejected])  # the folder loop is not followed
    # decoding is sensible: the right language and no mojibake or NULs in what was stored
    assert indexed["utf16_nobom.txt"]["language"] == "en" and indexed["utf16_bom.txt"]["language"] == "de"
    assert indexed["cp1252.txt"]["language"] == "de"
    formats = {
        "good_report.pdf": "pdf", "good_memo.docx": "docx", "good_notes.odt": "odt", "good_wire.rtf": "rtf", "good_seed.doc": "doc",
        "good_letter.eml": "email", "good_outlook.msg": "email", "good_page.html.gz": "html", "good_saved.mhtml": "mhtml",
        "good_safari.webarchive": "webarchive", "good_wire.xml": "newsml", "good_archive.nitf": "nitf",
        "good_scraped.json": "json",
    }
    assert {name: indexed[name]["format"] for name in formats} == formats
    assert indexed["good_memo.docx"]["language"] == "de" and indexed["good_report.pdf"]["title"] == "Budget"
    assert indexed["good_outlook.msg"]["title"] == "Budget" and indexed["good_outlook.msg"]["author"] == "City desk"
    assert {indexed[n]["language"] for n in ("good_notes.odt", "good_wire.rtf")} == {"de"}
    assert indexed["good_notes.odt"]["title"] == indexed["good_wire.rtf"]["title"] == "Haushalt"
    assert rejected["truncated.odt"].reason.value == "unreadable" and "ODT" in rejected["truncated.odt"].detail
    assert indexed["good_seed.doc"]["language"] == "de" and {"KP", "RU"} <= set(indexed["good_seed.doc"]["countries"])
    assert rejected["truncated.doc"].reason.value == "unreadable" and "OLE" in rejected["truncated.doc"].detail
    assert indexed["good_saved.mhtml"]["url"] == "https://www.example.org/politik/haushalt"
    assert indexed["good_saved.mhtml"]["language"] == "de" and indexed["good_saved.mhtml"]["site"] == "example.org"
    assert rejected["truncated.mhtml"].reason.value == "unreadable" and "MHTML" in rejected["truncated.mhtml"].detail
    assert indexed["good_safari.webarchive"]["language"] == "en" and indexed["good_safari.webarchive"]["site"] == "example.org"
    assert rejected["truncated.webarchive"].reason.value == "unreadable", rejected["truncated.webarchive"]
    assert indexed["good_wire.xml"]["site"] == "Deutsche Presse-Agentur" and indexed["good_wire.xml"]["language"] == "de"
    assert indexed["good_archive.nitf"]["author"] == "John Smith" and indexed["good_archive.nitf"]["published"] == "2007-03-05"
    assert rejected["truncated_wire.xml"].reason.value == "unreadable" and "NewsML-G2" in rejected["truncated_wire.xml"].detail
    assert indexed["good_scraped.json"]["url"] == "https://example.com/b" and indexed["good_scraped.json"]["title"] == "Budget"
    # files that hold many documents: each record indexed or rejected on its own, named by its key or position
    assert {indexed[f"records.json#item-{n}"]["language"] for n in (1, 2)} == {"en", "de"}
    assert rejected["strings.json"].reason.value == "unsupported_type" and "not of article objects" in rejected["strings.json"].detail
    assert indexed["export.jsonl#b1"]["title"] == "Budget, updated" and indexed["export.jsonl#b2"]["language"] == "de"
    assert {n: (r.reason.value, r.detail.split(":")[0]) for n, r in rejected.items() if n.startswith("export.jsonl")} == {
        "export.jsonl#line-1": ("duplicate", "line 1"), "export.jsonl#line-2": ("unreadable", "line 2"),
        "export.jsonl#line-4": ("unsupported_type", "line 4"),
    }
    assert indexed["crawl.warc.gz#https://www.example.org/budget"]["format"] == "warc"
    assert indexed["crawl.warc.gz#https://www.example.org/alt"]["language"] == "de"
    assert "Ärger" in indexed["crawl.warc.gz#https://www.example.org/alt"]["title"]
    assert not any(n.startswith("crawl.warc.gz#") for n in rejected)  # an image is no document of a crawl
    assert indexed["articles.csv#a1"]["format"] == "csv" and indexed["articles.csv#a3"]["language"] == "de"
    # a feed's items, one by one; an entity the feed declares is never expanded
    assert indexed["feed_news.rss#b1"]["format"] == "feed" and indexed["feed_news.rss#b1"]["site"] == "City News"
    assert rejected["feed_news.rss#b2"].reason.value == "empty" and "item 2" in rejected["feed_news.rss#b2"].detail
    assert "feed_news.rss#b3" in rejected and "aaaa" not in json.dumps([h["_source"] for h in hits])
    assert rejected["truncated_feed.rss"].reason.value == "unreadable" and "feed XML" in rejected["truncated_feed.rss"].detail
    assert (indexed["good_post.md"]["title"], indexed["good_post.md"]["author"]) == ("Budget approved", "City desk")  # front matter
    assert indexed["post_bad_date.md"]["title"] == "Budget approved"
    assert "post_nested.md" in indexed  # a block too deep to parse stays text
    assert indexed["bom_mail.mbox#bom1@example.com"]["title"] == "Budget"
    # a mailbox's messages, one by one
    assert (indexed["mail.mbox#m1@example.com"]["format"], indexed["mail.mbox#m1@example.com"]["title"]) == ("email", "Budget")
    assert "mail.mbox#m2@example.com" in rejected and "mail.mbox#message-3" in rejected
    assert rejected["articles.csv#a2"].reason.value == "unsupported_type" and "row 2" in rejected["articles.csv#a2"].detail
    assert "table.csv" in indexed or rejected["table.csv"].reason.value in ("empty", "no_chunks")  # a table of numbers: text
    for name, words in (("truncated.warc.gz", "cut short"), ("one_stream.warc.gz", "gunzip"), ("notes.warc", "not a web archive")):
        assert rejected[name].reason.value == "unreadable" and words in rejected[name].detail, rejected[name]
    chunks = client.search(index=f"{index_prefix}-chunks", body={"size": 10000, "query": {"match_all": {}}})["hits"]["hits"]
    texts = {h["_source"]["source_path"].removeprefix("hostile/"): h["_source"]["text"] for h in chunks}
    assert "Ausgaben für den Nahverkehr" in texts["cp1252.txt"] and "€" in texts["cp1252.txt"]
    assert "Ausgaben für den Nahverkehr" in texts["lying_charset.html"]
    assert "\x00" not in "".join(texts.values())
    # text is data: quotes, braces and bulk-like lines in a document cannot change the request
    assert json.dumps(texts["odd name ä €;$(echo x)&'\"#%.txt"])


def test_document_text_cannot_change_the_bulk_request(os_env, index_prefix, prefect_harness, tmp_path: Path):
    root = tmp_path / "inject"
    root.mkdir()
    evil = (
        GOOD_EN
        + '\n{"index": {"_index": "victim", "_id": "1"}}\n{"x": 1}\n{"delete": {"_index": "' + index_prefix + '-documents", "_id": "a"}}\n'
        + '"}}]} \\" \\n ' + GOOD_EN
    )
    (root / "evil.txt").write_text(evil, encoding="utf-8")
    (root / "good.txt").write_text(GOOD_EN * 2, encoding="utf-8")
    report = ingest([str(root)])
    assert report.documents_indexed == 2 and not report.rejected
    client = OpenSearch(hosts=[os_env.url])
    assert not client.indices.exists(index="victim")
    hits = client.search(index=f"{index_prefix}-chunks", body={"query": {"term": {"source_path": "inject/evil.txt"}}})["hits"]["hits"]
    assert '{"index": {"_index": "victim"' in " ".join(h["_source"]["text"] for h in hits)


def test_a_flow_parameter_that_is_invalid_is_named_as_a_parameter(prefect_harness, tmp_path: Path) -> None:
    """A deployment passes parameters, not command-line options: the error says which it was."""
    from flows.errors import ConfigError

    with pytest.raises(ConfigError, match=r"flow parameter dask_address: 'foo' must be a scheduler address"):
        ingest([str(tmp_path)], dask_address="foo")
