"""Main text and metadata of a document: trafilatura for HTML, normalisation and boilerplate removal for text."""

from __future__ import annotations

from bisect import bisect_left
import json
from html import unescape
from urllib.parse import urlsplit, urlunsplit
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

import trafilatura
from courlan import normalize_url
from lxml.html import HtmlElement
from trafilatura.settings import MANUALLY_CLEANED, Document, set_date_params
from trafilatura import xpaths
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, REMOVE_COMMENTS_XPATH, TEASER_DISCARD_XPATH

from flows.models import CleanDocument, Metadata, Reason, Rejection, SourceDocument, Step
from flows.steps.boilerplate import (
    GOOD_MIN_WORDS,
    Kind,
    classify,
    cut_at_heading,
    fill_gaps,
    forget_shingles,
    is_bare_date,
    is_copyright_notice,
    is_post_stamp,
    is_timestamp,
    line_index,
    placed_lines,
    remove_boilerplate,
    trim_extracted,
    words_of,
)
from flows.steps.headline import (
    TextSubject,
    article_head,
    author_under_headline,
    names_subject,
    subject_words_used,
    text_subject,
)
from flows.steps.metadata import (
    CLDR_MONTH_LANGUAGES,
    MIN_PUBLISHED_YEAR,
    calendar_words,
    detect_text_metadata,
    is_byline,
    is_person_name,
    iso_date,
    page_tags,
    tidy_author,
)
from flows.steps.normalize import normalize_layout, normalize_text, text_source
from flows.steps.pagemeta import META_CONTENT, named_or_closing_byline, page_people, page_published, text_key
from flows.steps.pagetext import (
    BLOCKS,
    DEFAULT_DEPTH,
    EMBEDDED_POST_CLASS,
    MAX_DEPTH,
    deeper_than,
    has_layout_table,
    page_blocks,
    parse_page,
    unwrap_embedded_posts,
    xml_safe,
)
from flows.steps.sidecar import override
from flows.steps.stopwords import stoplist_for

#: text -> text with page furniture removed. The seam where boilerplate removal for plain text plugs in.
BoilerplateFilter = Callable[[str], str]

#: the first this many non-blank lines of an HTML page's text are checked for a repeat of the page title
HEADLINE_LINES = 2
#: a line repeats the title when this share of the words of the shorter of the two occur in the other ...
HEADLINE_SHARED_WORDS = 0.9
#: ... and it has at most this many times as many words as the title (a longer line is a sentence about it)
HEADLINE_MAX_LENGTH_RATIO = 1.5

#: a precise extraction shorter than this many words is checked against a balanced one ...
PRECISE_CHECK_MAX_WORDS = 500
#: ... and replaced by it when it holds less than this share of its words: the precise pass cut the article itself
PRECISE_MIN_SHARE = 0.2

#: an extraction with more than this share of its lines in table rows, from a page laid out with tables, ...
TABLE_ROWS_MIN_SHARE = 0.5
#: ... gives way to what trafilatura finds outside the page's tables, when at least this share of its words are among
#: the extraction's (else it is another part of the page), ...
OUTSIDE_TABLES_MIN_SHARED = 0.5
#: ... or else to the page's text cleaned by the plain-text rules, when that is no longer and keeps at least this
#: share of its words
TABLE_TEXT_MIN_KEPT = 0.4
#: ... and whatever its length and the words it keeps when at least this share of the words of the rows are the
#: words of the page's links (the rows are the navigation and a sidebar's lists, not the article)
TABLE_LINKS_MIN_SHARE = 0.7

#: the article's container holds at least this share of the words of the text's lines found on the page ...
ARTICLE_BOX_MIN_SHARE = 0.6
#: ... and is no block of content, which holds an article's text but not the article (a paragraph split by ``<br>``,
#: a list or a quote making up most of it)
CONTENT_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure",
     "figcaption", "caption", "address", "br", "hr", "legend", "summary", "details"}
)  # fmt: skip
#: the container's next sibling with text goes on with the article (a post's part after a "read more" break) when
#: under this share of its words are in links (more: a list of related stories) ...
CONTINUATION_MAX_LINK_SHARE = 0.3
#: ... and the container is no part of a table's layout (the next cell is another column of the page) ...
TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
#: ... and it holds at least this many of the text's lines set like the container's (one line after the container
#: is a note on the article: "... contributed to this report", a credit)
CONTINUATION_MIN_LINES = 2
#: a copyright notice among the last this many non-blank lines of a text ends it, however short the article above
CLOSING_NOTICE_LINES = 2
#: the elements of headings, one of which may be the page's headline
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: a header holds the headline with a standfirst or a byline; the post is the container around it
HEADERS = frozenset({"header", "hgroup"})
#: the headline's post is its nearest container with at least this many words outside headings (the values of this
#: block and the others tried: bench/RESULTS.md, "A text read from another container than the post under the
#: headline"; 5 or 12 words measured the same)
POST_MIN_WORDS = 8
#: a text was read from another container than the post when under this share of its words are in it (0.1 measured
#: the same; from 0.3 a text holding the post with as much again beside it gave way too, and a short post lost) ...
POST_MIN_SHARE = 0.2
#: ... and gives way to the post when that holds at least this share of as many words as the text (0.1 lost
#: 2 Dragnet and 3 L3S pages, 0.4 two Dragnet gains) ...
POST_MIN_SIZE = 0.2
#: ... and under this share of its words come before the headline (0.2 lost two pages) ...
POST_MAX_BEFORE_HEADLINE = 0.1
#: ... and one of its lines is a sentence: at least this many words with a sentence's end (4 measured the same,
#: 10 lost one gain)
SENTENCE_MIN_WORDS = 6
#: a sentence's end: a full stop, question or exclamation mark or ellipsis before a space or the line's end
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")


def keep_all(text: str) -> str:
    """The identity filter: keeps every line."""
    return text


# trafilatura logs what it cannot parse ("not valid HTML") as errors; the text, or the page's rejection, says enough
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

#: a JSON-LD script element; its attributes hold no "<" (an unclosed "<script " then stops at the next tag instead
#: of reading on to the end of the page, once for each)
_JSON_LD = re.compile(r"<script[^<>]*application/ld\+json[^<>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def json_ld_keywords(html: str) -> list[str]:
    """The ``keywords`` of a page's JSON-LD objects (a NewsArticle's list or comma-separated string), which
    trafilatura does not read; a script that is not valid JSON gives nothing."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            value = node.get("keywords")
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list):
                found.extend(v for v in value if isinstance(v, str))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in _JSON_LD.findall(html):
        try:
            walk(json.loads(script))
        except (ValueError, RecursionError):
            continue
    return found


def _clean_url(url: str | None) -> str | None:
    """A page's URL without tracking parameters and fragment (``?utm_source=twitter``, ``?ref=homepage``, courlan's
    list), so that the URL facet names the article once, however it was shared. Other parameters stay: they may
    be what names the article (``fullpage.html?res=9A0CE...``, ``article.php?story=42``)."""
    if not url:
        return None
    try:
        return urlunsplit(urlsplit(normalize_url(url) or url)._replace(fragment=""))
    except ValueError:
        return url


def _extraction(html: str | HtmlElement, *, precise: bool, tables: bool = True) -> Document:
    """trafilatura's extraction, with the page metadata when ``precise`` and ``tables``; an empty document when it
    finds nothing. Without ``tables``, what trafilatura finds outside the page's tables.

    The published date is htmldate's without its extensive search, which guesses from any date-like string on
    the page: a copyright year (``©1998–2015`` gave 1998-01-01), a link's ``sid=03/01/24``, a CSS class
    ``mjx-c2026`` (2026-01-01). Measured on pages whose date is known: newspaper4k 13 of 14 right (one a day off),
    Mozilla Readability 26 of 28, as with the search; six invented dates gone."""
    result = trafilatura.bare_extraction(
        html,
        with_metadata=precise and tables,
        include_comments=False,
        include_tables=tables,
        favor_precision=precise,
        date_extraction_params=set_date_params(extensive=False),
    )
    return result if isinstance(result, Document) else Document()


#: the page's ``<title>`` is looked for in its first this many characters
TITLE_TAG_SEARCH_CHARS = 200_000
#: a part of it taken for the headline has at least this many subject words ("Article", "The Everywhereist" no)
TITLE_TAG_MIN_SUBJECT_WORDS = 2
#: a title's last part after one of these separators may be the site's name ("Headline | Example Times", "Headline
#: -- Example.net", "Headline » Section » Example Times")
_LAST_TITLE_PART = re.compile(r"(?<=\S)\s+(?P<sep>--|[|\-–—·»])\s+(?P<last>[^|\-–—·»]+)$")
#: the separators of a title's parts, between spaces
_SPACED_SEPARATOR = re.compile(r"(?<=\S)\s+(--|[|\-–—·»])\s+")
#: a title's chain of parts after the headline ("Headline | Section | Site") has at least this many parts
CHAIN_MIN_PARTS = 3
#: a last part that holds the site's name and more ("CNN Politics" for CNN) has at most this many words
SITE_PART_MAX_WORDS = 3


def without_site_name(title: str, site: str | None) -> str:
    """The title without the site's name that pages append to it: "Headline | Example Times", "Headline - CNN
    Politics" (the site: CNN), "Headline - Remember 80/90 - Memorabilia anni 80/90". A last part is the site's
    name when it is part of the site's name, or holds it in at most ``SITE_PART_MAX_WORDS`` words; a part of at
    most as many words before it, joined by the same separator, is a section and goes too ("Headline | Danger Room
    | Wired.com", when more words than that are left); what is left keeps at least two words."""
    site_key = text_key(site or "")
    separator = None  # the one before the site's name, once it is dropped
    while site_key and (m := _LAST_TITLE_PART.search(title)):
        head, last = title[: m.start()], m.group("last")
        last_key = text_key(last)
        names_site = bool(last_key) and (last_key in site_key or (site_key in last_key and len(last.split()) <= SITE_PART_MAX_WORDS))
        # a section between the headline and the site's name, joined alike: "Headline | Danger Room | Wired.com"
        section = separator == m.group("sep") and len(last.split()) <= SITE_PART_MAX_WORDS < len(head.split())
        if not (names_site or section) or len(head.split()) < 2:
            break
        title, separator = head, m.group("sep")
    return _chain_head(title)


def _chain_head(title: str) -> str:
    """The headline of a title that chains it with sections and the site's name by one separator: "Headline »
    Local » Noticias » Example Times", "Headline | Code | Jane Doe": at least ``CHAIN_MIN_PARTS`` parts, the first
    of more than ``SITE_PART_MAX_WORDS`` words, each of the others of at most as many. Otherwise the title."""
    pieces = _SPACED_SEPARATOR.split(title)
    parts, separators = pieces[::2], set(pieces[1::2])
    if len(parts) < CHAIN_MIN_PARTS or len(separators) != 1 or len(parts[0].split()) <= SITE_PART_MAX_WORDS:
        return title
    return parts[0] if all(len(part.split()) <= SITE_PART_MAX_WORDS for part in parts[1:]) else title


#: a host name, alone or as a URL ("http://www.tmz.com", "www.cbc.ca", "Express.co.uk", "Aktuálně.cz")
_HOST = re.compile(r"^(?:https?://)?(?:www\d?\.)?(?P<host>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})(?:/\S*)?$", re.IGNORECASE)
#: what joins a site's name to a tagline, a section or a headline in the site names pages give
_SITE_PARTS = re.compile(r"\s+(?:[|\-–—>»/·]|::)\s+|:\s+\|?\s*|\s+\|\s*$|\s+(?:from|at)\s+(?=[\w-]+(?:\.[\w-]+)+$)")
#: markup and script that broken pages leave in their metadata ("Wired.com</SPAN>", "...xml\" />", "document.write(")
_MARKUP = re.compile(r"<[^>]*>?|[\"{};=].*$|\w+\(.*$")
#: a copyright notice around a name ("Copyright (c) 2012 ABC News Internet Ventures. All Rights Reserved.")
_COPYRIGHT = re.compile(
    r"copyright|\(c\)|[©®™]|all rights reserved\.?|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b", re.IGNORECASE
)
#: a site's name has at most this many words ("Council on Foreign Relations"); more is a headline or a tagline
SITE_MAX_WORDS = 5
#: a site's name that is this much of the page's title or more is the headline ("Hitachi in U.K. Nuclear Bid"),
#: not a name the title holds ("The Guardian view on Hong Kong")
SITE_TITLE_MAX_SHARE = 0.6


def tidy_site(site: str | None, *, title: str | None = None) -> str | None:
    """The publication's name for the ``site`` facet from what a page's metadata gives, which on older pages is
    often more: markup and script ("NEWS.com.au</SPAN>"), a copyright notice, a URL ("http://www.tmz.com" gives
    tmz.com), a date, section or tagline ("www.kansascity.com | 01/12/2008", "Goal.com - Chelsea", "Android
    Police - Android News, Apps, Games"), a social media handle ("@Wday_", "Wday_"), or the headline itself. A host
    name among the parts wins; else the first part, if it is short, has a letter or digit, is no handle (an "@" or
    "_" in it), no date ("Monday 11.12.12") and is not most of the ``title`` (the headline itself); else nothing
    (``clean_document`` then names the URL's host)."""
    name = " ".join(_COPYRIGHT.sub(" ", _MARKUP.sub(" ", site or "")).split()).strip(" ,:;|-–—")
    parts = [part.strip(" ,:;|") for part in _SITE_PARTS.split(name) if part.strip(" ,:;|")]
    hosts = [m["host"] for part in parts if (m := _HOST.match(part))]
    if hosts:
        return hosts[-1] if len(parts) > 1 and _HOST.match(parts[-1]) else hosts[0]
    first = parts[0] if parts else ""
    key, title_key = text_key(first), text_key(title or "")
    headline = bool(key) and key in title_key and len(key) >= SITE_TITLE_MAX_SHARE * len(title_key)
    named = any(ch.isalnum() for ch in first)  # "..." or "–" is a placeholder, not a name
    named = named and not first.startswith("@") and "_" not in first  # a social media handle ("@Wday_"), no name
    named = named and not _is_date(first)  # "Monday 11.12.12", the day's date in a blog's header
    return first if named and len(first.split()) <= SITE_MAX_WORDS and not headline else None


#: a date written in numbers alone: day, month and year ("11.12.12", "01/12/2008"; "01/12/" when the year went
#: with a copyright notice's)
_NUMERIC_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}\1(?:\d{1,4})?")


