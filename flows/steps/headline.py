"""The headline of a text scraped from a web page: the title-shaped line near the top of the article whose words
the article goes on to use.

A scraped page puts menus, share buttons, captions and bylines between its headline and its first paragraph, and
boilerplate removal keeps some of them (a lone "Print", "Tweet", "By Jane Doe"), so the first kept line is often not
the title. The headline is looked for among the lines just above the article's first paragraph (those above the
kept text included): short, not a sentence, not a date, not code, and made of subject words that the article's
prose uses; of those, the ones using the words of the article's lead (its first two paragraphs: a site's name uses
the body's) and standing over its byline, date or writer's name are preferred; where none stands so, a line right
over a byline that uses one of the article's words. A list of tags, a short line under a byline that names a job or
is a name (the writer's role or paper) and a path of links are none; a date stamp run on after the headline (a
clause naming a day and nothing of the article's subject) is cut, a clock time after a function word is the
headline's ("Markets close at 4:30"). Language-independent (the function words of the text's language, word stems
by prefix). Without a line that qualifies there, one that uses three of the article's words is looked for farther
above and down to where its body's prose begins, then one right over a byline, a date or a person's name, then a
labelled list over one ("Review: fast, loud, cheap, brilliant"); without any, a text that starts with its article
keeps its first line as the title if it looks like one.

The article's head, from the headline (or a byline or date right over it, or over it with only buttons between
when no date line stands under the headline: a page's date over its menus is none) down to the first paragraph,
is where its byline and date are (``flows.steps.metadata.detect_text_metadata`` reads it first).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from typing import NamedTuple

from flows.models import UNSPACED_SCRIPT
from flows.steps.boilerplate import (
    CREDIT_WORDS,
    GOOD_MIN_WORDS,
    SHORT_MAX_WORDS,
    Kind,
    classify,
    has_link_arrow,
    is_photo_credit,
    is_timestamp,
    paragraph_texts,
    paragraphs,
    path_to,
    unspaced,
    words_of,
)
from flows.steps.metadata import (
    byline_person,
    calendar_words,
    find_date,
    is_byline,
    is_byline_word,
    is_person_name,
    names_job,
    month_names,
    text_languages,
    wire_dateline,
)
from flows.steps.stopwords import function_words, stoplist_for

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25

#: lines (wrapped paragraphs counted once) above the article's first line that may hold its headline
HEADLINE_WINDOW = 30
#: a headline has at least this share of its subject words in the article's prose ...
HEADLINE_MIN_SHARE = 0.4
#: ... and at least this many (one if it is a line of four or more words with a single subject word)
HEADLINE_MIN_MATCHES = 2
#: of the lines that qualify, the topmost scoring this share of the best wins (a caption or standfirst under the
#: headline uses the article's words as much)
HEADLINE_NEAR_BEST = 0.7
#: words match on their first this many letters ("Russland", "Russlands")
STEM_CHARS = 5
#: a line in a script written without spaces needs this many words (of ``words_of``) to be a headline
UNSPACED_MIN_WORDS = 4
#: the article's first this many lines (wrapped paragraphs counted once) are read for its prose and its first
#: paragraph: a headline's words are used early, and a long text costs no more than a short one
ARTICLE_UNITS_READ = 200
#: lines of the page read per line counted above (a wrapped paragraph spans several)
RAW_LINES_PER_UNIT = 4
#: without a line that qualifies there, lines this far above the article's first line are read (all that ``_around``
#: gives), and down to where its body begins, for a headline that matches at least this many of its words
FARTHER_WINDOW = RAW_LINES_PER_UNIT * HEADLINE_WINDOW
FARTHER_MIN_MATCHES = 3
#: without a headline, the head starts this many lines above the article's first line (the byline and date that
#: boilerplate removal dropped)
HEAD_LINES_ABOVE = 3


#: a numeric date ("08/01/2014", "12.03.24", "2024-03-12", "2018年6月18日") or a clock time: a dateline or a listed
#: article; a year has two digits or four, so a version is none ("KDE 4.9.3 Has Been Released", "Python 3.12.1")
_DATE_STAMP = re.compile(
    r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?![\d.]\d)"
    r"|\d{1,4}年\d{1,2}月\d{1,2}日|\b\d{1,2}:\d{2}\b"
)
#: a clock time alone ("4:30"), which a headline may hold after a function word ("Markets close at 4:30")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _stamped(line: str, function: frozenset[str]) -> bool:
    """A line holding a date or time stamp (``_DATE_STAMP``): a numeric date, or a clock time but one that a
    function word of the text's language introduces, which a headline's clause holds ("Markets close at 4:30",
    "Polls open at 7:30 a.m."): a list's or a dateline's time stands alone ("10:45 Council backs ...", "... 12
    March 2024 10:15")."""
    for m in _DATE_STAMP.finditer(line):
        before = line[: m.start()].split()
        if not (_CLOCK.fullmatch(m.group()) and before and before[-1] in function):
            return True
    return False


#: a clock time run into its "am" or "pm" ("10:45pm"): a stamp's time in a clause run on after a headline
#: (``_unstamped``); in a line of its own, ``_DATE_STAMP``'s kinds alone make a headline none
_CLOCK_AM_PM = re.compile(r"\b\d{1,2}:\d{2}[ap]m\b", re.IGNORECASE)


#: a photo caption's credit at its end: "(credit: NASA/Jude Guidry)", "(Pic:PA)", "Benoit Tessier/Reuters" (a
#: bracket with a slash or a colon run into its word, or a name and an agency joined by a slash); looser than the
#: labelled credits that make a line furniture (``boilerplate.is_photo_credit``), which no headline has either
_CREDIT = re.compile(r"(?:\([^()]*(?:/|:\S)[^()]*\)|\b[A-Z][\w.'-]* [A-Z][\w.'-]*/[A-Z][\w.-]*)\s*$")


#: a run of characters of a script written without spaces
_UNSPACED_RUN = re.compile(f"[{UNSPACED_SCRIPT}]+")


#: an initialism at the end of a line ("U.S.", "N.Y.C.", a time's "a.m."), whose last full stop ends no sentence
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}$")

#: a numbered section heading of a document or its table of contents ("4.5 Results", "7.3 Media and
#: entertainment"): a part of the text, not its headline
_SECTION_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?\s")


