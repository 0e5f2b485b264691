"""A PDF's text layer rebuilt into paragraphs, one per line, as the plain-text route reads text.

pypdf gives the lines of each page as laid out. Page furniture of print goes first: running headers and footers
(the same line, numbers aside, at the top or bottom of most pages) and bare page numbers. Then the lines of a
paragraph are joined. Where the positions of the lines are known, a paragraph ends at a wider gap than the
page's usual line spacing, at an indented first line, or at a change of font size (a jump up to the next column
is no break); wherever they are, it ends after a line well short of the full line length (the last line of a
paragraph, a heading, a table row) or a table-of-contents entry, and before a bulleted item. A word broken at a line end is mended ('Bundes-' + 'regierung'), but a hyphen before a
function word is an elided compound and keeps its space ('Verteidigungs- und Sicherheitsforum').
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flows.steps.boilerplate import is_table_row


#: a line whose form (numbers blanked) is at an edge of at least this share of a PDF's pages, or of this many
#: pages (a chapter's running head), is a running header or footer ...
RUNNING_LINE_SHARE = 0.5
RUNNING_LINE_PAGES = 3
#: ... when the PDF has at least this many pages (one page has nothing to compare with)
RUNNING_LINE_MIN_PAGES = 2
#: a side's head may be missing from one of its pages (a title page) when the side has this many pages or more
PARITY_MISSES_FROM = 4
#: the lines at each end of a page that can be running headers, footers or page numbers
PAGE_EDGE_LINES = 2
#: a line at least this share of the full line length was wrapped: the paragraph goes on ...
WRAPPED_LINE_SHARE = 0.75
#: ... unless it ends a sentence and is shorter than this share
SENTENCE_END_SHARE = 0.9
#: lines shorter than this many characters are not used to estimate the full line length
MIN_MEASURED_LINE = 20
#: a page with fewer measured lines than this is measured with the whole document's full line length
MIN_LINES_PER_PAGE = 8
#: a gap between lines at least this many times the page's usual line spacing separates paragraphs
PARAGRAPH_GAP = 1.15
#: line spacing is taken as at most this many times the font size (wider spacing is taken for paragraph gaps:
#: a page of one-line paragraphs has no narrower spacing to measure)
MAX_LEADING = 1.5
#: a font size differing by more than this share starts a new paragraph (a heading)
FONT_SIZE_CHANGE = 0.1

#: a page number alone on a line: '7', '- 7 -', '(7)', '[iv]'. Longer forms ('Seite 3 von 9') are running lines.
_PAGE_NUMBER = re.compile(r"^[-–—(\[]?\s*(\d{1,4}|[ivx]{1,5}|[IVX]{1,5})\s*[-–—)\]]?$")
_DIGITS = re.compile(r"\d+")
#: a bullet that is never anything else
_BULLET = re.compile(r"^[•▪●◦·►]\s")
#: an item marker that can also be text ('- ' as a dash, '3. Oktober'): an item only after a sentence or an item
_ITEM = re.compile(r"^([-–—*]|\(?\d{1,3}[.)]|\(?[a-z]\))\s", re.IGNORECASE)
_BROKEN_WORD = re.compile(r"\w[-\u00ad]$")
_HYPHENATED = re.compile(r"\w+-\w+")
#: a hyphen at a line end before one of these elides a compound ('Verteidigungs- und Sicherheitsforum', 'pre- and
#: post-war'): German, English, Dutch, Scandinavian
ELIDING_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "sowie", "bis", "and", "or", "to", "en", "of", "och", "eller", "og"})
_SENTENCE_END = re.compile(r"[.!?…:;\"'»«“”’)]$")
#: dot leaders and a page number: an entry of a table of contents, a line of its own however long
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$")


@dataclass(frozen=True)
class Line:
    """A line of a page, with the position of its start and its largest font size, when they are known."""

    text: str
    x: float | None = None
    y: float | None = None
    size: float | None = None


def page_lines(page: Any) -> list[Line]:
    """The non-blank lines of a pypdf page, each with its position when pypdf's text operations line up with
    the text it extracts (otherwise without: the length rules alone then find paragraphs)."""
    starts: list[tuple[float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        # the size on the page: the font size scaled by the text and current matrices (a PDF may set 1 Tf and
        # scale the text matrix instead)
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        size = abs(size) * scale or 1.0
        if not starts or abs(y - starts[-1][1]) > 0.5 * max(size, starts[-1][2]):
            starts.append((x, y, size))
        elif size > starts[-1][2]:  # a line's size is its largest (a bullet or a symbol may be set smaller)
            starts[-1] = (starts[-1][0], starts[-1][1], size)

    text = page.extract_text(visitor_text=visit) or ""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(starts) != len(lines):
        return [Line(line) for line in lines]
    return [Line(line, x, y, size) for line, (x, y, size) in zip(lines, starts)]


def _edge_form(line: str) -> str:
    """A page-edge line with its numbers blanked: 'Seite 3 von 9' and 'Seite 4 von 9' have the same form."""
    return _DIGITS.sub("#", line.casefold())


def drop_running_lines(pages: Sequence[list[Line]]) -> list[list[Line]]:
    """Pages without their running headers and footers, and without bare page numbers at their edges.

    A line among the first ``PAGE_EDGE_LINES`` of a page is a running header when its form (numbers blanked) is
    among the first lines of ``RUNNING_LINE_SHARE`` of the pages or of ``RUNNING_LINE_PAGES`` pages, whichever is
    fewer, and of two at least, or among those of every odd or every even page (one may miss it from four such
    pages on: a title page) and of no page of the other side (facing pages' heads), and nowhere else on any page (body lines that differ only in their numbers, such
    as numbered entries, recur inside pages too); footers likewise at the foot. Only documents of
    ``RUNNING_LINE_MIN_PAGES`` pages or more are compared. A page number alone on an edge line ('7', '- 7 -',
    'iv') goes whatever the page count.
    """
    tops = [set(range(min(PAGE_EDGE_LINES, len(p)))) for p in pages]
    feet = [set(range(max(len(p) - PAGE_EDGE_LINES, 0), len(p))) for p in pages]
    # counted over all pages, and over the odd and the even pages alone (books and reports head facing pages
    # differently: the title on one side, the section on the other)
    at_top: list[Counter[str]] = [Counter(), Counter(), Counter()]
    at_foot: list[Counter[str]] = [Counter(), Counter(), Counter()]
    inside: set[str] = set()
    for number, (lines, top, foot) in enumerate(zip(pages, tops, feet)):
        forms = [_edge_form(line.text) for line in lines]
        for group in (0, 1 + number % 2):
            at_top[group].update({forms[i] for i in top})
            at_foot[group].update({forms[i] for i in foot})
        inside.update(form for i, form in enumerate(forms) if i not in top and i not in foot)
    running: set[str] = set()
    if len(pages) >= RUNNING_LINE_MIN_PAGES:
        needed = max(2.0, min(RUNNING_LINE_SHARE * len(pages), RUNNING_LINE_PAGES))
        running = {f for counts in (at_top[0], at_foot[0]) for f, n in counts.items() if n >= needed}
        # a head of one side only: on every page of that side (but a title page), at least two, and on no page of
        # the other side (a caption or a table's head row at the edge of two pages is none)
        for group, other, size in ((1, 2, (len(pages) + 1) // 2), (2, 1, len(pages) // 2)):
            side = max(2, size - 1 if size >= PARITY_MISSES_FROM else size)
            for mine, theirs in ((at_top[group], at_top[other]), (at_foot[group], at_foot[other])):
                running |= {f for f, n in mine.items() if n >= side and not theirs[f]}
        running -= inside
    return [
        [
            line
            for i, line in enumerate(lines)
            if i not in top | foot or (_edge_form(line.text) not in running and not _PAGE_NUMBER.match(line.text))
        ]
        for lines, top, foot in zip(pages, tops, feet)
    ]


def full_length(lines: Iterable[Line]) -> float:
    """The length of a full line of body text: the upper quartile of the measured line lengths."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= MIN_MEASURED_LINE)
    if len(lengths) < 4:
        return float(max(lengths, default=0))
    return statistics.quantiles(lengths, n=4)[2]


