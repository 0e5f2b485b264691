"""News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom files, each item (an Atom entry) an article of its own.

A feed saved from a site, or an aggregator's export, holds the site's latest stories: the text of each is its full
content (``content:encoded``, an Atom ``content``) when the feed carries it, else its summary (``description``,
an Atom ``summary``). HTML content with paragraphs is read through the HTML route, as a scraper's JSON is
(``flows.steps.articlejson``); other content as plain text, its markup dropped. The item says what the story is:
title, link, date (``pubDate``, ``dc:date``, Atom ``published`` else ``updated``), authors (``author``,
``dc:creator``, Atom ``author/name``; an Atom entry without any takes its ``source``'s, else the feed's, as RFC 4287
says), categories as tags, the summary when the text is the content, and the
site the item names as its source (an aggregator's), else the feed's title, as the site.

An item's key is its ``guid`` (an Atom ``id``), else its link, so that a feed saved again later, with new stories
on top, names the same documents (``flows.steps.containers``). A feed that is not well-formed XML is read as well
as can be done safely (``parse_feed``). Pure: bytes in, items, ``Extracted`` or ``Problem``
out.
"""

from __future__ import annotations

import codecs
import re
from copy import deepcopy
from html import unescape
from urllib.parse import urljoin
from typing import Any

from lxml import etree, html

from flows.models import Metadata, Reason
from flows.steps.articlejson import field_date, markup_of
from flows.steps.formats import Extracted, Problem, _clean
from flows.steps.metadata import byline_person, page_tags
from flows.steps.newsxml import children_named, local_name, named_references, parse_xml, root_element
from flows.steps.pagetext import page_lines, parse_page, xml_safe

#: the root elements of feeds, without their prefix: RSS 2.0 (and 0.9x), RSS 1.0 (``rdf:RDF``), Atom
FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
#: the elements of items by their local name, whatever their namespace (RSS 1.0 puts its items in one)
_ITEMS = frozenset({"item", "entry"})
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
#: an RSS ``author`` is an e-mail address, the name in brackets: "jdoe@example.com (Jane Doe)"
_MAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")
_MAIL = re.compile(r"^\s*\S+@\S+\s*$")

Element = Any  # an lxml element


def is_feed(head: bytes) -> bool:
    """Whether bytes (a file's first kilobytes) open a feed: their root element is ``rss``, ``rdf:RDF`` or
    ``feed``."""
    root = root_element(head)
    return root is not None and root.rpartition(":")[2] in FEED_ROOTS


#: a CDATA section or a comment, where an ampersand is text and stays as it is; one left open runs to the end of the
#: file (as it does for the parser), so that the next opening is not followed to the end again (quadratic time)
_QUOTED = rb"<!\[CDATA\[(?:.*?\]\]>|.*)|<!--(?:.*?-->|.*)"
#: an ampersand that starts no entity or character reference ("News & Views"), or a ``_QUOTED`` part
_STRAY_AMPERSAND = re.compile(_QUOTED + rb"|&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_:][\w.:-]*;)", re.DOTALL)
#: XML's own entity references, outside CDATA sections and comments: libxml2's recovering parser drops them from
#: the text after the first damage, where it keeps character references
_PREDEFINED = re.compile(_QUOTED + rb"|&(amp|lt|gt|quot|apos);", re.DOTALL)
_CODES = {b"amp": b"&#38;", b"lt": b"&#60;", b"gt": b"&#62;", b"quot": b"&#34;", b"apos": b"&#39;"}
#: how many of the recovering parser's complaints a damaged feed's problem names
RECOVERED_ERRORS = 2


#: the encodings of XML whose characters are no single bytes, by how the file opens (a byte order mark, else "<"
#: as XML's appendix F tells them); the longer marks first, UTF-32's starting as UTF-16's does
_WIDE_OPENINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"),
)
#: the encoding an XML declaration names
_DECLARED_ENCODING = re.compile(rb"^(<\?xml[^>]*?\sencoding\s*=\s*[\"'])[^\"']*")


def _escaped_ampersands(data: bytes) -> bytes:
    """The feed with its stray ampersands written ``&amp;``, as they were meant. A feed in UTF-16 or UTF-32, whose
    ampersands are no single bytes, is read in UTF-8 (its declaration saying so), as the recovering parser then
    reads it too; the same bytes when it cannot be decoded."""
    wide = next((codec for opening, codec in _WIDE_OPENINGS if data.startswith(opening)), None)
    if wide is None and b"\x00" in data[:4096]:
        return data
    try:
        narrow = data.decode(wide).lstrip("\ufeff").encode("utf-8") if wide is not None else data
    except UnicodeError:
        return data
    escaped = _STRAY_AMPERSAND.sub(lambda m: m.group() if m.group().startswith(b"<") else b"&amp;", narrow)
    return _DECLARED_ENCODING.sub(rb"\1UTF-8", escaped, count=1) if wide is not None else escaped