def _is_date(name: str) -> bool:
    """Whether a name is only a date: month and weekday names (CLDR) and words without letters, with a month's or
    weekday's name ("Monday 11.12.12", "12 March", "Juni" whose year went with ``_COPYRIGHT``'s) or a number written
    as a date ("11.12.12", "01/12/"). A number alone is a name ("538", "1843", "24/7")."""
    dated = calendar_words(frozenset(CLDR_MONTH_LANGUAGES))
    words = [word.lower().rstrip(".,") for word in name.split()]
    if not all(word in dated or not any(ch.isalpha() for ch in word) for word in words):
        return False
    return any(word in dated or _NUMERIC_DATE.fullmatch(word) for word in words)


def _site_keys(names: Iterable[str | None]) -> set[str]:
    """The keys (``text_key``) of the names a page gives its site; a host name also without its last label
    ("nbcnews.com" gives "nbcnewscom" and "nbcnews", as a byline writes it: "NBC News")."""
    keys = set()
    for name in filter(None, names):
        keys.add(text_key(name))
        if m := _HOST.match(name.strip()):
            keys.add(text_key(m["host"].rsplit(".", 1)[0]))
    return keys - {""}


def author_without_site(
    author: str | None, site_names: Iterable[str | None], *, domain: str | None = None
) -> str | None:
    """The author's names (``;``-separated) without the site's name where the page's metadata put it as a name or
    after one: a part that is one of ``site_names`` (the site's name, the URL's host, the last part of the page's
    ``<title>``) goes unless it is a person's name (a blog named after its writer: "Headline | Jane Doe"), so
    "World News" or "LinkNaija" as the author of their own site is none; a person's name followed by one of them
    is the person ("Alan Boyle NBC News" on a page whose ``<title>`` ends with "NBCNews.com"). The registered
    ``domain``'s first label names the site too, where the host's last label is not all of its suffix ("Jane Doe
    BBC" at bbc.co.uk)."""
    keys = _site_keys(site_names) | ({text_key(domain.split(".")[0])} - {""} if domain else set())
    if not author or not keys:
        return author
    names = []
    for part in (part.strip() for part in author.split(";")):
        if text_key(part) in keys and not is_person_name(part):
            continue
        words = part.split()
        ends = (k for k in range(2, len(words)) if text_key(" ".join(words[k:])) in keys)
        cut = next((k for k in ends if is_person_name(" ".join(words[:k]))), len(words))
        names.append(" ".join(words[:cut]))
    return "; ".join(name for name in names if name) or None


def paper_site(site: str | None, *, url: str | None, domain: str | None, title_tag: str) -> str | None:
    """The paper's name instead of the name of its section or blog that the page gives as its site: when the URL's
    host is a subdomain named after the site ("Well" at well.blogs.nytimes.com, "The Caucus" at
    thecaucus.blogs.nytimes.com) and the last part of the page's ``<title>`` names the registered ``domain``
    ("... - NYTimes.com"), that part. A blog on a network's host keeps its name: the ``<title>`` names no domain."""
    host, parts = url_host(url or ""), _TITLE_TAG_PARTS.split(title_tag)
    if not site or not host or not domain or len(parts) < 2 or not host.endswith(f".{domain}"):
        return site
    paper, key = parts[-1].strip(), text_key(site)
    if text_key(paper) not in {text_key(domain), text_key(domain.split(".")[0])} or text_key(paper) == key:
        return site
    labels = [text_key(label) for label in host[: -len(domain) - 1].split(".")]
    return paper if any(label and (key.startswith(label) or label.startswith(key)) for label in labels) else site