def _line_spacing(lines: Sequence[Line]) -> float | None:
    """The page's spacing between the baselines of the lines of one paragraph, when positions are known: a low
    quantile of the gaps between consecutive lines (most gaps may be paragraph gaps), capped at ``MAX_LEADING``
    times the font size."""
    gaps = sorted(
        a.y - b.y
        for a, b in zip(lines, lines[1:])
        if a.y is not None and b.y is not None and a.size and 0.8 * a.size < a.y - b.y < 3 * a.size
    )
    if not gaps:
        return None
    low = statistics.quantiles(gaps, n=5)[0] if len(gaps) >= 5 else gaps[0]
    size = statistics.median(line.size for line in lines if line.size)
    return min(low, MAX_LEADING * size)


def _ends_paragraph(line: Line, full: float) -> bool:
    n = len(line.text)
    return (
        is_table_row(line.text)  # a table written as text: one row per line
        or n < WRAPPED_LINE_SHARE * full
        or (bool(_SENTENCE_END.search(line.text)) and n < SENTENCE_END_SHARE * full)
        or bool(_LEADERS.search(line.text))
    )


def _starts_paragraph(prev: Line, line: Line, after: Line | None, spacing: float | None, opening: str = "") -> bool:
    """Whether the layout says ``line`` opens a new paragraph after ``prev`` (``opening``: the start of the
    paragraph so far; ``spacing`` is None across a page break: only an item marker or a change of font size
    tells there)."""
    if _BULLET.match(line.text) or is_table_row(line.text):
        return True
    if _ITEM.match(line.text) and (_SENTENCE_END.search(prev.text) or _BULLET.match(opening) or _ITEM.match(opening)):
        return True
    if line.size and prev.size and abs(line.size - prev.size) > FONT_SIZE_CHANGE * max(line.size, prev.size):
        return True
    if prev.y is None or line.y is None or spacing is None or not line.size:
        return False
    gap = prev.y - line.y
    if gap <= 0:  # a jump up: the next column; a paragraph goes on there when the column's last line was full
        return False
    if gap > PARAGRAPH_GAP * spacing:
        return True
    indent = 0.5 * line.size  # a first line set in from the lines around it (not the hanging indent of an item)
    return (
        not _BULLET.match(prev.text)
        and not _ITEM.match(prev.text)
        and prev.x is not None
        and line.x is not None
        and line.x > prev.x + indent
        and after is not None
        and after.x is not None
        and line.x > after.x + indent
    )