#: a caption: a sentence, then a credit's label, capitalised, and a name ("... for two years. Source: Supplied", "...
#: Picture: Jane Doe"); a source is a label here too, as it is not in the article's text (a table's "Source: ...")
_LABELLED_TAIL = re.compile(
    r"(?<=\w)(?<![.\s][A-Z])\.\s+"  # a sentence's full stop ("... in 2019. Photo: ..."), not an initialism's ("U.S.")
    rf"(?:{'|'.join(re.escape(w[0].upper() + w[1:]) for w in (*CREDIT_WORDS, 'source', 'quelle', 'fuente', 'fonte'))})"
    r"\s*:\s*[^\s.:;!?][^.:;!?]{0,59}$"
)
#: a file's name ("google.JPG", "IMG_0042.jpeg"): an image left in the text, never a headline
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|heic|pdf|docx?|mp[34]|mov)$", re.IGNORECASE)


#: a list item's bullet opening a line ("+ Added Slime Block", "• Prices"); a number is no bullet here:
#: "2. Bundesliga" opens a German headline
_BULLET = re.compile(r"^[-+*•·–—▪►]\s")


#: a path of links: two separators of a breadcrumb, set apart by spaces ("Home / Startups / ...", "Home > Computers >
#: ...", "Home › World ›"); a headline's slash is written without spaces ("AC/DC", "24/7")
_PATH = re.compile(r"(?:\s[/>›»→](?:\s|$).*){2}")
#: ... or a path of one step: a link's label of at most ``LIST_LINE_MAX_WORDS`` words opening the line, a separator
#: that only a path has, and the next label ("Home > Dallas Mavericks Blog")
_ONE_STEP = re.compile(r"^(?P<step>\S+(?: \S+){0,2}) [>›→] (?P<next>\S)")


def _is_path(line: str) -> bool:
    """A path of links (``_PATH``, ``_ONE_STEP``). The labels of a path of one step open with letters of the same
    case; a headline's comparison does not ("Why 3 > 2 in economics", "Why debt > deficit")."""
    if _PATH.search(line):
        return True
    one = _ONE_STEP.match(line)
    step, after = (one["step"][0], one["next"]) if one else ("", "")
    return step.isalpha() and after.isalpha() and step.isupper() == after.isupper()


#: a labelled list of tags or categories: a label (a word, hyphens within it, a space before the colon as French
#: sets it: "Mots-clés :"), then four or more items set apart by commas, each of at most ``TAG_MAX_WORDS`` words
#: ("tags: Cato the Elder, corn ethanol, Iowa, ..."); a labelled headline lists three things at most ("Poll: Biden,
#: Trump, Haley tied", "Presupuestos: pensiones, vivienda, deuda"), and unlabelled, a headline's short clauses have
#: that shape too ("Sally Ride, pioneering astronaut, dead at 61")
TAG_MIN_ITEMS = 4
TAG_MAX_WORDS = 3
_LABEL = re.compile(r"^[^\W\d](?:[^\W\d]|-(?=[^\W\d]))*\s?:\s+")


def _is_tag_list(line: str) -> bool:
    if not (label := _LABEL.match(line)):
        return False
    items = line[label.end() :].split(", ")
    return len(items) >= TAG_MIN_ITEMS and all(0 < len(item.split()) <= TAG_MAX_WORDS for item in items)


def _links_another_post(line: str) -> bool:
    """A link to the previous or next post: an arrow or a guillemet it does not close at one end of the line
    (``boilerplate.has_link_arrow``: "« Older post title", "Newer post title »"; a quotation in guillemets closes
    what it opens, "« Je reste » : le ministre ...", "»Wir schaffen das«"), or a bar set apart at one end ("| Post
    title »")."""
    return has_link_arrow(line) or line.startswith("| ") or line.endswith(" |")


#: a stamp run on after a headline has at most this many words ("..., Updated Nov 06, 2012 at 10:45pm IST", "...,
#: mis à jour le 3 mars 2024 à 10h45")
STAMP_MAX_WORDS = 10


def _unstamped(line: str, written_in: frozenset[str] | None, prose: Container[str], function: frozenset[str]) -> str:
    """A line without the stamp of its date or time that the page ran on after a comma: a clause of at most
    ``STAMP_MAX_WORDS`` words that ends the line, when the line before it holds no numeric date or clock time and
    the clause is a date (``_dated``: a full date, or a stamp with little else) that opens with a capital
    ("Aktualisiert", "Édité") and holds a numeric date or a clock time (``_DATE_STAMP``, ``_CLOCK_AM_PM``: "BJP
    split ... Advani fumes Politics news, Updated Nov 06, 2012 at 10:45pm IST"), or that names a day (a date,
    or a month's name by a day's number: "updated 5 March") and says nothing of the article's subject
    (``_says_only_when``: "mis à jour le 3 mars 2024", "aktualisiert am 12.03.2024"). A clause of a headline
    that holds a time stays ("Budget Deal Reached, Markets Close at 4:30pm"), and so does one using the
    article's words ("..., vote set for 12 March 2024" over an article about the vote)."""
    for m in re.finditer(r",\s+(?=[^\W\d_])", line):
        tail = line[m.end() :]
        head = line[: m.start()]
        if len(tail.split()) > STAMP_MAX_WORDS or _DATE_STAMP.search(head):
            continue
        if tail[0].isupper() and (_DATE_STAMP.search(tail) or _CLOCK_AM_PM.search(tail)) and _dated(tail, written_in):
            return head
        if _says_only_when(tail, written_in, prose, function):
            return head
    return line


def _says_only_when(clause: str, written_in: frozenset[str] | None, prose: Container[str], function: frozenset[str]) -> bool:
    """A clause that names a day (``_dated``, or a month's name by a day's number: ``_names_day``) and
    whose other subject words (``_subject_words``, the names of months and days left out) the article's prose
    does not use: "updated 5 March", "mis à jour le 3 mars 2024 à 10h45" (its words are function words or the
    page's, not the article's)."""
    languages = frozenset({"en", *(written_in or ())})
    if not (_dated(clause, written_in) or _names_day(clause, languages)):
        return False
    calendar = calendar_words(languages)
    said = " ".join(w for w in words_of(clause) if w.lower().rstrip(".") not in calendar)
    return not any(w in prose for w in _subject_words(said, function))


