"""The index templates in schemas/ are explicit and match the records the pipeline writes."""

import json
from pathlib import Path

import pytest

from flows.models import ChunkRecord, DocumentRecord
from flows.search.schema import analysis_drift, mapping_drift
from flows.steps.language import DEFAULT_LANGUAGES

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
    assert props["text"]["analyzer"] == props["title"]["analyzer"] == "docindex_text"
    fields = {name[5:]: spec["analyzer"] for name, spec in props.items() if name.startswith("text_")}
    assert fields == {
        "de": "german", "en": "english", "es": "spanish", "fr": "french", "it": "italian", "pt": "portuguese",
        "ru": "russian", "ja": "cjk", "zh": "cjk",
    }
    assert set(fields) <= set(DEFAULT_LANGUAGES)  # a field for a language the detector never answers stays empty


def test_both_kinds_have_one_schema_version() -> None:
    """rebuild copies both aliases together and names both new indices by their schema's version (and
    ensure_indices the first ones): a change to either schema raises the version of both."""
    versions = {kind: json.loads((SCHEMAS / f"{kind}.json").read_text())["_meta"]["schema_version"] for kind in ("chunks", "documents")}
    assert versions == {"chunks": 3, "documents": 3}


def test_mapping_drift_reports_differences() -> None:
    expected = {"a": {"type": "keyword"}, "t": {"type": "text", "analyzer": "german"}}
    assert mapping_drift(expected, expected) == []
    drift = mapping_drift(expected, {"a": {"type": "text"}, "t": {"type": "text", "analyzer": "english"}, "z": {"type": "long"}})
    assert drift == [
        "a: type is 'text', schema says 'keyword'",
        "t: analyzer is 'english', schema says 'german'",
        "z: in the index but not in the schema",
    ]


BUILT_IN = {"standard", "german", "english", "spanish", "french", "italian", "portuguese", "russian", "cjk"}


@pytest.mark.parametrize("kind", ["chunks", "documents"])
def test_every_analyzer_a_field_names_is_built_in_or_defined(kind: str) -> None:
    data = json.loads((SCHEMAS / f"{kind}.json").read_text())
    analysis = data["settings"].get("analysis", {})
    named = {spec["analyzer"] for spec in data["mappings"]["properties"].values() if "analyzer" in spec}
    assert named - BUILT_IN <= set(analysis.get("analyzer", {}))
    for analyzer in analysis.get("analyzer", {}).values():  # and every filter a custom analyzer names
        assert set(analyzer.get("filter", [])) - {"lowercase"} <= set(analysis.get("filter", {}))


def test_the_text_analyzer_folds_and_keeps_the_original_token() -> None:
    analysis = json.loads((SCHEMAS / "chunks.json").read_text())["settings"]["analysis"]
    assert analysis["analyzer"]["docindex_text"]["filter"] == ["lowercase", "docindex_folding"]
    assert analysis["filter"]["docindex_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert analysis == json.loads((SCHEMAS / "documents.json").read_text())["settings"]["analysis"]


def test_analysis_drift_compares_definitions_as_opensearch_returns_them() -> None:
    analyzer = {"a": {"type": "custom", "filter": ["f"]}}
    expected = {"filter": {"f": {"type": "asciifolding", "preserve_original": True}}, "analyzer": analyzer}
    live = {"filter": {"f": {"type": "asciifolding", "preserve_original": "true"}}, "analyzer": analyzer}
    assert analysis_drift(expected, live) == []
    assert analysis_drift(expected, {}) == [
        "analysis.filter.f: missing in the index",
        "analysis.analyzer.a: missing in the index",
    ]
    live["filter"]["f"]["preserve_original"] = "false"
    assert analysis_drift(expected, live) == [
        "analysis.filter.f is {'type': 'asciifolding', 'preserve_original': 'false'}, "
        "schema says {'type': 'asciifolding', 'preserve_original': 'true'}"
    ]
