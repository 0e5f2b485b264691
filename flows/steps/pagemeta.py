"""What an HTML page says about its publication date and its authors, beside trafilatura's and htmldate's answers:
the page's own structured date and day, a dateline opening the article, and the people among the names given
(no agency, desk, publisher, site's name or commenter). Used by ``flows.steps.clean.extract_html``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from lxml.html import HtmlElement

from flows.steps.headline import article_head
from flows.steps.metadata import (
    CLDR_MONTH_LANGUAGES,
    DATE_LINE_MAX_WORDS,
    byline_person,
    date_line_date,
    find_date,
    head_lines,
    iso_date,
)
from flows.steps.pagetext import page_lines, parse_page

#: a meta element's content attribute
META_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def text_key(text: str) -> str:
    """A text as names are compared: case-folded, without anything but letters and digits."""
    return re.sub(r"\W+", "", text.casefold())


#: the publication date a page states in its structured data: JSON-LD's ``datePublished`` or a meta element's
#: ``article:published_time`` / ``datePublished``, as written (with the page's own time zone)
_JSON_DATE_PUBLISHED = re.compile(r"\"datePublished\"\s*:\s*\"([^\"<>]{8,40})\"")
_META_DATE_PUBLISHED = re.compile(
    r"<meta\b[^<>]*\b(?:property|itemprop|name)\s*=\s*[\"'](?:article:published_time|datePublished)[\"'][^<>]*>",
    re.IGNORECASE,
)
#: a dateline that opens a paragraph of the article: "Feb. 23, 2015 -- Life-threatening ...", "April 17, 2015 —"
_TEXT_DATELINE = re.compile(r"(?P<when>[^\n]{6,40}?)\s+(?:--|[–—])\s")


def structured_published(html: str) -> date | None:
    """The day of the first publication date in the page's structured data (``_JSON_DATE_PUBLISHED``,
    ``_META_DATE_PUBLISHED``), in the page's own time zone: "20180619T055000+0900" is the 19th."""
    values = [m.group(1) for m in _JSON_DATE_PUBLISHED.finditer(html)]
    for meta in _META_DATE_PUBLISHED.finditer(html):
        if content := META_CONTENT.search(meta.group(0)):
            values.append(content.group(1) or content.group(2))
    return next((d for value in values if (d := iso_date(value)) is not None), None)


def text_dateline(text: str, languages: Iterable[str] = CLDR_MONTH_LANGUAGES) -> date | None:
    """The date of a dateline that opens one of the first lines of the article's text (``head_lines``): a full
    date of at most ``DATE_LINE_MAX_WORDS`` words, then a dash ("April 17, 2015 -- Imagine ...")."""
    for line in head_lines(text):
        m = _TEXT_DATELINE.match(line)
        if m and len(m["when"].split()) <= DATE_LINE_MAX_WORDS:
            if (found := find_date(m["when"], languages=languages)) is not None:
                return found
    return None