#: a day's number beside a month's name: "5", "5th", "5.", "5,"
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th|er)?[.,]?")


def _names_day(clause: str, languages: frozenset[str]) -> bool:
    """A month's name (CLDR, ``metadata.month_names``) beside a day's number, in either order: "updated 5
    March", "Mar 5" (``metadata.names_month_and_day`` reads "updated 5" as a month and a day first)."""
    tokens = clause.split()
    months = month_names(languages)
    return any(
        tok.lower().rstrip(".,") in months
        and any(0 <= j < len(tokens) and _DAY_NUMBER.fullmatch(tokens[j]) for j in (k - 1, k + 1))
        for k, tok in enumerate(tokens)
    )


def _not_a_headline(line: str, *, tags: bool = True) -> bool:
    """A numbered section heading, a list item, a caption closed by its credit or source, a file's name, a
    Chinese or Japanese wire's dateline on a line of its own ("新华社北京11月23日电"), a path of links that may end
    in the headline (``_is_path``: the headline stands on a line of its own too), a labelled list of tags
    (``_is_tag_list``; not with ``tags`` False: ``_labelled_list_heading``), or a link to another post
    (``_links_another_post``)."""
    return bool(
        (tags and _is_tag_list(line))
        or _links_another_post(line)
        or _SECTION_NUMBER.match(line)
        or _BULLET.match(line)
        or _LABELLED_TAIL.search(line)
        or _FILE_NAME.match(line)
        or wire_dateline(line)
        or _is_path(line)
    )


#: how the rest of a sentence opens, and no headline: an ellipsis closing a quotation or a bracket, or a mark that
#: closes a quotation, a bracket or a clause ('..." That was after the first attempt', '” said the minister', "»,
#: sagte er", ", and then"); an ellipsis alone may open a headline ("… und plötzlich gibt es eine Einigung"); a
#: quotation mark only before a space or a mark, as the one that opens a quotation is written against its first
#: word in the languages that open with ” or » too ("»Wir haben eine Einigung«" in German and Danish, "”Budgeten
#: är orealistisk”" in Swedish)
_CONTINUES = re.compile(r'\s*(?:(?:\.\.\.|…)["”»’)\]]|["”»’](?:\s|[.,;:!?)])|[)\]},;:])')


def _opens_mid_sentence(line: str, function: frozenset[str]) -> bool:
    """A line that opens with two words in lower case, the first a function word of the text's language, and
    capitalises a later one: the rest of a sentence that the page broke where it set a formula or a link apart
    ("is a Hermitian positive semi-definite matrix. Furthermore, if"). A headline opens with a capital, or is in
    lower case throughout (a style: "the release plan"); a name's particle may open one, before a capital ("de
    Blasio ..."), which is why the second word counts too. A line opening with an ellipsis that closes a quotation,
    or with a closing mark (``_CONTINUES``), is the rest of a sentence too: 'I cried for / Pakistan / ..." That was
    after the first attempt to assassinate'."""
    words = line.split()
    if _CONTINUES.match(line):
        return True
    return (
        len(words) >= 3
        and words[0].islower()
        and words[1].islower()
        and words[0] in function
        and any(word[:1].isupper() for word in words[2:])
    )


class _Candidate(NamedTuple):
    score: float
    position: int
    line: str


def looks_like_title(line: str) -> bool:
    """A short line that does not read like a sentence of body text: it does not end as a sentence or a clause
    does (a full stop after an initialism is part of a name: "... Underneath N.Y.C.", unless another full stop
    within the line says it is a caption's sentence: "Gov. Deval Patrick, left, speaks ... in Columbia, S.C.")."""
    words = line.split()
    return (
        0 < len(words) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and (not line.endswith((".", ",", ";", ":", "…", "。", "，", "；")) or (". " not in line and bool(_INITIALISM_END.search(line))))
        and any(ch.isalpha() for ch in line)
    )


def _pairs(text: str) -> list[str]:
    """Every pair of neighbouring characters in the runs of a script written without spaces ("人工智能" -> 人工,
    工智, 智能): they match wherever the words fall (``words_of`` cuts a run in fixed pairs, so the same word in
    the headline and in the article may be cut differently)."""
    return [run[i : i + 2] for run in _UNSPACED_RUN.findall(text) for i in range(max(1, len(run) - 1))]


def _stems(text: str) -> list[str]:
    """The word stems of a text: a spaced word's first ``STEM_CHARS`` letters, and ``_pairs``."""
    return [w.lower()[:STEM_CHARS] for w in words_of(_UNSPACED_RUN.sub(" ", text))] + _pairs(text)


def _subject_words(line: str, function: frozenset[str]) -> list[str]:
    """Stems (``_stems``) of the words that carry a line's subject: not ``function`` words
    (``stopwords.function_words``, not jusText's whole list: the Finnish one has hallitus, "government") or
    numbers, three letters or more, and the character pairs of a script written without spaces."""
    spaced = words_of(_UNSPACED_RUN.sub(" ", line))
    subject = [w.lower()[:STEM_CHARS] for w in spaced if len(w) >= 3 and not w.isdigit() and w.lower() not in function]
    return subject + _pairs(line)


def _share_used(line: str, prose: Counter[str] | frozenset[str], function: frozenset[str]) -> float:
    """The share of a line's subject that ``prose`` uses: of its spaced subject words, and of the characters of its
    unspaced runs, those in a pair the prose uses (a pair across two words is no word, so a share of pairs would
    be low for any headline)."""
    spaced = _subject_words(_UNSPACED_RUN.sub(" ", line), function)
    used, total = sum(w in prose for w in spaced), len(spaced)
    for run in _UNSPACED_RUN.findall(line):
        covered: set[int] = set()
        for i in range(max(1, len(run) - 1)):
            if run[i : i + 2] in prose:
                covered.update((i, i + 1) if len(run) > 1 else (i,))
        used, total = used + len(covered), total + len(run)
    return used / total if total else 0.0


def _units(text: str) -> list[str]:
    raw = text.split("\n")
    return paragraph_texts(raw, paragraphs(raw))