def mend(head: str, tail: str, hyphenated: frozenset[str] = frozenset()) -> str:
    """Two wrapped pieces of one paragraph joined (see the module). At a hyphen that ends the line:

    - before a conjunction the hyphen elides a compound and keeps its space ('Verteidigungs- und');
    - before a capital, or where the document writes the pair with a hyphen elsewhere (``hyphenated``: its
      hyphenated words, lower case), it is part of the word ('Corona-Pandemie', 'long-term');
    - before another lower-case word it breaks a word and goes ('Bundes-' + 'regierung', 'man-' + 'agement').
    """
    match = _BROKEN_WORD.search(head)
    first = tail.split(maxsplit=1)[0] if tail else ""
    if not match or not first:
        return f"{head} {tail}"
    if first.strip(".,;:").lower() in ELIDING_CONJUNCTIONS:
        return f"{head} {tail}"
    left = head[: match.start() + 1].rsplit(maxsplit=1)[-1]
    pair = f"{left}-{first.strip('.,;:!?')}".lower()
    if first[:1].isupper() or not first[:1].isalpha() or pair in hyphenated or head.endswith("\u00ad"):
        return (head[:-1] + tail) if head.endswith("\u00ad") else head + tail
    return head[:-1] + tail


def paragraphs(pages: Sequence[list[Line]]) -> list[str]:
    """The lines of the pages joined into paragraphs; a paragraph goes on across a page break when the page's
    last line was a full one. The full line length is measured per page (on a page with too few lines, over the
    document)."""
    overall = full_length(line for page in pages for line in page)
    hyphenated = frozenset(w.lower() for page in pages for line in page for w in _HYPHENATED.findall(line.text))
    out: list[str] = []
    current = ""
    prev: Line | None = None
    for lines in pages:
        spacing = _line_spacing(lines)
        measured = sum(len(line.text) >= MIN_MEASURED_LINE for line in lines)
        full = full_length(lines) if measured >= MIN_LINES_PER_PAGE else overall
        for i, line in enumerate(lines):
            after = lines[i + 1] if i + 1 < len(lines) else None
            if current and prev is not None and not _starts_paragraph(prev, line, after, spacing if i else None, current):
                current = mend(current, line.text, hyphenated)
            else:
                if current:
                    out.append(current)
                current = line.text
            if _ends_paragraph(line, full):
                out.append(current)
                current = ""
            prev = line
    if current:
        out.append(current)
    return out


def pdf_text(pages: Sequence[list[Line]]) -> str:
    """The text of a PDF's pages: running lines dropped, paragraphs one per line."""
    return "\n".join(paragraphs(drop_running_lines(pages)))