def parse_feed(data: bytes) -> tuple[Element, str | None] | Problem:
    """The feed's parsed tree (entities left unexpanded, HTML's named ones read as HTML defines them), and what was
    passed over to read it, or why it cannot be read. A feed that is not well-formed is read as well as can be done
    without guessing at its words: a stray ampersand ("News & Views", the commonest fault of feeds written by hand
    or by templates) is read as the character it is, losing nothing; then, for other damage (a tag left open, a
    file cut short), libxml2's recovering parser keeps the items it can still read, and the second value names the
    damage. Entities the file declares are never expanded, in either way."""
    root = parse_xml(data, "feed")
    recovered = None
    if isinstance(root, Problem) and root.reason == Reason.UNREADABLE:
        escaped = _escaped_ampersands(data)
        root = parse_xml(escaped, "feed") if escaped != data else root
        if isinstance(root, Problem):
            found = _recovered(escaped, root)
            if isinstance(found, Problem):
                return found
            root, recovered = found
    if isinstance(root, Problem):
        return root
    if local_name(root) not in FEED_ROOTS:
        return Problem(Reason.UNSUPPORTED_TYPE, f"XML whose root element is <{local_name(root)}>, not a feed")
    return root, recovered


def _recovered(data: bytes, strict: Problem) -> tuple[Element, str] | Problem:
    """The tree libxml2's recovering parser reads from a feed that is not well-formed, and what it complained of;
    ``strict``, the strict parser's problem, when it reads no tree either."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        numbered = _PREDEFINED.sub(lambda m: _CODES[m.group(1)] if m.group(1) else m.group(), named_references(data))
        root = etree.fromstring(numbered, parser)
    except Exception:  # noqa: BLE001  (lxml raises several kinds on malformed files)
        return strict
    if root is None:
        return strict
    errors = [f"line {e.line}: {e.message}" for e in parser.error_log][:RECOVERED_ERRORS]
    return root, "; ".join(errors) or "damaged"


def feed_tree(data: bytes) -> Element | Problem:
    """The feed's parsed tree (``parse_feed``), or why it cannot be read."""
    parsed = parse_feed(data)
    return parsed if isinstance(parsed, Problem) else parsed[0]


def feed_items(root: Element, *, damaged: bool = False) -> list[Element]:
    """The items of a feed, in their order: RSS's ``item`` (in ``channel``, or beside it in RSS 1.0), Atom's
    ``entry``; of a ``damaged`` feed's tree (``parse_feed``), those at any depth too: libxml2 recovers a tag left
    open by keeping it open, so that the items after it lie inside it."""
    if damaged:
        return [e for e in root.iter() if e is not root and local_name(e) in _ITEMS]
    return [child for parent in (root, *root) for child in parent if local_name(child) in _ITEMS]


def _text(item: Element, *names: str) -> str | None:
    for child in children_named(item, *names):
        if (value := _clean("".join(child.itertext()))) is not None:
            return value
    return None


def item_key(item: Element) -> str | None:
    """What names the item: its ``guid`` or Atom ``id``, else its link."""
    return _text(item, "guid", "id") or _link(item)


def _link(item: Element) -> str | None:
    """The item's link (Atom's ``alternate``), relative to the ``xml:base`` around it when one is set."""
    for link in children_named(item, "link"):
        href = link.get("href")  # Atom: <link rel="alternate" href="..."/>
        if href is not None and link.get("rel", "alternate") == "alternate" and href.strip():
            return urljoin(link.base or "", href.strip())
        if href is None and (text := _clean(link.text)):
            return urljoin(link.base or "", text)
    return None


def _authors(item: Element, *names_of: str) -> list[str]:
    """The people an item names as its authors (``author``, ``dc:creator``; ``names_of``: those elements only)."""
    names = []
    for child in children_named(item, *(names_of or ("author", "creator"))):
        value = _clean(child.findtext(f"{ATOM}name") if child.find(f"{ATOM}name") is not None else "".join(child.itertext()))
        if value is None:
            continue
        if (mail := _MAIL_NAME.match(value)) is not None:
            value = mail["name"].strip()
        elif _MAIL.match(value):
            continue  # an address alone names no one
        names.append(byline_person(value) or value)
    return names


def _inherited_authors(item: Element) -> list[str]:
    """The authors of an Atom entry that names none of its own (RFC 4287, 4.2.1): those of its ``source`` (the feed
    an aggregator took it from), else those of the feed that holds it."""
    if item.tag != f"{ATOM}entry":
        return []
    for source in (child for child in item if child.tag == f"{ATOM}source"):
        if authors := _atom_authors(source):
            return authors
    feed = item.getparent()
    return _atom_authors(feed) if feed is not None and feed.tag == f"{ATOM}feed" else []


def _atom_authors(element: Element) -> list[str]:
    return _authors(element, "author") if any(child.tag == f"{ATOM}author" for child in element) else []


