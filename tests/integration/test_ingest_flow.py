"""The flow over seeds/ into OpenSearch, on whichever backend the session fixture found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

from flows.errors import MappingDriftError
from flows.ingest import ingest
from flows.search.client import build_client
from flows.search.query import document_facets, search
from flows.search.schema import ensure_indices, load_schema
from flows.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: a Japanese report: "World Cup" (ワールドカップ) is written inside the compound "football World Cup"
JAPANESE = (
    "サッカーワールドカップの日本代表メンバーが木曜日に発表された。監督は記者会見で、若い選手を多く選んだ理由を説明した。"
    "大会は来年の夏に開かれる予定で、チームは来月から合宿を始める。"
)
CHINESE = (
    "国家统计局周一公布了最新的经济数据。数据显示，今年第三季度国内生产总值同比增长百分之五，消费和投资均有所回升。"
    "分析人士认为，政府的支持政策正在发挥作用。"
)


def _client() -> tuple[OpenSearch, Settings]:
    settings = Settings()
    return build_client(settings), settings


def _documents(client: OpenSearch, settings: Settings) -> dict[str, dict]:
    res = client.search(index=settings.documents_alias, body={"size": 1000, "query": {"match_all": {}}})
    return {h["_id"]: h["_source"] for h in res["hits"]["hits"]}


def _chunks(client: OpenSearch, settings: Settings) -> dict[str, dict]:
    res = client.search(index=settings.chunks_alias, body={"size": 1000, "query": {"match_all": {}}})
    return {h["_id"]: h["_source"] for h in res["hits"]["hits"]}


def test_seeds_are_indexed_with_document_level_facets(os_env) -> None:
    report = ingest([str(SEEDS)])
    assert (report.documents_seen, report.documents_indexed, report.rejected) == (5, 5, ())
    assert report.languages == {"de": 2, "en": 3}
    client, settings = _client()
    assert client.count(index=settings.documents_alias)["count"] == 5
    assert client.count(index=settings.chunks_alias)["count"] == report.chunks_indexed > 5
    facets = document_facets(client, settings.documents_alias)
    assert facets["language"] == {"en": 3, "de": 2}  # documents, not passages
    assert facets["collection"] == {"seeds": 5}
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert docs["seeds/000_648d364ac6a78ef8.txt"]["language"] == "de"
    assert docs["seeds/001_56a0064459e663f8.txt"]["title"] == "Russia aids China in preparation for possible invasion of Taiwan"
    for chunk in _chunks(client, settings).values():
        assert chunk["chunk_count"] == docs[chunk["source_path"]]["chunk_count"]
        assert chunk["language"] in {"de", "en"} and chunk.get(f"text_{chunk['language']}") == chunk["text"]


def test_rerun_changes_nothing(os_env) -> None:
    first = ingest([str(SEEDS)])
    client, settings = _client()
    before = _chunks(client, settings)
    second = ingest([str(SEEDS)])
    after = _chunks(client, settings)
    assert second.documents_indexed + second.documents_unchanged == 5 and second.rejected == ()
    assert set(after) == set(before) and len(after) == first.chunks_indexed
    assert {k: v["text"] for k, v in after.items()} == {k: v["text"] for k, v in before.items()}
    assert client.count(index=settings.documents_alias)["count"] == 5


def test_shorter_edit_removes_stale_chunks(os_env, seeds_copy: Path) -> None:
    ingest([str(seeds_copy)])
    client, settings = _client()
    target = seeds_copy / "004_0ea8069e22714357.txt"
    doc_chunks = lambda: sorted(c["chunk_index"] for c in _chunks(client, settings).values() if c["source_path"].endswith(target.name))  # noqa: E731
    assert len(doc_chunks()) > 2
    target.write_text(target.read_text(encoding="utf-8")[:900], encoding="utf-8")
    report = ingest([str(seeds_copy)])
    assert report.stale_chunks_deleted >= 1
    remaining = doc_chunks()
    assert remaining == list(range(len(remaining))) and len(remaining) <= 2
    assert client.count(index=settings.documents_alias)["count"] == 5


def test_lines_repeated_across_a_site_are_dropped_and_incremental_runs_follow_them(os_env, tmp_path: Path) -> None:
    from tests.site import LIVE, SIGNUP, page, six_pages, write_site

    folder = write_site(tmp_path / "site", six_pages())
    first = ingest([str(folder)])
    assert (first.documents_indexed, first.repeated_lines) == (6, {"site": 7})
    client, settings = _client()
    texts = [c["text"] for c in _chunks(client, settings).values()]
    assert len(texts) >= 6 and not any(SIGNUP in t for t in texts) and sum(LIVE in t for t in texts) == 2
    second = ingest([str(folder)])
    assert (second.documents_indexed, second.documents_unchanged) == (0, 6)
    (folder / "page7.txt").write_text(page(7, extra=(LIVE,)), encoding="utf-8")  # LIVE now on three pages
    third = ingest([str(folder)])
    assert (third.documents_indexed, third.documents_unchanged, third.repeated_lines) == (3, 4, {"site": 8})
    assert not any(LIVE in c["text"] for c in _chunks(client, settings).values())


def test_german_stemming_matches_inflected_forms(os_env, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    shutil.copytree(SEEDS, corpus)
    (corpus / "extra.txt").write_text(
        "Die Invasionen der vergangenen Jahrhunderte haben die Region geprägt. "
        "Historiker streiten bis heute über die Ursachen dieser Kriege und ihre Folgen für Europa.",
        encoding="utf-8",
    )
    ingest([str(corpus)])
    client, settings = _client()
    schema = load_schema(settings.schemas_dir, "chunks")
    hits = search(client, settings.chunks_alias, schema, "Invasion", language="de").hits
    paths = {h.source for h in hits}
    assert "news/extra.txt" in paths  # says "Invasionen"
    assert "news/000_648d364ac6a78ef8.txt" in paths
    assert all(h.language == "de" for h in hits)
    assert any("«Invasionen»" in frag for h in hits for frag in h.highlights)
    reverse = search(client, settings.chunks_alias, schema, "Invasionen", language="de")
    assert "news/000_648d364ac6a78ef8.txt" in {h.source for h in reverse.hits}  # says "Invasion"
    assert reverse.facets["language"] == {"de": reverse.total_documents}


def test_chinese_and_japanese_passages_are_analysed_in_bigrams(os_env, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "ja.txt").write_text(JAPANESE, encoding="utf-8")
    (corpus / "zh.txt").write_text(CHINESE, encoding="utf-8")
    assert ingest([str(corpus)]).languages == {"ja": 1, "zh": 1}
    client, settings = _client()
    chunks = {c["source_path"]: c for c in _chunks(client, settings).values()}
    assert chunks["news/ja.txt"]["text_ja"] == chunks["news/ja.txt"]["text"] and "text_zh" not in chunks["news/ja.txt"]
    assert chunks["news/zh.txt"]["text_zh"] == chunks["news/zh.txt"]["text"] and "text_ja" not in chunks["news/zh.txt"]
    schema = load_schema(settings.schemas_dir, "chunks")
    # the language-neutral field holds a run of katakana as one word: only the bigrams find a word inside it
    assert client.count(index=settings.chunks_alias, body={"query": {"match": {"text": "ワールドカップ"}}})["count"] == 0
    found = search(client, settings.chunks_alias, schema, "ワールドカップ")
    assert [h.source for h in found.hits] == ["news/ja.txt"]
    assert any("«ワールドカップ»" in frag for frag in found.hits[0].highlights)
    assert [h.source for h in search(client, settings.chunks_alias, schema, "统计局 经济").hits] == ["news/zh.txt"]
    bigrams = {"query": {"match_phrase": {"text_zh": "统计局"}}}  # 统计 and 计局, next to each other
    assert client.count(index=settings.chunks_alias, body=bigrams)["count"] == 1


def test_search_matches_apostrophes_and_accents_as_typed(os_env, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    typeset = (
        "Conor O\u2019Brien met the president\u2019s advisers at the \u00c9lys\u00e9e Palace on Monday morning. "
        "The talks went on for three hours and ended without a joint statement from either side."
    )
    plain = (
        "Reporters waited outside the Elysee for hours while O'Brien and the president's team talked. "
        "Neither side would say when the next round of negotiations is due to begin."
    )
    (corpus / "typeset.txt").write_text(typeset, encoding="utf-8")
    (corpus / "plain.txt").write_text(plain, encoding="utf-8")
    ingest([str(corpus)])
    client, settings = _client()
    schema = load_schema(settings.schemas_dir, "chunks")
    for query in ("O'Brien", "O\u2019Brien", "\u00c9lys\u00e9e", "Elysee", "president's", "president\u2019s"):
        found = search(client, settings.chunks_alias, schema, query)
        assert sorted(h.source for h in found.hits) == ["news/plain.txt", "news/typeset.txt"], query
    typed = search(client, settings.chunks_alias, schema, "O'Brien Elysee")
    fragments = [f for h in typed.hits if h.source == "news/typeset.txt" for f in h.highlights]  # as written, marked
    assert any("\u00abO\u2019Brien\u00bb" in frag and "\u00ab\u00c9lys\u00e9e\u00bb" in frag for frag in fragments)
    assert sorted(c["text"] for c in _chunks(client, settings).values()) == sorted([plain, typeset])  # stored as written
    assert search(client, settings.chunks_alias, schema, "OBrien").hits == []  # folding is no fuzziness


def test_an_index_of_the_first_schema_is_refused_until_rebuilt(
    os_env: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "paris.txt").write_text(
        "Conor O\u2019Brien met the president\u2019s advisers at the \u00c9lys\u00e9e Palace on Monday morning. "
        "The talks went on for three hours and ended without a joint statement from either side.",
        encoding="utf-8",
    )
    monkeypatch.setenv("DOCINDEX_SCHEMAS_DIR", str(Path(__file__).resolve().parents[1] / "data" / "schemas-v1"))
    assert ingest([str(corpus)]).documents_indexed == 1  # by a release whose text field had no folding
    monkeypatch.delenv("DOCINDEX_SCHEMAS_DIR")
    client, settings = _client()
    schema = load_schema(settings.schemas_dir, "chunks")
    with pytest.raises(MappingDriftError, match="rebuild") as err:
        ensure_indices(client, settings)
    assert "text: analyzer is 'standard', schema says 'docindex_text'" in str(err.value)
    assert "analysis.filter.docindex_folding: missing in the index" in str(err.value)
    assert main(["rebuild", "--delete-old"]) == 0
    assert f"{settings.chunks_alias}-v{schema.version}-" in " ".join(capsys.readouterr().err.split())
    assert [h.source for h in search(client, settings.chunks_alias, schema, "O'Brien").hits] == ["news/paris.txt"]
    assert ingest([str(corpus)]).documents_unchanged == 1  # the copy is complete: nothing to write again


@pytest.mark.parametrize("release", ["raises the pipeline version", "keeps the pipeline version"])
def test_an_index_of_schema_version_2_is_rebuilt_and_its_passages_get_their_language_field_when_read_again(
    os_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, release: str
) -> None:
    from flows.cli import main

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "ja.txt").write_text(JAPANESE, encoding="utf-8")
    monkeypatch.setenv("DOCINDEX_SCHEMAS_DIR", str(Path(__file__).resolve().parents[1] / "data" / "schemas-v2"))
    assert ingest([str(corpus)]).languages == {"ja": 1}  # by 0.8.11, whose mapping had no Japanese field
    monkeypatch.delenv("DOCINDEX_SCHEMAS_DIR")
    client, settings = _client()
    if release == "raises the pipeline version":  # the records name the pipeline version of the release before
        for doc_id in _documents(client, settings):
            client.update(index=settings.documents_alias, id=doc_id, body={"doc": {"pipeline_version": "0.8.11+earlier"}})
        client.indices.refresh(index=settings.documents_alias)
    schema = load_schema(settings.schemas_dir, "chunks")
    with pytest.raises(MappingDriftError, match="rebuild") as err:
        ensure_indices(client, settings)
    assert "text_ja: missing in the index" in str(err.value) and "text_zh: missing in the index" in str(err.value)
    assert main(["rebuild", "--delete-old"]) == 0
    for alias in (settings.chunks_alias, settings.documents_alias):
        [index] = client.indices.get_alias(name=alias)
        assert index.startswith(f"{alias}-v3-") and not client.indices.exists(index=f"{alias}-v2")  # --delete-old
    assert search(client, settings.chunks_alias, schema, "ワールドカップ").hits == []  # the copy has no text_ja
    report = ingest([str(corpus)])
    if release == "keeps the pipeline version":  # nothing is read again, and the passage stays without text_ja
        assert (report.documents_indexed, report.documents_unchanged) == (0, 1)
        assert search(client, settings.chunks_alias, schema, "ワールドカップ").hits == []
        report = ingest([str(corpus)], reprocess=True)
    assert (report.documents_indexed, report.documents_unchanged) == (1, 0)
    assert [h.source for h in search(client, settings.chunks_alias, schema, "ワールドカップ").hits] == ["news/ja.txt"]
    assert ingest([str(corpus)]).documents_unchanged == 1  # read once only


def test_drifted_mapping_is_refused(os_env, index_prefix: str) -> None:
    client, settings = _client()
    client.indices.create(
        index=f"{settings.chunks_alias}-v1",
        body={"mappings": {"dynamic": "strict", "properties": {"text": {"type": "keyword"}}}, "aliases": {settings.chunks_alias: {"is_write_index": True}}},
    )
    with pytest.raises(MappingDriftError, match="rebuild") as err:
        ensure_indices(client, settings)
    assert "text: type is 'keyword', schema says 'text'" in str(err.value)


def test_a_document_rejected_on_a_rerun_keeps_its_indexed_version_and_says_so(os_env, seeds_copy: Path) -> None:
    from flows.search.writer import stored_hashes

    ingest([str(seeds_copy)])
    client, settings = _client()
    ids = [h["_id"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]]
    assert set(stored_hashes(client, settings.documents_alias, ids, "another version").values()) == {""}
    (seeds_copy / "004_0ea8069e22714357.txt").write_text("", encoding="utf-8")
    report = ingest([str(seeds_copy)])
    [rejected] = report.rejected
    assert rejected.reason.value == "empty" and "the version indexed earlier stays searchable" in rejected.detail
    assert client.count(index=settings.documents_alias)["count"] == 5


def test_reprocess_reads_unchanged_documents_again_and_replaces_their_passages(os_env, seeds_copy: Path) -> None:
    first = ingest([str(seeds_copy)])
    client, settings = _client()
    before = _chunks(client, settings)
    again = ingest([str(seeds_copy)], reprocess=True)
    assert (again.documents_indexed, again.documents_unchanged, again.rejected) == (5, 0, ())
    after = _chunks(client, settings)
    assert set(after) == set(before) and len(after) == first.chunks_indexed == again.chunks_indexed  # no duplicates
    assert client.count(index=settings.documents_alias)["count"] == 5
    (seeds_copy / "004_0ea8069e22714357.txt").write_text("", encoding="utf-8")
    [rejected] = ingest([str(seeds_copy)], reprocess=True).rejected
    assert "the version indexed earlier stays searchable" in rejected.detail
    assert client.count(index=settings.documents_alias)["count"] == 5


def test_two_runs_creating_the_indices_at_once_both_go_on(os_env, index_prefix: str) -> None:
    """A scheduled run and a hand-started one on a new prefix: both see no index, both create it."""
    import threading

    errors: list[BaseException] = []
    for n in range(4):
        settings = Settings(index=f"{index_prefix}-race{n}")
        start = threading.Barrier(2)

        def create(settings: Settings = settings, start: threading.Barrier = start) -> None:
            client = build_client(settings)
            start.wait()
            try:
                ensure_indices(client, settings)
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=create) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        client = build_client(settings)
        assert client.indices.exists_alias(name=settings.chunks_alias)
    assert errors == []


def test_records_of_json_lines_and_web_archives_are_documents_that_reruns_and_prune_follow(os_env, tmp_path: Path) -> None:
    import json

    from tests.documents import article_page, warc_bytes

    folder = tmp_path / "feeds"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    articles = [{"url": f"https://news.example/{n}", "title": f"Story {n}", "text": p.read_text(encoding="utf-8")} for n, p in enumerate(seeds[:3])]
    export = folder / "export.jsonl"
    export.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    page = article_page("Haushalt in Berlin", [line for line in seeds[0].read_text(encoding="utf-8").splitlines() if len(line) > 80][:6])
    (folder / "crawl.warc.gz").write_bytes(warc_bytes([("https://news.example/haushalt", page)]))
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (4, 4, ())
    client, settings = _client()
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert sorted(docs) == ["feeds/crawl.warc.gz#https://news.example/haushalt"] + [f"feeds/export.jsonl#https://news.example/{n}" for n in range(3)]
    assert docs["feeds/export.jsonl#https://news.example/1"]["title"] == "Story 1"
    assert docs["feeds/crawl.warc.gz#https://news.example/haushalt"]["format"] == "warc"
    # the export again, re-ordered, one story edited and one gone: only the edited one is read again
    edited = {**articles[0], "text": articles[0]["text"][:1500]}
    export.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in (articles[2], edited)), encoding="utf-8")
    second = ingest([str(folder)], prune=True)
    assert (second.documents_indexed, second.documents_unchanged, second.documents_pruned) == (1, 2, 1)
    paths = {c["source_path"] for c in _chunks(client, settings).values()}
    assert paths == {"feeds/crawl.warc.gz#https://news.example/haushalt", "feeds/export.jsonl#https://news.example/0", "feeds/export.jsonl#https://news.example/2"}
    assert client.count(index=settings.documents_alias)["count"] == 3
    # an export that cannot be listed to its end keeps what was indexed from it
    export.write_text(json.dumps(articles[2], ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes((folder / "crawl.warc.gz").read_bytes()[:-40])
    third = ingest([str(folder)], prune=True)
    assert third.documents_pruned == 1  # story 0, gone from the export
    assert [r.path for r in third.rejected] == ["feeds/crawl.warc.gz"] and "cut short" in third.rejected[0].detail
    assert client.count(index=settings.documents_alias)["count"] == 2
    # the export given alone is the scope of its records
    export.write_text(json.dumps(articles[1], ensure_ascii=False) + "\n", encoding="utf-8")
    fourth = ingest([str(export)], prune=True)
    assert (fourth.documents_indexed, fourth.documents_pruned) == (1, 1)  # story 1 back, story 2 gone
    paths = {c["source_path"] for c in _chunks(client, settings).values()}
    assert paths == {"feeds/crawl.warc.gz#https://news.example/haushalt", "feeds/export.jsonl#https://news.example/1"}


def _seed_item(n: int, title: str, extra: str = "") -> str:
    """An RSS item named story-<n> whose description is the n-th seed as HTML paragraphs."""
    from html import escape

    lines = sorted(SEEDS.glob("*.txt"))[n].read_text(encoding="utf-8").splitlines()
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())
    return f"<item><title>{title}</title><guid>story-{n}</guid>{extra}<description>{escape(paragraphs)}</description></item>"


def test_the_items_of_a_news_feed_are_documents_that_a_feed_saved_again_and_prune_follow(os_env, tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()

    def save(*numbers: int) -> None:
        items = "".join(_seed_item(n, f"Story {n}", "<pubDate>Tue, 29 Oct 2024 18:00:00 +0000</pubDate>") for n in numbers)
        (folder / "latest.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Times</title>{items}</channel></rss>', encoding="utf-8")

    save(0, 1, 2)
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (3, 3, ())
    client, settings = _client()
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert sorted(docs) == [f"feeds/latest.rss#story-{n}" for n in range(3)]
    assert {(d["format"], d["site"], d["published"]) for d in docs.values()} == {("feed", "Example Times", "2024-10-29")}
    # saved again with a new story on top and the oldest gone: only the new one is read, the gone one pruned
    save(3, 0, 1)
    second = ingest([str(folder)], prune=True)
    assert (second.documents_indexed, second.documents_unchanged, second.documents_pruned) == (1, 2, 1)
    assert {c["source_path"] for c in _chunks(client, settings).values()} == {f"feeds/latest.rss#story-{n}" for n in (0, 1, 3)}


def test_feeds_and_mailboxes_in_an_archive_are_read_item_by_item_and_a_repacked_archive_duplicates_nothing(os_env, tmp_path: Path) -> None:
    import zipfile
    from email.message import EmailMessage
    folder = tmp_path / "exports"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))

    def item(n: int) -> str:
        return _seed_item(n, f"Story {n} &amp; more")

    def message(n: int) -> bytes:
        mail = EmailMessage()
        mail["From"], mail["Subject"], mail["Message-ID"] = "Press Office <press@example.com>", f"Release {n}", f"<release-{n}@example.com>"
        mail.set_content(seeds[n].read_text(encoding="utf-8"))
        return b"From press@example.com Tue Oct 29 08:00:00 2024\n" + mail.as_bytes() + b"\n"

    def pack(*numbers: int) -> None:
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Times</title>{"".join(item(n) for n in numbers)}</channel></rss>'
        with zipfile.ZipFile(folder / "takeout.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("feeds/latest.rss", feed)
            archive.writestr("Mail/press.mbox", message(3) + message(4))

    pack(0, 1, 2)
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (5, 5, ())
    client, settings = _client()
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert sorted(docs) == [f"exports/takeout.zip#Mail/press.mbox#release-{n}@example.com" for n in (3, 4)] + [
        f"exports/takeout.zip#feeds/latest.rss#story-{n}" for n in range(3)
    ]
    assert {d["format"] for d in docs.values()} == {"feed", "email"}
    assert docs["exports/takeout.zip#feeds/latest.rss#story-1"]["title"] == "Story 1 & more"
    chunks = len(_chunks(client, settings))
    # packed again, unchanged: nothing read again, nothing duplicated
    pack(0, 1, 2)
    again = ingest([str(folder)])
    assert (again.documents_indexed, again.documents_unchanged) == (0, 5) and len(_chunks(client, settings)) == chunks
    # the feed saved again with a new story on top and the oldest gone: only the new one is read, the gone one pruned
    pack(3, 0, 1)
    third = ingest([str(folder)], prune=True)
    assert (third.documents_indexed, third.documents_unchanged, third.documents_pruned) == (1, 4, 1)
    paths = {c["source_path"] for c in _chunks(client, settings).values()}
    assert {p for p in paths if "latest.rss" in p} == {f"exports/takeout.zip#feeds/latest.rss#story-{n}" for n in (0, 1, 3)}


@pytest.mark.parametrize("suffix", [".zip", ".tar.gz", ".7z"])
def test_the_files_of_an_archive_are_documents_that_reruns_and_prune_follow(os_env, tmp_path: Path, suffix: str) -> None:
    import io
    import tarfile
    import zipfile

    folder = tmp_path / "inbox"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    archive = folder / f"news{suffix}"

    def pack(files: dict[str, bytes]) -> None:
        if suffix == ".7z":
            import py7zr

            archive.unlink(missing_ok=True)
            with py7zr.SevenZipFile(archive, "w") as s:  # solid: one block for all the files, as 7-Zip writes by default
                for name, data in files.items():
                    s.writestr(data, name)
            return
        if suffix == ".zip":
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
                for name, data in files.items():
                    z.writestr(name, data)
            return
        with tarfile.open(archive, "w:gz") as t:
            for name, data in files.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))

    files = {f"seeds/{p.name}": p.read_bytes() for p in seeds}
    pack(files)
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (5, 5, ())
    client, settings = _client()
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert sorted(docs) == [f"inbox/news{suffix}#seeds/{p.name}" for p in seeds]
    assert {d["format"] for d in docs.values()} == {"text"} and {d["collection"] for d in docs.values()} == {"inbox"}
    chunks = len(_chunks(client, settings))
    # packed again in another order: nothing read again, nothing duplicated
    pack(dict(reversed(files.items())))
    again = ingest([str(folder)])
    assert (again.documents_indexed, again.documents_unchanged) == (0, 5) and len(_chunks(client, settings)) == chunks
    # one file edited, one gone
    edited = {**files, f"seeds/{seeds[0].name}": files[f"seeds/{seeds[0].name}"][:1500]}
    del edited[f"seeds/{seeds[1].name}"]
    pack(edited)
    third = ingest([str(folder)], prune=True)
    assert (third.documents_indexed, third.documents_unchanged, third.documents_pruned) == (1, 3, 1)
    assert {c["source_path"] for c in _chunks(client, settings).values()} == {f"inbox/news{suffix}#{n}" for n in edited}
    # an archive that cannot be read keeps what was indexed from it; one that is gone loses it
    archive.write_bytes(archive.read_bytes()[:-30])
    (folder / "note.txt").write_bytes(seeds[2].read_bytes())
    fourth = ingest([str(folder)], prune=True)
    assert fourth.documents_pruned == 0 and [r.path for r in fourth.rejected] == [f"inbox/news{suffix}"]
    assert client.count(index=settings.documents_alias)["count"] == 5
    archive.unlink()
    fifth = ingest([str(folder)], prune=True)
    assert (fifth.documents_unchanged, fifth.documents_pruned) == (1, 4)
    assert client.count(index=settings.documents_alias)["count"] == 1


def test_the_files_attached_to_e_mails_are_documents_that_reruns_and_prune_follow(os_env, tmp_path: Path) -> None:
    from email.message import EmailMessage

    from tests.documents import docx_bytes, pdf_bytes

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder = tmp_path / "inbox"
    folder.mkdir()

    def message(n: int, files: dict[str, tuple[bytes, str]]) -> bytes:
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = "Pressestelle <presse@example.org>", "redaktion@example.org", f"Mitteilung {n}"
        m["Date"], m["Message-ID"] = "Tue, 05 Mar 2024 07:00:00 +0100", f"<pr-{n}@example.org>"
        m.set_content(seeds[n])
        for name, (data, mime) in files.items():
            m.add_attachment(data, maintype=mime.split("/")[0], subtype=mime.split("/")[1], filename=name)
        return bytes(m)

    report = (pdf_bytes([p for p in seeds[2].split("\n") if p.strip()], title="Jahresbericht"), "application/pdf")
    logo = (b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    table = (b"PK\x03\x04" + bytes(64), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    memo = (docx_bytes([p for p in seeds[4].split("\n") if p.strip()]), "application/octet-stream")
    (folder / "pr.eml").write_bytes(message(0, {"bericht.pdf": report, "logo.png": logo, "tabelle.xlsx": table}))
    (folder / "box.mbox").write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + message(1, {"memo.docx": memo}))
    first = ingest([str(folder)])
    assert [(r.path, r.reason.value) for r in first.rejected] == [("inbox/pr.eml#tabelle.xlsx", "binary")]
    assert (first.documents_seen, first.documents_indexed) == (5, 4)
    client, settings = _client()
    docs = {h["_source"]["source_path"]: h["_source"] for h in client.search(index=settings.documents_alias, body={"size": 10})["hits"]["hits"]}
    assert sorted(docs) == ["inbox/box.mbox#pr-1@example.org", "inbox/box.mbox#pr-1@example.org#memo.docx", "inbox/pr.eml", "inbox/pr.eml#bericht.pdf"]
    assert docs["inbox/pr.eml#bericht.pdf"]["format"] == "pdf" and docs["inbox/pr.eml#bericht.pdf"]["title"] == "Jahresbericht"
    assert docs["inbox/pr.eml"]["format"] == "email" and docs["inbox/box.mbox#pr-1@example.org#memo.docx"]["format"] == "docx"
    chunks = len(_chunks(client, settings))
    # a re-run reads nothing again and duplicates nothing
    again = ingest([str(folder)])
    assert (again.documents_indexed, again.documents_unchanged) == (0, 4) and len(_chunks(client, settings)) == chunks
    # the message saved again without its report: the report goes on prune, the message stays as it was
    (folder / "pr.eml").write_bytes(message(0, {"logo.png": logo}))
    third = ingest([str(folder)], prune=True)
    assert (third.documents_indexed, third.documents_unchanged, third.documents_pruned, third.rejected) == (1, 2, 1, ())
    paths = {c["source_path"] for c in _chunks(client, settings).values()}
    assert paths == {"inbox/pr.eml", "inbox/box.mbox#pr-1@example.org", "inbox/box.mbox#pr-1@example.org#memo.docx"}
    # the mailbox gone: its message and the file attached to it go
    (folder / "box.mbox").unlink()
    fourth = ingest([str(folder)], prune=True)
    assert fourth.documents_pruned == 2 and client.count(index=settings.documents_alias)["count"] == 1


def test_the_files_after_a_message_s_first_hundred_are_one_rejection_counted_as_each(os_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from email.message import EmailMessage

    from flows.steps import attachments

    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 2)  # the files are listed when the run starts, in this process
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder = tmp_path / "inbox"
    folder.mkdir()
    m = EmailMessage()
    m["From"], m["Subject"], m["Message-ID"] = "Pressestelle <presse@example.org>", "Notizen", "<notizen@example.org>"
    m.set_content("Anbei unsere Notizen zur Sitzung des Stadtrats vom Dienstag, wie besprochen.")
    for n in range(5):
        m.add_attachment(seeds[n].encode(), maintype="text", subtype="plain", filename=f"notiz{n}.txt")
    (folder / "notizen.eml").write_bytes(bytes(m))
    first = ingest([str(folder)])
    assert [(r.path, r.reason.value, r.documents) for r in first.rejected] == [("inbox/notizen.eml#attached-files-3-to-5", "too_large", 3)]
    assert (first.documents_seen, first.documents_indexed, first.documents_rejected) == (6, 3, 3)
    assert first.to_json_dict()["documents_rejected"] == 3
    client, settings = _client()
    assert client.count(index=settings.documents_alias)["count"] == 3
    again = ingest([str(folder)], prune=True)  # the same rejection, nothing indexed twice nor pruned
    assert (again.documents_seen, again.documents_unchanged, again.documents_rejected, again.documents_pruned) == (6, 3, 3, 0)
    assert client.count(index=settings.documents_alias)["count"] == 3
    # saved again with a file before the others: notiz1.txt, indexed, is now past the limit and still held, so it stays
    monkeypatch.setenv("DOCINDEX_MAX_REJECTED_FRACTION", "0.6")  # four of seven refused, as one rejection
    m.clear_content()
    m.set_content("Anbei unsere Notizen zur Sitzung des Stadtrats vom Dienstag, wie besprochen.")
    for name, n in [("vorab.txt", 5)] + [(f"notiz{n}.txt", n) for n in range(5)]:
        m.add_attachment(seeds[n % len(seeds)].encode(), maintype="text", subtype="plain", filename=name)
    (folder / "notizen.eml").write_bytes(bytes(m))
    third = ingest([str(folder)], prune=True)
    assert (third.documents_indexed, third.documents_rejected, third.documents_pruned) == (2, 4, 0)
    paths = sorted(d["source_path"] for d in _documents(client, settings).values())
    assert paths == ["inbox/notizen.eml", "inbox/notizen.eml#notiz0.txt", "inbox/notizen.eml#notiz1.txt", "inbox/notizen.eml#vorab.txt"]


def test_the_files_attached_to_a_gzipped_message_are_documents_that_reruns_and_prune_follow(os_env, tmp_path: Path) -> None:
    import gzip
    from email.message import EmailMessage

    from tests.documents import pdf_bytes

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder = tmp_path / "inbox"
    folder.mkdir()

    def message(files: dict[str, str]) -> bytes:
        m = EmailMessage()
        m["From"], m["Subject"], m["Message-ID"] = "Pressestelle <presse@example.org>", "Berichte", "<berichte@example.org>"
        m["Date"] = "Tue, 05 Mar 2024 07:00:00 +0100"
        m.set_content(seeds[0])
        for name, text in files.items():
            m.add_attachment(pdf_bytes([p for p in text.split("\n") if p.strip()], title=name), maintype="application", subtype="pdf", filename=name)
        return gzip.compress(bytes(m))

    (folder / "berichte.eml.gz").write_bytes(message({"a.pdf": seeds[1], "b.pdf": seeds[2]}))
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (3, 3, ())
    client, settings = _client()
    paths = sorted(d["source_path"] for d in _documents(client, settings).values())
    assert paths == ["inbox/berichte.eml.gz", "inbox/berichte.eml.gz#a.pdf", "inbox/berichte.eml.gz#b.pdf"]
    again = ingest([str(folder)])
    assert (again.documents_indexed, again.documents_unchanged) == (0, 3)
    (folder / "berichte.eml.gz").write_bytes(message({"a.pdf": seeds[1]}))  # saved again without b.pdf
    third = ingest([str(folder)], prune=True)
    assert (third.documents_pruned, client.count(index=settings.documents_alias)["count"]) == (1, 2)


def test_the_files_of_a_forwarded_message_are_documents_that_reruns_and_prune_follow(os_env, tmp_path: Path) -> None:
    from email.message import EmailMessage

    from tests.documents import pdf_bytes

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder = tmp_path / "inbox"
    folder.mkdir()

    def pdf(n: int) -> bytes:
        return pdf_bytes([p for p in seeds[n].split("\n") if p.strip()], title=f"Bericht {n}")

    def message(inner_files: dict[str, bytes]) -> bytes:
        inner = EmailMessage()
        inner["From"], inner["Subject"], inner["Message-ID"] = "Agentur <agentur@example.org>", "Berichte", "<innen@example.org>"
        inner.set_content(seeds[1])
        for name, data in inner_files.items():
            inner.add_attachment(data, maintype="application", subtype="pdf", filename=name)
        outer = EmailMessage()
        outer["From"], outer["Subject"], outer["Message-ID"] = "Pressestelle <presse@example.org>", "Fwd: Berichte", "<aussen@example.org>"
        outer["Date"] = "Tue, 05 Mar 2024 07:00:00 +0100"
        outer.set_content(seeds[0])
        outer.add_attachment(inner, filename="Berichte.eml")
        return bytes(outer)

    (folder / "fwd.eml").write_bytes(message({"a.pdf": pdf(2), "b.pdf": pdf(3)}))
    (folder / "box.mbox").write_bytes(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + message({"c.pdf": pdf(4)}))
    first = ingest([str(folder)])
    assert (first.documents_seen, first.documents_indexed, first.rejected) == (5, 5, ())
    client, settings = _client()
    paths = sorted(d["source_path"] for d in _documents(client, settings).values())
    assert paths == [
        "inbox/box.mbox#aussen@example.org", "inbox/box.mbox#aussen@example.org#Berichte.eml#c.pdf",
        "inbox/fwd.eml", "inbox/fwd.eml#Berichte.eml#a.pdf", "inbox/fwd.eml#Berichte.eml#b.pdf",
    ]
    again = ingest([str(folder)])
    assert (again.documents_indexed, again.documents_unchanged) == (0, 5)
    (folder / "fwd.eml").write_bytes(message({"a.pdf": pdf(2)}))  # forwarded again without b.pdf
    third = ingest([str(folder)], prune=True)
    assert (third.documents_pruned, client.count(index=settings.documents_alias)["count"]) == (1, 4)
    assert "inbox/fwd.eml#Berichte.eml#b.pdf" not in {d["source_path"] for d in _documents(client, settings).values()}
