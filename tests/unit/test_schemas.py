"""The index templates in schemas/ are explicit and match the records the pipeline writes."""

import json
from pathlib import Path

import pytest

from flows.models import ChunkRecord, DocumentRecord
from flows.search.schema import mapping_drift

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "double", "boolean"}


@pytest.mark.parametrize(("kind", "model"), [("chunks", ChunkRecord), ("documents", DocumentRecord)])
def test_schema_is_strict_and_covers_every_record_field(kind: str, model: type) -> None:
    data = json.loads((SCHEMAS / f"{kind}.json").read_text())
    props = data["mappings"]["properties"]
    assert data["mappings"]["dynamic"] == "strict"
    assert isinstance(data["_meta"]["schema_version"], int)
    missing = set(model.model_fields) - set(props)
    assert not missing, f"fields the pipeline writes but schemas/{kind}.json does not map: {missing}"


def test_facets_are_aggregatable() -> None:
    for kind in ("chunks", "documents"):
        props = json.loads((SCHEMAS / f"{kind}.json").read_text())["mappings"]["properties"]
        for facet in ("language", "site", "collection", "source", "published", "content_hash"):
            assert props[facet]["type"] in AGGREGATABLE, (kind, facet)


def test_chunk_text_has_language_fields_with_their_analyzers() -> None:
    props = json.loads((SCHEMAS / "chunks.json").read_text())["mappings"]["properties"]
    assert props["text"]["analyzer"] == "standard"
    assert props["text_de"]["analyzer"] == "german" and props["text_en"]["analyzer"] == "english"


def test_mapping_drift_reports_differences() -> None:
    expected = {"a": {"type": "keyword"}, "t": {"type": "text", "analyzer": "german"}}
    assert mapping_drift(expected, expected) == []
    drift = mapping_drift(expected, {"a": {"type": "text"}, "t": {"type": "text", "analyzer": "english"}, "z": {"type": "long"}})
    assert drift == [
        "a: type is 'text', schema says 'keyword'",
        "t: analyzer is 'english', schema says 'german'",
        "z: in the index but not in the schema",
    ]