#: a run of at least this many page lines without a blank line between, each of at most ``LIST_LINE_MAX_WORDS``
#: words and one of them in lower case, is a list of tags or labels ("frankenstorm / instagram / instacane /
#: Hurricane Sandy", "gabby giffords / mark kelly / gun laws"): none of its lines is a headline
LIST_MIN_LINES = 3
LIST_LINE_MAX_WORDS = 3


def _wrapped(raw: list[str], run: list[int]) -> bool:
    """Short lines that are one line wrapped: the first opens with a capital or a digit, the others in lower case,
    and each but the last has two words or more ("Governments agree / on budget rules / after long talks"); a
    list's items each open alike ("frankenstorm / instagram / instacane / Hurricane Sandy") or are single words
    under a heading ("Tomato soup / olive oil / onion / garlic")."""
    first, *rest = (raw[k].strip() for k in run)
    filled = all(len(raw[k].split()) >= 2 for k in run[:-1])  # a wrapped line fills the width before its last
    return filled and not first[:1].islower() and all(line[:1].islower() for line in rest)


def _listed(raw: list[str], units: list[range]) -> frozenset[int]:
    """The units of ``paragraphs`` that lie in a list of short lines (``LIST_MIN_LINES``) that is not one line
    wrapped (``_wrapped``); a headline wrapped over short lines stands apart ("List of films / featuring time
    loops", blank lines around)."""
    short: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*raw, ""]):
        words = line.split()
        if words and len(words) <= LIST_LINE_MAX_WORDS:
            run.append(i)
            continue
        if len(run) >= LIST_MIN_LINES and any(raw[k].strip()[:1].islower() for k in run) and not words and not _wrapped(raw, run):
            short.update(run)
        run = []
    return frozenset(n for n, unit in enumerate(units) if any(i in short for i in unit))


def _around(page: str, first: str, second: str = "") -> tuple[list[str], bool, frozenset[int]]:
    """The units of the page around the article's first line ``first``: up to ``RAW_LINES_PER_UNIT`` times
    ``HEADLINE_WINDOW`` lines above it, as many times ``ARTICLE_UNITS_READ`` below, and whether they start the
    page. Where the page has the first line more than once (a lead shown above the menus as a teaser), the one
    followed by the article's ``second`` line. A long page costs no more than a short one."""
    raw = page.split("\n")
    at = _first_line_at(raw, first, second)
    begin = max(0, at - RAW_LINES_PER_UNIT * HEADLINE_WINDOW)
    window = raw[begin : at + RAW_LINES_PER_UNIT * ARTICLE_UNITS_READ]
    units = paragraphs(window)
    return paragraph_texts(window, units), begin == 0, _listed(window, units)


def _first_line_at(lines: list[str], first: str, second: str) -> int:
    """Where ``first`` opens one of the lines: when it is a sentence (a lead, which a page may show above its menus
    as a teaser), the first whose next line opens like ``second``; else the first; 0 when none."""
    found = [i for i, line in enumerate(lines) if line.strip().startswith(first)]
    prose = first.endswith((".", "。", "!", "?", "！", "？", '."', ".”"))  # a lead; a headline shows above its article
    following = (i for i in found if prose and second and _same_start(_next_line(lines, i), second))
    return next(following, found[0] if found else 0)


def _same_start(a: str, b: str, chars: int = 40) -> bool:
    """Two lines that open alike: a line of the page may be part of the article's paragraph, or hold more."""
    k = min(len(a), len(b), chars)
    return k > 0 and a[:k] == b[:k]


def _next_line(lines: list[str], i: int) -> str:
    return next((line.strip() for line in lines[i + 1 :] if line.strip()), "")


def _score(
    line: str,
    prose: Counter[str],
    stop: frozenset[str],
    written_in: frozenset[str] | None,
    *,
    loose: bool = False,
    tags: bool = True,
) -> float:
    """How well a line reads as the headline of the prose: its matched subject words times their share, or 0
    (``stop``: the jusText list of the text's language, whose density tells prose from furniture; ``written_in``:
    the text's languages, whose byline words a byline has besides English's, ``metadata.text_languages``: "Af Ghani
    Speaks Out" is an English headline). ``loose``: one matched word is enough, whatever their share (a line whose
    place says it is the headline, ``_heading_a_byline``). ``tags`` False: a labelled list of tags may score
    (``_labelled_list_heading``)."""
    words = words_of(line)
    function = function_words(stop)
    if not looks_like_title(line) or len(words) < 2 or is_timestamp(line, words) or _stamped(line, function):
        return 0.0
    if _not_a_headline(line, tags=tags):
        return 0.0
    if _CREDIT.search(line) or is_photo_credit(line) or is_byline(line, written_in=written_in, filed=True):
        return 0.0  # a photo caption with its credit, a byline
    if unspaced(words) and len(words) < UNSPACED_MIN_WORDS:
        return 0.0
    if _opens_mid_sentence(line, function):
        return 0.0
    subject = _subject_words(line, function)
    if not subject or classify(line, stop).code:
        return 0.0
    matched = sum(w in prose for w in subject)
    share = _share_used(line, prose, function)
    if loose:
        return matched * share if matched else 0.0
    needed = 1 if len(subject) == 1 and len(words) >= 4 else HEADLINE_MIN_MATCHES
    return matched * share if matched >= needed and share >= HEADLINE_MIN_SHARE else 0.0


class TextSubject(NamedTuple):
    """What a text is about, for checking titles against it: the function words of its language and the stems of
    the words its first ``ARTICLE_UNITS_READ`` lines use (``text_subject``)."""

    function: frozenset[str]
    used: frozenset[str]


def text_subject(text: str) -> TextSubject:
    opening = "\n".join(text.split("\n", ARTICLE_UNITS_READ)[:ARTICLE_UNITS_READ])
    return TextSubject(function_words(stoplist_for(opening)), frozenset(_stems(opening)))


def subject_words_used(title: str, subject: TextSubject) -> tuple[int, int]:
    """How many of the title's subject words the text uses, and how many it has. A site's logo ("Sassy
    Radish"), a section ("NBA") or a menu ("Translate") taken for a page's headline shares none with the
    article."""
    words = _subject_words(title, subject.function)
    return sum(w in subject.used for w in words), len(words)