def url_host(url: str) -> str | None:
    """The host of a URL without "www." ("https://www.example.com/a" gives example.com)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return re.sub(r"^www\d?\.", "", host) if host else None


#: the page's <title> element: no "<" inside it or its tag, so that each of many unclosed "<title" stops at the next
#: tag rather than reading to the end
_TITLE_TAG = re.compile(r"<title[^<>]*>([^<]*)</title\s*>", re.IGNORECASE)
#: what joins a site's name, a section and the headline in a page's ``<title>``
_TITLE_TAG_PARTS = re.compile(r"\s+(?:[|\-–—·«»:]|::)\s+")


#: an ``og:title`` meta element (its value: ``pagemeta.META_CONTENT``)
_OG_TITLE = re.compile(r"<meta\b[^<>]*\bproperty\s*=\s*[\"']og:title[\"'][^<>]*>", re.IGNORECASE)
#: an <h1> element: its text stops at the next <h1 or </h1, so that each of many unclosed "<h1>" fails at the next
#: rather than reading to the end of the page
_H1 = re.compile(r"<h1\b[^<>]*>((?:[^<]|<(?!/?h1\b))*)</h1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def _plain(markup: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", markup)).split())


@lru_cache(maxsize=1)  # the title, the site's name and the post under the headline read the same page's headings
def _page_headings(html: str) -> tuple[str, str, tuple[str, ...]]:
    """The page's ``<title>`` (the first that is not empty), its ``og:title`` and the texts of its ``<h1>``
    elements, as plain text."""
    head = html[:TITLE_TAG_SEARCH_CHARS]
    tag = next((text for m in _TITLE_TAG.finditer(head) if (text := _plain(m.group(1)))), "")
    og = _OG_TITLE.search(head)
    content = META_CONTENT.search(og.group(0)) if og else None
    h1s = tuple(_plain(m.group(1)) for m in _H1.finditer(head))
    return tag, _plain(content.group(1) or content.group(2)) if content else "", h1s


def _agrees(title: str, *others: str) -> bool:
    """Whether a title is one of the others, or part of one, or holds one ("Headline" and "Headline | Site")."""
    key = text_key(title)
    return bool(key) and any(k and (key in k or k in key) for k in map(text_key, others))


#: what follows a page's headline in its title, when the site's name is appended: a separator, spaced or not (CJK
#: titles write "标题-新华网"), and a short name
_AFTER_HEADLINE = re.compile(r"\s*(?:--|[|\-–—·»])\s*(?P<tail>\S.*)")
#: an ``<h1>`` opening the title is the headline when it has at least this many words, or characters (CJK)
HEADLINE_MIN_WORDS, HEADLINE_MIN_CHARS = 2, 6


def _h1_headline(title: str, h1s: Iterable[str]) -> str:
    """The page's ``<h1>`` when the title is that heading with a short name after a separator ("Headline --
    Example.net", "短缺药品保供稳价 全力保障临床用药需求-新华网"): the heading has ``HEADLINE_MIN_WORDS`` words or
    ``HEADLINE_MIN_CHARS`` characters; the name at most ``SITE_PART_MAX_WORDS`` words and shorter than it."""
    for h1 in h1s:
        if len(h1.split()) < HEADLINE_MIN_WORDS and len(h1) < HEADLINE_MIN_CHARS:
            continue
        if title.startswith(h1) and (m := _AFTER_HEADLINE.fullmatch(title, len(h1))):
            tail = m["tail"]
            if len(tail) < len(h1) and len(tail.split()) <= SITE_PART_MAX_WORDS:
                return h1
    return title


#: what joins a blog's or a paper's name to the headline in a page's ``<title>``: a separator, spaced after and
#: maybe not before ("Name: Headline", "Music- Headline")
_TITLE_JOIN = r"\s*(?:--|::|[|\-–—·«»:])\s+"


def _title_tag_rest(tag: str, title: str) -> str:
    """The rest of the page's ``<title>`` when the title is a whole part at its start or its end ("Example Blog:
    Headline", "Headline - Example Blog" for the title "Example Blog"); else nothing. After the title, the rest is
    one part ("Headline | Car Reviews - Example" is the headline's title and the site's parts)."""
    if not title or len(tag) <= len(title):
        return ""
    escaped = re.escape(title)
    if m := re.fullmatch(rf"{escaped}{_TITLE_JOIN}(?P<rest>\S.*)", tag):
        return "" if _SPACED_SEPARATOR.search(m["rest"]) else m["rest"].strip()
    m = re.fullmatch(rf"(?P<rest>.*\S)\s+(?:--|::|[|\-–—·«»:])\s+{escaped}", tag)
    return m["rest"].strip() if m else ""


def _names_more(rest: str, title: str, subject: TextSubject) -> bool:
    """Whether the rest of the page's ``<title>`` is the headline and the title the blog's or the paper's name
    beside it ("icStaines - More Britons in blood scandal", "Amhole with a Bike - Bike Hugger"): it has two words
    or more, no fewer than the title (a name is shorter than a headline: "Headline - Jane Doe"), and the text uses
    more of its subject words, and no smaller share of them (a tagline after a headline lists the site's subjects)."""
    if len(rest.split()) < max(2, len(title.split())):
        return False
    (rest_used, rest_words), (used, words) = subject_words_used(rest, subject), subject_words_used(title, subject)
    return rest_used > used and rest_used * max(words, 1) >= used * rest_words


def _page_title(html: str, result: Document, text: str) -> str | None:
    """trafilatura's title without the site's name; when the page contradicts it, a better candidate.

    trafilatura takes a lone ``<h1>`` or an element whose class says "title" for the title, which may be the
    site's logo, a section ("Allergies Health Center"), a menu item, a box ("Share this:", "Take your next trip
    with ...") or the site's name. When that title is the site's name or agrees with neither the page's
    ``<title>`` nor its ``og:title`` (is neither part of them nor holds them), the first candidate that names the
    text's subject (``names_subject``) and is not the site's name is taken instead: an ``<h1>`` that opens the
    ``<title>``, the ``og:title``, the ``<title>`` without the site's name, the part of the ``<title>`` that names
    the text's subject best ("SFGate: World Views : Another political murder in Lebanon" gives the murder); when
    the text uses words of trafilatura's title, only a candidate with at least as many words (a logo, a section, a
    box is shorter than the headline). A title that shares no subject word with the text gives way to them alike,
    even when it agrees."""
    tag, og, h1s = _page_headings(html)
    title = _h1_headline(without_site_name(result.title or "", result.sitename), h1s) or None
    if title is None or not text:
        return title
    subject = text_subject(text)
    site = text_key(tidy_site(result.sitename, title=result.title) or "")  # not a headline trafilatura took for it
    is_site = bool(site) and text_key(title) == site
    used = subject_words_used(title, subject)[0] > 0
    rest = without_site_name(_title_tag_rest(tag, title), result.sitename)
    if _names_more(rest, title, subject) and not (site and (text_key(rest) in site or site in text_key(rest))):
        return rest
    if used and not is_site and (_agrees(title, tag, og) or not (tag or og)):
        return title
    # a title the text speaks of gives way only to a headline at least as long: a logo, a section or a box is shorter
    words = 0 if is_site or not used else len(title.split())
    parts = _TITLE_TAG_PARTS.split(tag) if tag else []

    def fits(candidate: str) -> bool:
        counts = subject_words_used(candidate, subject)
        named = counts[1] >= TITLE_TAG_MIN_SUBJECT_WORDS and names_subject(*counts)
        return named and not (site and (text_key(candidate) in site or site in text_key(candidate)))

    opening = [h1 for h1 in h1s if len(h1.split()) > 1 and text_key(tag).startswith(text_key(h1))]
    whole = [without_site_name(c, result.sitename) for c in (og, tag) if c]
    about = sorted(((subject_words_used(part, subject)[0], len(part), part) for part in parts), reverse=True)
    for candidate in [*opening, *whole, *(part for _, _, part in about)]:
        if fits(candidate) and text_key(candidate) != text_key(title) and len(candidate.split()) >= words:
            return candidate
    return title


def extract_html(html: str, *, languages: Iterable[str] = CLDR_MONTH_LANGUAGES) -> tuple[str, Metadata]:
    """Main text and metadata of an HTML page.

    trafilatura with ``favor_precision`` (the best setting measured); when that text is short and holds under a
    fifth of what a balanced extraction finds (the precision pass pruned the article's own container, keeping a
    standfirst, or kept a sidebar's blurb instead of a short post), the balanced text. On a page laid out with
    tables, trafilatura may take the layout table for content and keep its navigation and sidebar cells as table
    rows: when most of its lines are table rows, what it finds with the tables left out is taken instead, if it is
    part of that text, else the page's own text (``pagetext.page_lines``) cleaned by the plain-text rules
    (``remove_boilerplate``), if it is no longer and keeps enough of the extracted words, or if the rows are mostly
    the page's links (``_table_layout_text``).
    Otherwise the prose that trafilatura left out between two of its lines, and that the plain-text rules
    keep there, goes back in (``boilerplate.fill_gaps``), after the text is cut before the header of comments or a
    copyright notice that trafilatura kept (what goes back in does not move the article's end). When all are
    empty, trafilatura's baseline, cut alike. What the text keeps at its end from outside the element that holds
    most of it (related stories, a sidebar, comments, the footer) goes (``cut_after_article``), and so does a
    copyright notice closing it (``without_closing_notice``). A text read from another container than the post
    under the page's headline (a sidebar's "about" box beside a short post) gives way to that post
    (``post_under_headline``). A page with
    a short text whose elements nest deeper than trafilatura's parser goes (256 levels: it drops what lies deeper)
    is read from a tree parsed with libxml2's larger limit (``pagetext.parse_page``). The headline is dropped from the top of the text when it repeats the
    title (see ``drop_repeated_title``). The site's name is tidied (``tidy_site``). Dates printed on the page are read
    with the month names of ``languages`` and of the language the page declares (``pagemeta.page_published``).
    The text ends before the header of comments or a copyright notice that trafilatura kept after the article, and a prompt to subscribe that it
    kept goes (``boilerplate.trim_extracted``). A page quoting tweets is read from a tree in which they are plain
    quotes (``pagetext.unwrap_embedded_posts``): trafilatura discards their wrappers as share buttons. A lead that
    trafilatura left out right above its first line, in the same container, goes back in (``with_lead``), and so does
    one above its first prose line inside that line's block, a post's body opening with a picture
    (``with_lead_in_body``), and so does the standfirst under the headline in the article's header
    (``with_standfirst``), and so do the paragraphs it dropped between its lines, in the article's container, that
    the plain-text rules keep as prose (``with_dropped_prose``), and the subheadings it dropped over sections it
    kept (``with_dropped_headings``); one of them may be the header of the comments that trafilatura kept under the
    article without it ("Comments" over "Posted by: Margaret | Jan 8, 2008 9:49 PM" and her comment), and the text
    then ends before it as before one that trafilatura kept (``boilerplate.cut_at_heading``: where
    ``trim_extracted`` would end it, when that is such a heading). Last, the run of links and
    labels ending the text outside the container of its prose (a blog's pager, its feed links, "Comments (0)") goes
    (``without_trailing_links``), and so does the run starting it above its first heading (a breadcrumb, a section's
    name, a line of tags: ``without_leading_links``), and the header's other furniture above the container of its
    prose, date lines and bylines aside (the site's name, a search box's labels, a weather box:
    ``without_leading_furniture``).
    """
    try:
        return _read_page(html, languages)
    finally:  # the page is read, or its reading stopped (a time limit): its lines are not kept past it
        _placed.cache_clear()
        _page_index.cache_clear()
        _cleaned.cache_clear()
        _page_headings.cache_clear()
        forget_shingles()


def _read_page(html: str, languages: Iterable[str]) -> tuple[str, Metadata]:
    """``extract_html``'s reading of a page, which fills the caches of the page's lines and headings."""
    html = xml_safe(html)  # else lxml refuses to change the texts of its tree, and so trafilatura's cleaning fails
    root = parse_page(html)  # the page's tree, parsed once: read as it is until ``page_blocks`` changes it
    page: str | HtmlElement = html  # what trafilatura reads: never ``root``
    if EMBEDDED_POST_CLASS in html and (posts := parse_page(html)) is not None and unwrap_embedded_posts(posts):
        page = posts  # parsed with the larger depth limit too
    result = _extraction(page, precise=True)
    short = len(words_of(result.text or "")) < PRECISE_CHECK_MAX_WORDS
    if isinstance(page, str) and short and deeper_than(html, DEFAULT_DEPTH):  # a tree already has the larger limit
        if (deep := parse_page(html)) is not None:
            page = deep
            result = _extraction(page, precise=True)
    text = result.text or ""
    title = _page_title(html, result, text)
    title_tag = _page_headings(html)[0]
    meta = Metadata(
        title=title,
        author=tidy_author(result.author, site=result.sitename),
        site=paper_site(
            tidy_site(result.sitename, title=title),
            url=result.url,
            domain=result.hostname,
            title_tag=title_tag,
        ),
        url=_clean_url(result.url),
        published=iso_date(result.date),
        description=result.description or None,
        tags=page_tags([*(result.tags or []), *json_ld_keywords(html), *(result.categories or [])]),
    )
    people = page_people(meta.author, html, site=meta.site, root=root)  # before ``page_blocks`` changes the tree
    precise_words = len(words_of(text))
    if precise_words < PRECISE_CHECK_MAX_WORDS:
        balanced = _extraction(page, precise=False).text or ""
        if precise_words < PRECISE_MIN_SHARE * len(words_of(balanced)):
            text = balanced
    table_layout = table_rows_share(text) > TABLE_ROWS_MIN_SHARE
    laid_out = table_layout and root is not None and has_layout_table(root)
    links = laid_out and _mostly_page_links(text, root)  # before ``page_blocks`` changes the tree
    blocks = page_blocks(root) if root is not None else []  # the page's lines, with their blocks
    lines = "\n".join(line for line, _ in blocks) if blocks else None  # the page's visible text (``page_lines``)
    if laid_out:
        text, table_layout = _table_layout_text(page, text, lines or "", links=links)
    text = trim_extracted(text)
    if not table_layout and text.strip() and lines:
        text = fill_gaps(text, lines, _cleaned)  # after the cut: what goes back in does not move the article's end
    if not text.strip():
        _, text, _ = trafilatura.baseline(page)
        text = trim_extracted(text)
    text = without_closing_notice(cut_after_article(text, blocks) if text.strip() and blocks else text)
    if text.strip() and blocks:
        text = post_under_headline(text, blocks, html, meta.site)
    if (published := page_published(html, meta.published, text, languages=languages, lines=lines)) != meta.published:
        meta = meta.model_copy(update={"published": published})
    if (author := named_or_closing_byline(people, text)) != meta.author:
        meta = meta.model_copy(update={"author": author})
    tag_parts = _TITLE_TAG_PARTS.split(title_tag)
    site_names = (result.sitename, meta.site, url_host(meta.url or ""), tag_parts[-1] if len(tag_parts) > 1 else None)
    if (author := author_without_site(meta.author, site_names, domain=result.hostname)) != meta.author:
        meta = meta.model_copy(update={"author": author})
    text = with_lead(drop_repeated_title(text, meta.title), blocks)
    text = with_lead_in_body(text, blocks)
    text = with_standfirst(text, blocks, meta.title)
    if text.strip() and blocks:
        text = with_dropped_prose(text, blocks)
        if (restored := with_dropped_headings(text, blocks, meta.title)) != text:
            added = {line.strip() for line in restored.split("\n")} - {line.strip() for line in text.split("\n")}
            text = cut_at_heading(restored, added)  # a heading of the comments trafilatura dropped and kept them under
        text = without_trailing_links(text, blocks)
        text = without_leading_links(text, blocks)
        text = without_leading_furniture(text, blocks)
    return text, meta


def table_rows_share(text: str) -> float:
    """The share of the non-blank lines of trafilatura's text that are table rows (``| cell | cell |``)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return sum(line.lstrip().startswith("|") for line in lines) / len(lines) if lines else 0.0


def _table_layout_text(page: str | HtmlElement, extracted: str, page_text: str, *, links: bool) -> tuple[str, bool]:
    """The text to take instead of ``extracted``, which is mostly table rows, on a page laid out with tables
    (``pagetext.has_layout_table``), and whether it is still a table's text (no gaps to fill:
    ``boilerplate.fill_gaps``). ``page``: what trafilatura reads; ``page_text``: the page's lines
    (``pagetext.page_lines``); ``links``: whether ``extracted`` is mostly the page's links (``_mostly_page_links``).

    First what trafilatura finds when it leaves the page's tables out (``include_tables=False``; its fallbacks then
    read the page's blocks whatever their markup): the rows it kept hold the article with the navigation and sidebar
    cells around it, and this text the article alone. It is taken when at least ``OUTSIDE_TABLES_MIN_SHARED`` of its
    words are among those of ``extracted`` (less: it is another part of the page). Else the page's text cleaned by
    ``remove_boilerplate``, when the rules only take away: the cleaned text has no more words than ``extracted``
    (more: the rules took in what trafilatura rightly left out, such as a comment thread) and keeps at least
    ``TABLE_TEXT_MIN_KEPT`` of them (less: the rules lost the article), or whatever its length when ``extracted`` is
    mostly links (``_mostly_page_links``: a layout table's navigation and sidebar, the article in another cell that
    trafilatura left out)."""
    words = Counter(w.lower() for w in words_of(extracted))
    text = _extraction(page, precise=True, tables=False).text or ""
    outside = Counter(w.lower() for w in words_of(text))
    if outside and sum((outside & words).values()) >= OUTSIDE_TABLES_MIN_SHARED * sum(outside.values()):
        return text, False
    cleaned = _cleaned(page_text)
    kept = Counter(w.lower() for w in words_of(cleaned))
    total = sum(words.values())
    no_longer = sum(kept.values()) <= total
    if (no_longer and sum((words & kept).values()) >= TABLE_TEXT_MIN_KEPT * total) or (links and cleaned.strip()):
        return cleaned, True
    return extracted, True


def _mostly_page_links(text: str, root: HtmlElement) -> bool:
    """Whether at least ``TABLE_LINKS_MIN_SHARE`` of the words of ``text``'s table cells are words of the links of
    the page (``root``), each run of words counted once (``_link_words``)."""
    links = _links_of(root.iter("a"))
    cells = [cell for line in text.split("\n") for cell in line.split("|") if cell.strip()]
    words = sum(len(words_of(cell)) for cell in cells)
    return words > 0 and sum(_link_words(cell, links) for cell in cells) >= TABLE_LINKS_MIN_SHARE * words


def _depths(elements: Iterable[HtmlElement]) -> dict[HtmlElement, int]:
    """The depth of each element and of its ancestors, each counted once (the root at 1)."""
    depth: dict[HtmlElement, int] = {}
    for el in elements:
        chain: list[HtmlElement] = []
        up: HtmlElement | None = el
        while up is not None and up not in depth:
            chain.append(up)
            up = up.getparent()
        d = depth[up] if up is not None else 0
        for d, member in enumerate(reversed(chain), start=d + 1):
            depth[member] = d
    return depth


def _article_box(placed: list[tuple[str, HtmlElement | None]]) -> HtmlElement | None:
    """The deepest element, no block of content (``CONTENT_BLOCKS``), that holds at least ``ARTICLE_BOX_MIN_SHARE``
    of the words of the placed lines."""
    weight: Counter[HtmlElement] = Counter()
    for line, block in placed:
        if block is not None:
            weight[block] += len(words_of(line))
    total = sum(weight.values())
    weight = _rolled_up(weight)
    depth = _depths(weight)
    boxes = [el for el, n in weight.items() if n >= ARTICLE_BOX_MIN_SHARE * total and el.tag not in CONTENT_BLOCKS]
    return max(boxes, key=depth.__getitem__) if total and boxes else None


def _rolled_up(weight: Counter[HtmlElement]) -> Counter[HtmlElement]:
    """The words of each element and of those inside it, from ``weight``'s words of each element's own lines."""
    rolled = Counter(weight)
    depth = _depths(list(weight))
    for el in sorted(depth, key=depth.__getitem__, reverse=True):  # each element's words to its parent, bottom up
        if (parent := el.getparent()) is not None:
            rolled[parent] += rolled[el]
    return rolled


def _words(el: HtmlElement) -> int:
    return len("".join(el.itertext()).split())


def _continuation(box: HtmlElement) -> HtmlElement | None:
    """The container's next sibling that holds text, when it may go on with the article: it is a container too, no
    block of content (``CONTENT_BLOCKS``: a paragraph after the article's container is a line of the page, such as
    the site's name), under ``CONTINUATION_MAX_LINK_SHARE`` of its words are in links, and the article's container is
    no part of a table's layout (``TABLE_PARTS``)."""
    if box.tag in TABLE_PARTS:
        return None
    for sibling in box.itersiblings():
        if isinstance(sibling.tag, str) and (words := _words(sibling)):
            links = sum(_words(a) for a in sibling.iter("a"))
            container = sibling.tag not in CONTENT_BLOCKS  # a paragraph after it is a line of the page's own
            return sibling if container and links < CONTINUATION_MAX_LINK_SHARE * words else None
    return None


def _on_page(text: str, page: list[tuple[str, HtmlElement | None]]) -> list[tuple[str, int | None]]:
    """The lines of ``text`` that have words, each with the place in ``page`` (``pagetext.page_blocks``) of the
    line that holds it, or None (``boilerplate.placed_lines``)."""
    return list(_placed("\n".join(line for line, _ in page), text))


def _first_on_page(text: str, page: list[tuple[str, HtmlElement | None]]) -> tuple[str, int] | None:
    """The first line of ``text`` found on ``page``, with its place there: ``_on_page``'s first placed line, without
    placing the lines after it (each line is placed from the page's start until one is)."""
    index = _page_index("\n".join(line for line, _ in page))
    for line in text.split("\n"):
        for found, k in placed_lines(index, line):
            if k is not None:
                return found, k
    return None


@lru_cache(maxsize=2)  # cut_after_article and post_under_headline place the same text on the same page
def _placed(page_text: str, text: str) -> tuple[tuple[str, int | None], ...]:
    return tuple(placed_lines(_page_index(page_text), text))


@lru_cache(maxsize=1)  # cut_after_article, post_under_headline and with_lead read one page after another
def _page_index(page_text: str) -> dict[tuple[str, ...], list[int]]:
    return line_index(page_text)


@lru_cache(maxsize=1)  # fill_gaps and with_dropped_prose clean the same page's lines
def _cleaned(page_text: str) -> str:
    """The page's lines (``page_text``) as the plain-text rules keep them (``remove_boilerplate``): the page is
    cleaned once when both steps find a gap in the text."""
    return remove_boilerplate(page_text)


def cut_after_article(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) without the lines at its end that the page shows outside the article's container.

    Each line of ``text`` is found among the page's lines (``page``: ``pagetext.page_blocks``, each line with its
    block element) as ``boilerplate.fill_gaps`` finds them. The article's container is the deepest element that holds
    most of the words found (``_article_box``); an extractor that took a larger part of the page keeps, after the
    article, what lies beside it there: a list of related stories, a sidebar's teasers, readers' comments, the site's
    footer. Those lines go, from the end of the text up to the last line found inside the container, and so do lines
    not found on the page among them. A line whose block has the tag and class of a block found inside the container
    (a later section of the article, set like its first ones) ends the cut, as does the container's last line, and
    so does a line in the container's next sibling whose block has the tag and class, or like it no class, of a
    block inside the container, when that sibling may go on with the article (``_continuation``: a post's part after
    a "read more" break, its paragraphs without a class like the first part's) and holds at least
    ``CONTINUATION_MIN_LINES`` such lines of the text."""
    lines = text.split("\n")
    found = _on_page(text, page)
    placed = [(line, page[k][1] if k is not None else None) for line, k in found]
    box = _article_box(placed)
    if box is None:
        return text
    within = set(box.iter())
    inside = [el is not None and el in within for _, el in placed]
    kinds = {(el.tag, el.get("class")) for (_, el), i in zip(placed, inside) if i and el is not None and el.get("class")}
    blocks = {(el.tag, el.get("class")) for (_, el), i in zip(placed, inside) if i and el is not None}
    after = _continuation(box)
    beside = set(after.iter()) if after is not None else set()
    going_on = [el is not None and el in beside and (el.tag, el.get("class")) in blocks for _, el in placed]
    if sum(going_on) < CONTINUATION_MIN_LINES:
        going_on = [False] * len(placed)
    last = len(placed)
    while last and not inside[last - 1]:
        el = placed[last - 1][1]
        if el is not None and el.get("class") and (el.tag, el.get("class")) in kinds:
            break
        if going_on[last - 1]:
            break  # the article goes on in the container's next sibling, in blocks set like its own
        last -= 1
    if last == len(placed) or not last:
        return text
    k = 0
    for i, line in enumerate(lines):  # ``placed_lines`` skipped the lines without words: the last one kept is found again
        if k < len(placed) and line == placed[k][0]:
            k += 1
            if k == last:
                return "\n".join(lines[: i + 1])
    return text


#: a line is a link when at least this share of its words are the text of links in its block (0.3 measured the same)
LINK_LINE_MIN_SHARE = 0.5
#: a line of fewer words than this, without a sentence's end, is a label ("Subscribe to:", "Pin It", "Comments (0)";
#: 6 measured the same)
LABEL_MAX_WORDS = 4
#: the run of links and labels at the end of a text goes when at least this share of its words are links' (less: a
#: post's own short lines, "Share" / "Tweet" / "Comments"; 0 and 0.8 measured the same)
TRAILING_LINKS_MIN_SHARE = 0.5
#: a clock time ("6:43", "18:05"): a line with one is a post's stamp
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


class Links(NamedTuple):
    """The words of each of a block's own links, lower case, and the most words one of them has."""

    words: frozenset[tuple[str, ...]]
    longest: int


def _links_of(anchors: Iterable[HtmlElement]) -> Links:
    """The words of the links ``anchors`` (``<a>`` elements), lower case; a link without words counts for none."""
    found = {words for a in anchors if (words := tuple(w.lower() for w in words_of(a.text_content())))}
    return Links(frozenset(found), max(map(len, found), default=0))


def _own_links(block: HtmlElement) -> Links:
    """The links of ``block``'s own text (not inside a block nested in it)."""
    return _links_of(
        a for a in block.iter("a")
        if next((el for el in a.iterancestors() if el.tag in BLOCKS and el.tag != "br"), None) is block
    )


def _link_words(line: str, links: Links) -> int:
    """How many words of ``line`` are the words of one of ``links`` (its block's, ``_own_links``): runs of its
    words, from the left, each the longest that is a link's. Time linear in the line's words and the longest link's."""
    words = [w.lower() for w in words_of(line)]
    n = i = 0
    while i < len(words):
        ends = range(min(len(words), i + links.longest), i, -1)
        end = next((j for j in ends if tuple(words[i:j]) in links.words), None)
        n, i = (n + end - i, end) if end is not None else (n, i + 1)
    return n


def _is_link_or_label(line: str, links: Links) -> bool:
    """Whether a line is a link (at least ``LINK_LINE_MIN_SHARE`` of its words are the text of ``links``, its
    block's) or a label (under ``LABEL_MAX_WORDS`` words and no sentence's end), and neither a sentence (at least
    ``SENTENCE_MIN_WORDS`` words with a sentence's end: a linked sentence is prose) nor a date or a post's stamp
    (``boilerplate``'s rules, or a clock time: "posted by jane @ 6:43 PM", whose name and time are links, is the
    post's)."""
    words = words_of(line)
    if len(words) >= SENTENCE_MIN_WORDS and _SENTENCE_END.search(line):
        return False
    if _CLOCK_TIME.search(line) or is_timestamp(line, words) or is_post_stamp(line, words) or is_bare_date(line):
        return False
    if len(words) < LABEL_MAX_WORDS and not _SENTENCE_END.search(line):
        return True
    return _link_words(line, links) >= LINK_LINE_MIN_SHARE * len(words)


def _prose_box(blocks: list[HtmlElement]) -> HtmlElement | None:
    """The deepest element that holds all of ``blocks`` and is no block of content (``CONTENT_BLOCKS``)."""
    if not blocks:
        return None
    common = [blocks[0], *blocks[0].iterancestors()]
    for block in set(blocks[1:]):
        chain = {block, *block.iterancestors()}
        common = [el for el in common if el in chain]
    return next((el for el in common if el.tag not in CONTENT_BLOCKS), None)


def _prose_blocks(text: str, found: list[tuple[str, int | None]], blocks: list[HtmlElement | None]) -> list[HtmlElement]:
    """The blocks of the lines of ``text`` found on the page (``found``, their blocks ``blocks``) that are prose by
    the text rules (``boilerplate.classify``: ``Kind.GOOD``)."""
    stop = stoplist_for(text)
    return [el for (line, _), el in zip(found, blocks) if el is not None and classify(line, stop).kind is Kind.GOOD]


def _mostly_links(
    found: list[tuple[str, int | None]], blocks: list[HtmlElement | None], links: dict[HtmlElement, Links]
) -> bool:
    """Whether at least ``TRAILING_LINKS_MIN_SHARE`` of the words of a run of lines (``found``, their blocks
    ``blocks``, each block's links read in ``links``) are links' words."""
    words = sum(len(words_of(line)) for line, _ in found)
    linked = sum(_link_words(line, links[block]) for (line, _), block in zip(found, blocks) if block is not None)
    return linked >= TRAILING_LINKS_MIN_SHARE * words


def without_trailing_links(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) without the run of links and labels at its end that lies outside the article's
    prose: a blog's pager ("Newer Post" / "Older Post" / "Home" / "Subscribe to:" / "Post Comments (Atom)"), a
    comment count ("Comments (0)"), the links to the site's sections, when ``cut_after_article`` kept them (the
    container it finds for a short post holds them too).

    Each line of ``text`` is found on ``page`` (``pagetext.page_blocks``). The run is the lines at the end of the
    text that are links or labels (``_is_link_or_label``); a line not found on the page ends it. The article's prose
    lies in the deepest container that holds the blocks of all the text's prose lines (``boilerplate.classify``:
    ``Kind.GOOD``; ``_prose_box``); a post without prose (a post of pictures) in the container of the line above the
    run, whose title, a heading, ends the run (a linked title is the post's). The lines of the run after its last
    line in that container go (a list of links inside the post is the post's), when at least
    ``TRAILING_LINKS_MIN_SHARE`` of their words are links' and a line is left above them."""
    found = _on_page(text, page)
    blocks = [page[k][1] if k is not None else None for _, k in found]
    links: dict[HtmlElement, Links] = {}  # each block's links, read once
    prose: list[HtmlElement] | None = None  # the blocks of the prose lines, read once the text ends in a link or label
    start = len(found)
    while start and (block := blocks[start - 1]) is not None:
        if block not in links:
            links[block] = _own_links(block)
        if not _is_link_or_label(found[start - 1][0], links[block]):
            break
        if prose is None:
            prose = _prose_blocks(text, found, blocks)
        if not prose and block.tag in HEADINGS:
            break
        start -= 1
    above = blocks[start - 1] if 0 < start < len(found) else None
    if above is None or (box := _prose_box(prose or [above])) is None:
        return text
    within = set(box.iter())
    start = max([start, *(i + 1 for i in range(start, len(found)) if blocks[i] in within)])
    if start == len(found) or not _mostly_links(found[start:], blocks[start:], links):
        return text
    return _split_after_found(text, found, start)[0]


def without_leading_links(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) without the run of links and labels at its start that lies outside the container
    of its prose: a breadcrumb ("Home » Nokia"), a section's name ("Technology"), a link to the previous post ("« A
    General Architecture for Personal Clouds | Main"), a comment count ("5 Comments"), a line of tags above the post
    ("Published: November 5th, 2012 | Tags: NFL AM, Andrew Luck, ...").

    The run is the lines at the start of the text that are links or labels (``_is_link_or_label``: no sentence, no
    date or post's stamp) up to the first heading (the headline, a post's title, are the article's) or the first
    line not found on ``page``; its lines before the first that lies in the container of the text's prose
    (``_prose_box``; a text without prose is left alone) go, when at least ``TRAILING_LINKS_MIN_SHARE`` of their words
    are links' and a line is left after them."""
    found = _on_page(text, page)
    blocks = [page[k][1] if k is not None else None for _, k in found]
    links: dict[HtmlElement, Links] = {}  # each block's links, read once
    end = 0
    while end < len(found) and (block := blocks[end]) is not None and block.tag not in HEADINGS:
        if block not in links:
            links[block] = _own_links(block)
        if not _is_link_or_label(found[end][0], links[block]):
            break
        end += 1
    if end in (0, len(found)):
        return text
    if (box := _prose_box(_prose_blocks(text, found, blocks))) is None:
        return text
    within = set(box.iter())
    end = next((i for i in range(end) if blocks[i] in within), end)
    if not end or not _mostly_links(found[:end], blocks[:end], links):
        return text
    return _split_after_found(text, found, end)[1]


#: a line of the run above the article's container with this many words or more, and no date line, is the article's
#: (a standfirst without a sentence's end, a product's description in a list) and ends the run
LEADING_FURNITURE_MAX_WORDS = 12
#: ... and so does a shorter line that is a sentence (a dek): it ends in a full stop, question or exclamation mark (a
#: closing quote after it), has ``SENTENCE_MIN_WORDS`` words and this many stop words
LEADING_SENTENCE_MIN_STOP_WORDS = 2
_LINE_ENDS_SENTENCE = re.compile(r"[.!?…][\"'’”»)]*$")


def _dated_or_byline(line: str, stop: frozenset[str]) -> bool:
    """Whether a line is a date line or a post's stamp (``boilerplate``'s rules, or a clock time) or a byline
    (``metadata.is_byline``): sets disagree on them (the Dragnet bodies keep a post's date line and byline, the L3S
    bodies leave a news story's out), so the rules that drop the page's furniture around the article leave them."""
    words = words_of(line)
    return (
        classify(line, stop).dated
        or bool(_CLOCK_TIME.search(line))
        or is_timestamp(line, words, stop)
        or is_post_stamp(line, words)
        or is_bare_date(line)
        or is_byline(line)
    )


def _reads_as_sentence(line: str, stop: frozenset[str]) -> bool:
    """Whether a short line is a sentence of the article's (a dek: "Northern districts finally get their tram
    line."), not the header's furniture (a site's name, "Search site:", an address, "Sign in.", a copyright notice,
    which the text rules read as boilerplate: ``Kind.BAD``): it ends a sentence (``_LINE_ENDS_SENTENCE``) and has
    ``SENTENCE_MIN_WORDS`` words, ``LEADING_SENTENCE_MIN_STOP_WORDS`` of them stop words."""
    words = words_of(line)
    return (
        bool(_LINE_ENDS_SENTENCE.search(line.strip()))
        and len(words) >= SENTENCE_MIN_WORDS
        and sum(word.lower() in stop for word in words) >= LEADING_SENTENCE_MIN_STOP_WORDS
        and classify(line, stop).kind is not Kind.BAD
    )


def _without_found(text: str, found: list[tuple[str, int | None]], drop: Collection[int]) -> str:
    """``text`` without its lines with words whose ranks (in ``found``, as ``_on_page`` lists them) are in ``drop``."""
    lines: list[str] = []
    n = 0  # the rank among ``found`` of the text's next line with words
    for line in text.split("\n"):
        if n < len(found) and found[n][0] == line:
            n += 1
            if n - 1 in drop:
                continue
        lines.append(line)
    return "\n".join(lines)


def without_leading_furniture(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) without the page's furniture at its start, outside the container of its prose: the
    site's name and the day's date in its header ("Malaysia Sun"), a search box's labels, a weather box, the
    newspaper's address and telephone numbers, a section's menu, a breadcrumb with the story's kicker.

    The run is the lines at the start of the text that lie outside the container of its prose (``_prose_box``, the
    deepest element holding every line that is prose by the text rules; a text without prose is left alone), up to
    the first heading or line inside a heading (the headline, a post's title: ``drop_repeated_title`` decides on
    them), the first line of ``LEADING_FURNITURE_MAX_WORDS`` words or more that is no date line (a standfirst, a
    paragraph of prose) or a shorter sentence (``_reads_as_sentence``: a dek), or the first line not found on
    ``page``. Its lines go but for date lines, posts' stamps and bylines (``_dated_or_byline``), which stay where
    they are; a text of nothing but the run is left alone. ``without_leading_links`` takes the same place's links
    and labels; this takes what is no link, such as the header's text."""
    found = _on_page(text, page)
    blocks = [page[k][1] if k is not None else None for _, k in found]
    stop = stoplist_for(text)
    run: list[bool] = []  # for each line of the run, whether it goes (the container is found only when one may)
    while len(run) < len(found) and (block := blocks[len(run)]) is not None:
        line = found[len(run)][0]
        if block.tag in HEADINGS or any(el.tag in HEADINGS for el in block.iterancestors()):
            break
        dated = _dated_or_byline(line, stop)
        if not dated and (len(words_of(line)) >= LEADING_FURNITURE_MAX_WORDS or _reads_as_sentence(line, stop)):
            break
        run.append(not dated)
    if not any(run) or (box := _prose_box(_prose_blocks(text, found, blocks))) is None:
        return text
    within = set(box.iter())
    end = next((i for i, block in enumerate(blocks[: len(run)]) if block in within), len(run))
    drop = {i for i in range(end) if run[i]}
    if not drop or end == len(found):
        return text
    return _without_found(text, found, drop)


def _split_after_found(text: str, found: list[tuple[str, int | None]], count: int) -> tuple[str, str]:
    """``text`` up to and including the first ``count`` of its lines with words (``found``, as ``_on_page`` lists
    them), and the rest; all of ``text`` twice when it has fewer such lines (no cut)."""
    lines = text.split("\n")
    k = 0
    for i, line in enumerate(lines):  # ``placed_lines`` skipped the lines without words
        if k < len(found) and line == found[k][0]:
            k += 1
            if k == count:
                return "\n".join(lines[: i + 1]), "\n".join(lines[i + 1 :])
    return text, text


#: an image's caption lies in one of these, or beside an image in an element that holds both
FIGURES = frozenset({"figure", "figcaption"})


def _captions(container: HtmlElement) -> set[HtmlElement]:
    """The elements inside ``container`` that set an image's caption: a figure and what lies in it, and what lies
    in an element, below ``container``, that holds an image beside it (an image inside a block itself is a
    paragraph's own). Each element is met once, so pages of thousands of nested wrappers take time linear in them."""
    holding: set[HtmlElement] = set()  # the elements below ``container`` that hold an image
    for img in container.iter("img"):
        for el in img.iterancestors():
            if el is container or el in holding:
                break
            holding.add(el)
    captions: set[HtmlElement] = set()
    around: set[HtmlElement] = set()  # the elements whose descendants are captions
    for el in container.iterdescendants():
        inside = el.getparent() in around
        if inside or el.tag in FIGURES:
            captions.add(el)
        if inside or el.tag in FIGURES or el in holding:
            around.add(el)
    return captions


#: the tags whose elements trafilatura removes with all they hold (an aside, a form, a navigation bar)
DISCARDED_TAGS = frozenset(MANUALLY_CLEANED)


def _discarded(container: HtmlElement) -> set[HtmlElement]:
    """The elements inside ``container`` that trafilatura removes as furniture before it looks for the article, and
    what lies in them: by their tag (``DISCARDED_TAGS``) or by the words of their class or id (its discard rules: a
    consent notice, a paywall's message, a teaser or a related story, a hidden element). Each element is met once."""
    matched = {el for xpath in (*OVERALL_DISCARD_XPATH, *TEASER_DISCARD_XPATH) for el in xpath(container)}
    discarded: set[HtmlElement] = set()
    for el in container.iterdescendants():
        if el in matched or el.getparent() in discarded or (isinstance(el.tag, str) and el.tag in DISCARDED_TAGS):
            discarded.add(el)
    return discarded


def with_lead(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) with the article's lead that the extractor left out above its first line.

    trafilatura drops a lead set apart from the paragraphs that follow it in the same container: a first paragraph
    in bold or in a division of its own ("storyintro"), or written straight into the container before its first
    ``<p>``. The page's lines right above the first line of ``text`` found on the page (``page``:
    ``pagetext.page_blocks``, as ``cut_after_article`` reads it) go in before it, from the nearest up, while each is
    prose by the plain-text rules (``boilerplate.classify``: a line of enough words, function words and a
    sentence's end; no headline, byline, date line or photo credit), lies in the element that holds the block of
    that first line, is no image's caption (``_captions``), lies in nothing that trafilatura removes as furniture
    (``_discarded``: a cookie notice, a paywall's message or a related story written as prose) and is not in
    ``text`` already (a page that shows the article twice). What lies outside that element (a sidebar's blurb, a box between the page's header and the
    story) stays out."""
    if not page or not text.strip():
        return text
    first = _first_on_page(text, page)
    if first is None or (block := page[first[1]][1]) is None or (container := block.getparent()) is None:
        return text
    return _put_before(text, first[0], _prose_above(text, page, first[1], container))


def _prose_above(text: str, page: list[tuple[str, HtmlElement | None]], at: int, box: HtmlElement, stop: frozenset[str] | None = None) -> list[str]:
    """The lines of ``page`` right above its line ``at``, in the page's order, taken from the nearest up while each
    lies in ``box`` (its own text, or inside it), is prose by the plain-text rules (``boilerplate.classify``:
    ``Kind.GOOD``; ``stop``: the text's stop list), is no image's caption inside ``box`` (``_captions``), lies in
    nothing that trafilatura removes as furniture (``_discarded``) and is not in ``text`` already. What costs more
    (the elements inside ``box``, its captions, the text's index) is found only when a line may go in."""
    within: set[HtmlElement] | None = None
    left_out: set[HtmlElement] | None = None
    have: dict[tuple[str, ...], list[int]] | None = None
    lead: list[str] = []
    for line, el in reversed(page[:at]):
        if el is not box:
            within = set(box.iter()) if within is None else within
            if el is None or el not in within:
                break
        stop = stoplist_for(text) if stop is None else stop
        if classify(line, stop).kind is not Kind.GOOD:
            break
        left_out = _captions(box) | _discarded(box) if left_out is None else left_out
        have = line_index(text) if have is None else have
        if el in left_out or any(k is not None for _, k in placed_lines(have, line)):
            break
        lead.append(line)
    return lead[::-1]


def _put_before(text: str, line: str, lines: list[str]) -> str:
    """``text`` with ``lines`` before its first line that is ``line``."""
    if not lines:
        return text
    kept = text.split("\n")
    at = kept.index(line)
    return "\n".join([*kept[:at], *lines, *kept[at:]])


def with_lead_in_body(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) with the lead that the extractor left out above its first prose line, inside the
    block of that line, when the block is a post's body that holds text of its own.

    A post's body written straight into its container (``<div class="post-body">`` with its paragraphs as text
    split by ``<br>``) is the block of the text's lines, and when it opens with a picture, trafilatura may drop the
    paragraph after it (in a division of its own, or the body's first line of text) and keep the rest.
    ``with_lead`` looks in the element around the body, where the body holds the picture, and so reads everything
    in it as the picture's caption; and it starts from the text's first line, which may be a date or a title above
    the body. Here the text's first prose line found on the page (``page``: ``pagetext.page_blocks``; prose by the
    plain-text rules, ``boilerplate.classify``: ``Kind.GOOD``) is the start, and its block is the container: the
    page's lines right above it go in before it, from the nearest up, while each lies in that block (its own text,
    or inside it: a paragraph's block holds no other block), is prose by the same rules,
    is no image's caption inside the body (``_captions``: a figure, or beside the picture in the element that holds
    it), lies in nothing trafilatura removes as furniture (``_discarded``) and is not in ``text`` already."""
    if not page or not text.strip():
        return text
    stop = stoplist_for(text)
    first = next(((line, k) for line, k in _on_page(text, page) if k is not None and classify(line, stop).kind is Kind.GOOD), None)
    if first is None or (body := page[first[1]][1]) is None:
        return text
    return _put_before(text, first[0], _prose_above(text, page, first[1], body, stop))


#: the article's header is looked for among this many of the page's lines right above the text's first line
STANDFIRST_SEARCH_LINES = 12
#: a line of the header with this share of its words in links or more is a link to another story, no standfirst
STANDFIRST_MAX_LINK_SHARE = 0.5


def with_standfirst(text: str, page: list[tuple[str, HtmlElement | None]], title: str | None) -> str:
    """``text`` (an extractor's) with the standfirst that the extractor left out: the prose under the headline in the
    article's header, above the body that ``text`` was read from.

    A news page sets the headline, a standfirst and the byline in a header (``HEADERS``: ``<header>``,
    ``<hgroup>``) beside the body of the story; trafilatura reads the body and leaves the header out, and
    ``with_lead`` stops at the byline between them. The header is the nearest one among the
    ``STANDFIRST_SEARCH_LINES`` lines of the page (``page``: ``pagetext.page_blocks``) above the text's first line; it
    is the article's when it holds a heading that repeats the page's title (``_repeats_title``, as
    ``drop_repeated_title`` reads it) and lies beside the block of that first line, in an element around it (a
    header holding the text's first line is part of the body, and no header of the page above the article's
    post: the site's own, with its name as heading). The header's lines after that heading go in before the text's
    first line, in their order, up to a heading that links to another story (a related story's teaser under it),
    when they are sentences (``_SENTENCE_END``: a stamp written out in words, "30 avril
    2015 à 07:19 (Mis à jour : ...)", is none) and prose by the plain-text rules (``boilerplate.classify``:
    ``Kind.GOOD``; a byline or a date line is not), no link to another story (``STANDFIRST_MAX_LINK_SHARE`` of its
    words in links), no image's caption (``_captions``), in nothing trafilatura removes as furniture
    (``_discarded``) and not in ``text`` already."""
    if not page or not text.strip() or not title:
        return text
    first = _first_on_page(text, page)
    if first is None or (block := page[first[1]][1]) is None:
        return text
    around = set(block.iterancestors())
    header: HtmlElement | None = None
    for _, el in reversed(page[max(0, first[1] - STANDFIRST_SEARCH_LINES) : first[1]]):
        if el is not None and (header := next((a for a in (el, *el.iterancestors()) if a.tag in HEADERS), None)) is not None:
            break
    if header is None or header in around or header.getparent() not in around:
        return text
    title_words = Counter(w.lower() for w in words_of(title))
    within = set(header.iter())
    lines = [(line, el) for line, el in page[: first[1]] if el is not None and el in within]
    head = next((i for i, (line, el) in enumerate(lines) if el.tag in HEADINGS and _repeats_title(line, title_words)), None)
    if head is None:
        return text
    stop = stoplist_for(text)
    left_out = _captions(header) | _discarded(header)
    have = line_index(text)
    linked: dict[HtmlElement, bool] = {}  # a block mostly in links, each block weighed once (its lines share it)
    standfirst: list[str] = []
    for line, el in lines[head + 1 :]:
        if el.tag in HEADINGS and next(el.iter("a"), None) is not None:
            break  # another story's headline, its teaser under it
        if el not in linked:
            linked[el] = sum(_words(a) for a in el.iter("a")) >= STANDFIRST_MAX_LINK_SHARE * _words(el)
        if (
            el.tag not in HEADINGS
            and el not in left_out
            and not linked[el]
            and _SENTENCE_END.search(line)
            and classify(line, stop).kind is Kind.GOOD
            and not any(k is not None for _, k in placed_lines(have, line))
        ):
            standfirst.append(line)
    return _put_before(text, first[0], standfirst)


def with_dropped_prose(text: str, page: list[tuple[str, HtmlElement | None]]) -> str:
    """``text`` (an extractor's) with the paragraphs of the article that the extractor dropped between its lines and
    that the plain-text rules keep.

    trafilatura drops a paragraph of the article now and then: one set apart from the others (written straight into
    the post's body before its first ``<div>``, or wrapped in styled ``<span>`` elements), a paragraph after an inline
    link or a line break. Each line of ``text`` is found on the page (``page``: ``pagetext.page_blocks``, as
    ``cut_after_article`` reads it), and the article's container is the deepest element that holds most of the words
    found (``_article_box``). A line of the page between the first and the last line of ``text`` found there goes in
    after the line of ``text`` nearest above it on the page (that very line, when ``text`` holds it twice) when the
    plain-text rules keep it (``remove_boilerplate`` on the page's lines), it is prose by them
    (``boilerplate.classify``: ``Kind.GOOD``), its block lies in the container, is no image's caption (``_captions``)
    and lies in nothing that trafilatura removes as furniture (``_discarded``: a related story's teaser, an aside),
    and it is not in ``text`` already, nor put in already (a pull quote repeating a dropped paragraph word for
    word).

    ``boilerplate.fill_gaps`` puts back a run of lines only when the whole run between two lines of ``text`` is prose
    in the cleaned page, and none before its first line found there: a paragraph next to a caption, a heading or a
    post's labels that the rules keep stays out there, and is found here by its place on the page. What lies
    outside the container (a reader's comment below a short post, a sidebar's blurb) stays out. The page is
    cleaned only when a line long enough for prose (``GOOD_MIN_WORDS``) and not in ``text`` lies in the container
    between those lines."""
    placed = _on_page(text, page)  # the text's lines with words, in order
    found = [(line, k) for line, k in placed if k is not None]
    if len(found) < 2:
        return text
    first, last = min(k for _, k in found), max(k for _, k in found)
    box = _article_box([(line, page[k][1]) for line, k in found])
    if box is None:
        return text
    within = set(box.iter())
    held = {k for _, k in found}
    have = line_index(text)

    def missing(k: int, line: str) -> bool:  # a line of the page in the container and not in ``text``
        if k in held or (el := page[k][1]) is None or el not in within:
            return False
        return not any(place is not None for _, place in placed_lines(have, line))

    if not any(len(words_of(page[k][0])) >= GOOD_MIN_WORDS and missing(k, page[k][0]) for k in range(first + 1, last)):
        return text
    page_text = "\n".join(line for line, _ in page)
    cleaned = _cleaned(page_text)
    stop = stoplist_for(cleaned)
    left_out = _captions(box) | _discarded(box)
    anchor_above = _anchor_finder(placed)
    inserts: dict[int, list[str]] = {}  # the rank of the text's line (a line may stand twice) -> what goes after it
    put: set[str] = set()  # a paragraph the page holds twice (a pull quote repeating it) goes in once
    for line, k in placed_lines(_page_index(page_text), cleaned):
        if k is None or not first < k < last or line.strip() in put:
            continue
        if not missing(k, line) or page[k][1] in left_out:
            continue
        if classify(line, stop).kind is Kind.GOOD:
            inserts.setdefault(anchor_above(k), []).append(line.strip())
            put.add(line.strip())
    return _inserted_after(text, placed, inserts)


def _anchor_finder(placed: list[tuple[str, int | None]]) -> Callable[[int], int]:
    """For a line of the page below the first line of ``placed`` found there (``_on_page``), the rank in ``placed``
    of the text's line nearest above it on the page (its first rank when the text holds that line twice), by
    bisection: pages of thousands of lines put back take time linear in them."""
    anchors: dict[int, int] = {}  # a found line's place on the page -> its first rank in ``placed``
    for n, (_, k) in enumerate(placed):
        if k is not None:
            anchors.setdefault(k, n)
    places = sorted(anchors)
    return lambda k: anchors[places[bisect_left(places, k) - 1]]


def _inserted_after(text: str, placed: list[tuple[str, int | None]], inserts: dict[int, list[str]]) -> str:
    """``text`` with ``inserts`` (a rank in ``placed``, the text's lines with words as ``_on_page`` lists them ->
    the lines that go after that line)."""
    if not inserts:
        return text
    lines: list[str] = []
    n = 0  # the rank among ``placed`` of the text's next line with words
    for line in text.split("\n"):
        lines.append(line)
        if n < len(placed) and placed[n][0] == line:
            lines.extend(inserts.get(n, []))
            n += 1
    return "\n".join(lines)


def with_dropped_headings(text: str, page: list[tuple[str, HtmlElement | None]], title: str | None = None) -> str:
    """``text`` (an extractor's) with the subheadings of the article that the extractor dropped between its lines.

    trafilatura's precise pass drops a heading whose words are a link (a section's heading that links to itself, a
    table of contents' target) and one it reads as short and linked, though the section under it stays. Each line of
    ``text`` is found on the page (``page``: ``pagetext.page_blocks``, as ``cut_after_article`` reads it), and the
    article's container is the deepest element that holds most of the words found (``_article_box``). A line of the
    page between the first and the last line of ``text`` found there goes in after the line of ``text`` nearest above
    it on the page when its block is a heading (``HEADINGS``) in the container, no image's caption (``_captions``) and
    in nothing that trafilatura removes as furniture (``_discarded``), it is not in ``text`` already, and the next line
    of the page with words is in ``text`` and lies in the heading's parent: the heading opens a section that the text
    holds. A heading over a section that the text left out (a box of related stories, a form) stays out, and so does
    a label in a box of its own between two paragraphs (an "Advertisement" heading over an advertisement's slot),
    and the headline, wherever it stands (a heading that repeats ``title``: ``drop_repeated_title`` decides on it). A
    text of table rows (``table_rows_share``: a table trafilatura kept) is left alone: a heading goes between no rows."""
    if table_rows_share(text) > TABLE_ROWS_MIN_SHARE:
        return text
    placed = _on_page(text, page)  # the text's lines with words, in order
    ranked = [(n, k) for n, (_, k) in enumerate(placed) if k is not None]  # the found lines' ranks in ``placed``
    if len(ranked) < 2:
        return text
    held = {k for _, k in ranked}
    first, last = min(held), max(held)
    heads = [k for k in range(first + 1, last) if k not in held and (el := page[k][1]) is not None and el.tag in HEADINGS]
    if not heads:
        return text
    box = _article_box([(placed[n][0], page[k][1]) for n, k in ranked])
    if box is None:
        return text
    within = set(box.iter())
    left_out: set[HtmlElement] | None = None
    have = line_index(text)
    title_words = Counter(w.lower() for w in words_of(title or ""))
    anchor_above = _anchor_finder(placed)
    inserts: dict[int, list[str]] = {}  # the rank of the text's line -> the headings that go after it
    for k in heads:
        line, el = page[k]
        after = next((j for j in range(k + 1, last + 1) if words_of(page[j][0])), None)
        if el is None or after not in held or el not in within or not words_of(line):
            continue
        section = page[after][1]  # the block of the section's first line, in the heading's parent
        if (parent := el.getparent()) is None or section is None or not (parent is section or parent in section.iterancestors()):
            continue
        if title_words and _repeats_title(line, title_words):
            continue
        left_out = _captions(box) | _discarded(box) if left_out is None else left_out
        if el in left_out or any(place is not None for _, place in placed_lines(have, line)):
            continue
        inserts.setdefault(anchor_above(k), []).append(line.strip())
    return _inserted_after(text, placed, inserts)


def _post_box(head: HtmlElement, weight: Counter[HtmlElement]) -> HtmlElement | None:
    """The headline's post: its nearest container, no block of content (``CONTENT_BLOCKS``) and no header, with at
    least ``POST_MIN_WORDS`` words outside headings (``weight``)."""
    return next(
        (el for el in head.iterancestors() if el.tag not in CONTENT_BLOCKS | HEADERS and weight[el] >= POST_MIN_WORDS),
        None,
    )


#: what trafilatura removes as comments: sections, and lists of comments (``ol.commentlist``) where its version has them
COMMENT_SECTION_XPATHS = getattr(xpaths, "REMOVE_COMMENTS_AND_LISTS_XPATH", REMOVE_COMMENTS_XPATH)


def _comment_sections(container: HtmlElement) -> set[HtmlElement]:
    """The elements inside ``container`` that trafilatura removes as comments when it leaves them out (a list or a
    section whose class or id names comments, a discussion widget's frame)."""
    return {el for xpath in COMMENT_SECTION_XPATHS for el in xpath(container)}


def _repeated(el: HtmlElement, sections: set[HtmlElement]) -> bool:
    """Whether ``el`` is an item of a list of comments: one of several siblings alike (the same tag and class) that
    hold text, in a list or a comment section (``sections``); not a column of a page's grid beside another alike."""
    parent = el.getparent()
    if parent is None or not (parent.tag in ("ol", "ul") or parent in sections):
        return False
    alike = (s for s in parent if s.tag == el.tag and s.get("class") == el.get("class") and s.text_content().strip())
    return len(list(islice(alike, 2))) == 2


def _post_without_comments(
    head: HtmlElement, box: HtmlElement, page: list[tuple[str, HtmlElement | None]]
) -> set[HtmlElement] | None:
    """The elements of the headline's post ``box`` without the comment sections it holds (``_comment_sections``),
    or None when the headline is a comment's or a discussion's.

    A headline inside a comment section of the box is a reader's comment repeating the title. A comment section
    around the box is the post's own container when the box holds the post: the class of an element that holds a
    post and *allows* comments reads as comments too ("has-post-comments", "commentable", a wrapper
    "comments-open"). It is the comments when the box, or a container between it and the section, is one of
    several siblings alike in a list or a comment section (a comment among the list's items; not a column of the
    page's grid beside another), or when no sentence (``SENTENCE_MIN_WORDS`` words
    with a sentence's end) follows the headline in the box before the comments it holds (a discussion headed by
    the title, over its controls and comments)."""
    inner = {el for section in _comment_sections(box) for el in section.iter()}
    if head in inner:  # a reader's comment repeating the title
        return None
    sections = _comment_sections(box.getroottree().getroot())
    around = sections & {box, *box.iterancestors()}
    if around:
        chain = [box, *box.iterancestors()]
        chain = chain[: max(chain.index(section) for section in around) + 1]
        if any(_repeated(el, sections) for el in chain):
            return None
        elements = set(box.iter())
        lines = [(line, block) for line, block in page if block is not None and block in elements]
        start = next(i for i, (_, block) in enumerate(lines) if block is head) + 1
        after = lines[start:]
        ahead = next((i for i, (_, block) in enumerate(after) if block in inner), len(after))
        if not any(block.tag not in HEADINGS and _is_sentence(line) for line, block in after[:ahead]):
            return None
    return set(box.iter()) - inner


def _is_sentence(line: str) -> bool:
    """Whether ``line`` is a sentence: at least ``SENTENCE_MIN_WORDS`` words with a sentence's end."""
    return len(words_of(line)) >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line))


def post_under_headline(text: str, page: list[tuple[str, HtmlElement | None]], html: str, site: str | None = None) -> str:
    """``text``, or the post under the page's headline when ``text`` was read from another container (a sidebar's
    "about" box, a disclaimer, a column of events beside a short post).

    The headline is a heading whose words are the page's ``<title>`` or ``og:title``, or their first or last words
    (the title adds the site's name: "city chic - Ritzy Bee blog"), at least ``HEADLINE_MIN_WORDS`` of them; a
    heading that is part of the site's name (``site``) is none. Its post is its nearest container with text of its own
    (``_post_box``); a post that holds another's is the page around them, under a heading that names the site, and is
    left out. When under ``POST_MIN_SHARE`` of the words of ``text`` are found (``boilerplate.placed_lines``) in any
    post, the post under the heading of the highest rank (``<h1>`` first, then the first on the page) is taken, cleaned
    by the plain-text rules (``remove_boilerplate``), if it holds at least ``POST_MIN_SIZE`` as many words as ``text``
    (less: a standfirst beside the article), under ``POST_MAX_BEFORE_HEADLINE`` of its words come before the headline
    (more: a sidebar, one of whose widgets is titled with the site's name) and one of its lines is a sentence, of at
    least ``SENTENCE_MIN_WORDS`` words with a sentence's end (none: a box of the headline, its byline and links). The
    post's comment sections (``_comment_sections``) are no part of it: under a post of a line or two, the text rules
    would keep a reader's comment or the comment form's notice instead; a comment section around the post is its own
    container unless it reads as comments (``_post_without_comments``)."""
    tag, og, _ = _page_headings(html)
    titles = [[w.lower() for w in words_of(t)] for t in (tag, og) if t]
    if not titles or not page:
        return text
    site_key = text_key(site or "")
    heads: dict[HtmlElement, None] = {}  # in the page's order
    for line, block in page:
        if block is None or block.tag not in HEADINGS or block in heads:
            continue
        words = [w.lower() for w in words_of(line)]
        n = len(words)
        titled = n >= HEADLINE_MIN_WORDS and any(n <= len(t) and words in (t[:n], t[-n:]) for t in titles)
        if titled and not (site_key and text_key(line) in site_key):
            heads[block] = None
    own_words: Counter[HtmlElement] = Counter()
    for line, block in page:
        if block is not None and block.tag not in HEADINGS:
            own_words[block] += len(words_of(line))
    weight = _rolled_up(own_words)
    posts = [(head, box) for head in heads if (box := _post_box(head, weight)) is not None]
    holding = {el for _, box in posts for el in box.iterancestors()}
    posts = [(head, box) for head, box in posts if box not in holding]
    if not posts:
        return text
    found = _on_page(text, page)
    total = sum(len(words_of(line)) for line, _ in found)
    boxes = {box for _, box in posts}
    inside: Counter[HtmlElement] = Counter()  # the words of the text's lines in each post
    for line, k in found:
        if k is not None and (block := page[k][1]) is not None:
            for el in (block, *block.iterancestors()):
                if el in boxes:
                    inside[el] += len(words_of(line))
    if any(n >= POST_MIN_SHARE * total for n in inside.values()) or not total:
        return text
    head, box = min(posts, key=lambda post: int(post[0].tag[1]))
    if (within := _post_without_comments(head, box, page)) is None:
        return text
    own = [(line, block) for line, block in page if block is not None and block in within]
    before = sum(len(words_of(line)) for line, _ in own[: next(i for i, (_, b) in enumerate(own) if b is head)])
    prose = [line for line, block in own if block.tag not in HEADINGS]
    sentence = any(_is_sentence(line) for line in prose)
    if weight[box] < POST_MIN_SIZE * total or before > POST_MAX_BEFORE_HEADLINE * weight[box] or not sentence:
        return text
    post = "\n".join(line for line, _ in own)
    return remove_boilerplate(post) or post


def without_closing_notice(text: str) -> str:
    """``text`` without the copyright notice among its last ``CLOSING_NOTICE_LINES`` non-blank lines, and what follows
    it ("Copyright 2008 The Associated Press. All rights reserved. This material may not be published ...", also in
    brackets). ``boilerplate.trim_extracted`` ends a text at such a notice after enough prose, which a short news item
    has not; at the very end of the text the notice closes it whatever stands above. A text that would be left empty
    is returned unchanged."""
    lines = text.split("\n")
    for i in [i for i, line in enumerate(lines) if line.strip()][-CLOSING_NOTICE_LINES:]:
        if is_copyright_notice(lines[i].strip().lstrip("[")):  # a round bracket is read with the mark: "(c)", "(©"
            kept = "\n".join(lines[:i]).rstrip()
            return kept if kept.strip() else text
    return text


def _repeats_title(line: str, title: Counter[str]) -> bool:
    words = Counter(w.lower() for w in words_of(line))
    n_line, n_title = sum(words.values()), sum(title.values())
    if not n_line or not n_title or n_line > HEADLINE_MAX_LENGTH_RATIO * n_title:
        return False
    return sum((words & title).values()) >= HEADLINE_SHARED_WORDS * min(n_line, n_title)


def drop_repeated_title(text: str, title: str | None) -> str:
    """The text without the headline at its top when it repeats the page title (kept in the metadata).

    Extractors keep the headline (``<h1>``) as the first line of the main text; the title metadata already holds
    it, often with the site name appended ("Headline | Example Times"). Only the first ``HEADLINE_LINES`` lines are
    looked at: further down, a line like the title is a related link or a subheading. A text that would be left
    empty is returned unchanged.
    """
    if not title:
        return text
    title_words = Counter(w.lower() for w in words_of(title))
    lines = text.split("\n")
    head = [i for i, line in enumerate(lines) if line.strip()][:HEADLINE_LINES]
    drop = {i for i in head if _repeats_title(lines[i], title_words)}
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(kept) if drop and any(line.strip() for line in kept) else text


#: formats whose text is the story as the newsroom wrote it, or as a scraper took it out of its page, with no page
#: around it: no boilerplate removal
EDITED_FORMATS = frozenset({"nitf", "newsml", "json", "csv", "feed"})
#: formats of documents written as such (not a page's text saved): a heading above a closing table is theirs
AUTHORED_FORMATS = frozenset({"pdf", "docx", "doc", "odt", "rtf"})

#: the file properties that override what a document's text or markup says, by format (others: ``("title",)``)
OVERRIDING_PROPERTIES: dict[str, frozenset[str]] = {
    "text": frozenset(Metadata.model_fields),  # a plain-text file's properties are its front matter's fields
    "email": frozenset(Metadata.model_fields),
    "nitf": frozenset(Metadata.model_fields),
    "newsml": frozenset(Metadata.model_fields),
    "json": frozenset(Metadata.model_fields),
    "feed": frozenset(Metadata.model_fields),
    "csv": frozenset(Metadata.model_fields),
    "mhtml": frozenset(),
    "webarchive": frozenset(),
    "warc": frozenset(),
}


def with_properties(meta: Metadata, properties: Metadata, *, overriding: Collection[str]) -> Metadata:
    """Metadata found in the text or markup, combined with what the file says about itself: the ``overriding``
    fields replace what was found, the others fill gaps (``OVERRIDING_PROPERTIES``).

    E-mail headers override all: the subject, sender and date sent say more than the body; so do the story's
    data in NITF and NewsML-G2 files, written by the newsroom, and the fields of a scraper's JSON. Of PDF, Word,
    OpenDocument and RTF properties only the title does (someone set it; file names put there are not taken, see
    ``formats.plausible_title``); their author is often whoever made the file and their date when it was made, so a
    byline or a date in the text comes first. A saved web page's address and subject only fill gaps: the page's
    own canonical URL and title come first. Keywords are added to the tags (``page_tags``: the same tag once, at
    most ``MAX_PAGE_TAGS``).
    """
    fields = properties.model_dump(exclude={"tags"})
    update = {k: v for k, v in fields.items() if v is not None and (k in overriding or getattr(meta, k) is None)}
    if properties.tags:
        update["tags"] = page_tags([*properties.tags, *meta.tags])
    return meta.model_copy(update=update) if update else meta


def clean_document(
    doc: SourceDocument,
    *,
    min_chars: int,
    boilerplate: BoilerplateFilter = keep_all,
    languages: Iterable[str] = ("en", "de"),
    today: date | None = None,
) -> CleanDocument | Rejection:
    """Normalised main text with metadata, or a Rejection when nothing worth indexing is left.

    HTML goes through trafilatura; plain text (also the text of PDF, Word and plain e-mail files) through
    normalisation and boilerplate removal (not the stories of news agency XML or a scraper's JSON,
    ``EDITED_FORMATS``), and gets its headline, and the dateline, byline and date found in the
    article's head (``article_head``), then in the text's first lines (read in the text as it came: boilerplate
    removal may drop a byline). The file's own properties are added (``with_properties``); a
    published date more than a day after ``today`` (the run's date) is dropped; the document's sidecar metadata,
    if any, overrides everything.
    """
    if doc.markup == "html":
        raw, meta = extract_html(doc.text, languages=languages)
        text = normalize_text(raw)
    else:
        normalized = normalize_text(text_source(doc.text, doc.source_path) if doc.format == "text" else doc.text)
        text = normalize_layout(normalized if doc.format in EDITED_FORMATS else boilerplate(normalized))
        head = article_head(normalized, text)
        detected = detect_text_metadata(normalized, languages=languages, head=head.lines)
        if detected.author is None and (author := author_under_headline(head, text, languages=languages)):
            detected = detected.model_copy(update={"author": author})
        meta = detected.model_copy(update={"title": head.title}) if head.title else detected
    meta = with_properties(meta, doc.properties, overriding=OVERRIDING_PROPERTIES.get(doc.format, {"title"}))
    if today is not None and meta.published is not None and meta.published > today + timedelta(days=1):
        meta = meta.model_copy(update={"published": None})  # an event to come, a typo: not when it was published
    if meta.published is not None and meta.published.year < MIN_PUBLISHED_YEAR:
        meta = meta.model_copy(update={"published": None})  # a file property of year 1 (RTF, PDF): unset
    meta = override(meta, doc.sidecar)  # the operator's word stands
    if meta.url and (url := _clean_url(meta.url)) != meta.url:  # a sidecar's or a file's URL, as an HTML page's
        meta = meta.model_copy(update={"url": url})
    if meta.site is None and meta.url and (host := url_host(meta.url)):  # no name given: the host names the site
        meta = meta.model_copy(update={"site": host})
    if len(text) < min_chars:
        detail = f"{len(text)} characters of text left after cleaning (min_chars is {min_chars})"
        if doc.markup == "html" and deeper_than(doc.text, MAX_DEPTH):
            detail += f"; the HTML is nested more than {MAX_DEPTH} levels deep, and what lies deeper cannot be read"
        return Rejection(
            path=doc.source_path,
            step=Step.CLEAN,
            reason=Reason.NO_CONTENT if doc.markup == "html" else Reason.EMPTY,
            detail=detail,
            doc_id=doc.doc_id,
        )
    return CleanDocument(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        format=doc.format,
        encoding=doc.encoding,
        source_hash=doc.source_hash,
        text=text,
        metadata=meta,
    )
