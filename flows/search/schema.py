"""Index templates from schemas/, versioned indices behind aliases, and the mapping-drift check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError

from flows.errors import ConfigError, MappingDriftError
from flows.settings import Settings

KINDS = ("chunks", "documents")


@dataclass(frozen=True)
class IndexSchema:
    kind: str
    version: int
    settings: dict[str, Any]
    mappings: dict[str, Any]

    def template_body(self, alias: str) -> dict[str, Any]:
        return {
            "index_patterns": [f"{alias}-v*"],
            "priority": 100,
            "template": {"settings": self.settings, "mappings": self.mappings},
            "_meta": {"schema_version": self.version, "kind": self.kind},
        }

    def index_name(self, alias: str) -> str:
        return f"{alias}-v{self.version}"

    @property
    def analyzed_languages(self) -> frozenset[str]:
        """Languages with their own analysed field ``text_<code>`` in this mapping."""
        return frozenset(name[5:] for name in self.mappings["properties"] if name.startswith("text_"))


@cache
def load_schema(schemas_dir: Path, kind: str) -> IndexSchema:
    path = schemas_dir / f"{kind}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"index schema {path} is missing (DOCINDEX_SCHEMAS_DIR points at {schemas_dir})") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"index schema {path} is not valid JSON: {exc}") from None
    return IndexSchema(kind, int(data["_meta"]["schema_version"]), data["settings"], data["mappings"])


def alias_for(settings: Settings, kind: str) -> str:
    return settings.chunks_alias if kind == "chunks" else settings.documents_alias


def mapping_drift(expected: dict[str, Any], live: dict[str, Any], prefix: str = "") -> list[str]:
    """Differences between the schema's properties and the live index's, as readable paths."""
    problems = []
    for name, spec in expected.items():
        path = f"{prefix}{name}"
        if name not in live:
            problems.append(f"{path}: missing in the index")
            continue
        got = live[name]
        for key in ("type", "analyzer"):
            want = spec.get(key, "object" if key == "type" and "properties" in spec else None)
            have = got.get(key, "object" if key == "type" and "properties" in got else None)
            if key == "analyzer" and want is None:
                continue
            if want != have:
                problems.append(f"{path}: {key} is {have!r}, schema says {want!r}")
        for sub in ("properties", "fields"):
            if sub in spec:
                problems += mapping_drift(spec[sub], got.get(sub, {}), f"{path}.")
    problems += [f"{prefix}{name}: in the index but not in the schema" for name in live if name not in expected]
    return problems


def _as_setting(value: Any) -> Any:
    """A value of schemas/ as OpenSearch returns settings: every scalar a string (``true``, ``"1"``)."""
    if isinstance(value, dict):
        return {key: _as_setting(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_setting(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def analysis_drift(expected: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """The analyzers, filters, ... that schemas/ defines and the live index lacks or defines otherwise.

    A changed definition keeps its name, so comparing the fields' analyzer names alone would not notice it."""
    problems = []
    for section, entries in expected.items():
        for name, spec in entries.items():
            have, want = live.get(section, {}).get(name), _as_setting(spec)
            if have is None:
                problems.append(f"analysis.{section}.{name}: missing in the index")
            elif have != want:
                problems.append(f"analysis.{section}.{name} is {have}, schema says {want}")
    return problems


def write_index(client: OpenSearch, alias: str) -> str | None:
    """The concrete index an alias writes to, or None when the alias does not exist."""
    if not client.indices.exists_alias(name=alias):
        return None
    entries = client.indices.get_alias(name=alias)
    if len(entries) == 1:
        return next(iter(entries))
    for index, body in entries.items():
        if body.get("aliases", {}).get(alias, {}).get("is_write_index"):
            return index
    raise MappingDriftError(f"alias {alias} points at {len(entries)} indices and none is its write index")


def ensure_indices(client: OpenSearch, settings: Settings) -> dict[str, IndexSchema]:
    """Templates up to date, each alias pointing at a versioned index, and no drifted mapping.

    Creating is idempotent; an index whose mapping differs from schemas/ is refused with what differs and
    how to move to the new mapping (``docindex rebuild``).
    """
    schemas: dict[str, IndexSchema] = {}
    for kind in KINDS:
        schema = load_schema(settings.schemas_dir, kind)
        alias = alias_for(settings, kind)
        if client.indices.exists(index=alias) and not client.indices.exists_alias(name=alias):
            raise MappingDriftError(
                f"{alias} is a concrete index, not an alias; delete it or choose another --index prefix"
            )
        client.indices.put_index_template(name=alias, body=schema.template_body(alias))
        index = write_index(client, alias)
        if index is None:
            index = schema.index_name(alias)
            try:
                client.indices.create(index=index, body={"aliases": {alias: {"is_write_index": True}}})
            except RequestError as exc:  # there already (left without its alias, or created by a run started with us)
                if exc.error != "resource_already_exists_exception":
                    raise
                client.indices.put_alias(index=index, name=alias, body={"is_write_index": True})
        live = client.indices.get_mapping(index=index)[index]["mappings"]
        drift = mapping_drift(schema.mappings["properties"], live.get("properties", {}))
        live_settings = client.indices.get_settings(index=index)[index]["settings"]["index"]
        drift += analysis_drift(schema.settings.get("analysis", {}), live_settings.get("analysis", {}))
        if str(live.get("dynamic", "true")).lower() != "strict":
            drift.append(f"dynamic is {live.get('dynamic')!r}, schema says 'strict'")
        if drift:
            drift.sort(key=lambda d: ("missing in the index" in d, "not in the schema" in d))  # conflicts first
            more = f" (and {len(drift) - 10} more)" if len(drift) > 10 else ""
            raise MappingDriftError(
                f"the mapping of {index} (behind {alias}) differs from schemas/{kind}.json: "
                + "; ".join(drift[:10])
                + more
                + ". Nothing was written. Run `docindex rebuild` to build a new index with the current schema "
                "and swap the alias."
            )
        schemas[kind] = schema
    return schemas