def _inner(element: Element) -> str:
    """What an element holds, as written: its text, or HTML escaped in it (``&lt;p&gt;``, CDATA), or HTML set in
    it unescaped as elements of the feed (Atom's ``xhtml`` content, and feeds that write ``<p>`` in a
    ``description``)."""
    if any(isinstance(e.tag, str) and e.tag.startswith(XHTML) for e in element.iterdescendants()):
        copy = etree.Element("content")  # XHTML as HTML: <xhtml:p> (or <p xmlns="...">) as <p>, which the HTML route reads
        copy.text = element.text
        copy.extend(deepcopy(child) for child in element)
        for e in copy.iterdescendants():
            if isinstance(e.tag, str) and e.tag.startswith(XHTML):
                e.tag = e.tag[len(XHTML) :]
        etree.cleanup_namespaces(copy)
        element = copy
    return (element.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)


def _content(item: Element) -> tuple[str, bool] | None:
    """The item's article text and whether it is its full content (else its summary)."""
    for child in item:
        if (child.tag == CONTENT or child.tag == f"{ATOM}content") and (value := _inner(child)).strip():
            return value, True
    summary = _text_of(item, "description", "summary")
    return (summary, False) if summary is not None else None


def _text_of(item: Element, *names: str) -> str | None:
    for child in children_named(item, *names):
        if (value := _inner(child)).strip():
            return value
    return None


def _fragment(markup: str) -> Element | None:
    try:
        return html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _same_url(href: str, link: str) -> bool:
    return href.strip().rstrip("/").split("#")[0] == link.strip().rstrip("/")


def without_own_link(markup: str, link: str | None) -> str:
    """The content without what links to the item itself at its end: a "Read more" link after a summary, the
    closing paragraph of a blog's feed ("The post ... appeared first on ..."). The story never links to
    itself; a paragraph with such a link that is not the last, or is the only one, stays."""
    if not link or "<a" not in markup or (tree := _fragment(markup)) is None:
        return markup
    own = [a for a in tree.iter("a") if _same_url(a.get("href") or "", link)]
    if not own:
        return markup
    last = own[-1]
    block = last
    while block.getparent() is not None and block.getparent() is not tree:
        block = block.getparent()
    before = bool((tree.text or "").strip()) or block.getprevious() is not None
    if block is not last and block is tree[-1] and not (block.tail or "").strip() and before:
        tree.remove(block)  # the closing paragraph, after the story's own
    elif not (last.tail or "").strip() and last.getnext() is None:
        last.drop_tree()  # the link that ends a summary
    else:
        return markup
    return "".join([tree.text or "", *(etree.tostring(child, encoding="unicode") for child in tree)])


def _plain(markup: str) -> str:
    """A summary or content without its markup, one paragraph per line (``pagetext.page_lines``), its character
    references read (a WordPress excerpt in CDATA: "It&#8217;s")."""
    if not _TAG.search(markup):
        return unescape(markup).strip()
    if (root := parse_page(xml_safe(markup))) is None:
        return unescape(_TAG.sub(" ", markup)).strip()
    return page_lines(root)


def _source(item: Element) -> str | None:
    """The name of the site an aggregator's item came from: RSS's ``<source url="...">Example Times</source>``
    (Google News writes one in every item), an Atom entry's ``source`` feed's title."""
    for source in children_named(item, "source"):
        if (name := _text(source, "title") if len(source) else _clean(source.text)) is not None:
            return name
    return None


def item_article(item: Element, *, site: str | None) -> Extracted | Problem:
    """The article an item holds: its content (or summary), and what the item says about it."""
    found = _content(item)
    if found is None:
        return Problem(Reason.EMPTY, "a feed item without content or summary (content:encoded, content, description, summary)")
    text, full = found
    link = _link(item)
    text = without_own_link(text, link)
    summary = _text_of(item, "description", "summary") if full else None
    tags = [t for child in children_named(item, "category", "subject") for t in (child.get("term") or child.get("label") or child.text or "").split(";")]
    authors = _authors(item)
    inherited = not authors and bool(authors := _inherited_authors(item))
    properties = Metadata(
        title=_clean(_plain(_text_of(item, "title") or "")),
        author=_clean("; ".join(authors)) if authors else None,
        site=_source(item) or site,
        url=link if link and re.match(r"https?://", link, re.IGNORECASE) else None,
        published=next((d for name in ("pubDate", "date", "published", "issued", "updated", "modified") if (d := field_date(_text(item, name)))), None),
        description=_clean(_plain(without_own_link(summary, link))) if summary else None,
        tags=page_tags(t for t in tags if t.strip()),
    )
    identity = etree.tostring(item) + (site or "").encode()  # the item as the feed holds it, and the site
    if inherited:  # and the feed's authors, which it takes
        identity += "\x00".join(authors).encode()
    if markup_of(text) == "html":
        return Extracted(text=text, markup="html", encoding="feed", properties=properties, identity=identity)
    lines = [line for line in _plain(text).split("\n") if byline_person(line) not in authors]  # "By Jane Doe", the item's
    return Extracted(text="\n".join(lines), markup="text", encoding="feed", properties=properties, identity=identity)


def feed_site(root: Element) -> str | None:
    """The feed's title: the site's name ("Example Times"), or ``None``."""
    channel = next(iter(children_named(root, "channel")), root)
    return _text(channel, "title")
