"""The visible text of an HTML page, one block per line: what a scraper saves, for the plain-text boilerplate rules.

``extract_html`` falls back to this route on pages laid out with tables, where trafilatura takes the layout
table for content and keeps its navigation cells as table rows (see ``clean.extract_html``). ``parse_page`` also
gives trafilatura the tree of a page nested deeper than its own parser reads, and ``unwrap_embedded_posts`` the
tree of a page quoting tweets, which trafilatura would discard with their wrappers. ``page_blocks`` gives the same
lines with the block element each belongs to, where ``extract_html`` finds the article's container.

* Left out: what a browser does not show (the title and other head elements, scripts, styles, templates, SVG,
  ``<select>`` menus, elements with the ``hidden`` attribute or an inline ``display: none``); as in
  trafilatura's text, the readings of ruby text (``<rt>``, ``<rp>``, ``<rtc>``) are left out, and a MathML formula
  is its TeX source (``\\(x^2\\)``), or left out when it names none. Text that a broken
  head swallowed (the parser puts the page's body into ``<head>``) is kept, as a browser shows it.
* Every block element (paragraph, heading, list item, cell of a layout table, ...) starts a line, and so does
  ``<br>``. Line breaks in the markup stay, as in a scraper's text (the rules judge a wrapped paragraph whole, and
  links set one per source line are separate lines, as in a menu); other whitespace is collapsed, blank lines are
  dropped.
* A table row whose cells hold only inline content is one line, its non-empty cells joined by `` | `` (the form of
  tables in scraped text, e.g. the seeds'); a row with block content in a cell is a piece of page layout, and each
  of its blocks is a line of its own.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

#: elements that start a line of their own
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
#: a table cell holding one of these is page layout, not data
LAYOUT_BLOCKS = frozenset(
    {"blockquote", "center", "div", "dl", "form", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "table", "ul"}
)
_INVISIBLE = (
    "//title|//meta|//link|//base|//script|//style|//noscript|//template|//svg|//select|//*[@hidden]"
    "|//*[contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'display:none')]"
)


#: the readings of ruby text (furigana, pinyin) and their fallback brackets, which trafilatura drops too: set inline,
#: they split the words they read ("計画よみ"), so that a line of the page would not be found in trafilatura's text
#: (``boilerplate.fill_gaps``)
_RUBY_READINGS = "//rt|//rp|//rtc"
#: a MathML formula's TeX source, which trafilatura writes in the formula's place
_TEX = lxml.etree.XPath('.//*[local-name()="annotation"][@encoding="application/x-tex"]')


#: libxml2 drops elements nested deeper than this (trafilatura parses with its default), and deeper than
#: MAX_DEPTH with ``huge_tree`` (as ``parse_page`` does)
DEFAULT_DEPTH, MAX_DEPTH = 256, 2048


def _parser(*, huge: bool = True) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=huge)


#: control characters (and the non-characters U+FFFE, U+FFFF) that XML forbids, written as they are or as character
#: references ("&#26;"): libxml2's HTML parser keeps them in a text, but lxml refuses to set a text that holds one,
#: as ``drop_tree`` does when it joins a dropped element's tail to the text before it (and trafilatura's cleaning)
XML_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    r"|&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|6553[45])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]))\b;?"
)


def xml_safe(html: str) -> str:
    """``html`` with the characters that XML forbids (``XML_FORBIDDEN``: a vertical tab, a ``&#26;``) as spaces, so
    that a tree parsed from it can be changed. They show nothing in a browser either."""
    return XML_FORBIDDEN.sub(" ", html)


def parse_page(html: str) -> lxml.html.HtmlElement | None:
    """The page's element tree (comments dropped; nesting up to MAX_DEPTH), or None when there is no markup to
    parse. ``html`` holds no character that XML forbids (``xml_safe``)."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_parser())
    except (ValueError, lxml.etree.ParserError):
        return None


def deeper_than(html: str, depth: int) -> bool:
    """Whether the page nests elements deeper than libxml2 parses with that limit (DEFAULT_DEPTH or MAX_DEPTH):
    what lies deeper is dropped."""
    parser = _parser(huge=depth > DEFAULT_DEPTH)
    try:
        lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return False
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def has_layout_table(root: lxml.html.HtmlElement) -> bool:
    """Whether a table of the page lays it out: one of its cells holds paragraphs, divisions, lists or tables."""
    return any(
        isinstance(el.tag, str) and el.tag in LAYOUT_BLOCKS
        for cell in root.iter("td", "th")
        for el in cell.iterdescendants()
    )


#: the class of an embedded post that an article quotes (Twitter's embed code: a blockquote, then its script)
EMBEDDED_POST_CLASS = "twitter-tweet"
#: wrappers of an embedded post whose class or id may go with it
_WRAPPERS = frozenset({"div", "figure", "section", "span", "p"})


def unwrap_embedded_posts(root: lxml.html.HtmlElement) -> int:
    """Make the posts an article quotes (``<blockquote class="twitter-tweet">``) plain quotes, and return how many.
    trafilatura discards their wrappers as share buttons, by class ("social-media-embed", "embed"), and with them
    the reactions an article is about. The class and id go from each such blockquote and from each wrapper around
    it that holds nothing else (scripts aside). Changes ``root``."""
    posts = root.xpath(f"//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' {EMBEDDED_POST_CLASS} ')]")
    for post in posts:
        el = post
        while True:
            el.attrib.pop("class", None)
            el.attrib.pop("id", None)
            parent = el.getparent()
            if parent is None or parent.tag not in _WRAPPERS or (parent.text or "").strip() or (el.tail or "").strip():
                break
            if [child for child in parent if isinstance(child.tag, str) and child.tag != "script"] != [el]:
                break
            el = parent
    return len(posts)


def _row_line(row: lxml.html.HtmlElement) -> str | None:
    """A row of inline cells as one line, its non-empty cells joined by ' | '; None for a row of layout."""
    cells = [cell for cell in row if cell.tag in ("td", "th")]
    if not cells or any(
        isinstance(el.tag, str) and el.tag in BLOCKS and el.tag != "br"
        for cell in cells
        for el in cell.iterdescendants()
    ):
        return None
    return " | ".join(text for text in (" ".join(cell.text_content().split()) for cell in cells) if text)


def _as_tex(formula: lxml.html.HtmlElement) -> None:
    """A MathML formula replaced by its TeX source in ``\\( \\)`` (``\\[ \\]`` for a block), or dropped when it
    names none: as trafilatura writes it. Its presentation markup set inline ("x+y2=1") would split the sentence."""
    annotation = _TEX(formula)
    tex = " ".join(((annotation[0].text or "") if annotation else (formula.get("alttext") or "")).split())
    if formula.getparent() is None:
        return
    if tex:
        opening, closing = ("\\[", "\\]") if formula.get("display") == "block" else ("\\(", "\\)")
        formula.tail = f"{opening}{tex}{closing}{formula.tail or ''}"
    formula.drop_tree()


def _visible(root: lxml.html.HtmlElement) -> None:
    """Leave in ``root`` what a browser shows, formulas as their TeX and rows of inline cells as one text each."""
    for hidden in root.xpath(_INVISIBLE + "|" + _RUBY_READINGS):
        if hidden.getparent() is not None:
            hidden.drop_tree()
    for formula in list(root.iter("math")):
        _as_tex(formula)
    for row in list(root.iter("tr")):
        line = _row_line(row)
        if line is not None:
            for cell in list(row):
                row.remove(cell)
            row.text = line


def page_lines(root: lxml.html.HtmlElement) -> str:
    """The visible text of a parsed page, one block per line (see the module's notes): the lines of
    ``page_blocks``. Changes ``root``."""
    return "\n".join(line for line, _ in page_blocks(root))


#: the characters that may mark the start of a block's text in ``page_blocks`` (its number between two of them):
#: the private-use areas, of which the two first that the page's text does not hold are taken (icon fonts set their
#: glyphs there)
_MARK_CHARACTERS = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))


