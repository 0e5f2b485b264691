"""Full-text search over passages with highlights, and facet counts that count documents, not passages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from opensearchpy import OpenSearch
from pydantic import BaseModel, ConfigDict

from flows.search.schema import IndexSchema

FACETS = ("language", "countries", "site", "collection", "published")
#: the published facet counts documents per month, newest first, or per year when more months than this have some
MONTHS_SHOWN = 24
#: what marks a highlighted word in a fragment
MARK_START, MARK_END = "«", "»"
#: the words people type for simple_query_string's operators, in capitals as in most search boxes
_OPERATOR_WORDS = re.compile(r"(?<!\S)(?:(OR)|(AND))(?!\S)|(?<!\S)NOT(?:\s+|$)")  # $: a quote follows


def query_syntax(text: str) -> str:
    """``text`` for simple_query_string: OR, AND and NOT as words become ``|``, ``+`` and ``-``, outside quotes.

    simple_query_string reads quoted phrases, ``-`` (not), ``|`` (or), ``*`` (prefix) and parentheses, and never
    fails on what it cannot read, so no query is refused; words are required by default."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # the even parts are outside quotes
        parts[i] = _OPERATOR_WORDS.sub(lambda m: "|" if m.group(1) else "+" if m.group(2) else "-", parts[i])
    return '"'.join(parts)


class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)

    chunk_id: str
    doc_id: str
    score: float
    title: str | None
    source: str
    language: str
    chunk_index: int
    highlights: list[str]


class Found(BaseModel):
    """How many passages and documents a search found, and their facet counts."""

    model_config = ConfigDict(frozen=True)

    total_passages: int
    total_documents: int
    facets: dict[str, dict[str, int]]


class SearchResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    query: str
    total_passages: int
    total_documents: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # facet -> value -> number of documents
    filters: dict[str, str] = {}  # the filters given (language, source, country, since, until) as searched
    without_filters: Found | None = None  # when the filters left nothing: what the words find without them