#: the language a page declares on its root element: ``<html lang="ru">``, ``<html lang='pt-BR'>``
_PAGE_LANGUAGE = re.compile(r"<html\b[^<>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


def page_languages(html: str, languages: Iterable[str]) -> tuple[str, ...]:
    """``languages`` and the one the page declares (``_PAGE_LANGUAGE``), whose month names its dates use."""
    declared = m.group(1).lower() if (m := _PAGE_LANGUAGE.search(html[:5000])) else None
    return tuple(dict.fromkeys([*languages, *([declared] if declared else [])]))


def head_published(
    html: str, text: str, *, languages: Iterable[str] = CLDR_MONTH_LANGUAGES, lines: str | None = None
) -> date | None:
    """The date printed in the article's head: of the page's visible text (``pagetext.page_lines``), the lines from
    the headline down to the article's first paragraph (``headline.article_head``, as for a scraped text), the
    first date line's date (``metadata.date_line_date``), where a page puts its byline and date ("Автор: Сергей
    Смирнов 22 ноября 2026, 16:40", "2026年11月21日08:15 | 来源：人民网") and trafilatura often leaves them out. A
    date in a sentence of the article, in related links or comments below it is not read. ``lines``: the page's
    visible text when the caller has it already (``extract_html``), else the page is parsed for it."""
    if not text.strip():
        return None
    if lines is None:
        if (root := parse_page(html)) is None:
            return None
        lines = page_lines(root)
    return date_line_date(article_head(lines, text).lines, languages=languages)


#: a dateline opening the article replaces htmldate's date (of a page without structured dates) within this many
#: days of it: a script's "Updated" comment a few weeks off; not a history opening twenty years back
DATELINE_MAX_DAYS_OFF = 31


def _timestamp(day: date, html: str) -> bool:
    """The page writes the day as the start of an ISO timestamp ("2015-03-09T08:00", URL-encoded or not), as
    structured data does; a link's path (".../2015-03-09/story") is none."""
    return re.search(re.escape(day.isoformat()) + r"[T ]\d{2}(?::|%3A)\d{2}", html) is not None


def page_published(
    html: str, found: date | None, text: str, *, languages: Iterable[str] = CLDR_MONTH_LANGUAGES, lines: str | None = None
) -> date | None:
    """The publication date: htmldate's (``found``) unless the page says otherwise.

    - htmldate gives structured dates in UTC: a day before or after the page's own structured date
      (``structured_published``) is that date, in the page's time zone ("20180619T055000+0900" is the 19th, not
      the 18th);
    - a date of day and month both 12 or less may be read the wrong way round ("3/09/15" as the 3rd of
      September): when the page writes the other reading as an ISO timestamp ("2015-03-09T08:00") and not this
      one, the other;
    - a dateline opening the article's text (``text_dateline``) when htmldate found nothing, or when the page has
      no structured date and the dateline is within ``DATELINE_MAX_DAYS_OFF`` days of htmldate's (htmldate read a
      script's comment, "// Updated 2015.02.04 by ...");
    - else, when htmldate found nothing, the date line in the article's head (``head_published``).

    Month names are those of ``languages`` and of the language the page declares (``page_languages``); ``lines``:
    the page's visible text, when the caller has it (``head_published``)."""
    languages = page_languages(html, languages)
    structured = structured_published(html)
    if found is not None and structured is not None and abs(found - structured) == timedelta(days=1):
        return structured
    if found is not None and found.day <= 12 and found.month <= 12 and found.day != found.month:
        swapped = found.replace(month=found.day, day=found.month)
        if _timestamp(swapped, html) and not _timestamp(found, html):
            return swapped
    if found is None:
        return text_dateline(text, languages) or head_published(html, text, languages=languages, lines=lines)
    if structured is None and (dateline := text_dateline(text, languages)) is not None:
        return dateline if abs(dateline - found) <= timedelta(days=DATELINE_MAX_DAYS_OFF) else found
    return found


#: an agency or a desk named as the author: one word in capitals of at most this many letters ("AFP", "AP", "DPA"),
#: or a name with one of ``_AGENCY_WORDS`` ("CNN Wire", "National Desk")
AGENCY_MAX_LETTERS = 5
_AGENCY_WORDS = frozenset({"wire", "newswire", "desk", "wires"})
#: a page's copyright notice: its meta element, or "©" and what follows it
_META_COPYRIGHT = re.compile(r"<meta\b[^<>]*\bname\s*=\s*[\"']copyright[\"'][^<>]*>", re.IGNORECASE)
#: a comment's element: its class or id says so ("sf_comment_author", "comment-body")
_COMMENT_ELEMENT = re.compile(r"(?:^|[\s_-])comment", re.IGNORECASE)
#: the text's last this many lines are read for a byline that closes the article ("-- By Jane Doe Follow @jdoe")
CLOSING_BYLINE_LINES = 2


def _is_agency(name: str) -> bool:
    words = name.split()
    acronym = len(words) == 1 and name.isupper() and name.isalpha() and len(name) <= AGENCY_MAX_LETTERS
    return acronym or any(w.lower() in _AGENCY_WORDS for w in words)


def _page_spelling(name: str, html: str) -> str:
    """The name as the page writes it when the extraction dropped the full stops of its initials ("Dana A Ford"
    for "Dana A. Ford", "James S A Corey" for "James S.A. Corey")."""
    words = name.split()
    if not any(len(w) == 1 and w.isupper() for w in words):
        return name
    found = re.search(r"\b" + r"(?:\.\s*|\s+)".join(map(re.escape, words)) + r"\b(?:(?<=\b\w)\.)?", html)
    return " ".join(found.group(0).split()) if found else name


#: elements that hold the article, never a comment alone, whatever their class ("post has-comments")
_ARTICLE_TAGS = frozenset({"html", "body", "main", "article"})


def _in_comments(element: HtmlElement) -> bool:
    """The element stands inside a comment's element (class or id says "comment") that holds no headline, below the
    article's own element if any (``<article class="post has-comments">`` holds the headline and the byline; an
    ``<article class="comment">`` in the comments is a comment)."""
    for e in (element, *element.iterancestors()):
        if _COMMENT_ELEMENT.search(f"{e.get('class', '')} {e.get('id', '')}") and next(e.iter("h1"), None) is None:
            return True  # a comment's element, an <article class="comment"> too
        if e.tag in _ARTICLE_TAGS:
            return False
    return False


def _commenters(names: list[str], root: HtmlElement | None) -> set[str]:
    """The names the page writes only inside comments (``_in_comments``): a commenter, not the author. A name is
    kept as soon as it stands once outside them."""
    if root is None:
        return set()
    left = {name: False for name in names}  # name -> seen inside comments; a name seen outside leaves the map
    for element in root.iter():
        if not left:
            break
        if not isinstance(element.tag, str):
            continue
        texts = [element.text or "", *(str(v) for v in element.attrib.values())]
        for name in [n for n in left if any(n in t for t in texts)]:
            if _in_comments(element):
                left[name] = True
            else:
                del left[name]
    return {name for name, seen in left.items() if seen}


def page_people(author: str | None, html: str, *, site: str | None, root: HtmlElement | None = None) -> list[str]:
    """The author's names (``;``-separated, as ``tidy_author`` gives them) without what is no person's name:

    - the full stops of initials, as the page writes them ("Dana A. Ford", "James S.A. Corey");
    - the site's name split at "&" into names ("Mac; I" for "Mac & i"): nobody;
    - an agency or a desk ("AFP", "CNN Wire", "National Desk", ``_is_agency``): the source, not a person;
    - the publisher that the copyright notice names ("Condé Nast"), when a person is named too;
    - a name the page writes only in its comments (``_commenters``).

    ``root``: the page's tree as ``pagetext.parse_page`` gives it, when the caller has it (read, not changed); else
    the page is parsed when a name is left to look for in its comments."""
    names = [_page_spelling(name.strip(), html) for name in (author or "").split(";") if name.strip()]
    if len(names) > 1 and site and text_key("".join(names)) == text_key(site):
        names = []
    names = [name for name in names if not _is_agency(name)]
    if len(names) > 1:
        notices = [c.group(1) or c.group(2) for m in _META_COPYRIGHT.finditer(html) if (c := META_CONTENT.search(m.group(0)))]
        people = [name for name in names if not any(name in notice for notice in notices)]
        names = people or names
    if names and (gone := _commenters(names, parse_page(html) if root is None else root)):
        names = [name for name in names if name not in gone]
    return names


def named_or_closing_byline(names: list[str], text: str) -> str | None:
    """The names (``page_people``), ``;``-separated; with nobody named, the person of a byline closing the
    article's text ("-- By Jane Doe Follow @jdoe"), no agency."""
    if not names:
        lines = [line.strip() for line in text.splitlines() if line.strip()][-CLOSING_BYLINE_LINES:]
        closing = (byline_person(line.lstrip("-–— ")) for line in lines)
        names = [name for name in closing if name and not _is_agency(name)][:1]
    return "; ".join(names) or None

