"""Articles that a news scraper saved as JSON, one article per object (a ``.json`` file, or a record of JSON Lines or
of a JSON list: ``flows.steps.containers``): news-please (``maintext``, ``date_publish``,
``source_domain``), trafilatura's ``--json`` output (``text``, ``hostname``, ``source``), newspaper4k's
``to_json`` (``text``, ``publish_date``, ``authors``), and the many exports that use the same common names.

The scraper already took the article out of its page, so the text is read as it is (no boilerplate removal), and
its fields say what the story is (authoritative, as an e-mail's headers). Pure: bytes in, ``Extracted`` or
``Problem`` out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from flows.models import Metadata, Reason
from flows.steps.formats import Extracted, Markup, Problem, _clean
from flows.steps.metadata import CLDR_MONTH_LANGUAGES, MIN_PUBLISHED_YEAR, byline_person, find_date, iso_date, page_tags

#: the fields that may hold the article's text, in the order they are looked for
TEXT_FIELDS = ("maintext", "text", "article_text", "body", "content", "raw_text")
TITLE_FIELDS = ("title", "headline", "title_page", "title_rss")
AUTHOR_FIELDS = ("authors", "author", "byline")
DATE_FIELDS = (
    "date_publish", "publish_date", "published", "published_date", "datePublished", "publishedAt", "publishDate",
    "pubDate", "date",
)  # fmt: skip
URL_FIELDS = ("url", "canonical_url", "link", "source")
SITE_FIELDS = ("source_domain", "sitename", "meta_site_name", "site", "source_name", "hostname", "source-hostname")
DESCRIPTION_FIELDS = ("description", "excerpt", "summary")
TAG_FIELDS = ("tags", "keywords", "categories", "topics")
#: every field name read, for matching a table's column names whatever their case ("Title", "Content")
FIELD_NAMES = (
    *TEXT_FIELDS, *TITLE_FIELDS, *AUTHOR_FIELDS, *DATE_FIELDS, *URL_FIELDS, *SITE_FIELDS, *DESCRIPTION_FIELDS, *TAG_FIELDS
)
#: a text holding HTML paragraphs is read as HTML (an API's ``content``)
_HTML = re.compile(r"<(?:p|div|br|h[1-6]|li)\b[^>]*>", re.IGNORECASE)


def looks_like_article_json(suffix: str, data: bytes) -> bool:
    """A ``.json`` file that holds an object (or a list: to be refused with a reason)."""
    return suffix == ".json" and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _string(record: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


#: a number of seconds (or milliseconds) since 1970 between these is a date a field may hold: 1990 to 2100
_EPOCH_SECONDS = (631_152_000, 4_102_444_800)


def field_date(value: object) -> date | None:
    """The date a date field holds, as scrapers and feeds write it: ISO 8601 ("2024-04-11T12:32:00Z"), RSS's RFC
    822 ("Thu, 11 Apr 2024 12:32:00 GMT"), a date in words or numbers ("April 11, 2024", "11.04.2024",
    "2024/04/11"), or seconds or milliseconds since 1970. A date in UTC, as written: no time zone is applied."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            seconds = value / 1000 if value > _EPOCH_SECONDS[1] else value
        except OverflowError:  # an integer too large for a float
            return None
        if _EPOCH_SECONDS[0] <= seconds <= _EPOCH_SECONDS[1]:
            return datetime.fromtimestamp(seconds, UTC).date()
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    if (found := iso_date(value)) is not None:
        return found
    try:
        parsed = parsedate_to_datetime(value)
        # its year as written: the email module reads "0001" (Hugo's date of an undated page) or "50" as 2001, 2050
        if str(parsed.year) in value and parsed.year >= MIN_PUBLISHED_YEAR:
            return parsed.date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    slashed = re.fullmatch(r"\s*(\d{4})/(\d{1,2})/(\d{1,2})\b.*", value)  # 2024/04/11, as some exports write it
    if slashed and (found := iso_date(f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}")) is not None:
        return found
    return find_date(value, languages=CLDR_MONTH_LANGUAGES)


def _strings(value: object) -> list[str]:
    """A field's values: a list's strings (or its objects' names), or a string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, Mapping) and isinstance(item.get("name"), str):
                out.append(item["name"])
        return out
    return []


def _source_name(value: object) -> str | None:
    """A ``source`` that names the publication rather than the URL: "Reuters", or an API's {"name": "BBC News"}."""
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not re.match(r"\s*https?://", value, re.IGNORECASE):
        return value
    return None


def extract_article_json(data: bytes) -> Extracted | Problem:
    """The article of a scraper's JSON object: its text (``TEXT_FIELDS``, the first that holds one), with title,
    authors, date published, URL, site, description and tags from the usual fields. A list, or an object without
    text, is a problem naming why."""
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return Problem(Reason.UNREADABLE, f"not valid JSON: {exc}")
    if isinstance(record, list):
        return Problem(
            Reason.UNSUPPORTED_TYPE,
            f"a JSON list of {len(record)} items where one article (a JSON object with its text) was expected",
        )
    if not isinstance(record, dict):
        return Problem(Reason.UNSUPPORTED_TYPE, "JSON that is no object; an article is one JSON object with its text")
    return extract_article(record, what="a JSON object", encoding="json")


def extract_article(record: Mapping[str, object], *, what: str, encoding: str) -> Extracted | Problem:
    """The article of a record's fields, by the names scrapers give them (a JSON object, a row of a table of
    articles); ``what`` names the record in the problem when it has no text."""
    text = _string(record, TEXT_FIELDS)
    if text is None:
        fields = ", ".join(TEXT_FIELDS)
        return Problem(Reason.UNSUPPORTED_TYPE, f"{what} without an article text (none of the fields {fields})")
    return Extracted(text=text, markup=markup_of(text), encoding=encoding, properties=article_properties(record))


def markup_of(text: str) -> Markup:
    """How a scraper's or a feed's article text is marked up: HTML when it holds HTML paragraphs (an API's
    ``content``, a feed's ``content:encoded``), else plain text."""
    return "html" if len(_HTML.findall(text)) >= 2 else "text"


def article_properties(record: Mapping[str, object]) -> Metadata:
    """Title, authors, date published, URL, site, description and tags of an article's fields, by the names
    scrapers give them (``TITLE_FIELDS``, ``AUTHOR_FIELDS``, ...)."""
    authors = next((names for f in AUTHOR_FIELDS if (names := [n for n in _strings(record.get(f)) if n.strip()])), [])
    authors = [byline_person(n) or n for n in authors]  # a byline as the scraper took it: "Von Maria Keller"
    url = _string(record, URL_FIELDS)
    tags = [t for f in TAG_FIELDS for value in _strings(record.get(f)) for t in value.split(";")]
    return Metadata(
        title=_clean(_string(record, TITLE_FIELDS)),
        author=_clean("; ".join(authors)) if authors else None,
        site=_clean(_string(record, SITE_FIELDS) or _source_name(record.get("source"))),
        url=url.strip() if url and re.match(r"\s*https?://", url, re.IGNORECASE) else None,
        published=next((d for f in DATE_FIELDS if (d := field_date(record.get(f)))), None),
        description=_clean(_string(record, DESCRIPTION_FIELDS)),
        tags=page_tags(t for t in tags if t.strip()),
    )