def names_subject(matched: int, total: int) -> bool:
    """A title with ``total`` subject words of which the text uses ``matched`` (``subject_words_used``) names the
    text's subject: at least ``HEADLINE_MIN_MATCHES`` of them (one for a single one) and ``HEADLINE_MIN_SHARE``."""
    return total > 0 and matched >= min(HEADLINE_MIN_MATCHES, total) and matched >= HEADLINE_MIN_SHARE * total


#: a text that opens with its title, byline and date has at most this many lines above its article
TITLE_BYLINE_DATE_LINES = 4


def _title_over_byline(units: list[str], start: int, written_in: frozenset[str] | None) -> int | None:
    """The position of a text's first line when it is a title over nothing but a byline and dates ("Bridge Plan
    Approved / By Jane Doe / 12 March 2024", then the article): a plain-text file's own head, which boilerplate
    removal may drop as a short list."""
    above = [i for i in range(start) if units[i].strip()]
    first = units[above[0]].strip() if above else ""
    if not 1 < len(above) <= TITLE_BYLINE_DATE_LINES or not looks_like_title(first) or len(words_of(first)) < 2 or _not_a_headline(first):
        return None
    rest = [units[i].strip() for i in above[1:]]
    if not all(is_byline(line, written_in=written_in, filed=True) or is_timestamp(line, words_of(line)) for line in rest):
        return None
    return above[0]


#: a headline is followed by its byline or date with at most this many lines between (an author's name, a
#: caption), none of them a line that could be the headline itself
HEADLINE_TO_BYLINE_LINES = 2
#: ... and a standfirst between them is a line that could be the headline, under it with at most this many
#: captions between, scoring no higher
STANDFIRST_GAP = 1
#: the line chosen is a standfirst under a shorter headline when it has at least this many words: as many as a
#: paragraph of prose (``boilerplate.GOOD_MIN_WORDS``), more than most headlines
STANDFIRST_MIN_WORDS = GOOD_MIN_WORDS


def _is_byline_or_date(line: str, written_in: frozenset[str] | None) -> bool:
    return (
        is_byline(line, written_in=written_in, filed=True)
        or is_byline_word(line, written_in=written_in)
        or is_timestamp(line, words_of(line))
        or bool(_DATE_STAMP.search(line))
    )


#: a writer's role or paper under the byline has at most this many words ("Science editor", "The Star-Ledger"); a
#: longer line there is a chapter's or a post's own title under its book's or blog's byline
ROLE_MAX_WORDS = 3


def _names_role_or_paper(line: str, function: frozenset[str]) -> bool:
    """A short line that names a writer's job ("Science editor", ``metadata.names_job``) or is a name, its words
    but the function words capitalised ("The Star-Ledger", "Statehouse Bureau", "Special to the Star"); a headline
    in sentence case ("Budget rules agreed") is neither."""
    return names_job(line) or all(not w[:1].islower() or w.lower() in function for w in line.split())


def _under_byline(units: list[str], position: int, written_in: frozenset[str] | None, function: frozenset[str]) -> bool:
    """A short line (``ROLE_MAX_WORDS``) right under a byline, or under a byline's word and the name on the line
    after it ("By / Jarrett Renshaw/Statehouse Bureau / The Star-Ledger"), that names a job or is a name
    (``_names_role_or_paper``): the writer's role or paper ("Science editor"), not a headline, which stands over
    its byline. A short headline in sentence case under the byline is one ("By Jane Doe / Budget rules agreed").
    The line right under a byline's word is the name when it opens with one (``_names_writer``), whatever follows
    it there ("By / Amy Kuperinsky | NJ Advance Media for NJ.com"); a page that left the name out sets the
    headline there ("Home / By / South Dakota doubles down on its slogan")."""
    line = units[position].strip()
    above = [units[i].strip() for i in range(position) if units[i].strip()][-2:]
    if above and is_byline_word(above[-1], written_in=written_in):
        return _names_writer(above[-1], line, written_in)
    if len(line.split()) > ROLE_MAX_WORDS or not _names_role_or_paper(line, function):
        return False
    return bool(above) and (
        is_byline(above[-1], written_in=written_in, filed=True) or (len(above) == 2 and is_byline_word(above[0], written_in=written_in))
    )


def _names_writer(by: str, line: str, written_in: frozenset[str] | None) -> bool:
    """The line under a lone byline's word opens with a person's name: the name ``metadata.byline_person`` reads
    there (a run of capitalised words, up to a separator) is one of two or three words (``is_person_name``):
    "Amy Kuperinsky | NJ Advance Media for NJ.com", "Jane Doe"; not a headline in sentence case ("South Dakota
    doubles down on its slogan") nor one of more words in title case ("Bridge Plan Approved After Long Vote"). A
    headline of two or three words in title case reads as a name there ("Bridge Plan Approved")."""
    name = byline_person(by, line, written_in=written_in, filed=True)
    return name is not None and is_person_name(name.split("; ")[0])  # "Jane Doe; John Roe": the first is one


def _as_headline(line: str, below: str, stop: frozenset[str], written_in: frozenset[str] | None) -> str:
    """The line as a headline is scored (``_score``): without its closing full stop when it stands right over a
    byline or a date (``_is_byline_or_date``) and is no paragraph of prose (``boilerplate.classify``: not good),
    as a headline may end as a sentence does ("South Dakota doubles down on ‘Meth. We’re on it.’ They just might
    be." over "Updated Nov 19, 9:41 AM"); else the line. A sentence of prose is a paragraph's, or stands over
    another line of the article, not over its date ("The council met on Monday." over "It voted for the plan.")."""
    if not line.endswith(".") or line.endswith("..") or not _is_byline_or_date(below, written_in):
        return line
    return line if classify(line, stop).kind is Kind.GOOD else line[:-1]