def build_query(
    query: str,
    schema: IndexSchema,
    *,
    language: str | None,
    source: str | None,
    size: int,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """The search body. User text only ever appears as a JSON string value: it cannot change the query's shape.

    A passage matches when its own text has all the words (or what the query's operators ask: ``"a phrase"``,
    ``a OR b``, ``-word``, ``prefix*``; see ``query_syntax``); a title that has them too raises the passages of its
    document (every passage carries its document's title, so a title alone would match passages without them).
    ``language`` (lower case) and ``country`` (upper case) are matched as the index holds them. ``since`` and
    ``until`` keep the passages of documents published on those days or between them (a document
    without a published date has none). Facet values are ranked by the number of documents, the count they show;
    published dates are counted per month and per year (``search`` shows one of them), newest first."""
    fields = ["text"] + [f"text_{code}" for code in sorted(schema.analyzed_languages)]
    typed = query_syntax(query)
    ranks_only = {"default_operator": "and", "boost": 2}  # a title with all the words raises its passages
    filters: list[dict[str, Any]] = []
    if language:
        filters.append({"term": {"language": language}})
    if country:
        filters.append({"term": {"countries": country}})
    if since or until:
        bounds = {"gte": since.isoformat()} if since else {}
        if until == date.max:  # the last day there is: no day after it to stop before
            bounds["lte"] = f"{until.isoformat()}T23:59:59.999Z"
        elif until:  # the whole day, whatever time a date carries
            bounds["lt"] = (until + timedelta(days=1)).isoformat()
        filters.append({"range": {"published": bounds}})
    if source:
        filters.append(
            {"bool": {"should": [
                {"term": {f: {"value": source, "case_insensitive": True}}} for f in ("site", "collection", "source", "source_path")
            ]}}  # fmt: skip
        )
    doc_count = {"docs": {"cardinality": {"field": "doc_id"}}}
    by_documents = [{"docs": "desc"}, {"_key": "asc"}]
    return {
        "size": size,
        "track_total_hits": True,  # OpenSearch counts up to 10,000 hits unless told to count them all
        "query": {
            "bool": {
                "must": [{"simple_query_string": {"query": typed, "fields": fields, "default_operator": "and"}}],
                "should": [{"simple_query_string": {"query": typed, "fields": ["title"], **ranks_only}}],
                "filter": filters,
            }
        },
        "highlight": {
            "fields": {f: {"fragment_size": 160, "number_of_fragments": 2} for f in fields},
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
        },
        "_source": ["chunk_id", "doc_id", "title", "source", "language", "chunk_index"],
        "aggs": {
            "documents": {"cardinality": {"field": "doc_id"}},
            "language": {"terms": {"field": "language", "size": 20, "order": by_documents}, "aggs": doc_count},
            "countries": {"terms": {"field": "countries", "size": 20, "order": by_documents}, "aggs": doc_count},
            "site": {"terms": {"field": "site", "size": 20, "order": by_documents}, "aggs": doc_count},
            "collection": {"terms": {"field": "collection", "size": 20, "order": by_documents}, "aggs": doc_count},
            **{
                f"published_{unit}s": {
                    "date_histogram": {"field": "published", "calendar_interval": unit, "format": pattern, "min_doc_count": 1, "order": {"_key": "desc"}},
                    "aggs": doc_count,
                }
                for unit, pattern in (("month", "yyyy-MM"), ("year", "yyyy"))
            },  # fmt: skip
        },
    }


def _facet_key(bucket: dict[str, Any]) -> str:
    """A bucket's key as shown to people: a histogram's month or year as formatted, everything else unchanged."""
    return str(bucket.get("key_as_string", bucket["key"]))


def distinct_fragments(fragments: Iterable[str]) -> list[str]:
    """Highlighted fragments without repeats: the language-neutral and a language field often highlight the same
    words, differing only in the marks (a stop word marked in one of them), so text without marks decides."""
    seen: set[str] = set()
    out = []
    for fragment in fragments:
        plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
        if plain not in seen:
            seen.add(plain)
            out.append(fragment)
    return out


def search(
    client: OpenSearch,
    chunks_alias: str,
    schema: IndexSchema,
    query: str,
    *,
    language: str | None = None,
    source: str | None = None,
    country: str | None = None,
    size: int = 10,
    since: date | None = None,
    until: date | None = None,
) -> SearchResult:
    language, country = language and language.lower(), country and country.upper()  # as the index holds them
    body = build_query(
        query, schema, language=language, source=source, size=size, country=country, since=since, until=until
    )
    res = client.search(index=chunks_alias, body=body)
    hits = []
    for h in res["hits"]["hits"]:
        src = h["_source"]
        fragments = distinct_fragments(f for frags in (h.get("highlight") or {}).values() for f in frags)
        hits.append(
            Hit(
                chunk_id=src["chunk_id"],
                doc_id=src["doc_id"],
                score=h.get("_score") or 0.0,
                title=src.get("title"),
                source=src["source"],
                language=src["language"],
                chunk_index=src["chunk_index"],
                highlights=fragments[:2],
            )
        )
    given = {"language": language, "source": source, "country": country, "since": since, "until": until}
    filters = {name: str(value) for name, value in given.items() if value}
    found = _counts(res)
    without = None
    if found.total_passages == 0 and filters:  # say where the words are, so the filters can be changed
        unfiltered = build_query(query, schema, language=None, source=None, size=0)
        without = _counts(client.search(index=chunks_alias, body=unfiltered))
    return SearchResult(
        query=query,
        total_passages=found.total_passages,
        total_documents=found.total_documents,
        hits=hits,
        facets=found.facets,
        filters=filters,
        without_filters=without,
    )


def _counts(res: dict[str, Any]) -> Found:
    """The numbers of passages and documents of a search's answer, and its facets."""
    aggs = res.get("aggregations", {})
    months = aggs.get("published_months", {}).get("buckets", [])
    shown = {"published": "published_months" if len(months) <= MONTHS_SHOWN else "published_years"}
    facets = {
        name: {_facet_key(b): int(b["docs"]["value"]) for b in aggs.get(shown.get(name, name), {}).get("buckets", [])}
        for name in FACETS
    }
    total = res["hits"]["total"]
    return Found(
        total_passages=total["value"] if isinstance(total, dict) else int(total),
        total_documents=int(aggs.get("documents", {}).get("value", 0)),
        facets=facets,
    )


def document_facets(client: OpenSearch, documents_alias: str, size: int = 20) -> dict[str, dict[str, int]]:
    """Facet counts over the documents index: what an analyst's pie charts show."""
    aggs = {name: {"terms": {"field": name, "size": size}} for name in ("language", "countries", "site", "collection", "format")}
    res = client.search(index=documents_alias, body={"size": 0, "aggs": aggs, "track_total_hits": True})
    out = {name: {str(b["key"]): int(b["doc_count"]) for b in res["aggregations"][name]["buckets"]} for name in aggs}
    total = res["hits"]["total"]
    out["total"] = {"documents": total["value"] if isinstance(total, dict) else int(total)}
    return out
