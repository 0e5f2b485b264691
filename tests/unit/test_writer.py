import json
from datetime import UTC, datetime

from flows.models import ChunkRecord
from flows.search.schema import load_schema
from flows.search.writer import _describe, chunk_source
from flows.settings import DEFAULT_SCHEMAS_DIR


def _record(language: str, text: str = "Text") -> ChunkRecord:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return ChunkRecord(
        chunk_id="d-00000", doc_id="d", chunk_index=0, chunk_count=1, text=text, char_start=0, char_end=len(text),
        language=language, language_probability=1.0, word_count=1, title=None, source="c/a.txt", source_path="c/a.txt",
        collection="c", site=None, author=None, url=None, published=None, doc_language=language, content_hash="h",
        ingested_at=now, pipeline_version="1", countries=(), tags=(),
    )


def test_language_field_only_for_analysed_languages() -> None:
    assert chunk_source(_record("de"), frozenset({"de", "en"}))["text_de"] == "Text"
    src = chunk_source(_record("sw"), frozenset({"de", "en"}))
    assert not any(k.startswith("text_") for k in src)


def test_chinese_and_japanese_passages_get_their_field_of_the_schema() -> None:
    analyzed = load_schema(DEFAULT_SCHEMAS_DIR, "chunks").analyzed_languages
    assert chunk_source(_record("zh", "国家统计局"), analyzed)["text_zh"] == "国家统计局"
    assert chunk_source(_record("ja", "ワールドカップ"), analyzed)["text_ja"] == "ワールドカップ"
    assert not any(k.startswith("text_") for k in chunk_source(_record("nl", "huizen"), analyzed))  # no dutch field


def test_document_text_cannot_change_request_shape() -> None:
    hostile = '"}\n{"delete":{"_index":"x","_id":"1"}}\n'
    src = chunk_source(_record("en", hostile), frozenset({"en"}))
    line = json.dumps(src)
    assert "\n" not in line and json.loads(line)["text"] == hostile


def test_bulk_errors_are_described_with_opensearch_reason() -> None:
    transient, text = _describe({"status": 400, "error": {"type": "mapper_parsing_exception", "reason": "failed to parse [published]"}})
    assert not transient and text == "HTTP 400: mapper_parsing_exception: failed to parse [published]"
    assert _describe({"status": 429, "error": "too many requests"})[0]
    assert _describe({"status": "N/A", "error": "ConnectionError"})[0]


def test_prune_deletes_chunks_before_the_document_record() -> None:
    """A crash between the two requests must leave the record (so the next --prune finds the document again)."""
    from flows.search.writer import delete_documents

    calls: list[tuple[str, dict]] = []

    class Recorder:
        def delete_by_query(self, *, index: str, body: dict, params: dict) -> dict:
            calls.append((index, body))
            return {"deleted": 2 if index == "docs" else 7}

    assert delete_documents(Recorder(), "chunks", "docs", ["a", "b"]) == 2  # type: ignore[arg-type]
    assert [index for index, _ in calls] == ["chunks", "docs"]
    assert calls[0][1] == {"query": {"terms": {"doc_id": ["a", "b"]}}}