def _without_standfirsts(units: list[str], candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates but those ending as a sentence (``_as_headline``; not "... N.Y.") right under another
    candidate, or with only a caption between (``STANDFIRST_GAP``): a standfirst under its headline ends as a
    sentence, and uses more of the article's words ("Judge sides with P2P plaintiff / Appeals court to decide if
    rightsholders can subpoena 1,058 people in one case. / by Timothy B. Lee")."""
    at = {c.position for c in candidates}

    def under_another(c: _Candidate) -> bool:
        above = [j for j in range(max(0, c.position - HEADLINE_WINDOW), c.position) if units[j].strip()]
        return any(j in at for j in above[-STANDFIRST_GAP - 1 :])

    return [c for c in candidates if not (c.line.endswith(".") and not looks_like_title(c.line) and under_another(c))]


def _over_standfirst(units: list[str], at: dict[int, _Candidate], line: _Candidate, *, by_length: bool = False) -> _Candidate:
    """The headline over ``line`` when ``line`` is its standfirst: a candidate of three words or more right above
    it, or with only a caption between (``STANDFIRST_GAP``: a line with a sentence's full stop in it), that scores
    as well, or (``by_length``) that is shorter than ``line``, itself as long as a paragraph of prose
    (``STANDFIRST_MIN_WORDS``: a standfirst uses the article's words more than its headline); else ``line``."""
    for j in reversed([j for j in range(line.position) if units[j].strip()][-STANDFIRST_GAP - 1 :]):
        if j in at:
            over = at[j]
            below, above = len(words_of(line.line)), len(words_of(over.line))
            longer = by_length and below >= STANDFIRST_MIN_WORDS and above < below
            return over if (over.score >= line.score or longer) and above >= 3 else line
        if ". " not in units[j]:
            break
    return line


def _over_byline_or_date(
    units: list[str], candidates: list[_Candidate], end: int, written_in: frozenset[str] | None
) -> list[_Candidate]:
    """The candidates that head a byline or a date: one of the ``HEADLINE_TO_BYLINE_LINES`` + 1 lines below them
    (before ``end``) is one, and no candidate stands between. A menu's or a contents' lines that use the article's
    words follow each other; the headline stands over the article's byline and date. A person's name over a date
    is the byline itself; over a byline, it is a headline in title case ("Monitoring Distributed Systems" over
    "Written by ...")."""
    at = {c.position: c for c in candidates}
    return [
        _over_standfirst(units, at, c)
        for c in candidates
        if (below := _byline_or_date_below(units, c.position, end, at, written_in)) is not None
        and not (is_person_name(c.line) and not is_byline(below, written_in=written_in, filed=True))
    ]


def _writers_name(line: str) -> bool:
    """A person's name alone (``is_person_name``) of a first name and a surname, an initial between them or not
    ("Madeleine Davies", "John C. Welch"): a byline without "By" right under the headline; three words in title
    case without an initial are as often a section's or a site's name ("Energy Stock Channel")."""
    words = line.split()
    initial = len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]) is not None
    return is_person_name(line) and (len(words) == 2 or initial)


def _lines_under(units: list[str], position: int, end: int) -> list[int]:
    """The positions of the ``HEADLINE_TO_BYLINE_LINES`` + 1 lines with text under ``position``, before ``end``:
    where a headline's byline or date stands."""
    return [i for i in range(position + 1, end) if units[i].strip()][: HEADLINE_TO_BYLINE_LINES + 1]


def _byline_or_date_below(
    units: list[str], position: int, end: int, at: Container[int], written_in: frozenset[str] | None
) -> str | None:
    """The byline or date among the ``HEADLINE_TO_BYLINE_LINES`` + 1 lines below ``position`` (before ``end``),
    with no candidate (a position in ``at``) between; None if there is none."""
    for n, i in enumerate(_lines_under(units, position, end)):
        if n == 0 and _writers_name(line := units[i].strip()) and not is_person_name(units[position].strip()):
            return line
        if i in at:
            return None
        if _is_byline_or_date(line := units[i].strip(), written_in):
            return line
    return None


def _body_start(units: list[str], start: int, stop: frozenset[str]) -> int:
    """The first of two paragraphs of prose in a row from ``start`` on (``start`` if none): where the article's
    body begins when boilerplate removal kept a site's blurb or a form's lines above its headline."""
    kept = [i for i in range(start, min(len(units), start + ARTICLE_UNITS_READ)) if units[i].strip()]
    good = [classify(units[i], stop).kind is Kind.GOOD for i in kept]
    return next((kept[n] for n in range(len(kept) - 1) if good[n] and good[n + 1]), start)


def _opens_with_capital(line: str) -> bool:
    """A line that opens with a capital, a digit or a letter of a script without case: not with a quotation mark,
    a link's arrow or a word in lower case (a pull quote, "« previous post", a list of tags)."""
    return bool(line) and line[0].isalnum() and not line[0].islower()


class _WindowLine(NamedTuple):
    """A line with text where a headline is looked for (``_window``): its position among the units, its text and
    the line under it."""

    position: int
    line: str
    below: str


def _window(units: list[str], start: int, end: int, *, above: int = HEADLINE_WINDOW) -> Iterator[_WindowLine]:
    """The lines with text from ``above`` lines over the article's first line (``start``) down to ``end``
    (excluded), each with the line under it: where a headline is looked for (``article_head``), each finder below
    with a filter of its own. A path of links ending with the line under it is no headline, that line is ("Home /
    A bridge for the town" over "A bridge for the town": ``path_to``)."""
    for i in range(max(0, start - above), end):
        if (line := units[i].strip()) and not path_to(line, below := _next_line(units, i)):
            yield _WindowLine(i, line, below)


def _farther_candidates(
    units: list[str], start: int, first_prose: int, stop: frozenset[str], prose: Counter[str], written_in: frozenset[str] | None
) -> list[_Candidate]:
    """Where no line near the article's first line qualifies: the lines from ``FARTHER_WINDOW`` above it down to
    where its body begins (``_body_start``), which qualify, match ``FARTHER_MIN_MATCHES`` of the article's words and
    open with a capital or a digit. Boilerplate removal may start the article at a teaser or a site's blurb far
    below its headline, or keep a form's lines above it; the stricter match keeps a tag or a place's name out."""
    function = function_words(stop)
    end = max(_body_start(units, start, stop), first_prose)
    return [
        _Candidate(score, at.position, at.line)
        for at in _window(units, start, end, above=FARTHER_WINDOW)
        if _opens_with_capital(at.line)
        and (score := _score(at.line, prose, stop, written_in)) > 0
        and sum(w in prose for w in _subject_words(at.line, function)) >= FARTHER_MIN_MATCHES
    ]


