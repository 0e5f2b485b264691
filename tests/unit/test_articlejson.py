"""A scraper's article JSON: its text as extracted, and what its fields say about the story."""

from __future__ import annotations

import json
from datetime import date

import pytest

from flows.models import Reason
from flows.steps.articlejson import extract_article_json, looks_like_article_json
from flows.steps.formats import Extracted, Problem

TEXT = "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.\nDie Ausgaben für Busse steigen."


def _json(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode()


def test_a_news_please_article_gives_its_maintext_and_fields() -> None:
    record = {
        "authors": ["Erika Muster", "Max Beispiel"], "date_download": "2024-03-06 10:00:00",
        "date_modify": None, "date_publish": "2024-03-05 07:00:00", "description": "Mehr Geld für Busse.",
        "filename": "https%3A%2F%2Fwww.example.org%2Fhaushalt.json", "image_url": "https://www.example.org/b.jpg",
        "language": "de", "localpath": None, "maintext": TEXT, "source_domain": "www.example.org",
        "text": None, "title": "Stadtrat beschließt Haushalt", "title_page": None, "title_rss": None,
        "url": "https://www.example.org/haushalt",
    }
    result = extract_article_json(_json(record))
    assert isinstance(result, Extracted) and result.text == TEXT and result.markup == "text"
    props = result.properties
    assert (props.title, props.author, props.site) == ("Stadtrat beschließt Haushalt", "Erika Muster; Max Beispiel", "www.example.org")
    assert (props.published, props.url) == (date(2024, 3, 5), "https://www.example.org/haushalt")
    assert props.description == "Mehr Geld für Busse."


def test_trafilatura_and_news_api_records_are_read_by_their_own_names() -> None:
    trafilatura = {
        "title": "Budget approved", "author": "Jane Doe", "hostname": "example.com", "date": "2024-03-05",
        "categories": "Politics;City", "tags": "budget", "source": "https://example.com/budget",
        "source-hostname": "Example News", "excerpt": "More for buses.", "text": "First paragraph.\nSecond one.",
        "raw_text": "First paragraph. Second one.", "comments": "",
    }
    result = extract_article_json(_json(trafilatura))
    assert isinstance(result, Extracted) and result.text == "First paragraph.\nSecond one."
    props = result.properties
    assert (props.author, props.site, props.url) == ("Jane Doe", "example.com", "https://example.com/budget")
    assert props.tags == ("budget", "Politics", "City") and props.published == date(2024, 3, 5)
    api = {
        "source": {"id": None, "name": "BBC News"}, "author": None, "title": "Budget approved",
        "url": "https://bbc.example/b", "publishedAt": "2024-03-05T07:00:00Z",
        "content": "<p>First paragraph.</p><p>Second one.</p>",
    }
    result = extract_article_json(_json(api))
    assert isinstance(result, Extracted) and result.markup == "html"  # HTML paragraphs: the HTML route
    assert (result.properties.site, result.properties.published) == ("BBC News", date(2024, 3, 5))


def test_json_that_holds_no_single_article_is_a_problem_naming_why() -> None:
    listed = extract_article_json(_json([{"text": "a"}, {"text": "b"}]))
    assert isinstance(listed, Problem) and listed.reason == Reason.UNSUPPORTED_TYPE and "list of 2 items" in listed.detail
    untexted = extract_article_json(_json({"title": "only a title", "url": "https://x.example/a"}))
    assert isinstance(untexted, Problem) and untexted.reason == Reason.UNSUPPORTED_TYPE and "maintext" in untexted.detail
    broken = extract_article_json(b'{"maintext": "cut')
    assert isinstance(broken, Problem) and broken.reason == Reason.UNREADABLE and "not valid JSON" in broken.detail
    deep = extract_article_json(b"[" * 100_000 + b"]" * 100_000)
    assert isinstance(deep, Problem)


def test_only_json_files_holding_an_object_or_a_list_are_taken_for_articles() -> None:
    assert looks_like_article_json(".json", b'\xef\xbb\xbf\n {"text": "x"}')
    assert looks_like_article_json(".json", b"[]")
    assert not looks_like_article_json(".txt", b'{"text": "x"}')  # a note that happens to start with a brace
    assert not looks_like_article_json(".json", b"just text")


@pytest.mark.parametrize(
    "value",
    ["2024-04-11T12:32:00Z", "Thu, 11 Apr 2024 12:32:00 GMT", "Thu, 11 Apr 2024 23:32:00 -0500", "2024/04/11",
     "11.04.2024", "April 11, 2024", "11 avril 2024", 1712838720, 1712838720123],
)
def test_dates_are_read_as_feeds_and_exports_write_them(value: object) -> None:
    from flows.steps.articlejson import field_date

    assert field_date(value) == date(2024, 4, 11)


@pytest.mark.parametrize(
    "value", ["garbage", "2024/13/40", True, 12, None, "", "Mon, 01 Jan 0001 00:00:00 +0000", "Wed, 11 Apr 50 12:00:00 GMT", 10**400]
)
def test_what_is_no_date_gives_none(value: object) -> None:
    from flows.steps.articlejson import field_date

    assert field_date(value) is None


def test_a_byline_as_scraped_gives_the_name_and_newspaper4ks_site_name_is_the_site() -> None:
    text = "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt für das kommende Jahr beschlossen."
    byline = extract_article_json(json.dumps({"maintext": text, "byline": "Von Maria Keller"}).encode())
    assert isinstance(byline, Extracted) and byline.properties.author == "Maria Keller"
    named = extract_article_json(json.dumps({"text": text, "meta_site_name": "Example Times"}).encode())
    assert isinstance(named, Extracted) and named.properties.site == "Example Times"
