"""The search body: user text as a value, the operators people type, and what the query asks of passages."""

import pytest

from flows.search.query import build_query, distinct_fragments, query_syntax
from flows.search.schema import IndexSchema, load_schema
from flows.settings import DEFAULT_SCHEMAS_DIR

SCHEMA = IndexSchema("chunks", 2, {}, {"properties": {"text": {}, "text_de": {}}})


def test_query_text_is_a_value() -> None:
    body = build_query('x" OR {"match_all":{}}', SCHEMA, language="de", source=None, size=5)
    (must,) = body["query"]["bool"]["must"]
    assert must["simple_query_string"]["query"] == 'x" OR {"match_all":{}}'  # OR inside the phrase begun
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "de"}}]
    assert must["simple_query_string"]["fields"] == ["text", "text_de"]
    assert body["track_total_hits"] is True  # a count past 10,000 is the count, not 10,000


def test_the_passage_is_searched_in_every_language_field_of_the_schema_alike() -> None:
    body = build_query("Taiwan", load_schema(DEFAULT_SCHEMAS_DIR, "chunks"), language=None, source=None, size=5)
    (must,) = body["query"]["bool"]["must"]
    fields = must["simple_query_string"]["fields"]
    assert fields == ["text", "text_de", "text_en", "text_es", "text_fr", "text_it", "text_ja", "text_pt", "text_ru", "text_zh"]
    assert set(body["highlight"]["fields"]) == set(fields)  # no field boosted: a passage has text and one of the others


def test_every_word_is_required_in_the_passage_and_the_title_only_ranks() -> None:
    body = build_query("Korea missile", SCHEMA, language=None, source=None, size=5)
    (must,) = body["query"]["bool"]["must"]
    assert must["simple_query_string"]["default_operator"] == "and"
    (should,) = body["query"]["bool"]["should"]
    assert should["simple_query_string"]["fields"] == ["title"] and should["simple_query_string"]["boost"] == 2


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Russland OR Russia", "Russland | Russia"),
        ("Korea AND missile", "Korea + missile"),
        ("Korea NOT missile", "Korea -missile"),
        ("NOT  missile", "-missile"),
        ('"war OR peace" OR truce', '"war OR peace" | truce'),  # a phrase is left as typed
        ('"North Korea" NOT "South Korea"', '"North Korea" -"South Korea"'),
        ("ORBIT ANDROID NOTE or and not", "ORBIT ANDROID NOTE or and not"),  # only the words in capitals
        ('odd "quote OR', 'odd "quote OR'),  # after an unclosed quote, all is the phrase
        ("Korea -missile (Sea | Japan) missil*", "Korea -missile (Sea | Japan) missil*"),
    ],
)
def test_operator_words_become_simple_query_string_operators(typed: str, sent: str) -> None:
    assert query_syntax(typed) == sent


def test_days_asked_for_are_whole_days_of_the_published_date() -> None:
    from datetime import date

    def bounds(**days: date) -> list[dict]:
        body = build_query("x", SCHEMA, language=None, source=None, size=5, **days)
        return [f["range"]["published"] for f in body["query"]["bool"]["filter"] if "range" in f]

    assert bounds() == []
    assert bounds(since=date(2024, 5, 1), until=date(2024, 5, 31)) == [{"gte": "2024-05-01", "lt": "2024-06-01"}]
    assert bounds(until=date(2024, 12, 31)) == [{"lt": "2025-01-01"}]
    assert bounds(until=date(9999, 12, 31)) == [{"lte": "9999-12-31T23:59:59.999Z"}]  # no day after it
    assert bounds(since=date(2024, 1, 1)) == [{"gte": "2024-01-01"}]


def test_fragments_that_differ_only_in_their_marks_are_shown_once() -> None:
    fragments = ["the «coast» «of» «Portugal»", "the «coast» of «Portugal»", "off «Portugal»", "the «coast» «of» «Portugal»"]
    assert distinct_fragments(fragments) == ["the «coast» «of» «Portugal»", "off «Portugal»"]