def _heading_a_byline(
    units: list[str], start: int, first_prose: int, stop: frozenset[str], prose: Counter[str], written_in: frozenset[str] | None
) -> list[_Candidate]:
    """Where no line qualifies near the article or farther: the lines above its first paragraph of prose (from
    ``HEADLINE_WINDOW`` above its first line) right over a byline, a date or a person's name (when they are no
    name themselves: a list of people), that open with a capital (``_opens_with_capital``) and use one of the
    article's words (``_score``, loose). A headline's place
    says what it is when the article uses few of its words ("Geithner Urges Quick Action on Debt Crisis" over "BY
    JEFFREY SPARSHOTT": two of its six subject words)."""
    return [
        _Candidate(score, at.position, at.line)
        for at in _window(units, start, first_prose)
        if _opens_with_capital(at.line)
        and (score := _score(at.line, prose, stop, written_in, loose=True)) > 0
        and (_is_byline_or_date(at.below, written_in) or (is_person_name(at.below) and not is_person_name(at.line)))
    ]


#: a line right over a byline is its headline, where no candidate heads one, when it has this many words at least
#: (a site's or a section's name over a byline has fewer: "Sport & Travel")
OVER_BYLINE_MIN_WORDS = 4


def _over_a_byline(
    units: list[str], start: int, first_prose: int, stop: frozenset[str], prose: Counter[str], written_in: frozenset[str] | None
) -> list[_Candidate]:
    """Where no candidate heads a byline or a date: the lines above the article's first paragraph of prose (from
    ``HEADLINE_WINDOW`` above its first line) right over a byline ("By J.D. Biersdorfer", "Written by BP Guest in
    Blogging Sense"), of ``OVER_BYLINE_MIN_WORDS`` words or more, that open with a capital, hold no date and use
    one of the article's words (``_score``, loose): the headline, though it uses fewer of the article's words
    than a menu's or a teaser's line farther up ("Five Great Strategies For Link-Building" under "Guest
    Posting"). Over a date or a name alone, a teaser's or a menu's line stands as often ("Dancing With The
    Stars" over "Kate Middleton")."""
    return [
        _Candidate(score, at.position, at.line)
        for at in _window(units, start, first_prose)
        if len(words_of(at.line)) >= OVER_BYLINE_MIN_WORDS
        and _opens_with_capital(at.line)
        and not _dated(at.line, written_in)
        and is_byline(at.below, written_in=written_in, filed=True)
        and (score := _score(at.line, prose, stop, written_in, loose=True)) > 0
    ]


def _labelled_list_heading(
    units: list[str], start: int, first_prose: int, stop: frozenset[str], prose: Counter[str], written_in: frozenset[str] | None
) -> list[_Candidate]:
    """Where no other line qualifies: the labelled lists (``_is_tag_list``) above the article's first paragraph
    of prose (from ``HEADLINE_WINDOW`` above its first line) that would qualify but for their shape (``_score``)
    and head a byline or a date (``_byline_or_date_below``): a headline that lists four things ("Review: fast,
    loud, cheap, brilliant" over "By Jane Doe"). A list of tags stands under the headline or over it, which
    qualifies."""
    return [
        _Candidate(score, at.position, at.line)
        for at in _window(units, start, first_prose)
        if _is_tag_list(at.line)
        and (score := _score(at.line, prose, stop, written_in, tags=False)) > 0
        and _byline_or_date_below(units, at.position, first_prose, (), written_in) is not None
    ]


#: a post's date may stand over its headline with at most this many buttons between ("Oct 29, 2012 10:30 AM /
#: Share / Facebook / Twitter / ... / Tweet / Headline"), each of at most ``LIST_LINE_MAX_WORDS`` words
BUTTONS_MAX_LINES = 10


def _dated(line: str, written_in: frozenset[str] | None) -> bool:
    """A line that is a date or time stamp with little else (``is_timestamp``), or holds a full date ("By Jane Doe,
    March 12, 2024", ``find_date``: month names of English and the text's languages); a clock time in a clause is
    none ("Markets Close at 4:30pm")."""
    return is_timestamp(line, words_of(line)) or find_date(line, languages=("en", *sorted(written_in or ()))) is not None


def _dated_below(units: list[str], top: int, end: int, written_in: frozenset[str] | None) -> bool:
    """Whether one of the ``HEADLINE_TO_BYLINE_LINES`` + 1 lines under a headline at ``top`` (before ``end``, the
    first paragraph) is a date line (``_dated``), with no caption or prose (a line of more than
    ``SHORT_MAX_WORDS`` words) above it: "Posted March 12, 2024", "By Jane Doe, March 12, 2024"."""
    for i in _lines_under(units, top, end):
        if len((line := units[i].strip()).split()) > SHORT_MAX_WORDS:
            return False
        if _dated(line, written_in):
            return True
    return False


def _dated_above(units: list[str], top: int, end: int, written_in: frozenset[str] | None) -> int:
    """Where the head of a headline at ``top`` starts: at a byline or a date right over it ("Updated July 23,
    2012"), or over it with only buttons between (``BUTTONS_MAX_LINES``); else at the headline. A headline
    with a date line of its own right under it (``_dated_below``) keeps its head: a date over it with short lines
    between is then the page's (today's date over the menus: "Monday, March 18, 2024 / Home / News")."""
    over = [i for i in range(top) if units[i].strip()][-BUTTONS_MAX_LINES - 1 :]
    for n, i in enumerate(reversed(over)):
        if _is_byline_or_date(line := units[i].strip(), written_in):
            if n > 0 and _dated(line, written_in) and _dated_below(units, top, end, written_in):
                return top
            return i
        if len(units[i].split()) > LIST_LINE_MAX_WORDS:
            break
    return top


#: the article's first this many paragraphs of prose are its lead, which tells its headline by their shared words
LEAD_PARAGRAPHS = 2


def _names_lead(line: str, lead: frozenset[str], function: frozenset[str]) -> bool:
    """A line that uses ``HEADLINE_MIN_MATCHES`` of the subject words of the article's lead (all, if it has fewer):
    a headline says what its lead says; a site's name or a blog's tagline uses words of the article's body
    ("BBC Future", "Energy Stock Channel") but seldom its lead's."""
    subject = set(_subject_words(line, function))
    return len(subject & lead) >= min(HEADLINE_MIN_MATCHES, len(subject))