def _marks(text: str) -> tuple[str, str]:
    """Two private-use characters that ``text`` does not hold."""
    held = set(text)
    free = (chr(c) for area in _MARK_CHARACTERS for c in area if chr(c) not in held)
    return next(free), next(free)


def page_blocks(root: lxml.html.HtmlElement) -> list[tuple[str, lxml.html.HtmlElement | None]]:
    """The visible text of a parsed page, one block per line (see the module's notes), each line with the block
    element whose text it is (the text after a nested block, or after a ``<br>``, is its parent block's; None above
    the first block). Changes ``root``."""
    _visible(root)
    opening, closing = _marks(root.text_content())
    blocks = [el for el in root.iter() if isinstance(el.tag, str) and el.tag in BLOCKS]
    number = {el: k for k, el in enumerate(blocks)}
    for el in blocks:
        parent = next((a for a in el.iterancestors() if a in number), None)
        el.tail = f"\n{opening}{number[parent] if parent is not None else -1}{closing}" + (el.tail or "")
        if el.tag != "br":
            el.text = f"\n{opening}{number[el]}{closing}" + (el.text or "")
    mark = re.compile(f"{opening}(-?\\d+){closing}")
    found: list[tuple[str, lxml.html.HtmlElement | None]] = []
    block = -1
    for raw in root.text_content().splitlines():
        if marks := mark.findall(raw):
            block = int(marks[-1])
        if line := " ".join(mark.sub("", raw).split()):
            found.append((line, blocks[block] if block >= 0 else None))
    return found
