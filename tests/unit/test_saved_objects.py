"""schemas/dashboards.ndjson: parses, every reference resolves, every field exists and can be aggregated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.dashboards import load_objects

ROOT = Path(__file__).resolve().parents[2]
AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "double", "boolean", "ip"}
PATTERN_SCHEMA = {"docindex-documents": "documents", "docindex-chunks": "chunks"}


def flat_fields(properties: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for name, spec in properties.items():
        out[prefix + name] = spec.get("type", "object")
        for sub in ("properties", "fields"):
            out |= flat_fields(spec.get(sub, {}), f"{prefix}{name}.")
    return out


FIELDS = {
    kind: flat_fields(json.loads((ROOT / "schemas" / f"{kind}.json").read_text())["mappings"]["properties"])
    for kind in ("documents", "chunks")
}
OBJECTS = load_objects(ROOT / "schemas" / "dashboards.ndjson")
BY_KEY = {(o["type"], o["id"]): o for o in OBJECTS}


def index_pattern_of(obj: dict) -> dict:
    (ref,) = [r for r in obj["references"] if r["name"] == "kibanaSavedObjectMeta.searchSourceJSON.index"]
    return BY_KEY[("index-pattern", ref["id"])]


def schema_fields(pattern: dict) -> dict[str, str]:
    return FIELDS[PATTERN_SCHEMA[pattern["attributes"]["title"]]]


def test_kinds_present() -> None:
    types = [o["type"] for o in OBJECTS]
    assert types.count("index-pattern") == 2 and types.count("search") == 1 and types.count("dashboard") == 1
    assert types.count("visualization") >= 4
    assert len(BY_KEY) == len(OBJECTS), "ids must be unique per type"


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: o["id"])
def test_references_resolve(obj: dict) -> None:
    for ref in obj["references"]:
        assert (ref["type"], ref["id"]) in BY_KEY, f"{obj['id']} references missing {ref['type']}:{ref['id']}"
    attrs = obj["attributes"]
    if "panelsJSON" in attrs:
        names = {p["panelRefName"] for p in json.loads(attrs["panelsJSON"])}
        assert names == {r["name"] for r in obj["references"]}
    meta = attrs.get("kibanaSavedObjectMeta", {}).get("searchSourceJSON")
    if meta and "indexRefName" in json.loads(meta):
        assert json.loads(meta)["indexRefName"] in {r["name"] for r in obj["references"]}


def test_index_patterns_point_at_aliases_and_time_fields_exist() -> None:
    for obj in OBJECTS:
        if obj["type"] == "index-pattern":
            fields = schema_fields(obj)
            assert fields[obj["attributes"]["timeFieldName"]] == "date"


@pytest.mark.parametrize("obj", [o for o in OBJECTS if o["type"] == "visualization"], ids=lambda o: o["id"])
def test_visualization_fields_are_aggregatable_document_fields(obj: dict) -> None:
    pattern = index_pattern_of(obj)
    assert pattern["attributes"]["title"] == "docindex-documents", "facet counts must be document counts"
    fields = schema_fields(pattern)
    state = json.loads(obj["attributes"]["visState"])
    assert state["title"] == obj["attributes"]["title"]
    used = [a["params"]["field"] for a in state["aggs"] if "field" in a.get("params", {})]
    assert used, "every facet visualization aggregates over a field"
    for field in used:
        assert field in fields, f"{obj['id']}: {field} is not in the mapping"
        assert fields[field] in AGGREGATABLE, f"{obj['id']}: {field} is {fields[field]}, not aggregatable"
    assert [a["type"] for a in state["aggs"] if a["schema"] == "metric"] == ["count"]


def test_saved_search_columns_exist() -> None:
    (search,) = [o for o in OBJECTS if o["type"] == "search"]
    fields = schema_fields(index_pattern_of(search))
    for column in search["attributes"]["columns"]:
        assert column in fields
    for field, _order in search["attributes"]["sort"]:
        assert fields[field] in AGGREGATABLE


def test_dashboard_has_every_visualization_and_the_search() -> None:
    (dash,) = [o for o in OBJECTS if o["type"] == "dashboard"]
    panels = {(r["type"], r["id"]) for r in dash["references"]}
    assert panels == {k for k in BY_KEY if k[0] in ("visualization", "search")}


def test_another_prefix_gets_objects_of_its_own_beside_the_default_ones() -> None:
    moved = load_objects(ROOT / "schemas" / "dashboards.ndjson", index_prefix="news")
    titles = sorted(o["attributes"]["title"] for o in moved if o["type"] == "index-pattern")
    assert titles == ["news-chunks", "news-documents"]
    ids = {o["id"] for o in moved}
    assert not ids & {o["id"] for o in OBJECTS}  # importing them overwrites none of the default prefix's objects
    assert all(ref["id"] in ids for o in moved for ref in o.get("references", []))
    assert {o["attributes"]["title"] for o in moved if o["type"] == "dashboard"} == {"news overview"}
    assert "Documents by language (news)" in {o["attributes"]["title"] for o in moved}