def _placed_as_headline(
    units: list[str],
    candidates: list[_Candidate],
    listed: Container[int],
    written_in: frozenset[str] | None,
    function: frozenset[str],
) -> list[_Candidate]:
    """The candidates that stand where a headline may: not in a list of short lines (``_listed``), not under a
    byline as the writer's role or paper (``_under_byline``)."""
    return [
        c for c in candidates if c.position not in listed and not _under_byline(units, c.position, written_in, function)
    ]


class ArticleHead(NamedTuple):
    """The headline of a scraped article (None if no line qualifies) and the lines of its head: from the headline,
    or the byline or date right over it (else ``HEAD_LINES_ABOVE`` lines above the article's first line), down to
    its first paragraph of prose, included (byline, date, dateline)."""

    title: str | None
    lines: tuple[str, ...]


def article_head(page: str, article: str) -> ArticleHead:
    """The headline and head of ``article`` (what boilerplate removal kept of ``page``, the text as read).

    Lines from ``HEADLINE_WINDOW`` above the article's first line down to its first paragraph of prose are scored
    (``_score``: not a date, a caption with its photo credit or a byline); of those near the best, the topmost
    wins. Without one, the article's first line when the article starts the page and the line looks like a title
    (a clean text file: the title, then the text), or the page's first line when only a byline and dates stand
    between it and the article (``_title_over_byline``)."""
    lines = (line.strip() for line in article.split("\n") if line.strip())
    first, second = next(lines, ""), next(lines, "")
    if not first:
        return ArticleHead(None, ())
    read = RAW_LINES_PER_UNIT * ARTICLE_UNITS_READ
    head_of_article = "\n".join(article.split("\n", read)[:read])
    stop = stoplist_for(head_of_article)
    written_in = text_languages(head_of_article)
    opening = [unit for unit in _units(head_of_article) if unit.strip()][:ARTICLE_UNITS_READ]
    function = function_words(stop)
    good = [unit for unit in opening if classify(unit, stop).kind is Kind.GOOD]
    prose = Counter(w for unit in good for w in _subject_words(unit, function))
    units, at_top, listed = _around(page, first, second)
    start = _first_line_at(units, first, second)
    scanned = range(start, min(len(units), start + ARTICLE_UNITS_READ))
    first_prose = next((i for i in scanned if units[i].strip() and classify(units[i], stop).kind is Kind.GOOD), start)
    candidates = [
        _Candidate(score, at.position, line)
        for at in _window(units, start, first_prose)
        if (line := _unstamped(at.line, written_in, prose, function))
        and (score := _score(_as_headline(line, at.below, stop, written_in), prose, stop, written_in)) > 0
    ]
    candidates = _without_standfirsts(units, candidates)
    candidates = _placed_as_headline(units, candidates, listed, written_in, function)
    if not candidates:
        farther = _farther_candidates(units, start, first_prose, stop, prose, written_in)
        candidates = _placed_as_headline(units, farther, listed, written_in, function)
        first_prose = max([first_prose, *(c.position + 1 for c in candidates)])
    if not candidates:
        heading = _heading_a_byline(units, start, first_prose, stop, prose, written_in)
        candidates = _placed_as_headline(units, heading, listed, written_in, function)
    if not candidates:
        labelled = _labelled_list_heading(units, start, first_prose, stop, prose, written_in)
        candidates = _placed_as_headline(units, labelled, listed, written_in, function)
    above = [i for i in range(start) if units[i].strip()][-HEAD_LINES_ABOVE:]
    title, top = None, above[0] if above else start
    headed = _over_byline_or_date(units, candidates, first_prose, written_in)
    if candidates and not headed:
        over = _over_a_byline(units, start, first_prose, stop, prose, written_in)
        headed = _placed_as_headline(units, over, listed, written_in, function)
    if candidates:
        pool = headed or candidates
        lead = frozenset(w for unit in good[:LEAD_PARAGRAPHS] for w in _subject_words(unit, function))
        pool = [c for c in pool if _names_lead(c.line, lead, function)] or pool
        best = max(c.score for c in pool)
        chosen = min((c for c in pool if c.score >= HEADLINE_NEAR_BEST * best), key=lambda c: c.position)
        chosen = _over_standfirst(units, {c.position: c for c in candidates}, chosen, by_length=True)
        title, top = chosen.line, chosen.position
        top = _dated_above(units, top, first_prose, written_in)
    elif (
        at_top
        and start == 0
        and looks_like_title(first)
        and not _not_a_headline(first)
        and not _opens_mid_sentence(first, function)
        and sum(1 for line in article.split("\n") if line.strip()) > 1
    ):
        title = first
    elif at_top and (byline_head := _title_over_byline(units, start, written_in)) is not None:
        title, top = units[byline_head].strip(), byline_head
    head = tuple(unit.strip() for unit in units[top : first_prose + 1] if unit.strip())
    return ArticleHead(title, head)


#: a name under the headline is the byline when a date or time follows within this many lines
NAME_DATE_MAX_LINES = 2


def author_under_headline(head: ArticleHead, article: str, *, languages: Iterable[str] = ("en", "de")) -> str | None:
    """The author named, without "By", on the line right under the headline, the layout of many sites
    ("Headline / Sarah Archer / 1:39 PM ET"): a person's name (``is_person_name``) with a date or time within
    NAME_DATE_MAX_LINES lines below it, whose surname neither the article's text nor its head uses (a name the
    article or its headline speaks of is its subject: a club, a minister, not its author)."""
    if head.title is None or head.title not in head.lines:
        return None
    below = head.lines[head.lines.index(head.title) + 1 :]
    if not below or not is_person_name(name := below[0], languages=languages):
        return None
    dated = any(
        is_timestamp(line, words_of(line)) or find_date(line, languages=languages) is not None
        for line in below[1 : 1 + NAME_DATE_MAX_LINES]
    )
    surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b")
    lines = [*head.lines, *article.split("\n")]  # boilerplate removal may have dropped the head's lines
    mentioned = any(surname.search(line) for line in lines if line.strip() != name)
    return name if dated and not mentioned else None
